"""Who may do what with each kind of record, through the pages and through the API.

The table `EXPECTED` is the specification: for each person of the shared world (see
core.testing) and each kind of record, the actions they may perform on a record that
stands in Hương Khê (Hà Tĩnh) – Nakai (Khammouane); for places, a Lao village in Nakai.
Everyone else gets a refusal: 404 where they cannot even see the record, 403 where they
see it but may not act, a redirect to the login page (pages) or 401 (API) when signed out.
"""

import csv
import datetime
import io
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType

from bordertwin.core import services
from bordertwin.partnerships.models import Agreement, Commitment, Partnership
from bordertwin.places.models import Organisation, Place
from bordertwin.testing import place

pytestmark = pytest.mark.django_db

VIEW_ONLY = {"list", "detail", "export"}
EDITOR = VIEW_ONLY | {"create", "edit", "delete"}
EVERYTHING = EDITOR | {"restore"}
NOTHING: set[str] = set()

PEOPLE = [
    "admin", "vn_province_editor", "vn_commune_editor", "vn_approver", "vn_border_officer",
    "la_district_editor", "la_province_editor", "la_administrator", "viewer", "outsider", "anonymous",
]

# The records of Hương Khê–Nakai: Hà Tĩnh's people cover Hương Khê; the commune editor of
# the 2025 Xã Hương Xuân covers it too, because the abolished district passed duties to
# that commune; Nakai's and Khammouane's people cover Nakai.
PARTNERSHIP_RECORDS = {
    "admin": EVERYTHING,
    "vn_province_editor": EDITOR,
    "vn_commune_editor": EDITOR,
    "vn_approver": EDITOR,
    "vn_border_officer": VIEW_ONLY,
    "la_district_editor": EDITOR,
    "la_province_editor": EDITOR,
    "la_administrator": EVERYTHING,
    "viewer": VIEW_ONLY,
    "outsider": NOTHING,
    "anonymous": NOTHING,
}
EXPECTED: dict[str, dict[str, set[str]]] = {
    "partnership": PARTNERSHIP_RECORDS,
    "agreement": PARTNERSHIP_RECORDS,
    "commitment": PARTNERSHIP_RECORDS,
    # An organisation of Hương Khê: every signed-in user reads organisations; the Lao side does
    # not cover Hương Khê, so the Lao administrator only reads it.
    "organisation": {
        "admin": EVERYTHING,
        "vn_province_editor": EDITOR,
        "vn_commune_editor": EDITOR,
        "vn_approver": EDITOR,
        "vn_border_officer": VIEW_ONLY,
        "la_district_editor": VIEW_ONLY,
        "la_province_editor": VIEW_ONLY,
        "la_administrator": VIEW_ONLY,
        "viewer": VIEW_ONLY,
        "outsider": VIEW_ONLY,
        "anonymous": NOTHING,
    },
    # A Lao village in Nakai: places are reference data that every signed-in user reads and
    # only administrators keep.
    "place": {
        "admin": EVERYTHING,
        "vn_province_editor": VIEW_ONLY,
        "vn_commune_editor": VIEW_ONLY,
        "vn_approver": VIEW_ONLY,
        "vn_border_officer": VIEW_ONLY,
        "la_district_editor": VIEW_ONLY,
        "la_province_editor": VIEW_ONLY,
        "la_administrator": EVERYTHING,
        "viewer": VIEW_ONLY,
        "outsider": VIEW_ONLY,
        "anonymous": NOTHING,
    },
}


@dataclass
class Kind:
    """How to reach one kind of record through pages and API, and how to fill in its forms."""

    model: type[Any]
    list_url: str
    api_url: str
    detail_url: Callable[[Any], str]
    make: Callable[[Any], Any]
    form: Callable[[Any, Any], dict[str, Any]]
    api: Callable[[Any, Any], dict[str, Any]]
    search: dict[str, str]
    delete_page: bool = True

    def add_url(self) -> str:
        return self.list_url + "new/"


def _save(world: Any, obj: Any) -> Any:
    return services.save_record(obj, acting_user=world.admin)


def make_partnership(world: Any) -> Partnership:
    return _save(world, Partnership(vn_place=place("VN-2008-D444"), la_place=place("LA-D-NAKAI"), level="commune",
                                    description="Cặp thử nghiệm"))


