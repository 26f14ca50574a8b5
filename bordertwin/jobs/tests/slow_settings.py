"""The project's settings plus the test-only slow job kind, for worker processes started by tests."""

from bordertwin.settings import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "bordertwin.jobs.tests.slow"]  # noqa: F405
