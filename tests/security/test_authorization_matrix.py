"""The authorization matrix: every page and API operation, for people of both sides in every role and scope.

Routes are read from the URLconf and operations from the OpenAPI schema, so a new route
is covered as soon as it exists, and fails `test_every_route_has_an_expectation` until
this table says who may use it. For each route, every persona's answer is classified as

- ok: the page or operation works for them (2xx, a redirect that is not to sign in, or a
  400 for an empty form they may submit);
- forbidden: 403, they see the record but may not do this;
- hidden: 404, the record does not exist for them;
- login: they are sent to sign in (pages) or get 401 (API);

and compared with what the table below expects. The records all belong to the
Hương Khê – Nakai partnership (Hà Tĩnh / Khammouane), seen from both sides.
"""

import datetime
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from bordertwin.access import Role
from bordertwin.accounts.services import issue_token
from bordertwin.border import services as border_services
from bordertwin.border.models import Incident, Marker, MarkerInspection, Patrol, Segment
from bordertwin.core import services as core_services
from bordertwin.intake import services as intake_services
from bordertwin.jobs.models import Job, State
from bordertwin.notifications.models import Notification, Webhook
from bordertwin.partnerships.models import Unit
from bordertwin.places.models import Organisation
from bordertwin.reports.jobs import REVIEW
from bordertwin.testing import build_world, make_user, place
from bordertwin.tracking.models import Activity, Delivery, ExchangeRate, ReviewPeriod

pytestmark = [pytest.mark.django_db]

OK, FORBIDDEN, HIDDEN, LOGIN = "ok", "forbidden", "hidden", "login"

# --- The people -----------------------------------------------------------------------------------------------------

ANONYMOUS, INACTIVE = "anonymous", "inactive"
VN_PROVINCE_EDITOR, VN_COMMUNE_EDITOR, VN_APPROVER = "vn_province_editor", "vn_commune_editor", "vn_approver"
VN_BORDER_OFFICER, VN_OTHER_PROVINCE_EDITOR, VN_VIEWER = "vn_border_officer", "vn_other_province_editor", "viewer"
LA_DISTRICT_EDITOR, LA_PROVINCE_EDITOR, LA_ADMINISTRATOR = "la_district_editor", "la_province_editor", "la_administrator"
LA_BORDER_OFFICER, LA_APPROVER, LA_VIEWER = "la_border_officer", "la_approver", "la_viewer"
VN_POST_EDITOR = "vn_post_editor"  # an editor whose membership is over the Vietnamese border-guard post only
OUTSIDER, SUPERUSER = "outsider", "admin"

SIGNED_IN = {
    SUPERUSER, VN_PROVINCE_EDITOR, VN_COMMUNE_EDITOR, VN_APPROVER, VN_BORDER_OFFICER, VN_OTHER_PROVINCE_EDITOR,
    VN_VIEWER, VN_POST_EDITOR, LA_DISTRICT_EDITOR, LA_PROVINCE_EDITOR, LA_ADMINISTRATOR, LA_BORDER_OFFICER,
    LA_APPROVER, LA_VIEWER, OUTSIDER,
}
PERSONAS = sorted(SIGNED_IN | {ANONYMOUS, INACTIVE})

# --- The one expected table -------------------------------------------------------------------------------------------
# Who covers the Hương Khê – Nakai partnership: the VN province and the commune that took over the
# district's duties, the LA district and province, the VN viewer of everywhere, the post's editor.
VN_IN_SCOPE = {VN_PROVINCE_EDITOR, VN_COMMUNE_EDITOR, VN_APPROVER, VN_BORDER_OFFICER, VN_VIEWER, VN_POST_EDITOR}
LA_IN_SCOPE = {LA_DISTRICT_EDITOR, LA_PROVINCE_EDITOR, LA_ADMINISTRATOR, LA_BORDER_OFFICER, LA_APPROVER, LA_VIEWER}
IN_SCOPE = {SUPERUSER} | VN_IN_SCOPE | LA_IN_SCOPE
VN_WRITERS = {SUPERUSER, VN_PROVINCE_EDITOR, VN_COMMUNE_EDITOR, VN_APPROVER, VN_POST_EDITOR}
LA_WRITERS = {LA_DISTRICT_EDITOR, LA_PROVINCE_EDITOR, LA_ADMINISTRATOR, LA_APPROVER}
WRITERS = VN_WRITERS | LA_WRITERS
VN_BORDER = {SUPERUSER, VN_APPROVER, VN_BORDER_OFFICER}
LA_BORDER = {LA_ADMINISTRATOR, LA_BORDER_OFFICER, LA_APPROVER}
ANY_WRITER = WRITERS | {VN_OTHER_PROVINCE_EDITOR}  # may add records somewhere
ANY_BORDER = VN_BORDER | LA_BORDER
APPROVERS = {SUPERUSER, VN_APPROVER, LA_ADMINISTRATOR, LA_APPROVER}
ADMINISTRATORS = {SUPERUSER, LA_ADMINISTRATOR}