def make_agreement(world: Any) -> Agreement:
    return _save(world, Agreement(partnership=world.hk_nakai, kind="plan", title="Kế hoạch thử nghiệm",
                                  signed_on=datetime.date(2024, 1, 10)))


def make_commitment(world: Any) -> Commitment:
    return _save(world, Commitment(agreement=world.hk_memorandum, domain="health", text="Khám bệnh thử nghiệm"))


def make_organisation(world: Any) -> Organisation:
    return _save(world, Organisation(name_vi="Trạm y tế thử nghiệm", kind="health_station", place=place("VN-2008-D444")))


def make_place(world: Any) -> Place:
    return _save(world, Place(key="LA-V-TEST", country="LA", level="village", unit_type="Bản", name_vi="Bản Thử Nghiệm",
                              name_en="Ban Thu Nghiem", parent=place("LA-D-NAKAI")))


def partnership_form(world: Any, obj: Any) -> dict[str, Any]:
    return {"vn_place": place("VN-2008-D444").pk, "la_place": place("LA-D-NAKAI").pk, "level": "commune",
            "established_on_precision": "day", "status": "active", "description": obj.description if obj else "Mới",
            "change_reason": "thử"}


def agreement_form(world: Any, obj: Any) -> dict[str, Any]:
    return {"partnership": world.hk_nakai.pk, "kind": "plan", "title": obj.title if obj else "Kế hoạch mới",
            "signed_on": "2024-01-10", "signed_on_precision": "day"}


def commitment_form(world: Any, obj: Any) -> dict[str, Any]:
    return {"agreement": world.hk_memorandum.pk, "domain": "health", "text": obj.text if obj else "Cam kết mới",
            "responsible_side": "both", "recurrence": "once", "status": "agreed", "weight": 1, "position": 0}


def organisation_form(world: Any, obj: Any) -> dict[str, Any]:
    return {"name_vi": obj.name_vi if obj else "Trường mới", "kind": "school", "place": place("VN-2008-D444").pk}


def place_form(world: Any, obj: Any) -> dict[str, Any]:
    return {"key": obj.key if obj else "LA-V-NEW", "country": "LA", "level": "village", "unit_type": "Bản",
            "name_vi": obj.name_vi if obj else "Bản Mới", "parent": place("LA-D-NAKAI").pk}


KINDS = {
    "partnership": Kind(Partnership, "/partnerships/", "/api/v1/partnerships/", lambda o: f"/partnerships/{o.pk}/",
                        make_partnership, partnership_form, partnership_form, {"q": "huong khe nakai", "level": "commune"}),
    "agreement": Kind(Agreement, "/partnerships/agreements/", "/api/v1/agreements/",
                      lambda o: f"/partnerships/agreements/{o.pk}/", make_agreement, agreement_form, agreement_form,
                      {"q": "ke hoach thu nghiem"}),
    "commitment": Kind(Commitment, "/partnerships/commitments/", "/api/v1/commitments/",
                       lambda o: f"/partnerships/commitments/{o.pk}/", make_commitment, commitment_form, commitment_form,
                       {"q": "kham benh thu nghiem"}),
    "organisation": Kind(Organisation, "/places/organisations/", "/api/v1/organisations/",
                         lambda o: f"/places/organisations/{o.pk}/", make_organisation, organisation_form,
                         organisation_form, {"q": "tram y te thu nghiem"}),
    "place": Kind(Place, "/places/", "/api/v1/places/", lambda o: f"/places/{o.pk}/", make_place, place_form,
                  place_form, {"q": "ban thu nghiem"}, delete_page=False),
}
CHANGED = {"partnership": "description", "agreement": "title", "commitment": "text", "organisation": "name_vi",
           "place": "name_vi"}

CASES = [(kind, person) for kind in KINDS for person in PEOPLE]


def person_of(world: Any, name: str) -> Any:
    return None if name == "anonymous" else getattr(world, name)


def fresh(model: type[Any], pk: int) -> Any:
    return model.all_objects.get(pk=pk)


def csv_rows(response: Any) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


