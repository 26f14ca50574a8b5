"""Scopes kept in a cache every worker shares: read without the memberships, renewed when a role changes."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bordertwin import access
from bordertwin.access import Role, coverage
from bordertwin.accounts import services
from bordertwin.accounts.models import Membership, User
from bordertwin.partnerships.models import Partnership
from bordertwin.testing import place

pytestmark = pytest.mark.django_db


@pytest.fixture
def shared_cache(settings, tmp_path):
    """A cache outside the process (files), as Redis is for several workers."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
                                   "LOCATION": str(tmp_path / "cache")}}
    assert coverage.shared()


def fresh(user: User) -> User:
    """The user as the next request reads them (another worker: nothing kept on the object)."""
    return User.objects.get(pk=user.pk)


def membership_queries(queries: CaptureQueriesContext) -> list[str]:
    return [query["sql"] for query in queries if Membership._meta.db_table in query["sql"]]


def test_the_next_request_reads_the_kept_scope_not_the_memberships(world, shared_cache):
    assert set(Partnership.objects.restrict(fresh(world.vn_commune_editor))) == {world.hk_nakai}
    with CaptureQueriesContext(connection) as queries:
        assert set(Partnership.objects.restrict(fresh(world.vn_commune_editor))) == {world.hk_nakai}
    assert membership_queries(queries) == []


def test_a_withdrawn_role_takes_effect_on_the_next_request(world, shared_cache, django_capture_on_commit_callbacks):
    editor = world.vn_commune_editor
    assert Partnership.objects.restrict(fresh(editor)).exists()
    with django_capture_on_commit_callbacks(execute=True):
        for membership in Membership.objects.filter(user=editor):
            services.withdraw_role(membership)
    assert not Partnership.objects.restrict(fresh(editor)).exists()
    assert not access.can(fresh(editor), access.VIEW, world.hk_nakai)


def test_a_granted_role_takes_effect_on_the_next_request(world, shared_cache, django_capture_on_commit_callbacks):
    editor = world.vn_commune_editor
    assert world.nghean_xieng not in Partnership.objects.restrict(fresh(editor))
    with django_capture_on_commit_callbacks(execute=True):
        services.grant_role(editor, Role.VIEWER, place=world.nghean_xieng.vn_place)
    assert world.nghean_xieng in Partnership.objects.restrict(fresh(editor))


def test_the_scope_is_renewed_only_once_the_change_is_committed(world, shared_cache, django_capture_on_commit_callbacks):
    before = coverage.generation()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.grant_role(world.vn_commune_editor, Role.VIEWER, place=place("VN-2008-P40"))
        assert coverage.generation() == before
    for callback in callbacks:
        callback()
    assert coverage.generation() > before


def test_a_cache_of_one_process_keeps_no_scope(world, settings):
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    Partnership.objects.restrict(fresh(world.vn_commune_editor)).exists()
    with CaptureQueriesContext(connection) as queries:
        Partnership.objects.restrict(fresh(world.vn_commune_editor)).exists()
    assert membership_queries(queries)
