"""How long the request for a review report PDF takes, made in the request (before) and queued as a job (now).

    .venv/bin/python bench/report_request.py [--partnerships 150] [--years 10] [--rounds 3]

Uses the synthetic province of bench/report_speed.py (its own SQLite database). Prints, for
the busiest year of one partnership, as a province viewer asks for it:
- before: the work the download request used to do itself (the report's data, then the PDF),
- now: the download request, which queues the job and answers with the job's page,
- the job itself, as a worker runs it,
beside the floor the request must stay under. Best of N rounds. Exit code 0 unless a floor is broken.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from report_speed import best, province_from_arguments, viewer  # noqa: E402

FLOOR_REQUEST = 1.0  # seconds: the request only queues the job


def main() -> int:
    args, partnership, date_from, date_to = province_from_arguments(__doc__.splitlines()[0])

    from django.conf import settings
    from django.test import Client
    from django.test.utils import override_settings

    from bordertwin.jobs import services as jobs
    from bordertwin.jobs.models import Job
    from bordertwin.reports import services
    from bordertwin.reports.documents import pdf

    user = viewer()

    def before() -> None:
        pdf.render(services.review_data(partnership, date_from, date_to, user, language="vi"))

    client = Client()
    client.force_login(user)
    url = f"/reports/partnerships/{partnership.pk}/review.pdf?from={date_from}&to={date_to}&lang=vi"

    def now() -> None:
        Job.objects.filter(state__in=["queued", "running"]).delete()  # each round asks afresh
        response = client.get(url)
        assert response.status_code == 302, response.status_code

    def job() -> None:
        queued = Job.objects.filter(kind="reports.review", state="queued").first()
        assert jobs.run(str(queued.pk)) == "done"

    before_seconds = best(args.rounds, before)
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}, ALLOWED_HOSTS=["testserver"]):
        now_seconds = best(args.rounds, now)
        job_seconds = best(1, job)
    print(f"database: {settings.DATABASES['default']['NAME']}")
    print(f"{'before: PDF made in the request':42} {before_seconds:7.3f} s")
    print(f"{'now: request (queues the job)':42} {now_seconds:7.3f} s   floor {FLOOR_REQUEST:.1f} s")
    print(f"{'now: the job, in a worker':42} {job_seconds:7.3f} s")
    return 0 if now_seconds <= FLOOR_REQUEST else 1


if __name__ == "__main__":
    sys.exit(main())
