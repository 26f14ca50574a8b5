"""No form or filter lists a whole table: past a few records a choice searches (core.widgets)."""

import datetime
import re
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from bordertwin import access
from bordertwin.core import services, widgets
from bordertwin.partnerships.models import Commitment, Partnership
from bordertwin.testing import PASSWORD

pytestmark = pytest.mark.django_db


def signed_in(user: Any) -> Client:
    client = Client()
    assert client.login(username=user.username, password=PASSWORD)
    return client


def select(html: str, name: str) -> str:
    found = re.search(rf'<select name="{name}".*?</select>', html, re.S)
    assert found, f"no select named {name}"
    return found.group(0)


def token_of(html: str) -> str:
    found = re.search(r'record-search".*?token=([^"&]+)', html, re.S)
    assert found
    from urllib.parse import unquote

    return unquote(found.group(1))


def test_a_few_records_are_a_plain_drop_down(world: Any) -> None:
    page = signed_in(world.admin).get(reverse("tracking:delivery_add")).content.decode()
    partnerships = select(page, "partnership")
    for partnership in (world.hk_nakai, world.tt_noongma, world.nghean_xieng):
        assert f'value="{partnership.pk}"' in partnerships
    assert "record-search" not in page.split('name="partnership"')[0][-400:]


def test_many_records_search_and_the_chosen_one_keeps_its_label(world: Any, monkeypatch: Any) -> None:
    monkeypatch.setattr(widgets, "CHOICES_LIMIT", 2)
    client = signed_in(world.admin)
    page = client.get(reverse("tracking:delivery_add"), {"partnership": world.tt_noongma.pk}).content.decode()
    partnerships = select(page, "partnership")
    # Only the chosen partnership is an option, with its name; the others are found by searching.
    assert re.findall(r'value="(\d+)"', partnerships) == [str(world.tt_noongma.pk)]
    assert str(world.tt_noongma) in partnerships and "selected" in partnerships
    assert 'class="record-search"' in page

    # The filters of the list do the same, and their search box is not sent with the filters.
    listing = client.get(reverse("tracking:delivery_list"), {"partnership": world.hk_nakai.pk}).content.decode()
    assert re.findall(r'value="(\d+)"', select(listing, "partnership")) == [str(world.hk_nakai.pk)]
    assert 'name="term" form="record-search-only"' in listing


def test_the_search_answers_only_what_the_user_may_see(world: Any, monkeypatch: Any) -> None:
    monkeypatch.setattr(widgets, "CHOICES_LIMIT", 1)
    page = signed_in(world.admin).get(reverse("tracking:delivery_list")).content.decode()
    token = token_of(page)
    url = reverse("core:record_choices")

    admin = signed_in(world.admin).get(url, {"token": token, "term": "Nakai"}).content.decode()
    assert f'value="{world.hk_nakai.pk}"' in admin
    assert f'value="{world.tt_noongma.pk}"' not in admin

    user = world.vn_commune_editor
    hidden = Partnership.objects.exclude(pk__in=Partnership.objects.restrict(user, access.VIEW).values("pk")).first()
    assert hidden is not None
    words = str(hidden).split()
    answer = signed_in(user).get(url, {"token": token, "term": words[-1]}).content.decode()
    assert f'value="{hidden.pk}"' not in answer

    # Nothing typed, nothing listed; at most SEARCH_LIMIT answers.
    assert 'value=""' in signed_in(world.admin).get(url, {"token": token}).content.decode()


def test_the_search_narrows_by_the_parent_already_chosen(world: Any, monkeypatch: Any) -> None:
    monkeypatch.setattr(widgets, "CHOICES_LIMIT", 1)
    other = services.save_record(
        Commitment(agreement=world.tt_regulation, domain="agriculture", text="Hỗ trợ bò giống"), acting_user=world.admin,
    )
    client = signed_in(world.admin)
    page = client.get(reverse("tracking:delivery_list")).content.decode()
    commitment_picker = page.split('name="commitment"')[0]
    token = token_of(commitment_picker[commitment_picker.rindex("record-picker"):])
    assert "hx-include=\"[name='partnership']\"" in commitment_picker[commitment_picker.rindex("record-picker"):]
    url = reverse("core:record_choices")
    both = client.get(url, {"token": token, "term": "bò"}).content.decode()
    assert f'value="{world.hk_commitment.pk}"' in both and f'value="{other.pk}"' in both
    narrowed = client.get(url, {"token": token, "term": "bò", "partnership": world.hk_nakai.pk}).content.decode()
    assert f'value="{world.hk_commitment.pk}"' in narrowed and f'value="{other.pk}"' not in narrowed


def test_a_forged_or_foreign_search_is_not_found(world: Any) -> None:
    from django.core import signing

    client = signed_in(world.admin)
    url = reverse("core:record_choices")
    assert client.get(url, {"token": "nonsense", "term": "a"}).status_code == 404
    user_model = signing.dumps({"model": "accounts.user", "forward": {}, "related": []}, salt=widgets.SIGNING_SALT)
    assert client.get(url, {"token": user_model, "term": "a"}).status_code == 404
    unsigned = signing.dumps({"model": "partnerships.partnership", "forward": {}, "related": []})
    assert client.get(url, {"token": unsigned, "term": "a"}).status_code == 404


def test_a_sent_back_form_keeps_a_chosen_record_and_ignores_nonsense(world: Any, monkeypatch: Any) -> None:
    monkeypatch.setattr(widgets, "CHOICES_LIMIT", 1)
    client = signed_in(world.admin)
    response = client.post(reverse("tracking:delivery_add"), {
        "partnership": world.hk_nakai.pk, "commitment": "abc", "delivered_on": datetime.date(2024, 1, 1).isoformat(),
    })
    assert response.status_code == 200
    partnerships = select(response.content.decode(), "partnership")
    assert re.findall(r'value="(\d+)"', partnerships) == [str(world.hk_nakai.pk)]
