"""Dashboards' figures are kept per access scope and computed again after any change of a record or a role."""

import datetime
from typing import Any

import pytest
from django.test import Client

from bordertwin.access import Role
from bordertwin.accounts.models import Membership
from bordertwin.core import caching, services
from bordertwin.partnerships.models import Agreement, Partnership
from bordertwin.testing import make_user, place

pytestmark = pytest.mark.django_db


class Counter:
    def __init__(self) -> None:
        self.calls = 0

    def __call__(self) -> int:
        self.calls += 1
        return self.calls


def test_one_scope_computes_once_another_scope_for_itself(world: Any) -> None:
    compute = Counter()
    twin = make_user("vn-province-editor-2", "VN", Role.EDITOR, "VN-2008-P42")
    assert caching.for_scope("figures", world.vn_province_editor, compute) == 1
    assert caching.for_scope("figures", twin, compute) == 1  # the same roles over the same province: the same rows
    assert caching.for_scope("figures", world.vn_commune_editor, compute) == 2
    assert caching.for_scope("figures", world.la_province_editor, compute) == 3
    assert caching.for_scope("figures", world.vn_province_editor, compute, "other-part") == 4
    assert compute.calls == 4


def test_a_change_of_a_record_or_a_role_computes_again(world: Any) -> None:
    compute = Counter()
    user = world.vn_province_editor
    assert caching.for_scope("figures", user, compute) == 1
    services.save_record(Agreement(partnership=world.hk_nakai, kind="minutes", title="Biên bản 2025", signed_on=datetime.date(2025, 3, 1)),
                         acting_user=world.admin)
    assert caching.for_scope("figures", user, compute) == 2
    assert caching.for_scope("figures", user, compute) == 2
    Membership.objects.create(user=user, role=Role.VIEWER, place=place("VN-2008-P40"))
    assert caching.for_scope("figures", user, compute) == 3  # a new role: a new scope, and a new generation


def test_the_overview_counts_a_new_partnership_at_once(world: Any) -> None:
    client = Client()
    client.force_login(world.admin)
    before = Partnership.objects.count()
    assert client.get("/").context["partnership_count"] == before
    services.save_record(Partnership(vn_place=place("VN-2008-P40"), la_place=place("LA-P-XIENGKHOUANG"), level="province"),
                         acting_user=world.admin)
    assert client.get("/").context["partnership_count"] == before + 1