@pytest.mark.parametrize(("kind_name", "person"), CASES)
def test_pages_follow_the_access_table(client, world, kind_name, person):
    kind = KINDS[kind_name]
    allowed = EXPECTED[kind_name][person]
    user = person_of(world, person)
    target = kind.make(world)
    if user is not None:
        client.force_login(user)

    def refused(response: Any, seen: bool) -> None:
        if user is None:
            assert response.status_code == 302 and "/accounts/login/" in response["Location"]
        else:
            assert response.status_code == (403 if seen else 404)

    # list and search
    response = client.get(kind.list_url, kind.search | {"per_page": 500})
    if user is None:
        refused(response, False)
    else:
        assert response.status_code == 200
        assert (target in [row["object"] for row in response.context["rows"]]) == ("list" in allowed)

    # export
    response = client.get(kind.list_url, kind.search | {"export": "csv"})
    if user is None:
        refused(response, False)
    else:
        rows = csv_rows(response)
        assert rows[0]  # the header row is always there
        assert (len(rows) == 2) == ("export" in allowed)

    # detail
    response = client.get(kind.detail_url(target))
    if "detail" in allowed:
        assert response.status_code == 200
    else:
        refused(response, False)

    # edit
    field = CHANGED[kind_name]
    data = kind.form(world, target) | {field: "Đã sửa"}
    response = client.post(kind.detail_url(target) + "edit/", data)
    if "edit" in allowed:
        assert response.status_code == 302, getattr(response, "context", None) and response.context["form"].errors
        assert getattr(fresh(kind.model, target.pk), field) == "Đã sửa"
    else:
        refused(response, "detail" in allowed)
        assert getattr(fresh(kind.model, target.pk), field) != "Đã sửa"

    # create
    before = kind.model.all_objects.count()
    response = client.post(kind.add_url(), kind.form(world, None))
    if "create" in allowed:
        assert response.status_code == 302, response.context["form"].errors
        assert kind.model.all_objects.count() == before + 1
    else:
        refused(response, True)
        assert kind.model.all_objects.count() == before

    # delete
    if kind.delete_page:
        response = client.post(kind.detail_url(target) + "delete/", {"change_reason": "trùng"})
        if "delete" in allowed:
            assert response.status_code == 302
            assert fresh(kind.model, target.pk).deleted_at is not None
        else:
            refused(response, "detail" in allowed)
            assert fresh(kind.model, target.pk).deleted_at is None
    if fresh(kind.model, target.pk).deleted_at is None:
        services.delete_record(target, acting_user=world.admin)

    # restore
    content_type = ContentType.objects.get_for_model(kind.model)
    response = client.post("/records/deleted/", {"content_type": content_type.pk, "pk": target.pk, "change_reason": "nhầm"})
    if "restore" in allowed:
        assert response.status_code == 302
        assert fresh(kind.model, target.pk).deleted_at is None
    else:
        assert response.status_code in ((302,) if user is None else (403, 404))
        assert fresh(kind.model, target.pk).deleted_at is not None


@pytest.mark.parametrize(("kind_name", "person"), CASES)
def test_the_api_follows_the_access_table(api, world, kind_name, person):
    kind = KINDS[kind_name]
    allowed = EXPECTED[kind_name][person]
    user = person_of(world, person)
    target = kind.make(world)
    if user is not None:
        api.force_authenticate(user)
    detail = f"{kind.api_url}{target.pk}/"

    response = api.get(kind.api_url, kind.search | {"page_size": 500})
    if user is None:
        assert response.status_code == 401
    else:
        assert response.status_code == 200
        assert (target.pk in [row["id"] for row in response.json()["results"]]) == ("list" in allowed)

    response = api.get(detail)
    assert response.status_code == (200 if "detail" in allowed else 401 if user is None else 404)

    field = CHANGED[kind_name]
    response = api.patch(detail, {field: "Đã sửa"}, format="json")
    if "edit" in allowed:
        assert response.status_code == 200, response.json()
        assert getattr(fresh(kind.model, target.pk), field) == "Đã sửa"
    else:
        assert response.status_code == (401 if user is None else 403 if "detail" in allowed else 404)
        assert getattr(fresh(kind.model, target.pk), field) != "Đã sửa"

    before = kind.model.all_objects.count()
    response = api.post(kind.api_url, kind.api(world, None), format="json")
    if "create" in allowed:
        assert response.status_code == 201, response.json()
        assert kind.model.all_objects.count() == before + 1
    else:
        # Refused outright, or (for people who cannot even see the places it names) told
        # that the places do not exist; either way nothing is saved.
        assert response.status_code in ((401,) if user is None else (400, 403))
        assert kind.model.all_objects.count() == before

    response = api.delete(detail)
    if "delete" in allowed:
        assert response.status_code == 204
        assert fresh(kind.model, target.pk).deleted_at is not None
        assert api.get(detail).status_code == 404
    else:
        assert response.status_code == (401 if user is None else 403 if "detail" in allowed else 404)
        assert fresh(kind.model, target.pk).deleted_at is None