@dataclass(frozen=True)
class Rights:
    """Who sees a record, and who may do each thing with it (a subset of those who see it)."""

    view: frozenset[str]
    change: frozenset[str] = frozenset()
    delete: frozenset[str] | None = None  # as change unless said
    add: frozenset[str] = frozenset()  # who may open the form to add one (anywhere in their scope)
    approve: frozenset[str] = frozenset()
    confirm: frozenset[str] = frozenset()

    def may(self, action: str) -> frozenset[str]:
        if action == "delete" and self.delete is not None:
            return self.delete
        return {"view": self.view, "change": self.change, "delete": self.change, "add": self.add,
                "approve": self.approve, "confirm": self.confirm}[action]


def rights(view: set[str], change: set[str] | None = None, **others: set[str]) -> Rights:
    return Rights(frozenset(view), frozenset(change or ()), **{k: frozenset(v) for k, v in others.items()})


EXPECTED: dict[str, Rights] = {
    # Partnership records: both sides read and write them within their scope.
    "partnership": rights(IN_SCOPE, WRITERS, add=ANY_WRITER),
    "agreement": rights(IN_SCOPE, WRITERS, add=ANY_WRITER),
    "commitment": rights(IN_SCOPE, WRITERS, add=ANY_WRITER, approve=APPROVERS),
    # Entered by the Vietnamese side: only that side changes it; the Lao side confirms or disputes it.
    "activity": rights(IN_SCOPE, VN_WRITERS, add=ANY_WRITER, confirm=LA_WRITERS),
    "delivery": rights(IN_SCOPE, VN_WRITERS, add=ANY_WRITER, confirm=LA_WRITERS),
    "reviewperiod": rights(IN_SCOPE, WRITERS, add=ANY_WRITER, approve=APPROVERS),
    # Reference data: every signed-in user reads it; administrators in scope keep it.
    "place": rights(SIGNED_IN, {SUPERUSER}, add=ADMINISTRATORS),
    "organisation": rights(SIGNED_IN, VN_WRITERS, add=ANY_WRITER),
    "exchangerate": rights(SIGNED_IN, {SUPERUSER}, add={SUPERUSER}),
    "unit": rights(SIGNED_IN, {SUPERUSER}, add={SUPERUSER}),
    # The line: every role in scope reads it; border roles change it.
    "segment": rights(IN_SCOPE, ANY_BORDER, add=ANY_BORDER),
    "marker": rights(IN_SCOPE, ANY_BORDER, add=ANY_BORDER),
    # Sensitive and one-sided (Vietnamese), not shared: the Vietnamese border roles alone.
    "patrol": rights(VN_BORDER, VN_BORDER, add=ANY_BORDER),
    # A one-sided patrol's inspections: every role of that side reads them (a marker's condition on the map).
    "inspection": rights({SUPERUSER} | VN_IN_SCOPE, VN_BORDER, add=ANY_BORDER),
    "incident": rights(VN_BORDER, VN_BORDER, add=ANY_BORDER),
    # An intake document stays within its submitter's scope (the Vietnamese province editor's).
    "sourcedocument": rights({SUPERUSER, VN_PROVINCE_EDITOR, VN_APPROVER, VN_BORDER_OFFICER, VN_VIEWER},
                             {SUPERUSER, VN_PROVINCE_EDITOR, VN_APPROVER}, add=ANY_WRITER),
}


# Pages outside records: who may open them.
PUBLIC = frozenset(PERSONAS)
EVERY_SIGNED_IN = frozenset(SIGNED_IN)


@dataclass(frozen=True)
class Route:
    """One route as the matrix tries it: how to request it, and whose answer is what."""

    method: str
    path: str
    expect: Callable[[str], str]
    data: dict[str, Any] | None = None


def record_rule(kind: str, action: str) -> Callable[[str], str]:
    who = EXPECTED[kind]

    def expect(persona: str) -> str:
        if persona in (ANONYMOUS, INACTIVE):
            return LOGIN
        if action == "add":
            return OK if persona in who.add else FORBIDDEN
        if persona not in who.view:
            return HIDDEN
        return OK if persona in who.may(action) else FORBIDDEN

    return expect


