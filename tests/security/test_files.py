"""Files reach a user only through the access-checked views: never /media/, never once deleted or gone."""

import datetime
import importlib

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import clear_url_caches

from bordertwin.accounts.services import issue_token
from bordertwin.core import services
from bordertwin.core.files import short_file_name
from bordertwin.core.models import Attachment
from bordertwin.intake.models import SourceDocument
from bordertwin.partnerships.models import Agreement

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n"
LONG_STEM = "Biên bản hội đàm giữa huyện Hương Khê và huyện Nakai về bảo vệ mốc quốc giới " * 4  # about 320 characters


def attach(world, name: str = "bien-ban.pdf", record=None) -> Attachment:  # type: ignore[no-untyped-def]
    upload = SimpleUploadedFile(name, PDF)
    return services.attach_file(record or world.hk_memorandum, upload, acting_user=world.vn_province_editor)


@pytest.fixture
def debug_urls(settings):
    """The URLconf as it is built with DEBUG on, as `make run` once did."""
    import bordertwin.urls

    settings.DEBUG = True
    clear_url_caches()
    importlib.reload(bordertwin.urls)
    yield
    settings.DEBUG = False
    clear_url_caches()
    importlib.reload(bordertwin.urls)


def test_media_is_not_served_even_with_debug_on(client, world, debug_urls):
    attachment = attach(world)
    client.force_login(world.vn_province_editor)
    assert client.get(f"/files/{attachment.pk}/").status_code == 200
    assert client.get(f"/media/{attachment.file.name}").status_code == 404


def test_a_file_missing_on_disk_answers_404_not_a_server_error(client, world):
    attachment = attach(world)
    attachment.file.storage.delete(attachment.file.name)
    client.force_login(world.vn_province_editor)
    response = client.get(f"/files/{attachment.pk}/")
    assert response.status_code == 404


def test_an_intake_original_missing_on_disk_answers_404(client, world):
    token = issue_token(world.vn_province_editor)
    created = client.post("/api/v1/intake/", {"file": SimpleUploadedFile("tin.txt", "Hương Khê kết nghĩa với Nakai.".encode())},
                          HTTP_AUTHORIZATION=f"Token {token.key}")
    assert created.status_code == 201, created.content
    document = SourceDocument.objects.get(pk=created.json()["id"])
    document.file.storage.delete(document.file.name)
    client.force_login(world.vn_province_editor)
    assert client.get(f"/intake/{document.pk}/file/").status_code == 404


def test_the_files_of_a_deleted_record_are_refused_to_those_who_cannot_restore_it(client, world):
    plan = services.save_record(
        Agreement(partnership=world.hk_nakai, kind="plan", title="Kế hoạch 2025", signed_on=datetime.date(2025, 1, 15)),
        acting_user=world.vn_province_editor,
    )
    attachment = attach(world, record=plan)
    client.force_login(world.vn_province_editor)
    assert client.get(f"/files/{attachment.pk}/").status_code == 200
    services.delete_record(plan, acting_user=world.vn_province_editor, reason="Nhập trùng")
    for user in (world.vn_province_editor, world.viewer):
        client.force_login(user)
        assert client.get(f"/files/{attachment.pk}/").status_code == 404


def test_a_removed_attachment_is_refused(client, world):
    attachment = attach(world)
    services.remove_attachment(attachment, acting_user=world.vn_province_editor)
    client.force_login(world.vn_province_editor)
    assert client.get(f"/files/{attachment.pk}/").status_code == 404


@pytest.mark.parametrize("length", [254, 255, 300])
def test_an_attachment_with_a_very_long_name_is_kept_under_a_shortened_name_with_its_extension(client, world, length):
    name = (LONG_STEM * 2)[: length - 4] + ".pdf"
    client.force_login(world.vn_province_editor)
    content_type = ContentType.objects.get_for_model(world.hk_memorandum)
    response = client.post(f"/records/{content_type.pk}/{world.hk_memorandum.pk}/files/", {"file": SimpleUploadedFile(name, PDF)})
    assert response.status_code == 302
    attachment = Attachment.objects.get()
    assert attachment.name.endswith(".pdf") and name.startswith(attachment.name[:-4])
    assert len(attachment.name.encode()) <= 200
    download = client.get(f"/files/{attachment.pk}/")
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF


def test_an_intake_upload_with_a_300_character_name_is_read_and_kept(client, world):
    name = (LONG_STEM * 2)[:296] + ".txt"
    token = issue_token(world.vn_province_editor)
    response = client.post("/api/v1/intake/", {"file": SimpleUploadedFile(name, "Hương Khê kết nghĩa với Nakai.".encode())},
                           HTTP_AUTHORIZATION=f"Token {token.key}")
    assert response.status_code == 201, response.content
    assert response.json()["file_name"].endswith(".txt")
    assert len(response.json()["file_name"].encode()) <= 200


@pytest.mark.parametrize(("given", "kept"), [
    ("bien-ban.pdf", "bien-ban.pdf"),
    ("C:\\Users\\an\\bien-ban.pdf", "bien-ban.pdf"),
    ("ພາສາລາວ" * 40 + ".docx", "ພາສາລາວ" * 4 + "ພາສ.docx"),
    ("a." + "x" * 40, "a." + "x" * 40),
    ("", "file"),
])
def test_short_file_names_keep_the_extension_and_whole_characters(given, kept):
    assert short_file_name(given, max_bytes=100) == kept