# The scenes the table cannot show on its own.

def test_the_ha_tinh_editor_sees_and_edits_huong_khe_nakai(client, world):
    client.force_login(world.vn_province_editor)
    hk = world.hk_nakai
    assert client.get(f"/partnerships/{hk.pk}/").status_code == 200
    data = partnership_form(world, hk) | {"level": "district", "border_length_km": "51", "change_reason": "biên bản 2022"}
    assert client.post(f"/partnerships/{hk.pk}/edit/", data).status_code == 302
    assert str(Partnership.objects.get(pk=hk.pk).border_length_km) == "51.000"


def test_the_ha_tinh_editor_never_finds_nghe_an_xiengkhouang(client, api, world):
    client.force_login(world.vn_province_editor)
    api.force_authenticate(world.vn_province_editor)
    nghean, agreement = world.nghean_xieng, world.nghean_agreement
    assert client.get(f"/partnerships/{nghean.pk}/").status_code == 404
    assert client.get(f"/partnerships/{nghean.pk}/edit/").status_code == 404
    assert client.get(f"/partnerships/agreements/{agreement.pk}/").status_code == 404
    assert api.get(f"/api/v1/partnerships/{nghean.pk}/").status_code == 404
    assert api.get(f"/api/v1/agreements/{agreement.pk}/").status_code == 404
    listed = [row["object"] for row in client.get("/partnerships/", {"per_page": 500}).context["rows"]]
    assert nghean not in listed and world.hk_nakai in listed
    assert [row["object"] for row in client.get("/partnerships/", {"q": "xieng khouang"}).context["rows"]] == []
    exported = csv_rows(client.get("/partnerships/", {"export": "csv"}))
    assert len(exported) == 1 + 1  # the header and Hương Khê–Nakai (Thượng Trạch is in Quảng Bình)
    assert not any("Xiêng Khoảng" in cell for row in exported for cell in row)
    assert nghean.pk not in [row["id"] for row in api.get("/api/v1/partnerships/", {"page_size": 500}).json()["results"]]
    assert api.get("/api/v1/partnerships/", {"q": "nghe an"}).json()["count"] == 0


def test_the_nakai_editor_edits_huong_khe_nakai(api, world):
    api.force_authenticate(world.la_district_editor)
    response = api.patch(f"/api/v1/partnerships/{world.hk_nakai.pk}/", {"border_length_km": "51"}, format="json")
    assert response.status_code == 200, response.json()


def test_the_nakai_editor_cannot_create_a_partnership_outside_nakai_by_form(client, world):
    client.force_login(world.la_district_editor)
    before = Partnership.all_objects.count()
    data = partnership_form(world, None) | {"vn_place": place("VN-2008-P40").pk, "la_place": place("LA-P-XIENGKHOUANG").pk}
    response = client.post("/partnerships/new/", data)
    assert response.status_code == 403
    assert response.context["form"].non_field_errors()
    assert Partnership.all_objects.count() == before


def test_the_nakai_editor_cannot_create_a_partnership_outside_nakai_by_api(api, world):
    api.force_authenticate(world.la_district_editor)
    before = Partnership.all_objects.count()
    response = api.post("/api/v1/partnerships/", {"vn_place": place("VN-2008-D444").pk, "la_place": place("LA-P-XIENGKHOUANG").pk,
                                                  "level": "district"}, format="json")
    assert response.status_code == 403
    assert Partnership.all_objects.count() == before


