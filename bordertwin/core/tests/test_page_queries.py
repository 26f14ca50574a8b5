"""Every registered record type's list and detail pages read a bounded number of queries (core.registry).

On the demonstration records: a list shows 1 row or all of them with the same queries (none per row), for a
user who sees everything and for one whose scope narrows it; every detail page and every record's history
stays under a fixed ceiling, whatever record it shows.
"""

import datetime
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, get_resolver, reverse

from bordertwin import access
from bordertwin.access import Role
from bordertwin.core.registry import _registry
from bordertwin.testing import make_user

pytestmark = pytest.mark.django_db

# What a detail page may read: the session, the user and their scope, the record and its related rows, its
# journal and files, the actions' rules. A page that read one query per related row would pass it quickly.
DETAIL_CEILING = 40
HISTORY_CEILING = 25


def registered() -> list[Any]:
    assert get_resolver().url_patterns  # the apps' urls.py register their record types when first read
    return list(_registry.values())


@pytest.fixture(scope="module")
def demo(module_db: Any) -> dict[str, Any]:
    with module_db.writing():
        call_command("load_demo", verbosity=0, stdout=open("/dev/null", "w"))  # noqa: SIM115
        from bordertwin.intake.models import SourceDocument
        from bordertwin.partnerships.models import Partnership
        from bordertwin.tracking.models import ReviewPeriod

        partnership = Partnership.objects.order_by("pk")[0]
        for year in (2023, 2024):
            ReviewPeriod.objects.create(partnership=partnership, start=datetime.date(year, 1, 1), end=datetime.date(year, 12, 31))
        document = SourceDocument.objects.order_by("pk").first()
        if document is not None:
            document.pk = None
            document.sha256 = "0" * 64
            document.save()
        return {
            "admin": make_user("queries-admin", superuser=True),
            "viewer": make_user("queries-viewer", "VN", Role.VIEWER, "VN-2008-P42"),
        }


def queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
        assert response.status_code == 200, url
    return len(captured.captured_queries)


@pytest.mark.parametrize("declared", [d for d in registered() if "list" in d.views], ids=lambda d: d.model._meta.label_lower)
@pytest.mark.parametrize("who", ["admin", "viewer"])
def test_a_list_reads_the_same_queries_for_one_row_or_all(demo: dict[str, Any], declared: Any, who: str) -> None:
    user = demo[who]
    shown = declared.model.objects.restrict(user, access.VIEW).count()
    if who == "admin":
        assert shown >= 2, f"the demonstration has too few {declared.model._meta.verbose_name_plural} to tell"
    client = Client()
    client.force_login(user)
    url = reverse(declared.model.url_name("list"))
    client.get(url)  # the first request of a session reads what later ones keep
    assert queries(client, f"{url}?per_page=1") == queries(client, f"{url}?per_page=500")


@pytest.mark.parametrize("declared", registered(), ids=lambda d: d.model._meta.label_lower)
def test_a_detail_page_and_its_history_stay_under_a_ceiling(demo: dict[str, Any], declared: Any) -> None:
    client = Client()
    client.force_login(demo["admin"])
    records = declared.model.objects.order_by("pk")
    busiest = [records.first(), records.last()]
    content_type = ContentType.objects.get_for_model(declared.model)
    for record in busiest:
        if record is None:
            continue
        if "detail" in declared.views:
            try:
                url = reverse(declared.model.url_name("detail"), args=[record.pk])
            except NoReverseMatch:
                url = ""
            if url:
                assert queries(client, url) <= DETAIL_CEILING, url
        history = reverse("core:record_history", args=[content_type.pk, record.pk])
        assert queries(client, history) <= HISTORY_CEILING, history


def test_templates_are_compiled_once_per_process_when_debug_is_off(settings: Any) -> None:
    from django.template import engines
    from django.template.loaders.cached import Loader

    assert settings.DEBUG is False
    assert not settings.TEMPLATES[0].get("OPTIONS", {}).get("loaders"), "loaders set by hand: keep the cached loader"
    assert isinstance(engines["django"].engine.template_loaders[0], Loader)  # type: ignore[attr-defined]  # the stubs type engines[...] as BaseEngine, which has no .engine
