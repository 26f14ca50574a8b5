"""Accounts: who manages whom, roles, passwords, sign-in protection and audit, API tokens, two-factor sign-in.

Administration follows bordertwin.access: memberships are reference data (`Membership`
declares its places), so an administrator grants and withdraws roles over the places and
organisations their own administrator roles cover. They manage the users of their side
whose every role lies within that scope; a superuser manages everyone. Every change is
written to the change log with the acting user and a reason.
"""

import getpass
import hashlib
import logging
import math
import secrets
import time
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.contrib.auth import authenticate, password_validation
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from bordertwin import access
from bordertwin.access import Role
from bordertwin.access.users import Actor
from bordertwin.core import context
from bordertwin.places.models import Organisation, Place

from .models import ApiToken, Membership, SignInEvent, SignInPolicy, User

log = logging.getLogger("bordertwin.accounts")

# --- Who manages whom -------------------------------------------------------------------------------------------------


def administers(admin: Any) -> bool:
    """Whether `admin` manages any user: a superuser, or an administrator over some place or organisation."""
    return access.signed_in(admin) and (admin.is_superuser or not access.scope(admin, access.CHANGE, Membership).empty)


def manageable_users(admin: Any) -> QuerySet[User]:
    """The users `admin` manages: of their side, not superusers, every role within the administrator's scope.

    Nobody manages their own account here (they change their password on their own page).
    """
    users = User.objects.exclude(pk=getattr(admin, "pk", None))  # type: ignore[misc]  # pk=None (no one signed in) excludes nobody
    if not administers(admin):
        return users.none()
    if admin.is_superuser:
        return users
    outside = Membership.objects.exclude(access.scope(admin, access.CHANGE, Membership).q(Membership)).values("user")
    return users.filter(side=admin.side, is_superuser=False).exclude(pk__in=outside)


def manages(admin: Any, user: User) -> bool:
    return manageable_users(admin).filter(pk=user.pk).exists()


def _require_manages(admin: Any, user: User) -> None:
    if not manages(admin, user):
        raise PermissionDenied(_("You do not manage this user."))


# --- Roles ------------------------------------------------------------------------------------------------------------


def may_grant(admin: Any, membership: Membership) -> bool:
    """Whether `admin` may give this role: they manage its user and their scope covers its place or organisation."""
    return manages(admin, membership.user) and access.can(admin, access.ADD, membership)


@transaction.atomic
def grant_role(
    user: User, role: str, *, place: Place | None = None, organisation: Organisation | None = None,
    acting_user: Actor | None = None, reason: str = "",
) -> Membership:
    """Give `user` a role over a place (and all below it), an organisation, or everywhere.

    With an acting user, they must be allowed to grant it (`may_grant`); without one (the
    command line, run by whoever operates the server) `reason` says who it was.
    """
    if role not in Role.values:
        raise ValidationError({"role": _("Unknown role “{role}”.").format(role=role)})
    existing = Membership.objects.filter(user=user, role=role, place=place, organisation=organisation).first()
    if existing is not None:
        return existing
    membership = Membership(user=user, role=role, place=place, organisation=organisation)
    membership.full_clean()
    if acting_user is not None and not may_grant(acting_user, membership):
        raise PermissionDenied(_("You may grant roles only to users you manage, over places your scope covers."))
    with context.acting(acting_user, reason or _("Role granted")):
        membership.save()
    return membership


def may_withdraw(admin: Any, membership: Membership) -> bool:
    return manages(admin, membership.user) and access.can(admin, access.DELETE, membership)


@transaction.atomic
def withdraw_role(membership: Membership, *, acting_user: Actor | None = None) -> None:
    if acting_user is not None and not may_withdraw(acting_user, membership):
        raise PermissionDenied(_("You may withdraw roles only from users you manage, over places your scope covers."))
    with context.acting(acting_user, _("Role withdrawn")):
        membership.delete()