def open_to(people: frozenset[str]) -> Callable[[str], str]:
    def expect(persona: str) -> str:
        if persona in people:
            return OK
        return LOGIN if persona in (ANONYMOUS, INACTIVE) else FORBIDDEN

    return expect


# --- The records --------------------------------------------------------------------------------------------------------


def at(year: int, month: int, day: int) -> datetime.datetime:
    return datetime.datetime(year, month, day, 8, tzinfo=timezone.get_current_timezone())


@pytest.fixture(scope="module")
def matrix(module_db: Any) -> dict[str, Any]:
    """The records and people, made once for the module (each test's own changes are rolled back)."""
    with module_db.writing():
        return build_matrix(build_world())


def build_matrix(world: Any) -> dict[str, Any]:
    admin = world.admin

    def save(obj: Any, user: Any = admin) -> Any:
        return core_services.save_record(obj, acting_user=user)

    vn_post = save(Organisation(name_vi="Đồn Biên phòng Phú Gia", kind="border_guard_post", place=place("VN-2008-D444")))
    la_post = save(Organisation(name_vi="Đại đội biên phòng 311", kind="border_guard_company", place=place("LA-D-NAKAI")))
    world.hk_nakai.vn_organisation = vn_post
    world.hk_nakai.la_organisation = la_post
    save(world.hk_nakai)
    extra = {
        LA_BORDER_OFFICER: make_user("la-border-officer", "LA", Role.BORDER_OFFICER, "LA-P-KHAMMOUANE"),
        LA_APPROVER: make_user("la-approver", "LA", Role.APPROVER, "LA-P-KHAMMOUANE"),
        LA_VIEWER: make_user("la-viewer", "LA", Role.VIEWER, "LA-D-NAKAI"),
        VN_OTHER_PROVINCE_EDITOR: make_user("vn-nghe-an-editor", "VN", Role.EDITOR, "VN-2008-P40"),
        INACTIVE: make_user("vn-inactive-editor", "VN", Role.EDITOR, "VN-2008-P42"),
    }
    extra[INACTIVE].is_active = False
    extra[INACTIVE].save()
    post_editor = make_user("vn-post-editor", "VN")
    post_editor.memberships.create(role=Role.EDITOR, organisation=vn_post)
    extra[VN_POST_EDITOR] = post_editor
    people = {**world.people(), **extra}

    vn_editor = world.vn_province_editor
    activity = save(Activity(partnership=world.hk_nakai, kind="talks", title="Hội đàm", started_on=datetime.date(2024, 6, 22)), vn_editor)
    delivery = save(Delivery(
        partnership=world.hk_nakai, category="livestock", item="Bò nái", quantity=Decimal("9"),
        unit=Unit.objects.get(code="head"), giver_side="VN", delivered_on=datetime.date(2023, 5, 1),
    ), vn_editor)
    period = save(ReviewPeriod(partnership=world.hk_nakai, start=datetime.date(2023, 1, 1), end=datetime.date(2023, 12, 31)))
    rate = save(ExchangeRate(currency="LAK", to_currency="VND", rate=Decimal("1.15"), valid_on=datetime.date(2024, 1, 1)))
    segment = save(Segment(partnership=world.hk_nakai, name="Mốc 521–523", vn_post=vn_post, la_post=la_post, length_km=Decimal("12.5")))
    marker = save(Marker(segment=segment, number="521", latitude=Decimal("18.15"), longitude=Decimal("105.6"), marker_type="main"))
    patrol = save(Patrol(
        partnership=world.hk_nakai, segment=segment, kind="one_sided", started_at=at(2025, 3, 10), ended_at=at(2025, 3, 11),
        vn_unit=vn_post, vn_people=6, vn_names="Trung úy Nguyễn Văn A", findings="Mốc 521 bị nghiêng",
    ), world.vn_border_officer)
    inspection = save(MarkerInspection(marker=marker, patrol=patrol, inspected_on=datetime.date(2025, 3, 10), condition="good"),
                      world.vn_border_officer)
    incident = border_services.report_incident(Incident(
        partnership=world.hk_nakai, segment=segment, category="drugs", occurred_at=at(2025, 4, 2), nearest_marker=marker,
        vn_people=1, people_names="Hồ Văn B", description="Phát hiện vận chuyển ma túy",
    ), acting_user=world.vn_border_officer)
    document = intake_services.submit_document(acting_user=vn_editor, upload=SimpleUploadedFile(
        "hoi-dam.txt", "Chiều 22/6/2024, huyện Hương Khê hội đàm với huyện Nakai.".encode(), "text/plain",
    ))
    attachment = core_services.attach_file(
        world.hk_memorandum, SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4 minutes", "application/pdf"), acting_user=vn_editor,
    )
    job = Job.objects.create(
        kind=REVIEW, started_by=vn_editor, target_type=ContentType.objects.get_for_model(world.hk_nakai),
        target_id=world.hk_nakai.pk, state=State.DONE, result_name="bao-cao.xlsx", result_type="text/plain",
        result_file=ContentFile(b"report", name="bao-cao.xlsx"),
    )
    return {
        "job": job,
        "notification": Notification.objects.create(recipient=world.la_district_editor, event="note", params={"title": "Ghi chú"}),
        "webhook": Webhook.objects.create(owner=world.la_administrator, name="Sở Ngoại vụ", url="https://example.org/hook",
                                          events=["note"], secret="s" * 20),
        "people": people,
        "records": {
            "partnership": world.hk_nakai, "agreement": world.hk_memorandum, "commitment": world.hk_commitment,
            "activity": activity, "delivery": delivery, "reviewperiod": period, "exchangerate": rate,
            "unit": Unit.objects.get(code="head"), "place": place("VN-2008-D444"), "organisation": vn_post,
            "segment": segment, "marker": marker, "patrol": patrol, "inspection": inspection, "incident": incident,
            "sourcedocument": document,
        },
        "attachment": attachment,
        "token": issue_token(world.la_district_editor, "matrix"),
    }


