"""Jobs as users meet them: asked for on a page or through the API, followed on the job's page, then downloaded.

Jobs run at once in tests (conftest: the immediate backend) unless a test queues them in the database.
"""

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from bordertwin.accounts.models import Membership
from bordertwin.jobs import services
from bordertwin.jobs.models import Job, State
from bordertwin.tracking import importing
from bordertwin.tracking.models import Delivery

pytestmark = pytest.mark.django_db
PERIOD = "from=2022-06-25&to=2024-06-22&lang=vi"
DATABASE_QUEUE = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def ask_for_review(client, world, user, fmt="pdf"):
    client.force_login(user)
    return client.get(f"/reports/partnerships/{world.hk_nakai.pk}/review.{fmt}?{PERIOD}")


def test_the_review_report_is_made_by_a_job_whose_page_leads_to_the_file(client, world):
    response = ask_for_review(client, world, world.vn_province_editor)
    job = Job.objects.get()
    assert response.status_code == 302 and response.url == f"/jobs/{job.pk}/"
    page = client.get(response.url).content.decode()
    assert f'href="/jobs/{job.pk}/result/"' in page and "hx-get" not in page  # done: no more polling
    result = client.get(f"/jobs/{job.pk}/result/")
    assert result.status_code == 200 and result["Content-Type"] == "application/pdf"
    assert b"".join(result.streaming_content).startswith(b"%PDF")
    assert "review-huong-khe-nakai-2022-06-25-2024-06-22-vi.pdf" in result["Content-Disposition"]


def test_a_waiting_job_shows_its_progress_and_asks_again_every_second(client, world, settings):
    settings.TASKS = DATABASE_QUEUE
    response = ask_for_review(client, world, world.vn_province_editor, "xlsx")
    job = Job.objects.get()
    assert job.state == State.QUEUED and job.handed_over
    status = client.get(f"/jobs/{job.pk}/status/").content.decode()
    assert f'hx-get="/jobs/{job.pk}/status/"' in status and 'hx-trigger="every 1s"' in status and "<progress" in status
    assert client.get(f"/jobs/{job.pk}/result/").url == f"/jobs/{job.pk}/"  # nothing to download yet
    # Asked for again while it waits, it is the same job.
    assert ask_for_review(client, world, world.vn_province_editor, "xlsx").url == response.url
    assert services.run(str(job.pk)) == State.DONE
    status = client.get(f"/jobs/{job.pk}/status/").content.decode()
    assert "hx-get" not in status and f"/jobs/{job.pk}/result/" in status


def test_only_the_starter_who_still_sees_the_partnership_gets_the_result(client, world):
    ask_for_review(client, world, world.vn_border_officer, "docx")
    job = Job.objects.get()
    assert job.sensitive  # a border officer's report holds the patrol counts
    for user in (world.outsider, world.viewer, world.la_province_editor):
        client.force_login(user)
        assert client.get(f"/jobs/{job.pk}/").status_code == 404
        assert client.get(f"/jobs/{job.pk}/result/").status_code == 404
    client.force_login(world.vn_border_officer)
    assert client.get(f"/jobs/{job.pk}/result/").status_code == 200
    Membership.objects.filter(user=world.vn_border_officer).delete()
    assert client.get(f"/jobs/{job.pk}/result/").status_code == 404


def test_the_api_answers_202_with_a_job_to_poll_then_the_result(api, world, settings):
    settings.TASKS = DATABASE_QUEUE
    api.force_authenticate(world.vn_province_editor)
    response = api.post(f"/api/v1/partnerships/{world.hk_nakai.pk}/review.docx?from=2022-06-25&to=2024-06-22")
    assert response.status_code == 202
    job_url = response["Location"]
    assert response.json()["state"] == "queued" and response.json()["url"] == job_url
    services.run(response.json()["id"])
    polled = api.get(job_url).json()
    assert polled["state"] == "done" and polled["progress"] == 100
    assert api.get(polled["result"]).status_code == 200
    api.force_authenticate(world.outsider)
    assert api.get(job_url).status_code == 404


