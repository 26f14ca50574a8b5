import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from bordertwin.intake.choices import DocumentStatus
from bordertwin.intake.models import ProposalLink, SourceDocument
from bordertwin.partnerships.models import Agreement, Commitment

pytestmark = pytest.mark.django_db


def test_posting_a_text_answers_its_proposals_and_stores_it_for_review(api, world, tt_text):
    api.force_authenticate(world.la_province_editor)
    response = api.post("/api/v1/intake/", {"text": tt_text, "document_date": "2024-06-22"}, format="json")
    assert response.status_code == 201
    body = response.json()
    document = SourceDocument.objects.get(pk=body["id"])
    assert body["review_url"] == f"/intake/{document.pk}/"
    assert document.document_date == datetime.date(2024, 6, 22) and document.status == DocumentStatus.PENDING
    proposals = body["proposals"]
    for key in ("vn_parties", "la_parties", "event_date", "agreement_dates", "money", "quantities", "domains", "commitments"):
        assert key in proposals
    party = proposals["la_parties"][0]
    assert tt_text[party["span"][0]:party["span"][1]] == party["text"] and party["place_id"]
    assert Agreement.objects.count() == 3


def test_posting_a_file_reads_it(api, world, tt_text):
    api.force_authenticate(world.la_province_editor)
    upload = SimpleUploadedFile("article.txt", tt_text.encode("utf-16"))
    response = api.post("/api/v1/intake/", {"file": upload, "kind": "minutes"}, format="multipart")
    assert response.status_code == 201
    assert response.json()["file_name"] == "article.txt" and response.json()["kind"] == "minutes"


@pytest.mark.parametrize(
    ("data", "field"),
    [
        ({"text": ""}, "non_field_errors"),
        ({"text": "   "}, "text"),
        ({"text": "Xã Thượng Trạch", "document_date": "22/06/2024"}, "document_date"),
        ({"text": "Xã Thượng Trạch", "kind": "novel"}, "kind"),
        ({"text": "\x00\x01binary\x02"}, "text"),
    ],
)
def test_bad_input_answers_400_with_field_errors_and_stores_nothing(api, world, data, field):
    api.force_authenticate(world.la_province_editor)
    response = api.post("/api/v1/intake/", data, format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert SourceDocument.all_objects.count() == 0


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("a.txt", b"\xe0\xe1 caf\xe9", "not UTF-8"),
        ("scan.pdf", b"%PDF-1.4 not really", "PDF"),
        ("image.png", b"\x89PNG\r\n\x1a\n", ".txt, .docx and .pdf"),
    ],
)
def test_bad_files_answer_400_on_the_file_field(api, world, name, content, message):
    api.force_authenticate(world.la_province_editor)
    response = api.post("/api/v1/intake/", {"file": SimpleUploadedFile(name, content)}, format="multipart")
    assert response.status_code == 400
    assert message in " ".join(response.json()["file"])


def test_a_viewer_cannot_submit(api, world, tt_text):
    api.force_authenticate(world.viewer)
    assert api.post("/api/v1/intake/", {"text": tt_text}, format="json").status_code == 403


def test_anonymous_requests_are_refused(api):
    assert api.get("/api/v1/intake/").status_code == 401


def test_get_answers_the_document_with_its_proposals(api, world, submitted, django_assert_max_num_queries):
    api.force_authenticate(world.la_province_editor)
    with django_assert_max_num_queries(10):
        response = api.get(f"/api/v1/intake/{submitted.pk}/")
    body = response.json()
    assert response.status_code == 200 and body["text"] == submitted.text
    assert body["proposals"]["money"][0]["amount"] == 1700000000 and body["links"] == []


def test_documents_outside_the_scope_are_not_found(api, world, submitted):
    api.force_authenticate(world.vn_province_editor)
    assert api.get(f"/api/v1/intake/{submitted.pk}/").status_code == 404
    assert api.get("/api/v1/intake/").json()["count"] == 0


def test_the_list_is_paginated_and_filtered(api, world, submitted, django_assert_max_num_queries):
    api.force_authenticate(world.la_province_editor)
    with django_assert_max_num_queries(10):
        response = api.get("/api/v1/intake/?status=pending")
    assert [d["id"] for d in response.json()["results"]] == [submitted.pk]
    assert api.get("/api/v1/intake/?status=reviewed").json()["count"] == 0


def review(world, submitted, **changes):
    data = {
        "partnership": world.tt_noongma.pk,
        "agreement-0-accept": True, "agreement-0-kind": "memorandum", "agreement-0-title": "Biên bản ghi nhớ",
        "agreement-0-signed_on": "2024-06-20", "agreement-0-signed_on_precision": "day",
        "commitment-0-accept": True, "commitment-0-text": "Phối hợp tuần tra đường biên giới",
        "commitment-0-domain": "defense_security", "commitment-0-agreement": "0",
    }
    data.update(changes)
    return data


def test_accept_records_the_reviewed_proposals(api, world, submitted):
    api.force_authenticate(world.la_province_editor)
    response = api.post(f"/api/v1/intake/{submitted.pk}/accept/", review(world, submitted), format="json")
    assert response.status_code == 201
    kinds = [r["record_type"] for r in response.json()["created"]]
    assert kinds == ["agreement", "commitment"]
    assert Commitment.objects.filter(agreement__partnership=world.tt_noongma).count() == 1
    links = api.get(f"/api/v1/intake/{submitted.pk}/").json()["links"]
    assert {link["field"] for link in links} == {"agreement_dates", "commitments"}


def test_accept_with_a_bad_value_answers_400_and_records_nothing(api, world, submitted):
    api.force_authenticate(world.la_province_editor)
    response = api.post(
        f"/api/v1/intake/{submitted.pk}/accept/", review(world, submitted, **{"commitment-0-domain": "cooking"}), format="json"
    )
    assert response.status_code == 400 and "commitment-0-domain" in response.json()
    assert ProposalLink.objects.count() == 0 and Agreement.objects.filter(partnership=world.tt_noongma).count() == 1


def test_accept_with_a_body_that_is_not_an_object_answers_400_and_records_nothing(api, world, submitted):
    api.force_authenticate(world.la_province_editor)
    response = api.post(f"/api/v1/intake/{submitted.pk}/accept/", [None, None], format="json")
    assert response.status_code == 400 and "non_field_errors" in response.json()
    assert ProposalLink.objects.count() == 0


def test_a_viewer_cannot_accept_through_the_api(api, world, submitted):
    api.force_authenticate(world.viewer)
    response = api.post(f"/api/v1/intake/{submitted.pk}/accept/", review(world, submitted), format="json")
    assert response.status_code == 403
    assert ProposalLink.objects.count() == 0