# --- Pages from the URLconf ----------------------------------------------------------------------------------------------

# Record pages by the last word of their URL name: the action they need.
PAGE_ACTIONS = {"list": "list", "detail": "view", "edit": "change", "delete": "delete", "add": "add", "file": "view"}
# Record pages that act on a record with POST, and the action each needs.
POST_ACTIONS = {
    "confirm": "confirm", "dispute": "confirm", "approve": "approve", "unlock": "approve", "carry_over": "change",
    "route": "change", "inspect": "change", "move": "view", "share": "change",
}
# What those POSTs send: enough to pass the form, so that the answer is about permission.
POST_DATA = {"dispute": {"note": "Số lượng chưa đúng"}, "unlock": {"reason": "Bổ sung số liệu"}}
# Models whose URL names differ from the keys above.
MODEL_OF_URL = {"commitment_status": "commitment"}

# Every other page, with the rule it follows.
OTHER_PAGES: dict[str, Callable[[dict[str, Any]], Route]] = {}


def page(name: str) -> Callable[[Callable[[dict[str, Any]], Route]], Callable[[dict[str, Any]], Route]]:
    def register(build: Callable[[dict[str, Any]], Route]) -> Callable[[dict[str, Any]], Route]:
        OTHER_PAGES[name] = build
        return build

    return register


def record_path(m: dict[str, Any], kind: str) -> tuple[int, int]:
    obj = m["records"][kind]
    return ContentType.objects.get_for_model(obj).pk, obj.pk


@page("home")
def _home(m: dict[str, Any]) -> Route:
    return Route("GET", "/", open_to(EVERY_SIGNED_IN))


@page("health")
def _health(m: dict[str, Any]) -> Route:
    return Route("GET", "/health/", open_to(PUBLIC))


@page("offline:manifest")
def _manifest(m: dict[str, Any]) -> Route:
    return Route("GET", "/manifest.webmanifest", open_to(PUBLIC))


@page("offline:service_worker")
def _service_worker(m: dict[str, Any]) -> Route:
    return Route("GET", "/sw.js", open_to(PUBLIC))


@page("offline:outbox")
def _outbox(m: dict[str, Any]) -> Route:
    return Route("GET", "/outbox/", open_to(EVERY_SIGNED_IN))


@page("accounts:login")
def _login(m: dict[str, Any]) -> Route:
    return Route("GET", "/accounts/login/", open_to(PUBLIC))


@page("accounts:logout")
def _logout(m: dict[str, Any]) -> Route:
    # Signing out sends everyone to the sign-in page (the session itself is left alone: each request is rolled back).
    return Route("POST", "/accounts/logout/", lambda persona: LOGIN)


@page("core:set_language")
def _language(m: dict[str, Any]) -> Route:
    return Route("POST", "/language/", open_to(PUBLIC), {"language": "lo"})


@page("core:deleted_records")
def _deleted(m: dict[str, Any]) -> Route:
    return Route("GET", "/records/deleted/", open_to(frozenset(ADMINISTRATORS)))


@page("core:record_history")
def _history(m: dict[str, Any]) -> Route:
    ct, pk = record_path(m, "agreement")
    return Route("GET", f"/records/{ct}/{pk}/history/", record_rule("agreement", "view"))


