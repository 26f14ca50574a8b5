"""Border fixtures on top of the shared world.

Adds a Lao border officer (Khammouane) and a border-guard unit per side, the Hương
Khê–Nakai segment with three markers (521, 522, 523(1)), and a joint patrol of it.
"""

import datetime
from decimal import Decimal
from types import SimpleNamespace

import pytest
from django.utils import timezone, translation

from bordertwin.access import Role
from bordertwin.border import services
from bordertwin.border.models import Incident, Marker, Patrol, Segment
from bordertwin.core import services as core_services
from bordertwin.places.models import Organisation
from bordertwin.testing import make_user, place


@pytest.fixture(autouse=True)
def _english():
    """Messages read by service tests are the English source texts, whatever an earlier request activated."""
    with translation.override("en"):
        yield


def at(year: int, month: int, day: int, hour: int = 8) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, tzinfo=timezone.get_current_timezone())


@pytest.fixture
def border(world):
    admin = world.admin

    def save(obj):
        return core_services.save_record(obj, acting_user=admin)

    la_officer = make_user("la-border-officer", "LA", Role.BORDER_OFFICER, "LA-P-KHAMMOUANE")
    vn_post = save(Organisation(name_vi="Đồn Biên phòng Phú Gia", kind="border_guard_post", place=place("VN-2008-D444")))
    la_post = save(Organisation(name_vi="Đại đội biên phòng 311", kind="border_guard_company", place=place("LA-D-NAKAI")))
    segment = save(Segment(partnership=world.hk_nakai, name="Mốc 521–523", vn_post=vn_post, la_post=la_post, length_km=Decimal("12.5")))
    markers = [
        save(Marker(segment=segment, number=number, latitude=Decimal(lat), longitude=Decimal(lon), marker_type=kind))
        for number, lat, lon, kind in [
            ("521", "18.150000", "105.600000", "main"),
            ("522", "18.170000", "105.620000", "main"),
            ("523(1)", "18.190000", "105.640000", "secondary"),
        ]
    ]
    patrol = save(Patrol(
        partnership=world.hk_nakai, segment=segment, kind="joint", started_at=at(2025, 3, 10), ended_at=at(2025, 3, 11, 16),
        vn_unit=vn_post, la_unit=la_post, vn_people=6, la_people=4, vn_names="Trung úy Nguyễn Văn A", la_names="ຮ້ອຍໂທ ສົມພອນ",
    ))
    return SimpleNamespace(
        la_officer=la_officer, vn_post=vn_post, la_post=la_post, segment=segment, markers=markers, patrol=patrol,
    )


@pytest.fixture
def vn_incident(world, border):
    """A drugs incident reported by the Vietnamese border officer, not yet shared."""
    incident = Incident(
        partnership=world.hk_nakai, segment=border.segment, category="drugs", occurred_at=at(2025, 4, 2),
        nearest_marker=border.markers[1], vn_people=1, la_people=2, people_names="Hồ Văn B; Bua Phan",
        description="Phát hiện 2 người vận chuyển ma túy qua biên giới", deadline=datetime.date(2025, 5, 1),
    )
    return services.report_incident(incident, acting_user=world.vn_border_officer, note="Báo cáo ban đầu")
