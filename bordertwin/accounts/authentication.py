"""The API signs in with the named, expiring tokens of bordertwin.accounts (header `Authorization: Token <key>`)."""

from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _
from rest_framework import authentication, exceptions
from rest_framework.request import Request

from . import services


class ApiTokenAuthentication(authentication.TokenAuthentication):
    """A token that is unknown, revoked or expired, or whose user may no longer sign in, answers 401.

    A request signed in by token and without an Accept-Language header is answered in the user's saved language:
    LocaleMiddleware chose the language before DRF signed the token's user in (a page's user has it chosen by
    UserLanguageMiddleware)."""

    def authenticate(self, request: Request) -> tuple[Any, Any] | None:
        signed_in = super().authenticate(request)
        language = getattr(signed_in[0], "language", "") if signed_in else ""
        if language and "Accept-Language" not in request.headers:
            translation.activate(language)
        return signed_in

    def authenticate_credentials(self, key: str) -> tuple[Any, Any]:
        token = services.token_for_key(key)
        if token is None:
            raise exceptions.AuthenticationFailed(_("Invalid, expired or revoked token."))
        if not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("User inactive or deleted."))
        if services.two_factor_required(token.user) and not token.two_factor:
            raise exceptions.AuthenticationFailed(_("Two-factor sign-in is now required: ask for a new token with your code."))
        services.note_token_use(token)
        return token.user, token

