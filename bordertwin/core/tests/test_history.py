"""The change log: who changed what, when, from what to what, and why; one entry per request."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import translation

from bordertwin.accounts.services import issue_token
from bordertwin.core import services
from bordertwin.core.history import change_entries
from bordertwin.partnerships.models import Commitment, Partnership
from bordertwin.testing import place

pytestmark = pytest.mark.django_db


def partnership_data(partnership, **changes):
    data = {
        "vn_place": partnership.vn_place_id, "la_place": partnership.la_place_id, "level": partnership.level,
        "established_on_precision": "day", "status": partnership.status, "description": partnership.description,
    }
    return data | changes


def test_a_change_through_a_page_records_who_when_what_and_why(client, world):
    client.force_login(world.vn_province_editor)
    hk = world.hk_nakai
    response = client.post(f"/partnerships/{hk.pk}/edit/", partnership_data(
        hk, border_length_km="51", established_on="2022-06-25", change_reason="Theo biên bản ghi nhớ 25/6/2022",
    ))
    assert response.status_code == 302
    latest = Partnership.history.filter(id=hk.pk).latest("history_date")
    assert latest.history_user == world.vn_province_editor
    assert latest.history_change_reason == "Theo biên bản ghi nhớ 25/6/2022"
    assert latest.history_type == "~"
    with translation.override("en"):
        entry = change_entries(Partnership.objects.get(pk=hk.pk))[0]
    assert entry.user == world.vn_province_editor
    assert entry.reason == "Theo biên bản ghi nhớ 25/6/2022"
    changes = {c.label: (c.before, c.after) for c in entry.changes}
    assert changes["shared border (km)"][0] == ""
    assert changes["shared border (km)"][1].startswith("51")
    assert changes["established on"] == ("", "25/06/2022")
    assert set(changes) == {"shared border (km)", "established on"}


def test_a_change_of_a_related_record_shows_names_not_ids(client, world):
    client.force_login(world.admin)
    hk = world.hk_nakai
    client.post(f"/partnerships/{hk.pk}/edit/", partnership_data(hk, la_place=place("LA-D-BUALAPHA").pk))
    with translation.override("vi"):
        entry = change_entries(Partnership.objects.get(pk=hk.pk))[0]
    assert [(c.before, c.after) for c in entry.changes] == [("Huyện Nakai", "Huyện Bualapha")]


def test_carrying_over_changes_several_commitments_in_one_entry(client, world, minutes_2023):
    second = services.save_record(
        Commitment(agreement=world.hk_memorandum, domain="agriculture", text="Hỗ trợ 1.000 con gà đẻ"), acting_user=world.admin
    )
    client.force_login(world.vn_province_editor)
    response = client.post(f"/partnerships/agreements/{minutes_2023.pk}/carry-over/", {
        "commitments": [world.hk_commitment.pk, second.pk], "change_reason": "Hội đàm 2023",
    })
    assert response.status_code == 302
    rows = list(Commitment.history.filter(history_user=world.vn_province_editor))
    assert len(rows) == 4  # two copies created, two originals marked carried over
    assert len({row.request_id for row in rows}) == 1
    assert {row.history_change_reason for row in rows} == {"Hội đàm 2023"}
    with translation.override("en"):
        entry = change_entries(Commitment.objects.get(pk=world.hk_commitment.pk))[0]
        copy_entry = change_entries(Commitment.objects.get(carried_from=world.hk_commitment))[0]
    assert entry.reason == "Hội đàm 2023"
    assert [(c.label, c.after) for c in entry.changes] == [("status", "Carried over")]
    assert copy_entry.kind == "created"


def test_an_api_change_records_the_token_user_and_the_reason_header(client, world):
    token = issue_token(world.la_district_editor)
    response = client.patch(
        f"/api/v1/partnerships/{world.hk_nakai.pk}/", {"border_length_km": "51"}, content_type="application/json",
        HTTP_AUTHORIZATION=f"Token {token.key}", HTTP_X_CHANGE_REASON="Biên bản hội đàm 2024",
    )
    assert response.status_code == 200, response.json()
    latest = Partnership.history.filter(id=world.hk_nakai.pk).latest("history_date")
    assert latest.history_user == world.la_district_editor
    assert latest.history_change_reason == "Biên bản hội đàm 2024"


def test_an_api_creation_records_the_token_user(client, world):
    token = issue_token(world.vn_province_editor)
    response = client.post(
        "/api/v1/agreements/", {"partnership": world.hk_nakai.pk, "kind": "plan", "title": "Kế hoạch 2025",
                                "signed_on": "2025-01-15"},
        content_type="application/json", HTTP_AUTHORIZATION=f"Token {token.key}", HTTP_X_CHANGE_REASON="Kế hoạch năm",
    )
    assert response.status_code == 201, response.json()
    from bordertwin.partnerships.models import Agreement

    created = Agreement.history.get(id=response.json()["id"])
    assert (created.history_type, created.history_user, created.history_change_reason) == ("+", world.vn_province_editor, "Kế hoạch năm")
    assert Agreement.objects.get(pk=response.json()["id"]).created_by == world.vn_province_editor


def test_soft_delete_and_restore_appear_in_the_history(client, world):
    client.force_login(world.vn_province_editor)
    commitment = world.hk_commitment
    assert client.post(f"/partnerships/commitments/{commitment.pk}/delete/", {"change_reason": "Nhập trùng"}).status_code == 302
    client.force_login(world.admin)
    content_type = ContentType.objects.get_for_model(Commitment)
    client.post("/records/deleted/", {"content_type": content_type.pk, "pk": commitment.pk, "change_reason": "Không trùng"})
    entries = change_entries(Commitment.objects.get(pk=commitment.pk))
    assert [(e.kind, e.user, e.reason) for e in entries[:2]] == [
        ("restored", world.admin, "Không trùng"), ("deleted", world.vn_province_editor, "Nhập trùng"),
    ]
    assert entries[-1].kind == "created"
    page = client.get(f"/records/{content_type.pk}/{commitment.pk}/history/").content.decode()
    assert "Nhập trùng" in page and "Không trùng" in page


@pytest.mark.parametrize("kind", ["place", "organisation", "partnership", "agreement", "commitment"])
def test_the_history_page_renders_for_each_kind_of_record(client, world, hk_committee, kind):
    record = {
        "place": place("VN-2008-D444"), "organisation": hk_committee, "partnership": world.hk_nakai,
        "agreement": world.hk_memorandum, "commitment": world.hk_commitment,
    }[kind]
    record.__class__.objects.filter(pk=record.pk)  # noqa: B018 - the record exists
    services.save_record(record, acting_user=world.admin, reason="Kiểm tra lịch sử")
    client.force_login(world.viewer)
    content_type = ContentType.objects.get_for_model(record)
    response = client.get(f"/records/{content_type.pk}/{record.pk}/history/")
    assert response.status_code == 200
    assert "Kiểm tra lịch sử" in response.content.decode()


def test_the_history_of_a_record_outside_the_scope_is_not_found(client, world):
    client.force_login(world.vn_province_editor)
    content_type = ContentType.objects.get_for_model(Partnership)
    assert client.get(f"/records/{content_type.pk}/{world.nghean_xieng.pk}/history/").status_code == 404
