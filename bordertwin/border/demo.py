"""Sample border data for the two seed partnerships: a segment each, its markers, a year of joint patrols, a few incidents.

Everything here is invented for demonstration, marked "[Dữ liệu mẫu]" in its text and
flagged `is_example` (the API shows the flag): marker numbers and positions are plausible
(along the Trường Sơn watershed, Hà Tĩnh markers below Cha Lo's 522–526, Thượng Trạch's
south of them) but are not the surveyed positions of real markers, and the patrols (the four
quarters before the day of loading) and incidents did not happen. Đại đội biên phòng 307 is
an invented unit; Phú Gia and 311 are the partnerships demo's.
Loading twice changes nothing: every record is found by its natural key first.
"""

import datetime
import math
import os
import secrets
from decimal import Decimal
from typing import IO, Any

from django.utils import timezone

from bordertwin.access import Role
from bordertwin.accounts.models import User
from bordertwin.accounts.services import grant_role
from bordertwin.core import context
from bordertwin.core.services import save_record
from bordertwin.partnerships.choices import PartnershipLevel
from bordertwin.partnerships.models import Partnership
from bordertwin.places.models import Organisation, Place

from . import geo, services
from .models import Incident, Marker, MarkerInspection, Patrol, Segment

SAMPLE = "[Dữ liệu mẫu]"

# name_vi, name_en, kind, place key (Phú Gia, 311 and Cồn Roàng come with the partnerships demo)
GUARD_UNITS = [
    ("Đại đội biên phòng 307", "Border Guard Company 307 (Khammouane, sample data)", "border_guard_company", "LA-D-BUALAPHA"),
]
EXAMPLES = (Segment, Marker, Patrol, MarkerInspection, Incident)

# username: side, place key, full name
OFFICERS = {
    "vn-border-officer": ("VN", "VN-2008-P42", "Cán bộ Biên phòng Hà Tĩnh"),
    "vn-border-officer-qb": ("VN", "VN-2008-P44", "Cán bộ Biên phòng Quảng Bình"),
    "la-border-officer": ("LA", "LA-P-KHAMMOUANE", "ເຈົ້າໜ້າທີ່ ປ້ອງກັນຊາຍແດນ ຄຳມ່ວນ"),
}

# partnership keys, segment name, posts, length, first marker number, count, start (lat, lon), end (lat, lon)
SEGMENTS = [
    (("VN-2008-D444", "LA-D-NAKAI"), "Hương Khê – Nakai, mốc 501–515", ("Đồn Biên phòng Phú Gia", "Đại đội biên phòng 311"),
     Decimal("51"), 501, 15, (18.29, 105.52), (18.03, 105.79)),
    (("VN-2008-C19147", "LA-VC-NOONGMA"), "Thượng Trạch – Noỏng Mạ, mốc 575–588", ("Đồn Biên phòng Cồn Roàng", "Đại đội biên phòng 307"),
     Decimal("38"), 575, 14, (17.58, 105.93), (17.33, 106.17)),
]

# category, month, day, status path, marker offset, deadline in days, vn/la people, side, text
# Per segment: category, days ago, status path, marker index, days to the deadline, (vn, la) people, side, text
INCIDENTS = {
    "VN-2008-D444": [
        ("free_migration", 280, ["shared", "joint_handling", "resolved"], 3, 60, (4, 0), "VN",
         "Phát hiện 4 người di cư tự do sang canh tác phía Bạn; hai bên phối hợp vận động trở về."),
        ("marker_damage", 150, ["shared", "joint_handling"], 7, 45, (0, 0), "VN",
         "Mốc bị nghiêng do sạt lở sau mưa lớn; đề nghị phía Bạn cùng khảo sát, khôi phục."),
        ("illegal_logging_mining", 40, ["shared"], 10, 30, (0, 3), "LA",
         "Ba người khai thác gỗ trái phép gần đường biên; phía Bạn thông báo để phối hợp xác minh."),
        ("smuggling", 6, [], 5, 20, (2, 0), "VN",
         "Vận chuyển pháo nổ trái phép qua đường mòn biên giới."),
    ],
    "VN-2008-C19147": [
        ("unregistered_marriage", 300, ["shared", "joint_handling", "resolved", "closed"], 2, 90, (1, 1), "VN",
         "Một cặp vợ chồng hai bên chung sống không đăng ký kết hôn; đã hướng dẫn làm thủ tục theo quy định."),
        ("natural_disaster", 75, ["shared", "joint_handling"], 11, 30, (0, 0), "LA",
         "Sạt lở đất sau lũ làm hư hỏng đường tuần tra gần mốc; đề nghị hai bên cùng khắc phục."),
        ("wildlife", 20, ["shared"], 8, 45, (0, 2), "LA",
         "Hai người săn bắt động vật hoang dã trong rừng giáp biên."),
        ("drugs", 3, [], 5, 30, (1, 1), "VN",
         "Nghi vấn vận chuyển trái phép chất ma túy qua lối mòn; đang xác minh."),
    ],
}

