"""Record pages are declared once per record type (core.registry): the five pages and their URL names follow."""

from typing import Any

import pytest
from django.urls import NoReverseMatch, get_resolver, resolve, reverse

from bordertwin.core.registry import model_patterns
from bordertwin.core.views import RecordCreateView, RecordDeleteView, RecordListView
from bordertwin.intake import views as intake_views


def names(namespace: str) -> set[str | None]:
    get_resolver().url_patterns  # noqa: B018 -- the URLs import each app's views, which declare its pages
    return {pattern.name for pattern in model_patterns(namespace)}


def view(url: str) -> Any:
    """The view function answering `url` (as_view() marks it with its class and settings)."""
    return resolve(url).func


def test_a_declared_record_type_has_its_list_add_detail_edit_and_delete_pages():
    assert {"organisation_list", "organisation_add", "organisation_detail", "organisation_edit", "organisation_delete"} <= names("places")
    assert reverse("places:organisation_add") == "/places/organisations/new/"
    assert reverse("places:organisation_delete", args=[7]) == "/places/organisations/7/delete/"
    assert reverse("tracking:exchangerate_edit", args=[3]) == "/tracking/exchange-rates/3/edit/"


def test_the_generic_views_get_the_declared_settings():
    listing = view("/tracking/exchange-rates/").view_class
    assert issubclass(listing, RecordListView)
    initkwargs = view("/partnerships/agreements/new/").view_initkwargs
    assert issubclass(view("/partnerships/agreements/new/").view_class, RecordCreateView)
    assert initkwargs["prefill"] == ("partnership",) and initkwargs["form_class"].__name__ == "AgreementForm"
    assert issubclass(view("/border/markers/4/delete/").view_class, RecordDeleteView)


def test_a_page_declared_as_none_does_not_exist_and_a_function_is_used_as_it_is():
    with pytest.raises(NoReverseMatch):
        reverse("places:place_delete", args=[1])  # places are succeeded, never deleted
    with pytest.raises(NoReverseMatch):
        reverse("intake:sourcedocument_edit", args=[1])  # a document is reviewed, never edited
    assert resolve("/intake/new/").func is intake_views.submit


def test_model_patterns_gives_only_the_namespace_asked_for():
    assert names("intake") == {"sourcedocument_list", "sourcedocument_add", "sourcedocument_detail", "sourcedocument_delete"}
    assert not any(name.startswith("place") for name in names("border"))