def test_the_api_refuses_bad_report_parameters_and_queues_nothing(api, world):
    api.force_authenticate(world.vn_province_editor)
    assert api.post(f"/api/v1/partnerships/{world.hk_nakai.pk}/review.odt").status_code == 404
    response = api.post(f"/api/v1/partnerships/{world.hk_nakai.pk}/review.pdf?from=2024-06-22&to=2022-06-25")
    assert response.status_code == 400 and response.json()["errors"]
    assert not Job.objects.exists()
    api.force_authenticate(world.outsider)
    assert api.post(f"/api/v1/partnerships/{world.hk_nakai.pk}/review.pdf").status_code == 404


def delivery_file(world, rows):
    header = ["partnership", "category", "item", "giver_side", "delivered_on"]
    body = [[world.hk_nakai.pk, "livestock", item, "VN", day] for item, day in rows]
    return SimpleUploadedFile("deliveries.csv", importing.csv_bytes([header, *body]))


def test_a_large_import_runs_as_a_job_and_saves_every_row(client, world, settings, django_capture_on_commit_callbacks):
    settings.BORDERTWIN_JOB_INLINE_BYTES = 100
    client.force_login(world.vn_province_editor)
    upload = delivery_file(world, [(f"Bò {n}", "2023-01-01") for n in range(300)])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/tracking/import/", {"kind": "deliveries", "file": upload})
    job = Job.objects.get()
    source: Any = job.attempts and f"jobs/{job.pk}/source/deliveries.csv"
    assert response.url == f"/jobs/{job.pk}/"
    assert job.state == State.DONE and job.summary["created"] == 300
    assert Delivery.objects.filter(item__startswith="Bò ").count() == 300
    page = client.get(response.url).content.decode()
    assert "300" in page and 'href="/tracking/deliveries/"' in page
    assert not job.source_file and not job.source_file.storage.exists(source)  # the uploaded file is not kept


def test_a_failed_import_saves_nothing_and_says_why_in_the_starters_language(client, world, settings):
    settings.BORDERTWIN_JOB_INLINE_BYTES = 10
    world.la_province_editor.language = "lo"
    world.la_province_editor.save()
    client.force_login(world.la_province_editor)
    upload = delivery_file(world, [("ງົວ", "2023-01-01"), ("", "2023-01-02")])
    response = client.post("/tracking/import/", {"kind": "deliveries", "file": upload})
    job = Job.objects.get()
    assert job.state == State.FAILED and job.language == "lo"
    assert Delivery.objects.filter(item="ງົວ").count() == 0
    page = client.get(response.url).content.decode()
    assert job.error in page and "item" in page
    assert "Nothing was saved" not in job.error  # written in Lao


def test_a_job_is_done_once_however_often_its_task_is_delivered(world, settings):
    settings.TASKS = DATABASE_QUEUE
    upload = delivery_file(world, [("Bò", "2023-01-01")])
    job = services.start("tracking.import", world.vn_province_editor, {"model": "tracking.delivery"}, source=upload, key="import-1")
    assert services.start("tracking.import", world.vn_province_editor, {"model": "tracking.delivery"}, key="import-1") == job
    assert services.run(str(job.pk)) == State.DONE
    assert services.run(str(job.pk)) == State.DONE
    assert Delivery.objects.filter(item="Bò").count() == 1


def test_a_job_made_by_no_one_is_seen_by_administrators_only(client, world):
    job = services.start("jobs.clean_up", None)
    assert job.state == State.DONE
    client.force_login(world.la_administrator)
    assert client.get(f"/jobs/{job.pk}/").status_code == 404
    client.force_login(world.admin)
    assert client.get(f"/jobs/{job.pk}/").status_code == 200


def test_the_scheduler_queues_each_scheduled_job_once_per_period(world, settings, mailoutbox):
    first = services.schedule()
    assert set(first) >= {"jobs.clean_up", "notifications.reminders", "notifications.mail", "notifications.digest"}
    assert services.schedule() == []  # a second scheduler in the same period queues nothing
    assert Job.objects.filter(kind="notifications.reminders", state=State.DONE).count() == 1
