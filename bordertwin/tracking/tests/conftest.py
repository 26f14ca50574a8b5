import datetime
from decimal import Decimal
from typing import Any

import pytest

from bordertwin.access.users import User
from bordertwin.core.services import save_record
from bordertwin.partnerships.models import Unit
from bordertwin.tracking.models import Activity, Delivery, ExchangeRate

D = datetime.date


def unit(code: str) -> Unit:
    return Unit.objects.get(code=code)


def make_delivery(partnership: Any, user: User, **values: Any) -> Delivery:
    fields = dict(
        partnership=partnership, category="livestock", item="Bò nái", quantity=Decimal("9"), unit=unit("head"),
        giver_side="VN", delivered_on=D(2023, 5, 1),
    )
    fields.update(values)
    return save_record(Delivery(**fields), acting_user=user)


def make_activity(partnership: Any, user: User, **values: Any) -> Activity:
    fields = dict(partnership=partnership, kind="talks", title="Hội đàm thường niên", started_on=D(2024, 6, 22))
    fields.update(values)
    return save_record(Activity(**fields), acting_user=user)


def make_rate(user: User, currency: str, to_currency: str, rate: str, valid_on: datetime.date) -> ExchangeRate:
    return save_record(
        ExchangeRate(currency=currency, to_currency=to_currency, rate=Decimal(rate), valid_on=valid_on), acting_user=user
    )


@pytest.fixture
def delivery(world):
    """9 breeding cows entered by the Vietnamese province editor for Hương Khê–Nakai."""
    return make_delivery(world.hk_nakai, world.vn_province_editor, commitment=world.hk_commitment)


@pytest.fixture
def activity(world):
    """The 2024 talks, entered by the Vietnamese province editor."""
    return make_activity(world.hk_nakai, world.vn_province_editor)


@pytest.fixture(autouse=True)
def _english():
    """Messages read by the tests outside a request are in English; pages follow the user's language."""
    from django.utils import translation

    with translation.override("en"):
        yield
