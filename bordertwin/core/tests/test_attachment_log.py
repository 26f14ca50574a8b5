"""Adding or removing a file is in the record's change log: who, when, and the file's name."""

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile

from bordertwin.core.history import change_entries
from bordertwin.core.models import Attachment

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.7\n1 0 obj\n<<>>\nendobj\n%%EOF\n"


def test_attaching_and_removing_a_file_are_in_the_records_change_log(client, world):
    memorandum = world.hk_memorandum
    content_type = ContentType.objects.get_for_model(memorandum)
    client.force_login(world.vn_province_editor)
    client.post(f"/records/{content_type.pk}/{memorandum.pk}/files/", {"file": SimpleUploadedFile("Biên bản ghi nhớ 2022.pdf", PDF)})
    attachment = Attachment.objects.get()
    client.post(f"/files/{attachment.pk}/remove/")
    entries = change_entries(memorandum)
    assert [(entry.reason, entry.user) for entry in entries[:2]] == [  # in the language of the officer who acted
        ("Đã gỡ tệp: Biên bản ghi nhớ 2022.pdf", world.vn_province_editor),
        ("Đã đính kèm tệp: Biên bản ghi nhớ 2022.pdf", world.vn_province_editor),
    ]
    assert not entries[0].changes and not entries[1].changes  # the record's own fields did not change
    page = client.get(f"/records/{content_type.pk}/{memorandum.pk}/history/").content.decode()
    assert "Biên bản ghi nhớ 2022.pdf" in page
