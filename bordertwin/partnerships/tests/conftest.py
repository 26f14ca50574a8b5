import datetime
from typing import Any

import pytest

from bordertwin.core import services
from bordertwin.partnerships.models import Agreement, Commitment


@pytest.fixture
def minutes_2023(world: Any) -> Agreement:
    """The minutes of the Hương Khê–Nakai talks of December 2023, which review the 2022 memorandum."""
    return services.save_record(
        Agreement(partnership=world.hk_nakai, kind="minutes", title="Biên bản hội đàm năm 2023",
                  signed_on=datetime.date(2023, 12, 20), follows=world.hk_memorandum),
        acting_user=world.admin,
    )


@pytest.fixture
def commit(world: Any):
    """Make a commitment in an agreement (the 2022 memorandum unless told)."""

    def make(text: str = "Cam kết", agreement: Any = None, **fields: Any) -> Commitment:
        return services.save_record(
            Commitment(agreement=agreement or world.hk_memorandum, domain=fields.pop("domain", "agriculture"), text=text, **fields),
            acting_user=world.admin,
        )

    return make
