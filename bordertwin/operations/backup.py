"""One archive holding the database, every uploaded file and a manifest of their checksums; and its way back.

The database is copied consistently while the service runs: pg_dump reads one snapshot on
PostgreSQL, SQLite's online backup API copies a consistent image. Uploaded files are
copied after it, so every file the copied rows name is already there.
"""

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection
from django.utils import timezone

FORMAT = 1
MANIFEST = "manifest.json"
DUMPS = {"postgresql": "database.pgdump", "sqlite": "database.sqlite3"}


class BackupError(Exception):
    pass


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def pg_environment() -> tuple[list[str], dict[str, str]]:
    """The connection arguments of pg_dump and pg_restore, the password in the environment, not on the command line."""
    db: Mapping[str, Any] = settings.DATABASES["default"]
    arguments = []
    for option, key in (("--host", "HOST"), ("--port", "PORT"), ("--username", "USER")):
        if db.get(key):
            arguments += [option, str(db[key])]
    environment = dict(os.environ)
    if db.get("PASSWORD"):
        environment["PGPASSWORD"] = str(db["PASSWORD"])
    return arguments, environment


def dump_database(folder: Path) -> str:
    vendor = connection.vendor
    if vendor not in DUMPS:
        raise BackupError(f"Backups of {vendor} databases are not supported.")
    target = folder / DUMPS[vendor]
    if vendor == "postgresql":
        arguments, environment = pg_environment()
        completed = subprocess.run(["pg_dump", "--format=custom", "--no-owner", "--no-privileges", *arguments,
                                    "--file", str(target), settings.DATABASES["default"]["NAME"]],
                                   env=environment, capture_output=True, text=True)
        if completed.returncode:
            raise BackupError(f"pg_dump failed: {completed.stderr.strip()}")
    else:
        connection.ensure_connection()
        destination = sqlite3.connect(target)
        with destination:
            connection.connection.backup(destination)
        destination.close()
    return target.name


def media_files() -> list[Path]:
    root = Path(settings.MEDIA_ROOT)
    if not root.exists():
        return []
    return sorted(path for path in root.rglob("*") if path.is_file())


def backup(archive: Path) -> dict[str, Any]:
    """Write the archive; returns its manifest."""
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        started = timezone.now()
        dump = dump_database(folder)
        root = Path(settings.MEDIA_ROOT)
        files = {f"media/{path.relative_to(root).as_posix()}": sha256(path) for path in media_files()}
        manifest = {
            "format": FORMAT, "created_at": started.isoformat(), "database": {"vendor": connection.vendor, "file": dump,
                                                                              "sha256": sha256(folder / dump)},
            "files": files,
        }
        archive.parent.mkdir(parents=True, exist_ok=True)
        partial = archive.with_name(archive.name + ".partial")
        with tarfile.open(partial, "w:gz") as tar:
            data = json.dumps(manifest, indent=1, sort_keys=True).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mtime = len(data), int(started.timestamp())
            tar.addfile(info, io.BytesIO(data))
            tar.add(folder / dump, arcname=dump)
            for name in files:
                tar.add(root / name.removeprefix("media/"), arcname=name)
        partial.replace(archive)
    return manifest


def database_is_empty() -> bool:
    return not connection.introspection.table_names()


def media_is_empty() -> bool:
    root = Path(settings.MEDIA_ROOT)
    return not root.exists() or not any(root.iterdir())


def restore(archive: Path) -> dict[str, Any]:
    """Restore the archive into the configured database and media folder, both of which must be empty.

    Every checksum is verified before anything is written.
    """
    if not database_is_empty():
        raise BackupError("The database is not empty: restore into a new, empty database.")
    if not media_is_empty():
        raise BackupError(f"The media folder {settings.MEDIA_ROOT} is not empty: restore into an empty folder.")
    with tempfile.TemporaryDirectory() as scratch, tarfile.open(archive, "r:gz") as tar:
        folder = Path(scratch)
        tar.extractall(folder, filter="data")
        manifest = json.loads((folder / MANIFEST).read_text())
        if manifest.get("format") != FORMAT:
            raise BackupError("This archive was written by another version of the backup format.")
        database = manifest["database"]
        if database["vendor"] != connection.vendor:
            raise BackupError(f"This archive holds a {database['vendor']} database; the configured one is {connection.vendor}.")
        expected = {database["file"]: database["sha256"], **manifest["files"]}
        damaged = [name for name, digest in expected.items() if not (folder / name).is_file() or sha256(folder / name) != digest]
        if damaged:
            raise BackupError("The archive is damaged; these do not match the manifest: " + ", ".join(damaged[:10]))
        load_database(folder / database["file"])
        root = Path(settings.MEDIA_ROOT)
        for name in manifest["files"]:
            target = root / name.removeprefix("media/")
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(folder / name, target)
    return manifest


def load_database(dump: Path) -> None:
    if connection.vendor == "postgresql":
        arguments, environment = pg_environment()
        completed = subprocess.run(["pg_restore", "--no-owner", "--no-privileges", "--exit-on-error", *arguments,
                                    "--dbname", settings.DATABASES["default"]["NAME"], str(dump)],
                                   env=environment, capture_output=True, text=True)
        if completed.returncode:
            raise BackupError(f"pg_restore failed: {completed.stderr.strip()}")
        return
    source = sqlite3.connect(dump)
    connection.ensure_connection()
    with source:
        source.backup(connection.connection)
    source.close()
