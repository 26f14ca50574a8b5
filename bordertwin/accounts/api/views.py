"""Tokens of the API: issued for a username and password (and two-factor code), listed and revoked by their user or an administrator."""

from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import ProhibitNullCharactersValidator
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import exceptions, generics, permissions, status
from rest_framework.request import Request
from rest_framework.response import Response

from bordertwin import access

from .. import services
from ..models import ApiToken, User
from .serializers import IssuedTokenSerializer, SignInSerializer, TokenSerializer


class IssueTokenView(generics.GenericAPIView):
    """A new token (valid BORDERTWIN_TOKEN_DAYS days) for a username, password and, for those who use one, a two-factor code."""

    authentication_classes: list[Any] = []
    permission_classes = [permissions.AllowAny]
    serializer_class = SignInSerializer

    @extend_schema(operation_id="auth_token_issue", responses={200: IssuedTokenSerializer})
    def post(self, request: Request) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        try:
            token = services.sign_in_for_token(request, **serializer.validated_data)
        except services.SignInLocked as locked:
            raise exceptions.Throttled(wait=locked.seconds, detail=locked.message) from locked
        return Response(IssuedTokenSerializer(token).data)


OWNER = OpenApiParameter("user", str, description="An administrator names a user they manage (username); default: yourself.")


class TokenListView(generics.GenericAPIView):
    """Your tokens, or those of a user you manage; DELETE revokes all of them."""

    serializer_class = TokenSerializer
    queryset = ApiToken.objects.none()  # the schema's model; each request reads services.visible_tokens
    pagination_class = None

    def owner(self) -> User:
        username = self.request.query_params.get("user")
        if not username:
            return access.signed_in_user(self.request.user)
        try:
            ProhibitNullCharactersValidator()(username)
        except ValidationError as invalid:
            raise exceptions.ValidationError({"user": invalid.messages}) from invalid
        return get_object_or_404(services.manageable_users(self.request.user), username=username)

    def get_queryset(self) -> Any:
        return services.visible_tokens(self.request.user).filter(user=self.owner())

    @extend_schema(operation_id="auth_tokens_list", parameters=[OWNER], responses={200: TokenSerializer(many=True)})
    def get(self, request: Request) -> Response:
        return Response(self.get_serializer(self.get_queryset(), many=True).data)

    @extend_schema(operation_id="auth_tokens_revoke_all", parameters=[OWNER], responses={204: None})
    def delete(self, request: Request) -> Response:
        for token in self.get_queryset().filter(revoked_at__isnull=True):
            services.revoke_token(token, acting_user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


class TokenDetailView(generics.GenericAPIView):
    """One token of yours or of a user you manage; DELETE revokes it (it then answers 401)."""

    serializer_class = TokenSerializer
    queryset = ApiToken.objects.none()

    def get_object(self) -> ApiToken:
        return get_object_or_404(services.visible_tokens(self.request.user), pk=self.kwargs["pk"])

    @extend_schema(operation_id="auth_token_retrieve")
    def get(self, request: Request, pk: int) -> Response:
        return Response(self.get_serializer(self.get_object()).data)

    @extend_schema(operation_id="auth_token_revoke", responses={204: None})
    def delete(self, request: Request, pk: int) -> Response:
        services.revoke_token(self.get_object(), acting_user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)