UNREACHED_MARKER = 12
STEP_NOTES = {
    "shared": "Thông báo cho phía Bạn qua giao ban.",
    "joint_handling": "Hai bên phối hợp xác minh, xử lý.",
    "resolved": "Đã xử lý xong, lập biên bản.",
    "closed": "Kết thúc vụ việc.",
}


def example_text(model: type[Any]) -> str:
    """The field where a record of the demo says "[Dữ liệu mẫu]"."""
    return {Patrol: "findings", MarkerInspection: "note"}.get(model, "description")


def place(key: str) -> Place:
    return Place.objects.get(key=key)


def at(day: datetime.date, hour: int) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=timezone.get_current_timezone())


def officer(username: str, stdout: IO[str]) -> User:
    side, key, full_name = OFFICERS[username]
    user = User.objects.filter(username=username).first()
    if user is None:
        password = os.environ.get("BORDERTWIN_DEMO_PASSWORD", "")
        first, _sep, last = full_name.partition(" ")
        user = User(username=username, side=side, first_name=first, last_name=last)
        if password:
            user.set_password(password)
        else:
            password = secrets.token_urlsafe(12)
            user.set_password(password)
            stdout.write(f"Demo user {username} was created with the password: {password}\n")
        user.save()
    grant_role(user, Role.BORDER_OFFICER, place=place(key))
    return user


def ensure(model: type[Any], lookup: dict[str, Any], values: dict[str, Any], user: User) -> Any:
    existing = model.objects.filter(**lookup).first()
    if existing is not None:
        return existing
    record = model(**lookup, **values)
    if model in EXAMPLES:
        record.is_example = True
    return save_record(record, acting_user=user, reason=f"{SAMPLE} Nạp dữ liệu mẫu")


def positions(number: int, start: tuple[float, float], end: tuple[float, float]) -> list[tuple[Decimal, Decimal]]:
    """Points along the line from start to end, bent the way a watershed line bends (deterministic)."""
    points = []
    for i in range(number):
        t = i / (number - 1)
        lat = start[0] + (end[0] - start[0]) * t + 0.012 * math.sin(t * 9.0)
        lon = start[1] + (end[1] - start[1]) * t + 0.010 * math.cos(t * 7.0)
        points.append((Decimal(f"{lat:.6f}"), Decimal(f"{lon:.6f}")))
    return points


def condition_for(marker_index: int, quarter: int) -> str:
    """Mostly good; one marker tilts after the rainy season, one is buried by a landslide and dug out."""
    if marker_index == 7 and quarter >= 2:
        return "tilted"
    if marker_index == 11 and quarter == 3:
        return "buried"
    if marker_index == 2 and quarter == 1:
        return "damaged"
    return "good"


def load(stdout: IO[str]) -> str:
    admin = User.objects.get(username="admin")
    officers = {name: officer(name, stdout) for name in OFFICERS}
    with context.acting(admin, f"{SAMPLE} Nạp dữ liệu mẫu"):
        for name_vi, name_en, kind, key in GUARD_UNITS:
            ensure(Organisation, {"name_vi": name_vi}, {"name_en": name_en, "kind": kind, "place": place(key)}, admin)
        for spec in SEGMENTS:
            load_segment(spec, admin, officers)
        # Everything above is illustrative: flag what save_patrol, record_inspection and report_incident wrote,
        # and what an earlier load wrote before the flag existed.
        for model in EXAMPLES:
            model.all_objects.filter(is_example=False, **{f"{example_text(model)}__startswith": SAMPLE}).update(is_example=True)
    return (
        f"{Segment.objects.count()} segments, {Marker.objects.count()} markers, {Patrol.objects.count()} patrols, "
        f"{MarkerInspection.objects.count()} inspections, {Incident.objects.count()} incidents"
    )


