"""A real worker, killed with SIGKILL half way through a job: nothing of the job stays, and it is done once, later.

Runs on the configured database (SQLite, or PostgreSQL with DATABASE_URL in CI), with
the database queue and, when Redis answers, with RQ on Redis (database 6).
"""

import os
import signal
import time

import pytest
import redis

from . import processes

pytestmark = pytest.mark.django_db  # the test database is made, then copied for the other processes
REDIS_URL = "redis://127.0.0.1:6379/6"


def redis_answers() -> bool:
    try:
        return bool(redis.Redis.from_url(REDIS_URL, socket_connect_timeout=0.5).ping())
    except redis.RedisError:
        return False


QUEUES = ["database", pytest.param("redis", marks=pytest.mark.redis)]


@pytest.fixture(scope="module")
def database_url(tmp_path_factory, django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), processes.copy_of_test_database(tmp_path_factory.mktemp("db"), "kill") as url:
        yield url


def state(env, pk):
    """The job's state, attempts, error, and how many of its groups exist, as any other process sees them."""
    url = env["DATABASE_URL"]
    job_state, attempts, error = processes.query(url, "SELECT state, attempts, error FROM jobs_job WHERE id = %s", (pk.replace("-", "") if url.startswith("sqlite") else pk,))[0]
    groups = processes.query(url, "SELECT count(*) FROM auth_group WHERE name LIKE %s", (f"{pk}-%",))[0][0]
    return [job_state, attempts, groups, error]


def wait_for(predicate, seconds=120):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.3)
    raise AssertionError("timed out")


@pytest.mark.parametrize("queue", QUEUES)
def test_a_worker_killed_half_way_leaves_nothing_and_the_job_is_done_once_later(queue, tmp_path, database_url):
    extra = {}
    if queue == "redis":
        assert redis_answers(), "Redis must answer on 127.0.0.1:6379 (CI starts it)"
        redis.Redis.from_url(REDIS_URL).flushdb()
        extra = {"BORDERTWIN_REDIS_URL": REDIS_URL}
    env = processes.environment(database_url, tmp_path, **extra)
    pk = processes.python(env, (
        "from bordertwin.jobs import services; "
        f"print(services.start('tests.slow_groups', None, {{'count': 40, 'delay': 0.25}}, key='slow-{queue}').pk)"
    ))
    worker = processes.start(env, "worker")
    try:
        wait_for(lambda: state(env, pk)[0] == "running")
        time.sleep(3)  # some groups written (one each 0.25 s), not all
        # The process doing the work (RQ's work horse runs in a session of its own) and the worker itself.
        busy = int(processes.query(env["DATABASE_URL"], "SELECT worker FROM jobs_job WHERE state = 'running'")[0][0].rsplit(":", 1)[1])
        os.kill(busy, signal.SIGKILL)
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait(timeout=30)
    finally:
        if worker.poll() is None:
            os.killpg(worker.pid, signal.SIGKILL)
    # Killed half way: the job is still marked running, and none of its rows were kept.
    assert state(env, pk)[:3] == ["running", 1, 0]

    # Asked for again under the same key, it is the same job, not a second one.
    again = processes.python(env, f"from bordertwin.jobs import services; print(services.start('tests.slow_groups', None, key='slow-{queue}').pk)")
    assert again == pk

    # The next worker finds the dead worker's job, queues it again and does it, once.
    processes.run(env, "worker", "--burst", timeout=300)
    assert state(env, pk) == ["done", 2, 40, ""]

    # Delivered to the queue once more (a duplicate message), it is not done a second time.
    processes.python(env, f"from bordertwin.jobs import services; services.hand_over('{pk}')")
    processes.run(env, "worker", "--burst", timeout=300)
    assert state(env, pk) == ["done", 2, 40, ""]


def test_a_job_interrupted_too_often_is_given_up_and_says_so_in_the_starters_language(tmp_path, database_url):
    env = processes.environment(database_url, tmp_path, BORDERTWIN_JOB_ATTEMPTS="1")
    code = (
        "from bordertwin.jobs import services; from bordertwin.jobs.models import Job; "
        "from bordertwin.accounts.models import User; "
        "user = User.objects.create(username='lao-officer', language='lo'); "
        "job = services.start('tests.slow_groups', user, {'count': 1, 'delay': 0}); "
        # As a worker leaves it when it is killed: running, by a process that no longer exists.
        "import subprocess; gone = subprocess.Popen(['true']); gone.wait(); "
        "Job.objects.filter(pk=job.pk).update(state='running', attempts=1, worker=services.worker_id().rsplit(':', 1)[0] + f':{gone.pid}'); "
        "print(job.pk)"
    )
    pk = processes.python(env, code)
    processes.run(env, "scheduler", "--once")
    job_state, attempts, groups, error = state(env, pk)
    assert (job_state, attempts, groups) == ("failed", 1, 0)
    assert error == "ວຽກຖືກຂັດຈັງຫວະ 1 ເທື່ອ ແລະ ຖືກຍົກເລີກ. ບໍ່ມີຫຍັງຂອງມັນຖືກບັນທຶກ."  # in Lao, the starter's language
