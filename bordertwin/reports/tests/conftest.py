"""The Hương Khê–Nakai review of 25/6/2022–22/6/2024, entered as officers enter it (seed 000)."""

import datetime
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import pytest

from bordertwin.core.services import save_record
from bordertwin.partnerships.models import Agreement, Commitment, Unit
from bordertwin.tracking import services as tracking
from bordertwin.tracking.models import Activity, Delivery

D = datetime.date


@dataclass
class Review:
    world: Any
    partnership: Any
    cows: Any
    oranges: Any
    gate: Any
    cows_delivery: Any
    relief_delivery: Any
    talks: Any


def build_review(world: Any) -> Review:
    admin = world.admin

    def save(obj: Any) -> Any:
        return save_record(obj, acting_user=admin)

    hk = world.hk_nakai
    head, tree = Unit.objects.get(code="head"), Unit.objects.get(code="tree")
    memorandum = world.hk_memorandum
    world.hk_commitment.delete()  # the world's bare commitment; the review has its own
    cows = save(Commitment(agreement=memorandum, domain="agriculture", text="Hỗ trợ 9 con bò nái sinh sản",
                           target_quantity=Decimal(9), target_unit=head, status="in_progress", position=1))
    oranges = save(Commitment(agreement=memorandum, domain="agriculture", text="Xây dựng mô hình 1,5 ha cam Khe Mây",
                              target_quantity=Decimal(600), target_unit=tree, status="done", position=2))
    patrols = save(Commitment(agreement=memorandum, domain="defense_security", text="Tuần tra song phương bảo vệ mốc",
                              recurrence="yearly", status="in_progress", position=3))
    gate = save(Commitment(agreement=memorandum, domain="trade", text="Mở cửa khẩu phụ tại xã Hương Vĩnh",
                           status="proposed", position=4))
    cows_delivery = save(Delivery(
        partnership=hk, category="livestock", item="Bò nái sinh sản", quantity=Decimal(9), unit=head,
        value=Decimal("1200000000"), currency="VND", value_qualifier="more_than", giver_side="VN",
        giver_name="Huyện Hương Khê", recipient_group="Các hộ dân huyện Nakai", commitment=cows,
        delivered_on=D(2023, 11, 10),
    ))
    relief_delivery = save(Delivery(
        partnership=hk, category="cash", item="Hỗ trợ khắc phục lũ lụt", value=Decimal("100000000"), currency="VND",
        giver_side="VN", recipient_group="Huyện Nakai", delivered_on=D(2023, 9, 20),
    ))
    save(Delivery(
        partnership=hk, category="food_necessities", item="Gạo cứu trợ", value=Decimal("50000000"), currency="LAK",
        giver_side="LA", recipient_group="Xã Hương Vĩnh", delivered_on=D(2023, 10, 1),
    ))
    save(Delivery(  # outside the period: not in the report
        partnership=hk, category="cash", item="Quà Tết 2025", value=Decimal("30000000"), currency="VND",
        giver_side="VN", delivered_on=D(2025, 1, 20),
    ))
    talks = tracking.save_activity(
        Activity(partnership=hk, kind="talks", title="Hội đàm thường niên Hương Khê – Nakai", started_on=D(2024, 6, 22),
                 venue="Hương Khê", vn_participant_count=25, la_participant_count=20),
        [patrols], acting_user=admin,
    )
    tracking.save_activity(
        Activity(partnership=hk, kind="tet_visit", title="Thăm, chúc Tết Bunpimay", started_on=D(2024, 4, 12), venue="Nakai"),
        acting_user=admin,
    )
    save(Agreement(partnership=hk, kind="minutes", title="Biên bản hội đàm 2024", signed_on=D(2024, 6, 22)))
    return Review(world, hk, cows, oranges, gate, cows_delivery, relief_delivery, talks)


@pytest.fixture
def review(world: Any) -> Review:
    return build_review(world)
