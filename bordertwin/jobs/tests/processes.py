"""Helpers for tests that run the real commands in other processes, on a database of their own."""

import os
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import psycopg
from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parents[3]


def postgres_url(name: str) -> str:
    db = settings.DATABASES["default"]
    password = f":{db['PASSWORD']}" if db.get("PASSWORD") else ""
    return f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{name}"


@contextmanager
def copy_of_test_database(folder: Path, name: str) -> Iterator[str]:
    """A DATABASE_URL for a copy of the (migrated, reference-loaded) test database that other processes can open.

    Call with database access unblocked. SQLite: a file copied with the online backup API.
    PostgreSQL: a database made from the test database as template, dropped afterwards.
    """
    connection.ensure_connection()
    if connection.vendor == "sqlite":
        path = folder / f"{name}.sqlite3"
        target = sqlite3.connect(path)
        connection.connection.backup(target)
        target.close()
        yield f"sqlite:///{path}"
        return
    template = settings.DATABASES["default"]["NAME"]
    database = f"{template}_{name}"[:63]
    connection.close()
    with psycopg.connect(postgres_url("postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{database}" TEMPLATE "{template}"')
    try:
        yield postgres_url(database)
    finally:
        with psycopg.connect(postgres_url("postgres"), autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


@contextmanager
def empty_database(folder: Path, name: str) -> Iterator[str]:
    """A DATABASE_URL for a new database with no tables at all (SQLite: a file not yet there)."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{folder / (name + '.sqlite3')}"
        return
    database = f"{settings.DATABASES['default']['NAME']}_{name}"[:63]
    with psycopg.connect(postgres_url("postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{database}"')
    try:
        yield postgres_url(database)
    finally:
        with psycopg.connect(postgres_url("postgres"), autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')


def query(database_url: str, sql: str, parameters: tuple = ()) -> list[tuple]:
    """Rows read straight from the database another process writes (no Django connection involved)."""
    if database_url.startswith("sqlite:///"):
        with sqlite3.connect(database_url.removeprefix("sqlite:///"), timeout=20) as db:
            return db.execute(sql.replace("%s", "?"), parameters).fetchall()
    with psycopg.connect(database_url.replace("postgres://", "postgresql://", 1)) as db:
        return db.execute(sql, parameters).fetchall()


def environment(database_url: str, folder: Path, **extra: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("BORDERTWIN_")}
    env.update({
        "DATABASE_URL": database_url, "BORDERTWIN_VAR_DIR": str(folder), "BORDERTWIN_MEDIA_ROOT": str(folder / "media"),
        "DJANGO_SETTINGS_MODULE": "bordertwin.jobs.tests.slow_settings", "PYTHONPATH": str(ROOT),
        "BORDERTWIN_SECRET_KEY": "tests-only-key-for-other-processes", "BORDERTWIN_CONN_MAX_AGE": "0",
    })
    env.update(extra)
    return env


def command(*arguments: str) -> list[str]:
    return [sys.executable, "-m", "bordertwin.cli", *arguments]


def run(env: dict[str, str], *arguments: str, timeout: float = 300) -> str:
    """Run `bordertwin ARGUMENTS` to its end; its output, or an AssertionError with its errors."""
    completed = subprocess.run(command(*arguments), env=env, capture_output=True, text=True, timeout=timeout, cwd=ROOT)
    assert completed.returncode == 0, completed.stderr[-3000:]
    return completed.stdout


def python(env: dict[str, str], code: str, timeout: float = 300) -> str:
    """Run Python code with Django set up in another process; what it printed."""
    return run(env, "shell", "--no-startup", "--no-imports", "-c", code, timeout=timeout).strip()


def start(env: dict[str, str], *arguments: str, **options: Any) -> subprocess.Popen:
    return subprocess.Popen(command(*arguments), env=env, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            start_new_session=True, **options)
