"""Signing in and out, one's own account (password, two-factor, tokens), and the administrators' users pages."""

import base64
from typing import Any
from urllib.parse import urlencode

import segno
from django.contrib import messages
from django.contrib.auth import update_session_auth_hash
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from bordertwin import access
from bordertwin.core.choices import Side
from bordertwin.core.forms import apply_errors
from bordertwin.core.history import change_entries
from bordertwin.core.views import page_size

from . import services
from .forms import CodeForm, GrantRoleForm, NewTokenForm, NewUserForm, PolicyForm, TemporaryPasswordForm
from .models import Membership, SignInEvent, SignInPolicy, User


def _next(request: HttpRequest, default: str = "home") -> str:
    wanted = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(wanted, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return wanted
    return reverse(default)


def _locked(request: HttpRequest, locked: services.SignInLocked) -> HttpResponse:
    """The sign-in page saying only that it is locked, and for how long (429, Retry-After)."""
    form = AuthenticationForm(request, initial={"username": request.POST.get("username", "")[:150]})
    response = render(request, "accounts/login.html", {"form": form, "next": _next(request), "locked": locked.message}, status=429)
    response["Retry-After"] = str(locked.seconds)
    return response


@method_decorator(login_not_required, name="dispatch")
class SignInView(auth_views.LoginView):
    """The password step; failures count against the account and the address, and lock both for a while."""

    template_name = "accounts/login.html"

    def post(self, request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            services.check_not_locked(request.POST.get("username", "")[:150], services.client_address(request))
        except services.SignInLocked as locked:
            return _locked(request, locked)
        return super().post(request, *args, **kwargs)

    def form_invalid(self, form: Any) -> HttpResponse:
        username = form.data.get("username", "")[:150]
        if username and form.data.get("password"):
            try:
                services.record_failure(self.request, username, SignInEvent.Channel.WEB)
            except services.SignInLocked as locked:
                return _locked(self.request, locked)
        return super().form_invalid(form)

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        services.record_success(self.request, form.get_user(), SignInEvent.Channel.WEB)
        return response


def account(request: HttpRequest) -> HttpResponse:
    user = access.signed_in_user(request.user)
    return render(request, "accounts/account.html", {
        "device": services.confirmed_device(user),
        "two_factor_required": services.two_factor_required(user),
        "tokens": services.visible_tokens(user).filter(user=user, revoked_at__isnull=True),
        "events": SignInEvent.objects.filter(user=user)[:10],
    })


def password_change(request: HttpRequest) -> HttpResponse:
    user = access.signed_in_user(request.user)
    form = PasswordChangeForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.change_password(user, form.cleaned_data["new_password1"])
        except ValidationError as error:
            form.add_error("new_password2", error.messages)
        else:
            update_session_auth_hash(request, user)
            messages.success(request, _("Your password was changed. You were signed out on your other devices and your API tokens were revoked."))
            return redirect(_next(request, "accounts:account"))
    return render(request, "accounts/password_change.html", {"form": form, "next": _next(request, "accounts:account"),
                                                             "temporary": user.must_change_password})


@never_cache  # it shows a secret (the new token, the app's key)
def two_factor(request: HttpRequest) -> HttpResponse:
    """Set up an authenticator app: scan the code (or type the key), then confirm with the code it shows."""
    user = access.signed_in_user(request.user)
    device = services.confirmed_device(user)
    if device is not None:
        return render(request, "accounts/two_factor.html", {"device": device, "required": services.two_factor_required(user)})
    device = services.enrolment_device(user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if services.confirm_enrolment(request, device, form.cleaned_data["code"]):
            messages.success(request, _("Two-factor sign-in is set up: from now on you sign in with a code from your app."))
            return redirect(_next(request, "accounts:account"))
        form.add_error("code", _("This code is not the one your app shows now. Check the time on your phone and try again."))
    uri = device.config_url
    return render(request, "accounts/two_factor.html", {
        "form": form, "uri": uri, "qr": segno.make(uri, error="m").svg_data_uri(scale=4),
        "secret": base64.b32encode(device.bin_key).decode(), "next": _next(request, "accounts:account"),
        "required": services.two_factor_required(user),
    })


@require_POST
def two_factor_remove(request: HttpRequest) -> HttpResponse:
    services.remove_two_factor(access.signed_in_user(request.user), acting_user=request.user)
    messages.success(request, _("Two-factor sign-in was removed."))
    return redirect("accounts:account")


def two_factor_verify(request: HttpRequest) -> HttpResponse:
    """The second step of signing in for those with an authenticator app."""
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            verified = services.verify_sign_in(request, form.cleaned_data["code"])
        except services.SignInLocked as locked:
            response = render(request, "accounts/two_factor_verify.html", {"form": form, "locked": locked.message}, status=429)
            response["Retry-After"] = str(locked.seconds)
            return response
        if verified:
            return redirect(_next(request))
        form.add_error("code", _("This code is not the one your app shows now."))
    return render(request, "accounts/two_factor_verify.html", {"form": form, "next": _next(request)})


@never_cache  # it shows a secret (the new token, the app's key)
def tokens(request: HttpRequest) -> HttpResponse:
    """One's API tokens: create a named one (its key is shown once), see when each was used, revoke."""
    user = access.signed_in_user(request.user)
    form = NewTokenForm(request.POST or None)
    issued = None
    if request.method == "POST" and form.is_valid():
        verified = user.is_verified()  # type: ignore[attr-defined]  # django-otp's middleware gives the user is_verified()
        issued = services.issue_token(user, form.cleaned_data["name"], two_factor=verified)
        form = NewTokenForm()
    return render(request, "accounts/tokens.html", {
        "form": form, "issued": issued, "tokens": services.visible_tokens(user).filter(user=user),
    })


@require_POST
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(services.visible_tokens(request.user), pk=pk)
    services.revoke_token(token, acting_user=request.user)
    messages.success(request, _("The token was revoked."))
    if token.user_id != request.user.pk:
        return redirect("accounts:user_detail", token.user_id)
    return redirect("accounts:tokens")


# --- Administrators ---------------------------------------------------------------------------------------------------


def _require_administrator(request: HttpRequest) -> None:
    if not services.administers(request.user):
        raise PermissionDenied(_("Only administrators manage users."))


def users(request: HttpRequest) -> HttpResponse:
    _require_administrator(request)
    query = request.GET.get("q", "")[:150]
    listed = services.manageable_users(request.user).prefetch_related(
        Prefetch("memberships", queryset=Membership.objects.select_related("place", "organisation")))
    if query:
        listed = listed.filter(Q(username__icontains=query) | Q(first_name__icontains=query) | Q(last_name__icontains=query))
    page = Paginator(listed, page_size(request)).get_page(request.GET.get("page"))
    policies = {p.side: p.two_factor_required for p in SignInPolicy.objects.all()}
    sides = [(side, label, policies.get(side, False), services.may_set_policy(request.user, side))
             for side, label in Side.choices]
    return render(request, "accounts/users.html", {"page_obj": page, "q": query, "sides": sides, "query": urlencode({"q": query})})


def user_add(request: HttpRequest) -> HttpResponse:
    _require_administrator(request)
    form = NewUserForm(request.POST or None, admin=request.user)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in ("first_name", "last_name", "email", "language")}
        try:
            user = services.create_user(username=form.cleaned_data["username"], password=form.cleaned_data["password1"],
                                        side=form.cleaned_data.get("side"), acting_user=request.user, **fields)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The user was created. Give them their temporary password: they choose their own at first sign-in."))
            return redirect("accounts:user_detail", user.pk)
    return render(request, "accounts/user_form.html", {"form": form, "title": _("New user")})


def _managed(request: HttpRequest, pk: int) -> User:
    """A user the administrator manages; anyone else looks absent."""
    return get_object_or_404(services.manageable_users(request.user), pk=pk)


def user_detail(request: HttpRequest, pk: int) -> HttpResponse:
    user = _managed(request, pk)
    memberships = user.memberships.select_related("place", "organisation")
    return render(request, "accounts/user_detail.html", {
        "subject": user,
        "memberships": [(m, services.may_withdraw(request.user, m)) for m in memberships],
        "grant_form": GrantRoleForm(admin=request.user, user=user),
        "device": services.confirmed_device(user),
        "tokens": services.visible_tokens(request.user).filter(user=user),
        "events": SignInEvent.objects.filter(user=user)[:20],
        "entries": change_entries(user, limit=50),
        "role_log": services.role_log(user)[:50],
    })


@require_POST
def user_grant(request: HttpRequest, pk: int) -> HttpResponse:
    user = _managed(request, pk)
    form = GrantRoleForm(request.POST, admin=request.user, user=user)
    if form.is_valid():
        try:
            services.grant_role(user, form.cleaned_data["role"], place=form.cleaned_data["place"],
                                organisation=form.cleaned_data["organisation"], acting_user=request.user)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, _("The role was granted."))
            return redirect("accounts:user_detail", user.pk)
    for errors in form.errors.values():
        for message in errors:
            messages.error(request, str(message))
    return redirect("accounts:user_detail", user.pk)


@require_POST
def membership_withdraw(request: HttpRequest, pk: int, membership_pk: int) -> HttpResponse:
    user = _managed(request, pk)
    membership = get_object_or_404(user.memberships, pk=membership_pk)
    services.withdraw_role(membership, acting_user=request.user)
    messages.success(request, _("The role was withdrawn."))
    return redirect("accounts:user_detail", user.pk)


@require_POST
def user_active(request: HttpRequest, pk: int) -> HttpResponse:
    user = _managed(request, pk)
    active = request.POST.get("active") == "1"
    services.set_active(user, active, acting_user=request.user)
    messages.success(request, _("The user can sign in again.") if active else _("The user was deactivated and signed out everywhere."))
    return redirect("accounts:user_detail", user.pk)


def user_password(request: HttpRequest, pk: int) -> HttpResponse:
    user = _managed(request, pk)
    form = TemporaryPasswordForm(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.reset_password(user, form.cleaned_data["new_password1"], acting_user=request.user)
        messages.success(request, _("The temporary password was set. The user was signed out everywhere and chooses a new password at next sign-in."))
        return redirect("accounts:user_detail", user.pk)
    return render(request, "accounts/user_form.html", {"form": form, "title": _("Reset the password of {user}").format(user=user.username),
                                                       "cancel": reverse("accounts:user_detail", args=[user.pk])})


@require_POST
def user_two_factor_remove(request: HttpRequest, pk: int) -> HttpResponse:
    user = _managed(request, pk)
    services.remove_two_factor(user, acting_user=request.user)
    messages.success(request, _("Two-factor sign-in was removed: the user sets it up again at next sign-in if required."))
    return redirect("accounts:user_detail", user.pk)


@require_POST
def policy(request: HttpRequest) -> HttpResponse:
    form = PolicyForm(request.POST)
    if not form.is_valid():
        raise PermissionDenied
    services.set_two_factor_policy(form.cleaned_data["side"], form.cleaned_data["required"], acting_user=request.user)
    messages.success(request, _("The sign-in policy was saved."))
    return redirect("accounts:users")


def sign_ins(request: HttpRequest) -> HttpResponse:
    """The sign-in audit: sign-ins, failures, locks and sign-outs of the users an administrator manages."""
    _require_administrator(request)
    events = services.sign_in_events(request.user)
    outcome = request.GET.get("outcome", "")
    if outcome in SignInEvent.Outcome.values:
        events = events.filter(outcome=outcome)
    page = Paginator(events, page_size(request)).get_page(request.GET.get("page"))
    return render(request, "accounts/sign_ins.html", {"page_obj": page, "outcome": outcome, "outcomes": SignInEvent.Outcome.choices,
                                                      "query": urlencode({"outcome": outcome})})
