import datetime
from typing import Any

import pytest

from bordertwin.core import services
from bordertwin.testing import place


@pytest.fixture
def minutes_2023(world: Any) -> Any:
    """The minutes of the Hương Khê–Nakai talks of 2023, where open commitments carry over."""
    from bordertwin.partnerships.models import Agreement

    return services.save_record(
        Agreement(partnership=world.hk_nakai, kind="minutes", title="Biên bản hội đàm năm 2023",
                  signed_on=datetime.date(2023, 12, 20), follows=world.hk_memorandum),
        acting_user=world.admin,
    )


@pytest.fixture
def hk_committee(world: Any) -> Any:
    from bordertwin.places.models import Organisation

    return services.save_record(
        Organisation(name_vi="UBND huyện Hương Khê", kind="peoples_committee", place=place("VN-2008-D444")),
        acting_user=world.admin,
    )
