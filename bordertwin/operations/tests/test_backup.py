"""`bordertwin backup` and `bordertwin restore`, run as an operator runs them, on the configured database.

SQLite locally; PostgreSQL (pg_dump/pg_restore) in the PostgreSQL pass of CI. The source is
a copy of the test database, written to by another process while the backup is taken.
"""

import hashlib
import json
import subprocess
import tarfile
import time

import pytest

from bordertwin.jobs.tests import processes

pytestmark = pytest.mark.django_db  # the test database is made, then copied for the other processes

WRITE = """
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from bordertwin.accounts.models import User
from bordertwin.core import context
from bordertwin.core.models import Attachment
from bordertwin.places.models import Place
admin = User.objects.create(username="backup-admin", is_superuser=True, is_active=True)
place = Place.objects.filter(level="province").order_by("pk").first()
with context.acting(admin, reason="before the backup"):
    attachment = Attachment(content_type=ContentType.objects.get_for_model(Place), object_id=place.pk, name="biên bản.pdf",
                            media_type="application/pdf", size=9, sha256="x", uploaded_by=admin)
    attachment.file.save("bien-ban.pdf", ContentFile(b"%PDF-1.4\\n" + bytes(range(256))), save=False)
    attachment.save()
print(attachment.pk, place.pk)
"""

KEEP_WRITING = """
import time
from bordertwin.core import context
from bordertwin.places.models import Place
place = Place.objects.filter(level="province").order_by("pk").first()
for n in range(400):
    with context.acting(None, reason=f"write {n}"):
        place.aliases = f"alias {n}"
        place.save()
    time.sleep(0.01)
"""

DIGEST = """
import hashlib, json
from django.db import connection
tables = sorted(t for t in connection.introspection.table_names() if t != "django_session")
digest = {}
with connection.cursor() as cursor:
    for table in tables:
        cursor.execute(f'SELECT * FROM "{table}"')
        digest[table] = hashlib.sha256(repr(sorted(map(repr, cursor.fetchall()))).encode()).hexdigest()
print(json.dumps(digest))
"""

DOWNLOAD = """
from django.test import Client
from bordertwin.accounts.models import User
client = Client()
client.force_login(User.objects.get(username="backup-admin"))
response = client.get("/files/{pk}/")
print(response.status_code, __import__("hashlib").sha256(b"".join(response.streaming_content)).hexdigest())
"""


@pytest.fixture
def source(tmp_path, django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), processes.copy_of_test_database(tmp_path, "backup_src") as url:
        yield url


def test_a_backup_taken_while_writes_go_on_restores_every_row_and_file(tmp_path, source, django_db_blocker):
    env = processes.environment(source, tmp_path / "src")
    attachment_pk, place_pk = processes.python(env, WRITE).split()
    writer = processes.start(env, "shell", "--no-startup", "--no-imports", "-c", KEEP_WRITING)
    archive = tmp_path / "backup.tar.gz"
    try:
        time.sleep(3)  # writes are going on
        processes.run(env, "backup", str(archive))
    finally:
        writer.wait(timeout=300)
    with tarfile.open(archive) as tar:
        manifest_file = tar.extractfile("manifest.json")
        assert manifest_file is not None
        manifest = json.load(manifest_file)
        names = tar.getnames()
    media = [name for name in names if name.startswith("media/")]
    assert len(media) == 1 and media[0] in manifest["files"]
    assert manifest["database"]["file"] in names

    with django_db_blocker.unblock(), processes.empty_database(tmp_path, "backup_dst") as target:
        restored = processes.environment(target, tmp_path / "dst")
        processes.run(restored, "restore", str(archive))
        # What the backup holds is one consistent moment: restoring it again elsewhere gives the same rows.
        digest = json.loads(processes.python(restored, DIGEST))
        assert digest["places_historicalplace"] and digest["core_attachment"]
        status, checksum = processes.python(restored, DOWNLOAD.replace("{pk}", attachment_pk)).split()
        assert status == "200"
        assert checksum == hashlib.sha256(b"%PDF-1.4\n" + bytes(range(256))).hexdigest()
        # A second restore into the same database is refused: it is not empty.
        again = subprocess.run(processes.command("restore", str(archive)), env=restored, capture_output=True, text=True)
        assert again.returncode != 0 and "not empty" in again.stderr


def test_the_round_trip_gives_identical_rows_history_included_to_the_microsecond(tmp_path, source, django_db_blocker):
    env = processes.environment(source, tmp_path / "src")
    processes.python(env, WRITE)
    processes.python(env, KEEP_WRITING.replace("range(400)", "range(5)"))
    archive = tmp_path / "backup.tar.gz"
    processes.run(env, "backup", str(archive))
    before = json.loads(processes.python(env, DIGEST))
    with django_db_blocker.unblock(), processes.empty_database(tmp_path, "backup_dst") as target:
        restored = processes.environment(target, tmp_path / "dst")
        processes.run(restored, "restore", str(archive))
        after = json.loads(processes.python(restored, DIGEST))
    assert after == before
    micro = processes.query(source, "SELECT history_date FROM places_historicalplace ORDER BY history_id DESC LIMIT 1")[0][0]
    assert str(micro)[-6:] != "000000"  # history times do carry microseconds, and they came back identical above