def role_log(user: User) -> QuerySet[Any]:
    """Every role the user was granted or lost: when, by whom, why (the memberships' change log)."""
    return (Membership.history.filter(user_id=user.pk).select_related("history_user", "place", "organisation")
            .order_by("-history_date", "-history_id"))


def grantable_places(admin: Any, side: str) -> QuerySet[Place]:
    """The places of `side` over which `admin` may grant roles."""
    return access.restrict(Place.objects.filter(country=side), admin, access.CHANGE)


def grantable_organisations(admin: Any, side: str) -> QuerySet[Organisation]:
    return access.restrict(Organisation.objects.filter(place__country=side), admin, access.CHANGE).select_related("place")


def command_line_actor() -> str:
    """The reason a change made on the command line without `--by` records: who ran it on the server."""
    try:
        name = getpass.getuser()
    except (KeyError, OSError):
        name = "?"
    return _("Command line (system user {name})").format(name=name)


# --- Users and passwords ----------------------------------------------------------------------------------------------


def validate_new_password(password: str, user: User) -> None:
    """The password validators of the settings, as a field error of `password`."""
    try:
        password_validation.validate_password(password, user)
    except ValidationError as error:
        raise ValidationError({"password": error.messages}) from error


def _save_password(user: User, password: str, *, acting_user: Actor, reason: str, temporary: bool) -> None:
    validate_new_password(password, user)
    user.set_password(password)
    user.must_change_password = temporary
    with context.acting(acting_user, reason):
        user.save()
    # Every session of the user ends with the old password (Django's session hash); their API tokens too.
    revoke_all_tokens(user)


@transaction.atomic
def create_user(
    *, username: str, password: str, acting_user: Actor | None = None, side: str | None = None, reason: str = "",
    temporary: bool = True, **fields: Any,
) -> User:
    """A new user of the administrator's side, whose temporary password they change at first sign-in."""
    if acting_user is not None:
        if not administers(acting_user):
            raise PermissionDenied(_("Only administrators create users."))
        admin = access.signed_in_user(acting_user)  # an administrator has signed in
        if not admin.is_superuser:
            side = admin.side
    user = User(username=username, side=side or "VN", **fields)
    user.full_clean(exclude=["password"])
    validate_new_password(password, user)
    user.set_password(password)
    user.must_change_password = temporary
    with context.acting(acting_user, reason or _("User created")):
        user.save()
    return user


@transaction.atomic
def reset_password(user: User, password: str, *, acting_user: Actor) -> None:
    """An administrator gives a temporary password: the user is signed out everywhere and changes it at next sign-in."""
    _require_manages(acting_user, user)
    _save_password(user, password, acting_user=acting_user, reason=_("Password reset by an administrator"), temporary=True)
    unlock(user.username)


@transaction.atomic
def change_password(user: User, password: str) -> None:
    """The user chose a new password: their other sessions and their API tokens end."""
    _save_password(user, password, acting_user=user, reason=_("Password changed"), temporary=False)


@transaction.atomic
def set_active(user: User, active: bool, *, acting_user: Actor) -> None:
    """Deactivate (signed out everywhere, tokens revoked) or reactivate a user."""
    _require_manages(acting_user, user)
    user.is_active = active
    with context.acting(acting_user, _("User reactivated") if active else _("User deactivated")):
        user.save(update_fields=["is_active"])
    if not active:
        revoke_all_tokens(user)


# --- Sign-in protection and audit -------------------------------------------------------------------------------------


class SignInLocked(Exception):
    """Too many failed sign-ins for this account or from this address; `seconds` until the next try."""

    def __init__(self, seconds: int) -> None:
        super().__init__(seconds)
        self.seconds = seconds

    @property
    def message(self) -> str:
        minutes = max(1, math.ceil(self.seconds / 60))
        return ngettext(
            "Too many failed sign-ins. Try again in {minutes} minute.",
            "Too many failed sign-ins. Try again in {minutes} minutes.", minutes,
        ).format(minutes=minutes)


