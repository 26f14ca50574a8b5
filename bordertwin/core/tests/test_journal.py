"""The journal: free notes on any record, kept in order, written by those who may change the record."""

import pytest
from django.contrib.contenttypes.models import ContentType

from bordertwin.core.models import JournalEntry

pytestmark = pytest.mark.django_db


def notes_url(record):
    return f"/records/{ContentType.objects.get_for_model(record).pk}/{record.pk}/notes/"


def test_an_editor_writes_a_note_that_shows_on_the_record(client, world):
    client.force_login(world.vn_province_editor)
    response = client.post(notes_url(world.hk_nakai), {"text": "Hai bên thống nhất lịch hội đàm 2026."})
    assert response.status_code == 302
    page = client.get(f"/partnerships/{world.hk_nakai.pk}/").content.decode()
    assert "Hai bên thống nhất lịch hội đàm 2026." in page
    [note] = JournalEntry.objects.all()
    assert (note.author, note.record) == (world.vn_province_editor, world.hk_nakai)


def test_a_viewer_reads_notes_but_cannot_write_one(client, world):
    client.force_login(world.viewer)
    response = client.post(notes_url(world.hk_nakai), {"text": "Ghi chú"})
    assert response.status_code == 403
    assert not JournalEntry.objects.exists()
    assert "Add note" not in client.get(f"/partnerships/{world.hk_nakai.pk}/", HTTP_ACCEPT_LANGUAGE="en").content.decode()


def test_an_empty_note_is_refused_and_nothing_is_written(client, world):
    client.force_login(world.vn_province_editor)
    client.post(notes_url(world.hk_nakai), {"text": "   "})
    assert not JournalEntry.objects.exists()


def test_a_record_out_of_scope_cannot_be_noted_even_by_guessing_its_id(client, world):
    client.force_login(world.vn_province_editor)
    response = client.post(notes_url(world.nghean_xieng), {"text": "Ghi chú"})
    assert response.status_code == 404
    assert not JournalEntry.objects.exists()
