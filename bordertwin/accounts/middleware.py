from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from . import services


class UserLanguageMiddleware:
    """A signed-in user works in the language they chose, on every device."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        language = getattr(user, "language", "") if user is not None and user.is_authenticated else ""
        if not language:
            return self.get_response(request)
        request.LANGUAGE_CODE = language
        with translation.override(language):
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


# The pages a user may open while a sign-in step is pending (besides signing out and choosing a language).
STEP_PAGES = {
    services.VERIFY: "accounts:two_factor_verify",
    services.CHANGE_PASSWORD: "accounts:password_change",
    services.ENROL: "accounts:two_factor",
}
ALWAYS_OPEN = {"accounts:login", "accounts:logout", "core:set_language"}


class SignInStepsMiddleware:
    """A signed-in user first does what is pending: type their two-factor code, change a temporary password, set up 2FA.

    Pages send them to that step and back; the API (by session) answers 403 until it is done.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(self, request: HttpRequest, view_func: Callable[..., Any], args: Any, kwargs: Any) -> HttpResponse | None:
        step = services.pending_step(request.user)
        if step is None:
            return None
        view_name = request.resolver_match.view_name if request.resolver_match else ""
        if view_name == STEP_PAGES[step] or view_name in ALWAYS_OPEN:
            return None
        if request.path.startswith("/api/"):
            return JsonResponse({"detail": _("Finish signing in on the web page first.")}, status=403)
        return redirect(f"{reverse(STEP_PAGES[step])}?{urlencode({'next': request.get_full_path()})}")