def client_address(request: HttpRequest) -> str:
    return request.META.get("REMOTE_ADDR", "") or ""


def _key(kind: str, what: str, value: str) -> str:
    # Hashed: usernames may hold any character, and the cache may be shared.
    return f"bordertwin:signin:{kind}:{what}:{hashlib.sha256(value.encode()).hexdigest()[:40]}"


def _subjects(username: str, address: str) -> list[tuple[str, str, int]]:
    subjects = [("account", username.strip().casefold(), settings.BORDERTWIN_SIGNIN_ACCOUNT_FAILURES)]
    if address:
        subjects.append(("address", address, settings.BORDERTWIN_SIGNIN_ADDRESS_FAILURES))
    return subjects


def locked_for(username: str, address: str) -> int:
    """Seconds until this account and this address may try again (0: now)."""
    now = time.time()
    until = [cache.get(_key(what, "lock", value)) or 0 for what, value, _limit in _subjects(username, address)]
    return max(0, math.ceil(max(until) - now))


def check_not_locked(username: str, address: str) -> None:
    seconds = locked_for(username, address)
    if seconds:
        log.info("Sign-in refused while locked: account %r, address %s, %d s left", username, address, seconds)
        raise SignInLocked(seconds)


def _event(request: HttpRequest, outcome: str, channel: str, *, user: User | None = None, username: str = "", detail: str = "") -> None:
    SignInEvent.objects.create(
        user=user, username=(username or getattr(user, "username", ""))[:150], address=client_address(request) or None,
        outcome=outcome, channel=channel, detail=detail,
    )


def record_failure(request: HttpRequest, username: str, channel: str, detail: str = "") -> None:
    """Count a failed sign-in against the account and the address; raise SignInLocked once either reaches its limit."""
    address = client_address(request)
    user = User.objects.filter(username=username).first()
    _event(request, SignInEvent.Outcome.FAILED, channel, user=user, username=username, detail=detail)
    window = settings.BORDERTWIN_SIGNIN_WINDOW_MINUTES * 60
    lock = settings.BORDERTWIN_SIGNIN_LOCK_MINUTES * 60
    locked = []
    for what, value, limit in _subjects(username, address):
        counter = _key(what, "failures", value)
        cache.add(counter, 0, window)
        try:
            failures = cache.incr(counter)
        except ValueError:  # the window ended between the two calls
            cache.set(counter, 1, window)
            failures = 1
        if failures >= limit:
            cache.set(_key(what, "lock", value), time.time() + lock, lock)
            cache.delete(counter)
            locked.append(what)
            log.warning("Sign-in locked for %d s after %d failures: %s %r (%s)", lock, failures, what,
                        username if what == "account" else address, channel)
            _event(request, SignInEvent.Outcome.LOCKED, channel, user=user, username=username,
                   detail=what)
    if locked:
        raise SignInLocked(lock)


def record_success(request: HttpRequest, user: User, channel: str) -> None:
    cache.delete(_key("account", "failures", user.username.strip().casefold()))
    _event(request, SignInEvent.Outcome.SIGNED_IN, channel, user=user)


def record_sign_out(request: HttpRequest, user: Actor | None) -> None:
    if user is not None and user.is_authenticated:
        _event(request, SignInEvent.Outcome.SIGNED_OUT, SignInEvent.Channel.WEB, user=user)


def unlock(username: str) -> None:
    value = username.strip().casefold()
    cache.delete_many([_key("account", "lock", value), _key("account", "failures", value)])


def sign_in_events(admin: Any) -> QuerySet[SignInEvent]:
    """The sign-in audit an administrator reads: their users' events; a superuser also reads attempts on unknown names."""
    events = SignInEvent.objects.select_related("user")
    if not administers(admin):
        return events.none()
    if admin.is_superuser:
        return events
    return events.filter(user__in=manageable_users(admin))


# --- API tokens -------------------------------------------------------------------------------------------------------


