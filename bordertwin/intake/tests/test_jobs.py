"""A large uploaded file is read by a background job: its page shows how it goes, then leads to the
document to review; the API answers 202 with the job to poll. Jobs run at once in tests (the
immediate backend) unless a test queues them in the database."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from bordertwin.accounts.models import Membership
from bordertwin.intake.choices import DocumentStatus
from bordertwin.intake.models import SourceDocument
from bordertwin.jobs import services as jobs
from bordertwin.jobs.models import Job, State

pytestmark = pytest.mark.django_db
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


@pytest.fixture(autouse=True)
def _small_threshold(settings):
    """Files above 200 bytes are "large": the short test article is read by a job."""
    settings.BORDERTWIN_JOB_INLINE_BYTES = 200


def upload(text: str, name: str = "article.txt") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, text.encode("utf-8"))


def test_a_large_file_is_read_by_a_job_whose_page_leads_to_the_document(client, world, tt_text):
    client.force_login(world.la_province_editor)
    response = client.post("/intake/new/", {"file": upload(tt_text), "kind": "minutes", "language": "vi", "document_date": "2024-06-22"})
    job = Job.objects.get()
    assert response.status_code == 302 and response.url == f"/jobs/{job.pk}/"
    document = SourceDocument.objects.get()
    assert job.state == State.DONE and job.target == document and job.summary["document"] == document.pk
    assert document.file_name == "article.txt" and document.kind == "minutes" and document.status == DocumentStatus.PENDING
    assert document.document_date == datetime.date(2024, 6, 22) and document.submitted_by == world.la_province_editor
    assert document.proposals["la_parties"][0]["name"] == "Noỏng Mạ"
    page = client.get(response.url).content.decode()
    assert f'href="/intake/{document.pk}/"' in page and "Review what was found" in page
    assert client.get(f"/intake/{document.pk}/").status_code == 200
    assert not job.source_file  # the uploaded copy the job read is not kept; the document keeps its own


def test_a_small_file_is_still_read_within_the_request(client, world, tt_text, settings):
    settings.BORDERTWIN_JOB_INLINE_BYTES = 10_000
    client.force_login(world.la_province_editor)
    response = client.post("/intake/new/", {"file": upload(tt_text), "kind": "article", "language": "vi"})
    document = SourceDocument.objects.get()
    assert response.url == f"/intake/{document.pk}/" and not Job.objects.exists()


def test_a_waiting_reading_shows_its_progress_and_makes_nothing_before_it_runs(client, world, tt_text, settings):
    settings.TASKS = DATABASE_QUEUE
    client.force_login(world.la_province_editor)
    response = client.post("/intake/new/", {"file": upload(tt_text), "kind": "article", "language": "vi"})
    job = Job.objects.get()
    assert job.state == State.QUEUED and not SourceDocument.objects.exists()
    status = client.get(f"/jobs/{job.pk}/status/").content.decode()
    assert 'hx-trigger="every 1s"' in status and "<progress" in status
    assert jobs.run(str(job.pk)) == State.DONE
    status = client.get(response.url).content.decode()
    assert "hx-get" not in status and f'href="/intake/{SourceDocument.objects.get().pk}/"' in status


def test_the_api_answers_202_with_a_job_whose_summary_names_the_document(api, world, tt_text, settings):
    settings.TASKS = DATABASE_QUEUE
    api.force_authenticate(world.la_province_editor)
    response = api.post("/api/v1/intake/", {"file": upload(tt_text), "title": "Kết nghĩa"}, format="multipart")
    assert response.status_code == 202 and response.json()["state"] == "queued"
    job_url = response["Location"]
    jobs.run(response.json()["id"])
    polled = api.get(job_url).json()
    assert polled["state"] == "done" and polled["progress"] == 100
    document = api.get(polled["summary"]["document_url"]).json()
    assert document["id"] == polled["summary"]["document"] and document["title"] == "Kết nghĩa"
    assert document["proposals"]["event_date"]["value"] == "2024-06-20"


def test_only_the_starter_who_may_see_the_document_sees_the_reading(client, api, world, tt_text):
    client.force_login(world.la_province_editor)
    response = client.post("/intake/new/", {"file": upload(tt_text), "kind": "article", "language": "vi"})
    job = Job.objects.get()
    document = SourceDocument.objects.get()
    for user in (world.outsider, world.la_district_editor, world.vn_province_editor):
        client.force_login(user)
        assert client.get(response.url).status_code == 404
        api.force_authenticate(user)
        assert api.get(f"/api/v1/jobs/{job.pk}/").status_code == 404
    Membership.objects.filter(user=world.la_province_editor).delete()  # the starter loses sight of the document
    client.force_login(world.la_province_editor)
    assert client.get(f"/intake/{document.pk}/").status_code == 404
    assert client.get(response.url).status_code == 404
    api.force_authenticate(world.la_province_editor)
    assert api.get(f"/api/v1/jobs/{job.pk}/").status_code == 404


def test_a_large_file_that_cannot_be_read_fails_its_job_with_the_reason_and_stores_nothing(client, world, tt_text):
    client.force_login(world.la_province_editor)
    response = client.post("/intake/new/", {"file": SimpleUploadedFile("article.txt", tt_text.encode("cp1258", "replace")), "kind": "article", "language": "vi"})
    job = Job.objects.get()
    assert job.state == State.FAILED and "not UTF-8" in job.error
    assert not SourceDocument.all_objects.exists() and job.target is None
    assert job.error in client.get(response.url).content.decode()


@pytest.mark.parametrize(
    ("name", "size", "message"),
    [("image.png", 1000, ".txt, .docx and .pdf"), ("article.txt", 2_000_000, "larger than")],
)
def test_a_file_refused_by_its_name_or_size_is_refused_at_once_and_queues_nothing(client, api, world, settings, name, size, message):
    settings.BORDERTWIN_INTAKE_MAX_FILE_BYTES = 1_000_000
    client.force_login(world.la_province_editor)
    response = client.post("/intake/new/", {"file": SimpleUploadedFile(name, b"a" * size), "kind": "article", "language": "vi"})
    assert response.status_code == 400 and message in response.content.decode()
    api.force_authenticate(world.la_province_editor)
    response = api.post("/api/v1/intake/", {"file": SimpleUploadedFile(name, b"a" * size)}, format="multipart")
    assert response.status_code == 400 and message in str(response.json())
    assert not Job.objects.exists() and not SourceDocument.all_objects.exists()


def test_who_may_not_submit_documents_queues_nothing(client, world, tt_text):
    client.force_login(world.viewer)
    response = client.post("/intake/new/", {"file": upload(tt_text), "kind": "article", "language": "vi"})
    assert response.status_code == 403 and not Job.objects.exists()


def test_the_reading_tells_its_progress_and_a_second_copy_is_pointed_out(client, world, tt_text):
    from bordertwin.intake.services import submit_document

    heard: list[int] = []
    submit_document(acting_user=world.la_province_editor, upload=upload(tt_text), progress=heard.append, title="Bản đầu")
    assert heard == [40, 90]  # read, then proposals found
    client.force_login(world.la_province_editor)
    response = client.post("/intake/new/", {"file": upload(tt_text), "kind": "article", "language": "vi"})
    job = Job.objects.get()
    assert "already submitted" in job.summary["message"] and "Bản đầu" in client.get(response.url).content.decode()
