"""`any_of`: the rows of `IN`, with the set sent as one parameter on PostgreSQL."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from bordertwin.places.models import Place

pytestmark = pytest.mark.django_db


def test_it_selects_the_rows_in_the_set_as_in_does_through_a_relation_too():
    ids = set(Place.objects.order_by("pk").values_list("pk", flat=True)[:30:3])
    assert ids
    assert set(Place.objects.filter(pk__any_of=ids)) == set(Place.objects.filter(pk__in=ids))
    assert set(Place.objects.filter(parent__any_of=ids)) == set(Place.objects.filter(parent__in=ids))
    assert Place.objects.filter(parent__any_of=ids).exists()
    assert set(Place.objects.filter(pk__any_of={str(pk) for pk in ids})) == set(Place.objects.filter(pk__in=ids))


def test_an_empty_set_matches_nothing_and_or_keeps_the_other_branch():
    some = Place.objects.order_by("pk").first()
    assert some is not None
    assert not Place.objects.filter(pk__any_of=set()).exists()
    assert list(Place.objects.filter(pk__any_of=set()) | Place.objects.filter(pk=some.pk)) == [some]
    assert Place.objects.exclude(pk__any_of=set()).count() == Place.objects.count()


def test_on_postgresql_the_set_is_one_array_parameter_and_elsewhere_an_in_list():
    ids = set(Place.objects.values_list("pk", flat=True)[:200])
    with CaptureQueriesContext(connection) as queries:
        assert Place.objects.filter(pk__any_of=ids).count() == len(ids)
    sql = queries[0]["sql"]
    if connection.vendor == "postgresql":
        assert "= ANY(" in sql and " IN (" not in sql
    else:
        assert " IN (" in sql and "= ANY(" not in sql