@page("core:record_note")
def _note(m: dict[str, Any]) -> Route:
    ct, pk = record_path(m, "agreement")
    return Route("POST", f"/records/{ct}/{pk}/notes/", record_rule("agreement", "change"), {"text": "Ghi chú"})


@page("core:record_attach")
def _attach(m: dict[str, Any]) -> Route:
    ct, pk = record_path(m, "agreement")
    return Route("POST", f"/records/{ct}/{pk}/files/", record_rule("agreement", "change"),
                 {"file": lambda: SimpleUploadedFile("ghi-chu.txt", b"Ghi chu", "text/plain")})


@page("core:attachment_download")
def _download(m: dict[str, Any]) -> Route:
    return Route("GET", f"/files/{m['attachment'].pk}/", record_rule("agreement", "view"))


@page("core:attachment_remove")
def _remove(m: dict[str, Any]) -> Route:
    return Route("POST", f"/files/{m['attachment'].pk}/remove/", record_rule("agreement", "change"))


@page("places:place_choices")
def _place_choices(m: dict[str, Any]) -> Route:
    return Route("GET", "/places/choices/?q=huong", open_to(EVERY_SIGNED_IN))


@page("core:record_choices")
def _record_choices(m: dict[str, Any]) -> Route:
    # Every signed-in person may search; each finds only the records they may see (core/tests/test_bounded_choices.py).
    from urllib.parse import urlencode

    from bordertwin.core.widgets import search_token
    from bordertwin.partnerships.models import Partnership

    query = urlencode({"token": search_token(Partnership.objects.all(), {}), "term": "huong"})
    return Route("GET", f"/records/choices/?{query}", open_to(EVERY_SIGNED_IN))


@page("tracking:import")
def _import(m: dict[str, Any]) -> Route:
    return Route("GET", "/tracking/import/", open_to(frozenset(ANY_WRITER)))


@page("tracking:import_template")
def _import_template(m: dict[str, Any]) -> Route:
    return Route("GET", "/tracking/import/deliveries/template.csv", open_to(EVERY_SIGNED_IN))


@page("tracking:commitment_status")
def _commitment_status(m: dict[str, Any]) -> Route:
    pk = m["records"]["commitment"].pk
    return Route("POST", f"/tracking/commitments/{pk}/status/", record_rule("commitment", "approve"), {"status": "in_progress", "reason": "Đang triển khai"})


@page("border:dashboard")
def _border_dashboard(m: dict[str, Any]) -> Route:
    return Route("GET", "/border/", open_to(EVERY_SIGNED_IN))


@page("border:map")
def _border_map(m: dict[str, Any]) -> Route:
    return Route("GET", "/border/map/", open_to(EVERY_SIGNED_IN))


@page("reports:overview")
def _overview(m: dict[str, Any]) -> Route:
    return Route("GET", "/reports/", open_to(EVERY_SIGNED_IN))


@page("reports:dashboard")
def _dashboard(m: dict[str, Any]) -> Route:
    return Route("GET", f"/reports/partnerships/{m['records']['partnership'].pk}/", record_rule("partnership", "view"))


@page("reports:review")
def _review(m: dict[str, Any]) -> Route:
    return Route("GET", f"/reports/partnerships/{m['records']['partnership'].pk}/review/", record_rule("partnership", "view"))


@page("reports:province_review_download")
def _province_review_download(m: dict[str, Any]) -> Route:
    province = m["records"]["partnership"].vn_place.parent
    # A province is a reference record: anyone signed in asks; the job reviews only the partnerships they see.
    return Route("GET", f"/reports/provinces/{province.pk}/review.docx?from=2023-01-01&to=2023-12-31", open_to(EVERY_SIGNED_IN))


@page("reports:minutes")
def _minutes(m: dict[str, Any]) -> Route:
    return Route("GET", f"/reports/partnerships/{m['records']['partnership'].pk}/minutes/", record_rule("partnership", "view"))


@page("reports:minutes_download")
def _minutes_download(m: dict[str, Any]) -> Route:
    pk = m["records"]["partnership"].pk
    return Route("GET", f"/reports/partnerships/{pk}/minutes.docx?date=2024-06-22", record_rule("partnership", "view"))


def job_rule(persona: str) -> str:
    """A job and its result are its starter's (and a superuser's), while they may see what it was made from."""
    if persona in (ANONYMOUS, INACTIVE):
        return LOGIN
    return OK if persona in (SUPERUSER, VN_PROVINCE_EDITOR) else HIDDEN


@page("jobs:detail")
def _job(m: dict[str, Any]) -> Route:
    return Route("GET", f"/jobs/{m['job'].pk}/", job_rule)


