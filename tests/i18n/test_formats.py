"""Dates read d/m/Y in every language; Vietnamese and Lao numbers group thousands with '.' and use ',' for decimals."""

import datetime
from decimal import Decimal

import pytest
from django.template import Context, Template
from django.utils import formats, translation

JUNE_25 = datetime.date(2022, 6, 25)


@pytest.mark.parametrize(("language", "number"), [
    ("vi", "1.200.000.000,50"),
    ("lo", "1.200.000.000,50"),
    ("en", "1,200,000,000.50"),
])
def test_dates_and_grouped_numbers_follow_the_language(language: str, number: str) -> None:
    with translation.override(language):
        assert formats.localize(JUNE_25) == "25/06/2022"
        assert formats.localize(datetime.datetime(2022, 6, 25, 9, 5, tzinfo=datetime.UTC)) == "25/06/2022 09:05"
        assert Template('{{ value|floatformat:"2g" }}').render(Context({"value": Decimal("1200000000.5")})) == number


def test_a_lao_page_never_needs_month_names() -> None:
    """Django has no Lao month names: without our formats a Lao date would borrow Vietnamese ones."""
    with translation.override("lo"):
        for key in ("DATE_FORMAT", "DATETIME_FORMAT", "YEAR_MONTH_FORMAT", "MONTH_DAY_FORMAT", "SHORT_DATE_FORMAT"):
            assert not set(formats.get_format(key)) & set("bEFMNPr"), key


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["vi", "lo", "en"])
def test_the_agreement_list_shows_the_signing_date_d_m_y(client, world, language: str) -> None:  # type: ignore[no-untyped-def]
    world.viewer.language = language
    world.viewer.save(update_fields=["language"])
    client.force_login(world.viewer)
    page = client.get("/partnerships/agreements/").content.decode()
    assert "25/06/2022" in page