def _digest(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def issue_token(user: User, name: str = "", *, two_factor: bool = False) -> ApiToken:
    """A new token; its key is on the returned instance (`.key`) and nowhere else."""
    key = secrets.token_urlsafe(32)
    token = ApiToken.objects.create(
        user=user, name=name[:100], digest=_digest(key), prefix=key[:8], two_factor=two_factor,
        expires_at=timezone.now() + timedelta(days=settings.BORDERTWIN_TOKEN_DAYS),
    )
    token.key = key
    return token


def token_for_key(key: str) -> ApiToken | None:
    """The active token with this key, if any."""
    return (ApiToken.objects.select_related("user")
            .filter(digest=_digest(key), revoked_at__isnull=True, expires_at__gt=timezone.now()).first())


def note_token_use(token: ApiToken) -> None:
    """When a token was last used, to the minute (no write on every request)."""
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)


def visible_tokens(actor: Any) -> QuerySet[ApiToken]:
    """The tokens `actor` may list and revoke: their own and those of the users they manage."""
    if not access.signed_in(actor):
        return ApiToken.objects.none()
    return ApiToken.objects.filter(Q(user=actor) | Q(user__in=manageable_users(actor))).select_related("user")


def revoke_token(token: ApiToken, *, acting_user: Actor) -> None:
    if token.user_id != acting_user.pk:
        _require_manages(acting_user, token.user)
    if token.revoked_at is None:
        token.revoked_at = timezone.now()
        token.save(update_fields=["revoked_at"])
        log.info("API token %s… of %s revoked by %s", token.prefix, token.user, acting_user)


def revoke_all_tokens(user: User) -> int:
    return ApiToken.objects.filter(user=user, revoked_at__isnull=True).update(revoked_at=timezone.now())


def remove_dead_tokens(now: datetime) -> int:
    """Delete tokens that have expired, and those revoked longer ago than old jobs are kept (the hourly clean-up calls this)."""
    revoked_before = now - timedelta(days=settings.BORDERTWIN_JOB_KEEP_DAYS)
    return ApiToken.objects.filter(Q(expires_at__lte=now) | Q(revoked_at__lt=revoked_before)).delete()[0]


def sign_in_for_token(request: HttpRequest, username: str, password: str, otp: str = "", name: str = "") -> ApiToken:
    """Issue a token for a username and password (and the two-factor code of those who need one)."""
    channel = SignInEvent.Channel.API
    check_not_locked(username, client_address(request))
    user = authenticate(request, username=username, password=password)
    if user is None:
        record_failure(request, username, channel)
        raise ValidationError(_("Unable to sign in with the given username and password."))
    if user.must_change_password:
        raise ValidationError(_("Your password is temporary: sign in on the web page and choose your own first."))
    device = confirmed_device(user)
    if device is None and two_factor_required(user):
        raise ValidationError({"otp": _("Two-factor sign-in is required for you: set up an authenticator app on the web page first.")})
    if device is not None and not (otp and verify_device(device, otp)):
        record_failure(request, username, channel, detail=SignInEvent.Detail.TWO_FACTOR)
        raise ValidationError({"otp": _("Enter the current six-digit code of your authenticator app.")})
    record_success(request, user, channel)
    return issue_token(user, name or _("API"), two_factor=device is not None)


# --- Two-factor sign-in -----------------------------------------------------------------------------------------------

TWO_FACTOR_ROLES = (Role.ADMINISTRATOR, Role.BORDER_OFFICER)


def _policy_key(side: str) -> str:
    return f"bordertwin:two-factor-policy:{side}"


def side_requires_two_factor(side: str) -> bool:
    if settings.BORDERTWIN_TWO_FACTOR_REQUIRED:
        return True
    return bool(cache.get_or_set(_policy_key(side), lambda: SignInPolicy.objects.filter(side=side, two_factor_required=True).exists()))