@page("jobs:status")
def _job_status(m: dict[str, Any]) -> Route:
    return Route("GET", f"/jobs/{m['job'].pk}/status/", job_rule)


@page("jobs:result")
def _job_result(m: dict[str, Any]) -> Route:
    return Route("GET", f"/jobs/{m['job'].pk}/result/", job_rule)


@page("reports:review_download")
def _review_download(m: dict[str, Any]) -> Route:
    pk = m["records"]["partnership"].pk
    return Route("GET", f"/reports/partnerships/{pk}/review.xlsx?date_from=2023-01-01&date_to=2023-12-31",
                 record_rule("partnership", "view"))


# Accounts: everyone keeps their own account; administrators manage the users their scope covers. The LA
# district editor is managed by the LA administrator of Khammouane and the superuser; anyone else finds no such user.
MANAGERS = frozenset({SUPERUSER, LA_ADMINISTRATOR})


def managed_by(people: frozenset[str]) -> Callable[[str], str]:
    def expect(persona: str) -> str:
        if persona in people:
            return OK
        return LOGIN if persona in (ANONYMOUS, INACTIVE) else HIDDEN

    return expect


for _name, _method, _path in [
    ("accounts:account", "GET", "/accounts/"), ("accounts:password_change", "GET", "/accounts/password/"),
    ("accounts:two_factor", "GET", "/accounts/two-factor/"), ("accounts:two_factor_remove", "POST", "/accounts/two-factor/remove/"),
    ("accounts:two_factor_verify", "GET", "/accounts/two-factor/verify/"), ("accounts:tokens", "GET", "/accounts/tokens/"),
]:
    OTHER_PAGES[_name] = lambda m, method=_method, path=_path: Route(method, path, open_to(EVERY_SIGNED_IN))
for _name, _path in [("accounts:users", "/accounts/users/"), ("accounts:user_add", "/accounts/users/add/"),
                     ("accounts:sign_ins", "/accounts/sign-ins/")]:
    OTHER_PAGES[_name] = lambda m, path=_path: Route("GET", path, open_to(frozenset(ADMINISTRATORS)))


@page("accounts:policy")
def _policy(m: dict[str, Any]) -> Route:
    # Only administrators of a whole side (here: the superuser) decide what it requires at sign-in.
    return Route("POST", "/accounts/users/policy/", open_to(frozenset({SUPERUSER})), {"side": "LA"})


@page("accounts:token_revoke")
def _token_revoke(m: dict[str, Any]) -> Route:
    return Route("POST", f"/accounts/tokens/{m['token'].pk}/revoke/", managed_by(MANAGERS | {LA_DISTRICT_EDITOR}))


def user_page(method: str, suffix: str, data: dict[str, Any] | None = None) -> Callable[[dict[str, Any]], Route]:
    def build(m: dict[str, Any]) -> Route:
        user = m["people"][LA_DISTRICT_EDITOR]
        path = f"/accounts/users/{user.pk}/" + suffix.format(membership=user.memberships.first().pk)
        return Route(method, path, managed_by(MANAGERS), data)

    return build


OTHER_PAGES.update({
    "accounts:user_detail": user_page("GET", ""), "accounts:user_password": user_page("GET", "password/"),
    "accounts:user_grant": user_page("POST", "roles/"), "accounts:user_active": user_page("POST", "active/", {"active": "1"}),
    "accounts:membership_withdraw": user_page("POST", "roles/{membership}/withdraw/"),
    "accounts:user_two_factor_remove": user_page("POST", "two-factor/remove/"),
})


# Notifications: everyone has their own inbox; a notification is its recipient's (here the LA district editor's);
# following needs sight of the record; webhooks are the administrators', each sees their own (the superuser all).
def webhook_rule(persona: str) -> str:
    if persona in (ANONYMOUS, INACTIVE):
        return LOGIN
    return OK if persona in ADMINISTRATORS else FORBIDDEN


OTHER_PAGES.update({
    "notifications:inbox": lambda m: Route("GET", "/notifications/", open_to(EVERY_SIGNED_IN)),
    "notifications:read_all": lambda m: Route("POST", "/notifications/read-all/", open_to(EVERY_SIGNED_IN)),
    "notifications:preferences": lambda m: Route("GET", "/notifications/preferences/", open_to(EVERY_SIGNED_IN)),
    "notifications:read": lambda m: Route("POST", f"/notifications/{m['notification'].pk}/read/",
                                          managed_by(frozenset({LA_DISTRICT_EDITOR}))),
    "notifications:follow": lambda m: Route("POST", "/notifications/follow/{}/{}/".format(*record_path(m, "agreement")),
                                            record_rule("agreement", "view"), {"follow": "1"}),
    "notifications:webhook_list": lambda m: Route("GET", "/notifications/webhooks/", webhook_rule),
    "notifications:webhook_add": lambda m: Route("GET", "/notifications/webhooks/add/", webhook_rule),
    "notifications:webhook_detail": lambda m: Route("GET", f"/notifications/webhooks/{m['webhook'].pk}/", webhook_rule),
    "notifications:webhook_delete": lambda m: Route("POST", f"/notifications/webhooks/{m['webhook'].pk}/delete/", webhook_rule),
})