def load_segment(spec: tuple, admin: User, officers: dict[str, User]) -> None:
    (vn_key, la_key), name, (vn_post, la_post), length, first, count, start, end = spec
    partnership = (
        Partnership.objects.filter(vn_place__key=vn_key, la_place__key=la_key).exclude(level=PartnershipLevel.BORDER_GUARD).first()
    )
    if partnership is None:
        return
    vn_unit, la_unit = Organisation.objects.get(name_vi=vn_post), Organisation.objects.get(name_vi=la_post)
    segment = ensure(Segment, {"partnership": partnership, "name": name}, {
        "vn_post": vn_unit, "la_post": la_unit, "length_km": length,
        "description": f"{SAMPLE} Đoạn biên giới do {vn_post} và {la_post} cùng quản lý.",
    }, admin)
    markers = []
    for index, (lat, lon) in enumerate(positions(count, start, end)):
        number = str(first + index) if index != 6 else f"{first + index - 1}(1)"
        markers.append(ensure(Marker, {"number": number}, {
            "segment": segment, "latitude": lat, "longitude": lon,
            "marker_type": "main" if index % 4 else ("secondary" if index else "main"),
            "elevation_m": Decimal(600 + (index * 137) % 900), "installed_on": datetime.date(2012, 3, 1),
            "description": f"{SAMPLE} Vị trí minh họa, không phải tọa độ đo đạc.",
        }, admin))
    if segment.from_marker_id is None:
        segment.from_marker, segment.to_marker = markers[0], markers[-1]
        save_record(segment, acting_user=admin, reason=f"{SAMPLE} Mốc đầu và cuối đoạn")
    vn_officer = officers["vn-border-officer"] if vn_key == "VN-2008-D444" else officers["vn-border-officer-qb"]
    load_patrols(partnership, segment, markers, vn_unit, la_unit, vn_officer)
    load_incidents(partnership, segment, markers, vn_officer, officers["la-border-officer"])


def patrol_days(today: datetime.date) -> list[datetime.date]:
    """The 10th of the middle month of each of the four quarters before today's, oldest first."""
    days = []
    year, quarter = today.year, (today.month - 1) // 3
    for _ in range(4):
        quarter -= 1
        if quarter < 0:
            year, quarter = year - 1, 3
        days.append(datetime.date(year, quarter * 3 + 2, 10))
    return sorted(days)


def load_patrols(partnership: Partnership, segment: Segment, markers: list[Marker], vn_unit: Organisation,
                 la_unit: Organisation, user: User) -> None:
    route = [(float(m.longitude), float(m.latitude)) for m in markers]
    if Patrol.objects.filter(segment=segment, findings__startswith=SAMPLE).exists():
        return
    days = patrol_days(timezone.localdate())
    for quarter, day in enumerate(days):
        patrol = services.save_patrol(Patrol(
            partnership=partnership, segment=segment, kind="joint", started_at=at(day, 7),
            ended_at=at(day + datetime.timedelta(days=2), 16), vn_unit=vn_unit, la_unit=la_unit, vn_people=8, la_people=6,
            vn_names="Thiếu tá Nguyễn Văn Hùng (chỉ huy)\nTrung úy Lê Văn Nam", la_names="ພັນຕີ ສົມພອນ\nຮ້ອຍໂທ ບຸນມີ",
            findings=f"{SAMPLE} Tuần tra song phương quý {(day.month - 1) // 3 + 1}/{day.year}: kiểm tra các mốc của đoạn, "
                     "tuyên truyền Nhân dân hai bên chấp hành Hiệp định quy chế biên giới.",
        ), acting_user=user, reason=f"{SAMPLE} Tuần tra song phương")
        services.set_route(patrol, geo.line_geojson(route), acting_user=user)
        for index, marker in enumerate(markers):
            if index == UNREACHED_MARKER and quarter == len(days) - 1:
                continue  # the last patrol could not reach it: the path was cut by a landslide
            services.record_inspection(
                marker, acting_user=user, patrol=patrol, inspected_on=day + datetime.timedelta(days=index * 2 // len(markers)),
                condition=condition_for(index, quarter), note=SAMPLE,
            )


def load_incidents(partnership: Partnership, segment: Segment, markers: list[Marker], vn_officer: User, la_officer: User) -> None:
    today = timezone.localdate()
    for category, days_ago, path, marker_index, days, (vn_people, la_people), side, text in INCIDENTS[partnership.vn_place.key]:
        description = f"{SAMPLE} {text}"
        if Incident.objects.filter(partnership=partnership, description=description).exists():
            continue
        reporter, other = (vn_officer, la_officer) if side == "VN" else (la_officer, vn_officer)
        occurred = at(today - datetime.timedelta(days=days_ago), 10)
        incident = services.report_incident(Incident(
            partnership=partnership, segment=segment, category=category, occurred_at=occurred,
            nearest_marker=markers[min(marker_index, len(markers) - 1)], vn_people=vn_people, la_people=la_people,
            people_names="Nguyễn Văn A (tên minh họa)" if vn_people else "", description=description,
            deadline=occurred.date() + datetime.timedelta(days=days),
        ), acting_user=reporter, note=f"{SAMPLE} Báo cáo ban đầu")
        for status in path:
            actor = reporter if status in ("shared", "resolved") else other
            services.move_incident(incident, status, acting_user=actor, note=f"{SAMPLE} {STEP_NOTES[status]}")