def test_the_nakai_editor_cannot_move_huong_khe_nakai_out_of_nakai(client, api, world):
    hk = world.hk_nakai
    xieng = place("LA-P-XIENGKHOUANG")
    client.force_login(world.la_district_editor)
    data = partnership_form(world, hk) | {"level": "district", "vn_place": place("VN-2008-P40").pk, "la_place": xieng.pk}
    response = client.post(f"/partnerships/{hk.pk}/edit/", data)
    assert response.status_code == 403
    api.force_authenticate(world.la_district_editor)
    response = api.patch(f"/api/v1/partnerships/{hk.pk}/", {"la_place": xieng.pk}, format="json")
    assert response.status_code == 403
    assert Partnership.objects.get(pk=hk.pk).la_place.key == "LA-D-NAKAI"


def test_the_viewer_reads_everything_and_changes_nothing(client, api, world):
    client.force_login(world.viewer)
    api.force_authenticate(world.viewer)
    for record in (world.hk_nakai, world.tt_noongma, world.nghean_xieng):
        assert client.get(f"/partnerships/{record.pk}/").status_code == 200
        assert client.get(f"/partnerships/{record.pk}/edit/").status_code == 403
        assert api.patch(f"/api/v1/partnerships/{record.pk}/", {"description": "x"}, format="json").status_code == 403
        assert api.delete(f"/api/v1/partnerships/{record.pk}/").status_code == 403
    assert client.get("/partnerships/new/").status_code == 403
    assert api.get("/api/v1/partnerships/").json()["count"] == 3


def test_the_outsider_sees_reference_places_and_nothing_else(client, api, world):
    client.force_login(world.outsider)
    api.force_authenticate(world.outsider)
    assert client.get(f"/places/{place('VN-2008-D444').pk}/").status_code == 200
    assert api.get("/api/v1/places/", {"q": "huong khe"}).json()["count"] > 0
    for url in ("/api/v1/partnerships/", "/api/v1/agreements/", "/api/v1/commitments/"):
        assert api.get(url).json()["count"] == 0, url
    assert client.get("/partnerships/").context["rows"] == []
    assert client.get(f"/partnerships/{world.hk_nakai.pk}/").status_code == 404


def test_a_signed_out_visitor_is_sent_to_sign_in_and_the_api_answers_401(client, api, world):
    for url in ("/partnerships/", f"/partnerships/{world.hk_nakai.pk}/", "/places/", "/records/deleted/"):
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/"), url
    for url in ("/api/v1/partnerships/", "/api/v1/places/", f"/api/v1/partnerships/{world.hk_nakai.pk}/"):
        assert api.get(url).status_code == 401, url


def test_only_administrators_see_deleted_records_to_restore(client, world):
    services.delete_record(world.hk_commitment, acting_user=world.admin)
    for name, sees in (("admin", True), ("la_administrator", True), ("vn_province_editor", False), ("viewer", False)):
        client.force_login(getattr(world, name))
        response = client.get("/records/deleted/")
        shown = [row[0] for row in response.context["page_obj"]] if response.status_code == 200 else []
        assert (world.hk_commitment in shown) == sees, name


def test_form_choices_never_offer_records_outside_the_users_scope(client, world):
    client.force_login(world.vn_province_editor)
    forms = {
        "/partnerships/new/": ("parent",),
        f"/partnerships/{world.hk_nakai.pk}/edit/": ("parent",),
        "/partnerships/agreements/new/": ("partnership", "follows"),
        "/partnerships/commitments/new/": ("agreement", "parent"),
    }
    hidden = {world.nghean_xieng, world.nghean_agreement}
    for url, fields in forms.items():
        form = client.get(url).context["form"]
        for name in fields:
            offered = set(form.fields[name].queryset)
            assert not offered & hidden, (url, name)
    client.force_login(world.la_district_editor)
    form = client.get("/partnerships/agreements/new/").context["form"]
    assert set(form.fields["partnership"].queryset) == {world.hk_nakai}
    form = client.get("/partnerships/commitments/new/").context["form"]
    assert set(form.fields["agreement"].queryset) == {world.hk_memorandum}


def test_choosing_an_agreement_outside_the_scope_is_refused(client, world):
    client.force_login(world.vn_province_editor)
    before = Commitment.all_objects.count()
    response = client.post("/partnerships/commitments/new/", commitment_form(world, None) | {"agreement": world.nghean_agreement.pk})
    assert response.status_code == 200
    assert "agreement" in response.context["form"].errors
    assert Commitment.all_objects.count() == before