def two_factor_required(user: User) -> bool:
    """Whether `user` must sign in with a code: administrators and border officers, when their side requires it."""
    if not side_requires_two_factor(user.side):
        return False
    return user.is_superuser or user.memberships.filter(role__in=TWO_FACTOR_ROLES).exists()


def may_set_policy(admin: Any, side: str) -> bool:
    """Superusers, and administrators of `side` whose scope is everywhere, decide what that side requires."""
    if not access.signed_in(admin):
        return False
    return admin.is_superuser or (admin.side == side and access.scope(admin, access.CHANGE, Membership).everywhere)


@transaction.atomic
def set_two_factor_policy(side: str, required: bool, *, acting_user: Actor) -> SignInPolicy:
    if not may_set_policy(acting_user, side):
        raise PermissionDenied(_("Only administrators of the whole side decide what it requires at sign-in."))
    policy, _created = SignInPolicy.objects.get_or_create(side=side)
    policy.two_factor_required = required
    with context.acting(acting_user, _("Sign-in policy changed")):
        policy.save()
    cache.delete(_policy_key(side))
    return policy


def confirmed_device(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def _device_key(user: User) -> str:
    return f"bordertwin:two-factor-device:{user.pk}"


def has_confirmed_device(user: User) -> bool:
    """Whether the user signs in with a code, kept in the cache: it is asked on every page."""
    return bool(cache.get_or_set(_device_key(user), lambda: confirmed_device(user) is not None, 3600))


def enrolment_device(user: User) -> TOTPDevice:
    """The device being set up: the authenticator app the user is adding, not yet confirmed."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="BorderTwin", confirmed=False)


def verify_device(device: TOTPDevice, code: str) -> bool:
    """Whether `code` is the device's current one (django-otp slows down repeated wrong codes)."""
    code = code.strip().replace(" ", "")
    return code.isdigit() and len(code) <= 8 and device.verify_token(code)


@transaction.atomic
def confirm_enrolment(request: HttpRequest, device: TOTPDevice, code: str) -> bool:
    """The user typed their app's code: the device is confirmed and this session counts as verified."""
    if not verify_device(device, code):
        return False
    device.confirmed = True
    device.save(update_fields=["confirmed"])
    TOTPDevice.objects.filter(user=device.user).exclude(pk=device.pk).delete()
    cache.delete(_device_key(device.user))
    otp_login(request, device)
    with context.acting(request.user, _("Two-factor sign-in set up")):
        device.user.save()
    return True


def verify_sign_in(request: HttpRequest, code: str) -> bool:
    """The second step of signing in: the code of the user's confirmed device."""
    user = access.signed_in_user(request.user)
    device = confirmed_device(user)
    if device is not None and verify_device(device, code):
        otp_login(request, device)
        return True
    record_failure(request, user.username, SignInEvent.Channel.WEB, detail=SignInEvent.Detail.TWO_FACTOR)
    return False


@transaction.atomic
def remove_two_factor(user: User, *, acting_user: Actor) -> None:
    """Remove the user's authenticator (a lost phone); those who must use one set up a new one at next sign-in."""
    if acting_user.pk != user.pk:
        _require_manages(acting_user, user)
    elif two_factor_required(user):
        raise PermissionDenied(_("Two-factor sign-in is required for you: ask an administrator to reset it."))
    TOTPDevice.objects.filter(user=user).delete()
    cache.delete(_device_key(user))
    with context.acting(acting_user, _("Two-factor sign-in removed")):
        user.save()


# --- The steps after the password -------------------------------------------------------------------------------------

VERIFY, CHANGE_PASSWORD, ENROL = "verify", "change_password", "enrol"


def pending_step(user: Actor) -> str | None:
    """What a signed-in user must still do before anything else: their code, a new password, or setting up 2FA."""
    if not access.signed_in(user):
        return None
    verified = getattr(user, "otp_device", None) is not None
    if not verified and has_confirmed_device(user):
        return VERIFY
    if user.must_change_password:
        return CHANGE_PASSWORD
    if not verified and two_factor_required(user):
        return ENROL
    return None
