"""Every record of places and partnerships has an API endpoint and a list page, unless an exemption says why."""

import pytest
from django.apps import apps
from django.urls import NoReverseMatch, get_resolver, reverse

from bordertwin.core.models import BaseRecord

APPS = ("places", "partnerships")

# Records reached another way, with the reason.
NO_ENDPOINT = {
    "places.Succession": "read inside a place: its page lists successions and the API gives current_successors",
}
NO_LIST_PAGE = {
    "places.Succession": "shown on the pages of the places it links",
    "partnerships.Unit": "a short administrator-kept list, chosen inside commitment forms",
}


def records():
    return [m for m in apps.get_models() if issubclass(m, BaseRecord) and m._meta.app_label in APPS]


def label(model):
    return f"{model._meta.app_label}.{model.__name__}"


def api_models():
    from rest_framework.viewsets import ViewSetMixin

    found = set()

    def walk(patterns):
        for pattern in patterns:
            if hasattr(pattern, "url_patterns"):
                walk(pattern.url_patterns)
                continue
            view = getattr(pattern.callback, "cls", None)
            if view is not None and issubclass(view, ViewSetMixin) and getattr(view, "serializer_class", None):
                found.add(view.serializer_class.Meta.model)

    walk(get_resolver().url_patterns)
    return found


def test_the_apps_have_records_to_check():
    assert {label(m) for m in records()} >= {"places.Place", "places.Organisation", "partnerships.Partnership",
                                               "partnerships.Agreement", "partnerships.Commitment"}


@pytest.mark.parametrize("model", records(), ids=label)
def test_every_record_has_an_api_endpoint(model):
    if label(model) in NO_ENDPOINT:
        assert model not in api_models(), f"{label(model)} has an endpoint now: drop its exemption"
        return
    assert model in api_models(), f"{label(model)} has no API endpoint; add one or an exemption with a reason"


@pytest.mark.parametrize("model", records(), ids=label)
def test_every_record_has_a_list_page(model):
    try:
        reverse(model.url_name("list"))
        has_page = True
    except NoReverseMatch:
        has_page = False
    if label(model) in NO_LIST_PAGE:
        assert not has_page, f"{label(model)} has a list page now: drop its exemption"
        return
    assert has_page, f"{label(model)} has no list page ({model.url_name('list')}); add one or an exemption with a reason"


@pytest.mark.parametrize("model", records(), ids=label)
def test_every_record_with_a_list_page_has_a_detail_page(model):
    if label(model) in NO_LIST_PAGE:
        return
    reverse(model.url_name("detail"), args=[1])


def test_every_exemption_names_a_real_record():
    known = {label(m) for m in records()}
    assert set(NO_ENDPOINT) <= known and set(NO_LIST_PAGE) <= known
