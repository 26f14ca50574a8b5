from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from ..models import ApiToken


class SignInSerializer(serializers.Serializer):
    username = serializers.CharField(label=_("username"), max_length=150)
    password = serializers.CharField(label=_("password"), max_length=4096, trim_whitespace=False, style={"input_type": "password"})
    otp = serializers.CharField(
        label=_("two-factor code"), max_length=16, required=False, allow_blank=True,
        help_text=_("The current code of the authenticator app, for those who sign in with one."),
    )
    name = serializers.CharField(label=_("name"), max_length=100, required=False, allow_blank=True,
                                 help_text=_("What the token is for, e.g. the script that uses it."))


class IssuedTokenSerializer(serializers.ModelSerializer):
    token = serializers.CharField(source="key", read_only=True, help_text=_("Shown once: only its digest is kept."))

    class Meta:
        model = ApiToken
        fields = ["token", "id", "name", "expires_at"]


class TokenSerializer(serializers.ModelSerializer):
    user = serializers.CharField(source="user.username", read_only=True)
    active = serializers.BooleanField(read_only=True)

    class Meta:
        model = ApiToken
        fields = ["id", "user", "name", "prefix", "created_at", "last_used_at", "expires_at", "revoked_at", "active", "two_factor"]
        read_only_fields = fields