def url_names() -> list[tuple[str, str]]:
    """Every named route of the URLconf with its pattern, API routes left to the schema."""

    def walk(patterns: list[Any], prefix: str = "", namespace: str = "") -> list[tuple[str, str]]:
        found = []
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                ns = namespace + (f"{pattern.namespace}:" if pattern.namespace else "")
                found += walk(pattern.url_patterns, prefix + str(pattern.pattern), ns)
            elif isinstance(pattern, URLPattern):
                found.append((namespace + (pattern.name or ""), prefix + str(pattern.pattern)))
        return found

    return [(name, path) for name, path in walk(get_resolver().url_patterns)
            if not path.startswith("api/") and not path.startswith("static/")]


def record_page(name: str, pattern: str, m: dict[str, Any]) -> Route | None:
    """The route of a record page named `<app>:<model>_<page>`, or None when the name is not one."""
    match = re.fullmatch(r"\w+:(\w+?)_(list|detail|edit|delete|add|file|confirm|dispute|approve|unlock|carry_over|route|inspect|move|share)", name)
    if not match or match.group(1) not in EXPECTED:
        return None
    kind, what = match.groups()
    path = "/" + pattern
    if "<int:pk>" in path:
        path = path.replace("<int:pk>", str(m["records"][kind].pk))
    if what == "list":
        return Route("GET", path, open_to(EVERY_SIGNED_IN))
    if what in PAGE_ACTIONS:
        return Route("GET", path, record_rule(kind, PAGE_ACTIONS[what]))
    return Route("POST", path, record_rule(kind, POST_ACTIONS[what]), POST_DATA.get(what))


def page_route(name: str, pattern: str, m: dict[str, Any]) -> Route | None:
    if name in OTHER_PAGES:
        return OTHER_PAGES[name](m)
    return record_page(name, pattern, m)


# --- API operations from the schema -----------------------------------------------------------------------------------

API_MODELS = {
    "places": "place", "organisations": "organisation", "partnerships": "partnership", "agreements": "agreement",
    "commitments": "commitment", "activities": "activity", "deliveries": "delivery", "exchange-rates": "exchangerate",
    "review-periods": "reviewperiod", "units": "unit", "segments": "segment", "markers": "marker", "patrols": "patrol",
    "inspections": "inspection", "incidents": "incident", "intake": "sourcedocument",
}
API_ACTIONS = {"confirm": "confirm", "dispute": "confirm", "approve": "approve", "unlock": "approve", "route": "change",
               "move": "view", "accept": "change", "share": "change"}
METHOD_ACTIONS = {"get": "view", "patch": "change", "put": "change", "delete": "delete"}
# Operations outside records, with the people they are open to.
OTHER_OPERATIONS = {("post", "/api/v1/auth/token/"): PUBLIC, ("get", "/api/v1/auth/tokens/"): EVERY_SIGNED_IN,
                    ("delete", "/api/v1/auth/tokens/"): EVERY_SIGNED_IN,
                    # One's own notifications: everyone lists theirs and marks them all as read.
                    ("get", "/api/v1/notifications/"): EVERY_SIGNED_IN, ("post", "/api/v1/notifications/read-all/"): EVERY_SIGNED_IN,
                    # The reference records of one's own scope, for offline forms: each reads what access lets them see.
                    ("get", "/api/v1/offline/scope/"): EVERY_SIGNED_IN}


def api_operations() -> list[tuple[str, str]]:
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    return [(method, path) for path, item in schema["paths"].items() for method in item
            if method in {"get", "post", "put", "patch", "delete"}]


