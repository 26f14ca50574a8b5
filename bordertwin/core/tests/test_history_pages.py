"""A busy record's history comes a page at a time, each change still told against the one before it."""

import re
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bordertwin.core import services, views
from bordertwin.core.history import change_entries
from bordertwin.partnerships.models import Partnership

pytestmark = pytest.mark.django_db


def edit(partnership: Partnership, user: Any, times: int) -> None:
    for number in range(1, times + 1):
        partnership.description = f"Lần sửa {number}"
        services.save_record(partnership, acting_user=user)


def test_a_page_of_rows_tells_the_same_changes_as_the_whole_history(world: Any) -> None:
    hk = world.hk_nakai
    edit(hk, world.admin, 7)
    whole = change_entries(hk)
    paged = change_entries(hk, rows=slice(0, 3)) + change_entries(hk, rows=slice(3, 6)) + change_entries(hk, rows=slice(6, 100))
    told = [[(c.before, c.after) for c in entry.changes] for entry in paged]
    assert told == [[(c.before, c.after) for c in entry.changes] for entry in whole]
    assert [(c.before, c.after) for c in paged[2].changes if c.after.startswith("Lần")] == [("Lần sửa 4", "Lần sửa 5")]


def test_the_history_page_shows_a_page_and_links_the_next(client: Any, world: Any, monkeypatch: Any) -> None:
    monkeypatch.setattr(views, "HISTORY_PAGE", 4)
    hk = world.hk_nakai
    edit(hk, world.admin, 9)  # 10 rows with its creation
    client.force_login(world.admin)
    url = f"/records/{ContentType.objects.get_for_model(Partnership).pk}/{hk.pk}/history/"
    first = client.get(url).content.decode()
    assert "Lần sửa 9" in first and "Lần sửa 4" not in first  # edits 9 to 6, the last told against edit 5
    assert 'href="?page=2"' in first and "?page=0" not in first
    last = client.get(url, {"page": "3"}).content.decode()
    assert 'href="?page=2"' in last and "?page=4" not in last
    assert len(re.findall(r'class="card change"', last)) == 2
    assert client.get(url, {"page": "4"}).status_code == 404
    assert client.get(url, {"page": "x"}).status_code == 404


def test_a_history_page_reads_as_many_queries_for_a_busy_record(client: Any, world: Any) -> None:
    hk, other = world.hk_nakai, world.tt_noongma
    edit(hk, world.admin, 60)
    edit(other, world.admin, 2)
    client.force_login(world.admin)
    content_type = ContentType.objects.get_for_model(Partnership).pk
    counts = []
    for record in (hk, other):
        client.get(f"/records/{content_type}/{record.pk}/history/")
        with CaptureQueriesContext(connection) as captured:
            assert client.get(f"/records/{content_type}/{record.pk}/history/").status_code == 200
        counts.append(len(captured.captured_queries))
    assert counts[0] == counts[1]
