"""The shared world the tests live in: named people with their scope, and the records between them.

People (scope in brackets):
- admin: superuser (everything)
- vn_province_editor: VN editor (Hà Tĩnh province, and every former unit within it)
- vn_commune_editor: VN editor (Xã Hương Xuân, the 2025 commune that took in Hương Vĩnh)
- vn_approver: VN approver (Hà Tĩnh)
- vn_border_officer: VN border officer (Hà Tĩnh)
- la_district_editor: LA editor (Nakai district)
- la_province_editor: LA editor (Khammouane province)
- la_administrator: LA administrator (Khammouane)
- viewer: VN viewer (everywhere)
- outsider: VN user with no role at all
Records: the Hương Khê–Nakai and Thượng Trạch–Noỏng Mạ partnerships with an agreement
and commitments each, and Nghệ An–Xiengkhouang, outside every VN editor's scope.
"""

import datetime
import io
from dataclasses import dataclass
from typing import Any

from bordertwin.access import Role
from bordertwin.accounts.models import Membership, User
from bordertwin.core import services
from bordertwin.places.models import Place

PASSWORD = "a-test-password-1234"  # noqa: S105


def ensure_reference() -> None:
    if not Place.all_objects.exists():
        from bordertwin.core.management.commands.load_reference import Command

        Command(stdout=_Null()).handle()


class _Null(io.StringIO):
    def write(self, *args: Any) -> int:
        return 0


def make_user(username: str, side: str = "VN", role: str | None = None, place_key: str | None = None,
              everywhere: bool = False, superuser: bool = False) -> User:
    user = User.objects.create_user(username=username, password=PASSWORD, side=side, is_superuser=superuser)
    if role:
        place = Place.objects.get(key=place_key) if place_key else None
        Membership.objects.create(user=user, role=role, place=place)
    return user


@dataclass
class World:
    admin: User
    vn_province_editor: User
    vn_commune_editor: User
    vn_approver: User
    vn_border_officer: User
    la_district_editor: User
    la_province_editor: User
    la_administrator: User
    viewer: User
    outsider: User
    hk_nakai: Any
    tt_noongma: Any
    nghean_xieng: Any
    hk_memorandum: Any
    hk_commitment: Any
    tt_regulation: Any
    nghean_agreement: Any

    def people(self) -> dict[str, User]:
        return {name: getattr(self, name) for name in (
            "admin", "vn_province_editor", "vn_commune_editor", "vn_approver", "vn_border_officer",
            "la_district_editor", "la_province_editor", "la_administrator", "viewer", "outsider",
        )}


def place(key: str) -> Place:
    return Place.objects.get(key=key)


def build_world() -> World:
    from bordertwin.partnerships.models import Agreement, Commitment, Partnership

    ensure_reference()
    admin = make_user("admin", superuser=True)
    people = dict(
        admin=admin,
        vn_province_editor=make_user("vn-province-editor", "VN", Role.EDITOR, "VN-2008-P42"),
        vn_commune_editor=make_user("vn-commune-editor", "VN", Role.EDITOR, "VN-2025-C18544"),
        vn_approver=make_user("vn-approver", "VN", Role.APPROVER, "VN-2008-P42"),
        vn_border_officer=make_user("vn-border-officer", "VN", Role.BORDER_OFFICER, "VN-2008-P42"),
        la_district_editor=make_user("la-district-editor", "LA", Role.EDITOR, "LA-D-NAKAI"),
        la_province_editor=make_user("la-province-editor", "LA", Role.EDITOR, "LA-P-KHAMMOUANE"),
        la_administrator=make_user("la-administrator", "LA", Role.ADMINISTRATOR, "LA-P-KHAMMOUANE"),
        viewer=make_user("viewer", "VN", Role.VIEWER),
        outsider=make_user("outsider", "VN"),
    )

    def save(obj: Any) -> Any:
        return services.save_record(obj, acting_user=admin)

    hk_nakai = save(Partnership(vn_place=place("VN-2008-D444"), la_place=place("LA-D-NAKAI"), level="district"))
    tt_noongma = save(Partnership(vn_place=place("VN-2008-C19147"), la_place=place("LA-VC-NOONGMA"), level="commune"))
    nghean_xieng = save(Partnership(vn_place=place("VN-2008-P40"), la_place=place("LA-P-XIENGKHOUANG"), level="province"))
    hk_memorandum = save(Agreement(partnership=hk_nakai, kind="memorandum", title="Biên bản ghi nhớ", signed_on=datetime.date(2022, 6, 25)))
    hk_commitment = save(Commitment(agreement=hk_memorandum, domain="agriculture", text="Hỗ trợ 9 con bò nái"))
    tt_regulation = save(Agreement(partnership=tt_noongma, kind="regulation", title="Quy chế kết nghĩa", signed_on=datetime.date(2024, 6, 1)))
    nghean_agreement = save(Agreement(partnership=nghean_xieng, kind="minutes", title="Biên bản hội đàm", signed_on=datetime.date(2024, 3, 1)))
    return World(
        **people, hk_nakai=hk_nakai, tt_noongma=tt_noongma, nghean_xieng=nghean_xieng, hk_memorandum=hk_memorandum,
        hk_commitment=hk_commitment, tt_regulation=tt_regulation, nghean_agreement=nghean_agreement,
    )
