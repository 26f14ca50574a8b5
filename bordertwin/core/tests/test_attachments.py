"""Files kept with a record: signed PDFs, Word minutes, photos; checked by content and size."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile

from bordertwin.core.models import Attachment

pytestmark = pytest.mark.django_db

FILES = {
    "bien-ban.pdf": b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n",
    "bien-ban.docx": b"PK\x03\x04" + b"\x00" * 64,
    "anh.png": b"\x89PNG\r\n\x1a\n" + b"\x00" * 64,
    "anh.jpg": b"\xff\xd8\xff\xe0" + b"\x00" * 64,
}


def attach(client, record, name, content):
    content_type = ContentType.objects.get_for_model(record)
    return client.post(f"/records/{content_type.pk}/{record.pk}/files/",
                       {"file": SimpleUploadedFile(name, content)}, follow=True)


@pytest.mark.parametrize("name", sorted(FILES))
def test_pdf_docx_png_and_jpeg_are_accepted(client, world, name):
    client.force_login(world.vn_province_editor)
    response = attach(client, world.hk_memorandum, name, FILES[name])
    assert response.status_code == 200
    attachment = Attachment.objects.get()
    assert attachment.name == name and attachment.size == len(FILES[name])
    assert attachment.uploaded_by == world.vn_province_editor
    assert len(attachment.sha256) == 64


def test_a_pdf_that_is_really_a_program_is_refused(client, world):
    client.force_login(world.vn_province_editor)
    response = attach(client, world.hk_memorandum, "bien-ban.pdf", b"MZ\x90\x00" + b"\x00" * 64)
    assert not Attachment.objects.exists()
    assert any("bien-ban.pdf" in str(m) for m in response.context["messages"])


def test_an_unknown_kind_of_file_is_refused(client, world):
    client.force_login(world.vn_province_editor)
    attach(client, world.hk_memorandum, "setup.exe", b"MZ\x90\x00")
    assert not Attachment.objects.exists()


def test_a_file_over_the_size_limit_is_refused(client, world, settings):
    settings.BORDERTWIN_MAX_UPLOAD_BYTES = 32
    client.force_login(world.vn_province_editor)
    attach(client, world.hk_memorandum, "bien-ban.pdf", FILES["bien-ban.pdf"] + b"x" * 64)
    assert not Attachment.objects.exists()


def test_a_viewer_cannot_attach(client, world):
    client.force_login(world.viewer)
    content_type = ContentType.objects.get_for_model(world.hk_memorandum)
    response = client.post(f"/records/{content_type.pk}/{world.hk_memorandum.pk}/files/",
                           {"file": SimpleUploadedFile("a.pdf", FILES["bien-ban.pdf"])})
    assert response.status_code == 403
    assert not Attachment.objects.exists()


def test_only_people_who_see_the_record_download_its_file(client, world):
    client.force_login(world.admin)
    attach(client, world.hk_memorandum, "bien-ban.pdf", FILES["bien-ban.pdf"])
    attach(client, world.nghean_agreement, "nghe-an.pdf", FILES["bien-ban.pdf"])
    hk_file = Attachment.objects.get(name="bien-ban.pdf")
    nghean_file = Attachment.objects.get(name="nghe-an.pdf")
    for name, hk, nghean in (("vn_province_editor", 200, 404), ("la_district_editor", 200, 404),
                             ("viewer", 200, 200), ("outsider", 404, 404)):
        client.force_login(getattr(world, name))
        response = client.get(f"/files/{hk_file.pk}/")
        assert response.status_code == hk, name
        if hk == 200:
            assert b"".join(response.streaming_content) == FILES["bien-ban.pdf"]
            assert "bien-ban.pdf" in response["Content-Disposition"]
        assert client.get(f"/files/{nghean_file.pk}/").status_code == nghean, name
    client.logout()
    assert client.get(f"/files/{hk_file.pk}/").status_code == 302


def test_a_removed_file_can_no_longer_be_downloaded(client, world):
    client.force_login(world.vn_province_editor)
    attach(client, world.hk_memorandum, "bien-ban.pdf", FILES["bien-ban.pdf"])
    attachment = Attachment.objects.get()
    assert client.post(f"/files/{attachment.pk}/remove/").status_code == 302
    assert client.get(f"/files/{attachment.pk}/").status_code == 404


def test_the_files_of_a_deleted_record_go_with_it(client, world):
    from bordertwin.core import services

    client.force_login(world.vn_province_editor)
    attach(client, world.hk_memorandum, "bien-ban.pdf", FILES["bien-ban.pdf"])
    attachment = Attachment.objects.get()
    services.delete_record(world.hk_commitment, acting_user=world.admin)
    services.delete_record(world.hk_memorandum, acting_user=world.admin)
    for name, status in (("vn_province_editor", 404), ("viewer", 404), ("admin", 200)):
        client.force_login(getattr(world, name))
        assert client.get(f"/files/{attachment.pk}/").status_code == status, name
