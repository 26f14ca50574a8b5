"""The province-wide review report: every partnership of a province in the period, for the reader's scope,
made by a background job like the partnership's review report."""

from io import BytesIO

import pytest
from docx import Document

from bordertwin.jobs.models import Job
from bordertwin.testing import place

from .test_documents import all_text

pytestmark = pytest.mark.django_db
PERIOD = "from=2022-06-25&to=2026-06-22"


def province_report(client, user, key, lang="vi"):
    """Ask for the report of the province `key`; the job's page, then its result."""
    client.force_login(user)
    response = client.get(f"/reports/provinces/{place(key).pk}/review.docx?{PERIOD}&lang={lang}")
    assert response.status_code == 302 and response.url.startswith("/jobs/")
    result = client.get(response.url + "result/")
    assert result.status_code == 200
    return all_text(Document(BytesIO(b"".join(result.streaming_content))))


def test_the_province_report_reviews_every_partnership_of_the_province_the_reader_sees(client, review):
    world = review.world
    text = province_report(client, world.la_province_editor, "LA-P-KHAMMOUANE")
    assert "Huyện Hương Khê – Huyện Nakai" in text and "Xã Thượng Trạch – Cụm bản Noỏng Mạ" in text
    assert "Hỗ trợ 9 con bò nái sinh sản" in text  # an open commitment of Hương Khê–Nakai
    assert "Chính quyền tỉnh Khăm Muồn" in text  # a Lao province's administration, not a people's committee
    job = Job.objects.get(kind="reports.province_review", started_by=world.la_province_editor)
    assert job.parameters["language"] == "vi" and job.state == "done" and job.progress == 100


def test_a_reader_sees_only_the_partnerships_of_their_scope(client, review):
    text = province_report(client, review.world.la_district_editor, "LA-P-KHAMMOUANE")
    assert "Huyện Hương Khê – Huyện Nakai" in text
    assert "Thượng Trạch" not in text


def test_a_merged_province_reports_the_partnerships_it_carries_on(client, review):
    text = province_report(client, review.world.admin, "VN-2025-P44")
    assert "Xã Thượng Trạch – Cụm bản Noỏng Mạ" in text
    assert "ỦY BAN NHÂN DÂN\nTỈNH QUẢNG TRỊ" in text


def test_a_reader_with_no_partnership_there_learns_nothing_else(client, review):
    text = province_report(client, review.world.outsider, "LA-P-KHAMMOUANE")
    assert "Huyện Hương Khê – Huyện Nakai" not in text and "Thượng Trạch" not in text
    assert "Không có quan hệ kết nghĩa nào của tỉnh này trong phạm vi của bạn." in text


def test_a_place_that_is_not_a_province_has_no_province_report(client, review):
    client.force_login(review.world.admin)
    assert client.get(f"/reports/provinces/{place('LA-D-NAKAI').pk}/review.docx").status_code == 404
    assert client.get(f"/reports/provinces/{place('LA-P-KHAMMOUANE').pk}/review.docx?from=2024-01-01&to=2023-01-01").status_code == 400


def test_the_api_queues_the_province_report_and_answers_with_its_job(client, review):
    client.force_login(review.world.la_province_editor)
    khammouane = place("LA-P-KHAMMOUANE").pk
    response = client.post(f"/api/v1/places/{khammouane}/review.docx?{PERIOD}&lang=lo")
    assert response.status_code == 202 and response["Location"].endswith(f"/api/v1/jobs/{response.json()['id']}/")
    job = Job.objects.get(pk=response.json()["id"])
    assert job.kind == "reports.province_review" and job.parameters["language"] == "lo"
    assert client.post(f"/api/v1/places/{place('LA-D-NAKAI').pk}/review.docx").status_code == 404
    bad = client.post(f"/api/v1/places/{khammouane}/review.docx?from=2024-01-01&to=2023-01-01")
    assert bad.status_code == 400 and bad.json()["errors"]
