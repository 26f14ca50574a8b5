"""The one task on the queue: run a job by its id (jobs.services.run does the rest)."""

from django_tasks import task

from . import services


@task()
def run_job(job_id: str) -> str:
    return services.run(job_id)
