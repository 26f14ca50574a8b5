"""A list longer than BORDERTWIN_EXPORT_INLINE_ROWS is exported by a background job: the export link leads to the
job's page, whose file holds the rows the download made at once would hold, for its starter only."""


import csv
import io

import pytest
from django.utils import translation
from openpyxl import load_workbook

from bordertwin.core import services
from bordertwin.jobs import services as jobs
from bordertwin.jobs.models import Job, State
from bordertwin.partnerships.models import Commitment

from .test_exports import csv_rows, sixty_commitments, xlsx_rows  # noqa: F401  (sixty_commitments is a fixture)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("sixty_commitments")]

LIST = "/partnerships/commitments/"
HEALTH = {"domain": "health"}
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def file_rows(response, fmt):
    """The rows of a job's result file (sent as a file, where the export made at once is streamed or saved)."""
    content = b"".join(response.streaming_content)
    if fmt == "csv":
        return list(csv.reader(io.StringIO(content.decode("utf-8-sig"))))
    return [list(row) for row in load_workbook(io.BytesIO(content), read_only=True).active.iter_rows(values_only=True)]


@pytest.fixture
def formula(world):
    return services.save_record(Commitment(agreement=world.hk_memorandum, domain="health", text="=HYPERLINK(\"http://x\")"),
                                acting_user=world.admin)


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_a_long_list_is_exported_by_a_job_with_the_rows_of_the_export_made_at_once(client, world, settings, formula, fmt):
    client.force_login(world.vn_province_editor)
    at_once = client.get(LIST, {**HEALTH, "export": fmt})
    assert at_once.status_code == 200
    inline = csv_rows(at_once) if fmt == "csv" else xlsx_rows(at_once)
    assert len(inline) == 1 + 61

    settings.BORDERTWIN_EXPORT_INLINE_ROWS = 60
    response = client.get(LIST, {**HEALTH, "export": fmt})
    assert response.status_code == 302 and response.url.startswith("/jobs/")
    job = Job.objects.get()
    assert job.state == State.DONE and job.started_by == world.vn_province_editor
    page = client.get(response.url)
    assert page.status_code == 200 and f"{job.pk}/result/" in page.content.decode()
    download = client.get(f"/jobs/{job.pk}/result/")
    assert download.status_code == 200 and "attachment" in download["Content-Disposition"]
    assert download["Content-Disposition"] == at_once["Content-Disposition"]
    assert file_rows(download, fmt) == inline
    assert ["'=HYPERLINK(\"http://x\")"] in [row[:1] for row in inline]  # a formula stays text in the job's file too


def test_another_user_cannot_see_or_download_the_export(client, world, settings):
    settings.BORDERTWIN_EXPORT_INLINE_ROWS = 10
    client.force_login(world.vn_province_editor)
    url = client.get(LIST, {"export": "csv"}).url
    job = Job.objects.get()
    for user in (world.viewer, world.la_province_editor, world.outsider):
        client.force_login(user)
        assert client.get(url).status_code == 404
        assert client.get(f"/jobs/{job.pk}/result/").status_code == 404


def test_a_short_list_still_downloads_at_once(client, world, settings):
    settings.BORDERTWIN_EXPORT_INLINE_ROWS = 60
    client.force_login(world.vn_province_editor)
    response = client.get(LIST, {"q": "kham benh dot", "export": "csv"})
    assert response.status_code == 200
    assert len(csv_rows(response)) == 1 + 60
    assert not Job.objects.exists()


def test_an_export_asked_for_twice_is_one_job_done_once(client, world, settings):
    settings.BORDERTWIN_EXPORT_INLINE_ROWS = 10
    settings.TASKS = DATABASE_QUEUE
    client.force_login(world.vn_province_editor)
    first = client.get(LIST, {**HEALTH, "export": "xlsx"})
    assert client.get(LIST, {**HEALTH, "export": "xlsx"}).url == first.url
    assert client.get(LIST, {**HEALTH, "export": "csv"}).url != first.url  # another format is another file
    job = Job.objects.get(parameters__format="xlsx")
    assert jobs.run(str(job.pk)) == State.DONE
    job.refresh_from_db()
    finished = job.finished_at
    assert jobs.run(str(job.pk)) == State.DONE
    job.refresh_from_db()
    assert job.finished_at == finished and job.attempts == 1


def test_the_job_reads_the_list_as_its_starter_may_see_it_when_it_runs(client, world, settings):
    from bordertwin.accounts.models import Membership

    settings.BORDERTWIN_EXPORT_INLINE_ROWS = 10
    settings.TASKS = DATABASE_QUEUE
    client.force_login(world.vn_province_editor)
    client.get(LIST, {**HEALTH, "export": "csv"})
    job = Job.objects.get()
    Membership.objects.filter(user=world.vn_province_editor).delete()  # the role is lost before a worker takes the job
    assert jobs.run(str(job.pk)) == State.DONE
    download = client.get(f"/jobs/{job.pk}/result/")
    rows = file_rows(download, "csv")
    assert len(rows) == 1  # the header row, and none of the sixty commitments


def test_a_job_for_an_address_that_is_no_list_fails_with_a_reason(world):
    job = jobs.start("core.list_export", world.vn_province_editor, {"path": "/jobs/", "query": "", "format": "csv"})
    job.refresh_from_db()
    with translation.override(job.language):
        assert job.state == State.FAILED and job.error == translation.gettext("This list can no longer be exported.")


def test_the_job_tells_its_progress_as_it_writes_the_rows(client, world, settings, monkeypatch):
    from bordertwin.core import tables
    from bordertwin.jobs import exports

    settings.BORDERTWIN_EXPORT_INLINE_ROWS = 10
    settings.TASKS = DATABASE_QUEUE
    monkeypatch.setattr(tables, "EXPORT_CHUNK", 20)
    client.force_login(world.vn_province_editor)
    client.get(LIST, {**HEALTH, "export": "csv"})
    reported: list[int] = []
    outcome = exports.list_export(Job.objects.select_related("started_by").get(), reported.append)
    assert reported == [33, 66, 100]  # after 20, 40 and 60 of the 60 health commitments
    with outcome.file:
        outcome.file.seek(0)
        assert len(outcome.file.read().decode("utf-8-sig").splitlines()) == 1 + 60
