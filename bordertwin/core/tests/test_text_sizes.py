"""Every free text field states its size, and a longer text is refused with a clear error, changing nothing:
on a page form, through the API, and in services (a journal note)."""

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models

from bordertwin.core import services
from bordertwin.core.fields import BoundedTextField
from bordertwin.core.models import JournalEntry
from bordertwin.tracking.models import Delivery

# Text the system writes, never typed: the words search looks in, and a background job's error.
SYSTEM_TEXT = {"search_text", "jobs.Job.error"}
NOTES = "Bàn giao tại trung tâm huyện Nakai. " * 300  # 10,800 characters: 15 MB was accepted before


def test_every_free_text_field_states_its_size():
    unbounded = [
        f"{model._meta.label}.{field.name}"
        for model in apps.get_models()
        if model.__module__.startswith("bordertwin.") and not hasattr(model, "instance_type")  # not a change log copy
        for field in model._meta.fields
        if isinstance(field, models.TextField) and not isinstance(field, BoundedTextField)
        and field.name not in SYSTEM_TEXT and f"{model._meta.label}.{field.name}" not in SYSTEM_TEXT
    ]
    assert unbounded == []


def delivery_fields(world):
    return {
        "partnership": world.hk_nakai.pk, "category": "cash", "item": "Hỗ trợ khắc phục lũ lụt", "value": "100000000",
        "currency": "VND", "value_qualifier": "exact", "giver_side": "VN", "delivered_on": "2023-10-15",
        "delivered_on_precision": "day", "notes": NOTES,
    }


@pytest.mark.django_db
def test_over_long_notes_are_refused_on_the_page(client, world):
    client.force_login(world.vn_province_editor)
    response = client.post("/tracking/deliveries/new/", delivery_fields(world))
    assert response.status_code == 200
    assert response.context["form"].errors["notes"] == [  # in the officer's language
        f"Giá trị này chỉ được có tối đa 10000 ký tự (hiện có {len(NOTES.strip())})."
    ]
    assert 'maxlength="10000"' in response.content.decode()
    assert not Delivery.objects.exists()


@pytest.mark.django_db
def test_over_long_notes_are_refused_by_the_api(api, world):
    api.force_authenticate(world.vn_province_editor)
    response = api.post("/api/v1/deliveries/", delivery_fields(world), format="json", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 400
    assert response.json()["notes"] == ["Ensure this field has no more than 10000 characters."]
    assert not Delivery.objects.exists()


@pytest.mark.django_db
def test_over_long_text_is_refused_by_the_services_too(world):
    with pytest.raises(ValidationError) as raised:
        services.add_note(world.hk_memorandum, acting_user=world.vn_province_editor, text=NOTES)
    assert "text" in raised.value.message_dict
    assert not JournalEntry.objects.exists()
    world.hk_commitment.text = NOTES
    with pytest.raises(ValidationError):
        services.save_record(world.hk_commitment, acting_user=world.admin)
    world.hk_commitment.refresh_from_db()
    assert world.hk_commitment.text != NOTES



@pytest.mark.django_db
def test_an_over_long_journal_note_on_the_page_is_refused_with_a_message(client, world):
    content_type = ContentType.objects.get_for_model(world.hk_memorandum)
    client.force_login(world.vn_province_editor)
    response = client.post(f"/records/{content_type.pk}/{world.hk_memorandum.pk}/notes/", {"text": NOTES}, follow=True)
    assert any("10000" in str(message) for message in response.context["messages"])
    assert not JournalEntry.objects.exists()
