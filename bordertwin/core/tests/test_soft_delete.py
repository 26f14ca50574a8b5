"""Deleting is soft: the record leaves lists, the API and exports, and an administrator can bring it back."""

import csv
import io

import pytest
from django.contrib.contenttypes.models import ContentType

from bordertwin.core import services
from bordertwin.partnerships.models import Agreement, Commitment, Partnership

pytestmark = pytest.mark.django_db


def restore_by_page(client, record, reason="Xóa nhầm"):
    content_type = ContentType.objects.get_for_model(record)
    return client.post("/records/deleted/", {"content_type": content_type.pk, "pk": record.pk, "change_reason": reason},
                       follow=True)


def test_a_deleted_record_vanishes_from_lists_api_and_exports(client, api, world):
    commitment = world.hk_commitment
    client.force_login(world.vn_province_editor)
    assert client.post(f"/partnerships/commitments/{commitment.pk}/delete/", {"change_reason": "Nhập trùng"}).status_code == 302
    assert commitment not in [row["object"] for row in client.get("/partnerships/commitments/").context["rows"]]
    exported = b"".join(client.get("/partnerships/commitments/", {"export": "csv"}).streaming_content).decode("utf-8-sig")
    assert "Hỗ trợ 9 con bò nái" not in exported
    assert len(list(csv.reader(io.StringIO(exported)))) == 1
    assert client.get(f"/partnerships/commitments/{commitment.pk}/").status_code == 404
    api.force_authenticate(world.vn_province_editor)
    assert api.get("/api/v1/commitments/").json()["count"] == 0
    assert api.get(f"/api/v1/commitments/{commitment.pk}/").status_code == 404
    assert Commitment.all_objects.get(pk=commitment.pk).deleted_at is not None


def test_deleting_a_partnership_with_live_agreements_is_refused_with_a_clear_message(client, api, world):
    client.force_login(world.vn_province_editor)
    response = client.post(f"/partnerships/{world.hk_nakai.pk}/delete/", {"change_reason": "thử"})
    assert response.status_code == 200
    message = " ".join(response.context["form"].non_field_errors())
    assert "agreements" in message or "văn bản" in message
    api.force_authenticate(world.vn_province_editor)
    response = api.delete(f"/api/v1/partnerships/{world.hk_nakai.pk}/")
    assert response.status_code == 400
    assert response.json()["non_field_errors"]
    assert Partnership.objects.filter(pk=world.hk_nakai.pk).exists()


def test_an_administrator_restores_a_deleted_record(client, world):
    services.delete_record(world.hk_commitment, acting_user=world.vn_province_editor, reason="Nhập trùng")
    client.force_login(world.admin)
    response = restore_by_page(client, world.hk_commitment)
    assert response.status_code == 200
    assert Commitment.objects.filter(pk=world.hk_commitment.pk).exists()
    client.force_login(world.vn_province_editor)
    assert client.get(f"/partnerships/commitments/{world.hk_commitment.pk}/").status_code == 200


def test_an_editor_cannot_restore(client, world):
    services.delete_record(world.hk_commitment, acting_user=world.vn_province_editor)
    client.force_login(world.vn_province_editor)
    response = restore_by_page(client, world.hk_commitment)
    assert response.status_code == 403
    assert not Commitment.objects.filter(pk=world.hk_commitment.pk).exists()


def test_restoring_a_commitment_whose_agreement_is_deleted_is_refused(client, world):
    services.delete_record(world.hk_commitment, acting_user=world.admin)
    services.delete_record(world.hk_memorandum, acting_user=world.admin)
    client.force_login(world.admin)
    response = restore_by_page(client, world.hk_commitment)
    text = " ".join(str(m) for m in response.context["messages"])
    assert "agreement" in text or "văn bản" in text
    assert not Commitment.objects.filter(pk=world.hk_commitment.pk).exists()
    restore_by_page(client, world.hk_memorandum)
    restore_by_page(client, world.hk_commitment)
    assert Commitment.objects.filter(pk=world.hk_commitment.pk).exists()
    assert Agreement.objects.filter(pk=world.hk_memorandum.pk).exists()


def test_a_deleted_agreement_is_no_longer_offered_as_a_choice(client, world):
    services.delete_record(world.hk_commitment, acting_user=world.admin)
    services.delete_record(world.hk_memorandum, acting_user=world.admin)
    client.force_login(world.vn_province_editor)
    form = client.get("/partnerships/commitments/new/").context["form"]
    assert world.hk_memorandum not in form.fields["agreement"].queryset
