"""With the production settings of the README given, the deployment checks find nothing to warn about.

drf-spectacular's checks of the API schema run under --deploy too, and are clean as well.
"""

import os
import re
import subprocess
import sys

PRODUCTION = {
    "BORDERTWIN_ALLOWED_HOSTS": "bordertwin.example.org",
    "BORDERTWIN_SECURE_COOKIES": "1",
    "BORDERTWIN_SSL_REDIRECT": "1",
    "BORDERTWIN_HSTS_SECONDS": "31536000",
    "BORDERTWIN_HSTS_INCLUDE_SUBDOMAINS": "1",
    "BORDERTWIN_HSTS_PRELOAD": "1",
    "BORDERTWIN_BEHIND_HTTPS_PROXY": "1",
}


def check_deploy(tmp_path, **env: str) -> subprocess.CompletedProcess:
    # As a server starts: no BORDERTWIN_ setting but those given, nor the test run's DJANGO_ALLOW_ASYNC_UNSAFE.
    clean = {k: v for k, v in os.environ.items() if not k.startswith("BORDERTWIN_") and k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    clean.update({"DJANGO_SETTINGS_MODULE": "bordertwin.settings", "BORDERTWIN_VAR_DIR": str(tmp_path), **env})
    command = [sys.executable, "-m", "bordertwin.cli", "check", "--deploy"]
    return subprocess.run(command, env=clean, capture_output=True, text=True, timeout=120)


def issues(done: subprocess.CompletedProcess) -> set[str]:
    assert done.returncode == 0, done.stderr
    return set(re.findall(r"\(([a-z_]+\.[EW]\d+)\)", done.stdout + done.stderr))


def test_check_deploy_is_clean_with_the_production_settings(tmp_path):
    assert issues(check_deploy(tmp_path, **PRODUCTION)) == set()


def test_check_deploy_warns_when_the_production_settings_are_missing(tmp_path):
    assert issues(check_deploy(tmp_path)) == {"security.W004", "security.W008", "security.W012", "security.W016"}