def api_route(method: str, path: str, m: dict[str, Any]) -> Route | None:
    if (method, path) in OTHER_OPERATIONS:
        return Route(method.upper(), path, open_to(OTHER_OPERATIONS[method, path]), {})
    if path.startswith("/api/v1/jobs/{id}/"):
        return Route("GET", path.replace("{id}", str(m["job"].pk)), job_rule)
    if path == "/api/v1/partnerships/{id}/review.{fmt}":
        concrete = path.replace("{id}", str(m["records"]["partnership"].pk)).replace("{fmt}", "xlsx")
        return Route("POST", concrete, record_rule("partnership", "view"), {})
    if path == "/api/v1/places/{id}/review.docx":  # a province's review report: anyone signed in, for what they see
        province = m["records"]["partnership"].vn_place.parent
        return Route("POST", path.replace("{id}", str(province.pk)), open_to(EVERY_SIGNED_IN), {})
    if path == "/api/v1/notifications/{id}/read/":  # the LA district editor's notification: theirs alone
        return Route("POST", path.replace("{id}", str(m["notification"].pk)), managed_by(frozenset({LA_DISTRICT_EDITOR})), {})
    if path == "/api/v1/auth/tokens/{id}/":  # the LA district editor's token: theirs, and their administrators'
        return Route(method.upper(), path.replace("{id}", str(m["token"].pk)), managed_by(MANAGERS | {LA_DISTRICT_EDITOR}), {})
    match = re.fullmatch(r"/api/v1/([\w-]+)/(?:\{id\}/(?:(\w+)/)?)?", path)
    if not match or match.group(1) not in API_MODELS:
        return None
    kind, extra = API_MODELS[match.group(1)], match.group(2)
    concrete = path.replace("{id}", str(m["records"][kind].pk))
    if "{id}" not in path:
        if method == "get":
            return Route("GET", concrete, open_to(EVERY_SIGNED_IN))
        return Route("POST", concrete, record_rule(kind, "add"), {})
    if extra:
        return Route(method.upper(), concrete, record_rule(kind, API_ACTIONS[extra]), POST_DATA.get(extra, {}))
    return Route(method.upper(), concrete, record_rule(kind, METHOD_ACTIONS[method]), {})


# --- Running it --------------------------------------------------------------------------------------------------------


def classify(response: Any, api: bool, method: str) -> str:
    status = response.status_code
    if status in (401,) or (status == 302 and "/accounts/login/" in response.get("Location", "")):
        return LOGIN
    if status == 403:
        return FORBIDDEN
    if status == 404:
        return HIDDEN
    if status < 400 or (status == 400 and method != "GET"):
        return OK
    return f"error {status}"


def clients(people: dict[str, Any]) -> dict[str, Client]:
    """A browser per persona, signed in (an inactive user's session is refused: they stay anonymous)."""
    found = {}
    for persona in PERSONAS:
        found[persona] = Client()
        if persona in people:
            found[persona].force_login(people[persona])
    return found


def answers(route: Route, browsers: dict[str, Client], api: bool) -> dict[str, str]:
    found = {}
    for persona, client in browsers.items():
        session = client.cookies.get(settings.SESSION_COOKIE_NAME)
        with transaction.atomic():
            if route.method == "GET":
                response = client.get(route.path)
            elif api:
                response = client.generic(route.method, route.path, data=json.dumps(route.data or {}), content_type="application/json")
            else:
                response = client.post(route.path, {key: value() if callable(value) else value for key, value in (route.data or {}).items()})
            transaction.set_rollback(True)
        if session is not None:  # signing out is rolled back: so is its cookie
            client.cookies[settings.SESSION_COOKIE_NAME] = session.value
        found[persona] = classify(response, api, route.method)
    return found


def mismatches(route: Route, browsers: dict[str, Client], api: bool) -> list[str]:
    got = answers(route, browsers, api)
    return [f"{route.method} {route.path} as {persona}: expected {route.expect(persona)}, got {got[persona]}"
            for persona in PERSONAS if got[persona] != route.expect(persona)]


def test_every_route_has_an_expectation(matrix):
    missing = [f"page {name} ({pattern})" for name, pattern in url_names() if page_route(name, pattern, matrix) is None]
    missing += [f"API {method.upper()} {path}" for method, path in api_operations() if api_route(method, path, matrix) is None]
    assert not missing, "Routes the authorization matrix does not cover:\n" + "\n".join(missing)


def test_every_page_answers_each_persona_as_the_table_says(matrix):
    browsers = clients(matrix["people"])
    problems = []
    for name, pattern in url_names():
        route = page_route(name, pattern, matrix)
        if route is not None:
            problems += mismatches(route, browsers, api=False)
    assert not problems, f"{len(problems)} answers differ from the table:\n" + "\n".join(problems)


def test_every_api_operation_answers_each_persona_as_the_table_says(matrix):
    browsers = clients(matrix["people"])
    problems = []
    for method, path in api_operations():
        route = api_route(method, path, matrix)
        if route is not None:
            problems += mismatches(route, browsers, api=True)
    assert not problems, f"{len(problems)} answers differ from the table:\n" + "\n".join(problems)
