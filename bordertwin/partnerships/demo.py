"""The two seed articles, entered as a careful officer would enter them.

Sources: Báo Hà Tĩnh on the Hương Khê–Nakai annual talks of 22/6/2024, and Báo Quảng
Bình / VietnamPlus on the Thượng Trạch–Noỏng Mạ twinning of June 2024 (shared/seeds).
Only what the articles say is entered as fact. The twinning of the border-guard units that
seed 000 asks the two districts to keep ("Duy trì kết nghĩa các đơn vị cơ sở bảo vệ biên
giới") is a partnership of its own: Đồn Biên phòng Phú Gia with the Lao Đại đội 311
(shared/DOMAIN.md §5: "Phú Gia/Hòa Hải/Hương Quang–311").
Loading twice changes nothing: every record is found by its natural key first.
"""

import datetime
from decimal import Decimal
from typing import IO, Any

from bordertwin.accounts.models import User
from bordertwin.core import context
from bordertwin.core.services import save_record
from bordertwin.places.models import Organisation, Place

from . import services
from .choices import AgreementKind, CommitmentStatus, Domain, PartnershipLevel, Recurrence, ResponsibleSide
from .models import Agreement, Commitment, Partnership, Unit

D = datetime.date
DEMO_REASON = "Nhập từ bài báo (dữ liệu mẫu)"
DONE, AGREED, PROPOSED, IN_PROGRESS = CommitmentStatus.DONE, CommitmentStatus.AGREED, CommitmentStatus.PROPOSED, CommitmentStatus.IN_PROGRESS
VN, LA, BOTH = ResponsibleSide.VN, ResponsibleSide.LA, ResponsibleSide.BOTH

ORGANISATIONS = [
    # (name_vi, name_lo, name_en, kind, place key)
    ("UBND huyện Hương Khê", "", "Huong Khe District People's Committee", "peoples_committee", "VN-2008-D444"),
    ("Huyện ủy Hương Khê", "", "Huong Khe District Party Committee", "party_committee", "VN-2008-D444"),
    ("Chính quyền huyện Nakai", "ອົງການປົກຄອງເມືອງນາກາຍ", "Nakai District Administration", "peoples_committee", "LA-D-NAKAI"),
    ("UBND xã Thượng Trạch", "", "Thuong Trach Commune People's Committee", "peoples_committee", "VN-2008-C19147"),
    ("Đồn Biên phòng Cồn Roàng", "", "Con Roang Border Guard Post", "border_guard_post", "VN-2008-C19147"),
    ("Cụm bản Noỏng Mạ", "", "Noong Ma village cluster authority", "village_authority", "LA-VC-NOONGMA"),
    ("Trạm Y tế Cụm bản Nỏng Mạ", "", "Noong Ma cluster health station", "health_station", "LA-VC-NOONGMA"),
    ("Đồn Biên phòng Phú Gia", "", "Phu Gia Border Guard Post", "border_guard_post", "VN-2008-D444"),
    ("Đại đội biên phòng 311", "ກອງຮ້ອຍປ້ອງກັນຊາຍແດນ 311", "Border Guard Company 311", "border_guard_company", "LA-D-NAKAI"),
]


def org(name: str) -> Organisation:
    return Organisation.objects.get(name_vi=name)


def place(key: str) -> Place:
    return Place.objects.get(key=key)


def ensure(model: type[Any], lookup: dict[str, Any], values: dict[str, Any], user: User) -> Any:
    existing = model.objects.filter(**lookup).first()
    if existing is not None:
        return existing
    return save_record(model(**lookup, **values), acting_user=user, reason=DEMO_REASON)


def commitments(agreement: Agreement, items: list[tuple], user: User, parent: Commitment | None = None) -> list[Commitment]:
    """items: (domain, text, side, status, recurrence, target, unit code, parts)."""
    created = []
    for position, (domain, text, side, status, recurrence, target, unit, parts) in enumerate(items, start=1):
        commitment = ensure(
            Commitment, {"agreement": agreement, "text": text},
            {
                "parent": parent, "domain": domain, "responsible_side": side, "status": status, "recurrence": recurrence,
                "target_quantity": Decimal(target) if target is not None else None,
                "target_unit": Unit.objects.get(code=unit) if unit else None, "position": position,
            },
            user,
        )
        created.append(commitment)
        commitments(agreement, parts, user, parent=commitment)
    return created


def load(stdout: IO[str]) -> str:
    admin = User.objects.get(username="admin")
    with context.acting(admin, DEMO_REASON):
        for name_vi, name_lo, name_en, kind, key in ORGANISATIONS:
            ensure(Organisation, {"name_vi": name_vi}, {"name_lo": name_lo, "name_en": name_en, "kind": kind, "place": place(key)}, admin)
        load_huong_khe_nakai(admin)
        load_thuong_trach_noong_ma(admin)
    return f"{Partnership.objects.count()} partnerships, {Agreement.objects.count()} agreements, {Commitment.objects.count()} commitments"


def load_huong_khe_nakai(admin: User) -> None:
    provinces = ensure(
        Partnership, {"vn_place": place("VN-2008-P42"), "la_place": place("LA-P-KHAMMOUANE")},
        {"level": PartnershipLevel.PROVINCE, "description": "Quan hệ hợp tác, kết nghĩa giữa hai tỉnh Hà Tĩnh và Khăm Muồn."},
        admin,
    )
    pair = ensure(
        Partnership, {"vn_place": place("VN-2008-D444"), "la_place": place("LA-D-NAKAI")},
        {
            "vn_organisation": org("UBND huyện Hương Khê"), "la_organisation": org("Chính quyền huyện Nakai"),
            "level": PartnershipLevel.DISTRICT, "parent": provinces,
            "established_on": D(2013, 1, 1), "established_on_precision": "year",
            "border_length_km": Decimal("51"), "border_length_source": "Báo Hà Tĩnh, 6/2024: “hơn 51 km đường biên giới”",
            "description": "Chương trình hợp tác, kết nghĩa giữa huyện Hương Khê (Hà Tĩnh) và huyện Nakai (tỉnh Khăm Muồn, CHDCND Lào). "
                           "Hội đàm thường niên; ký Biên bản ghi nhớ hợp tác ngày 25/6/2022.",
        },
        admin,
    )
    ensure(
        Partnership, {"vn_organisation": org("Đồn Biên phòng Phú Gia"), "la_organisation": org("Đại đội biên phòng 311")},
        {
            "vn_place": place("VN-2008-D444"), "la_place": place("LA-D-NAKAI"), "level": PartnershipLevel.BORDER_GUARD,
            "parent": pair,
            "description": "Kết nghĩa giữa Đồn Biên phòng Phú Gia (Hà Tĩnh) và Đại đội biên phòng 311 (Khăm Muồn): một trong "
                           "các “đơn vị cơ sở bảo vệ biên giới” mà hai huyện thống nhất duy trì kết nghĩa (Báo Hà Tĩnh, 6/2024). "
                           "Bài báo không nêu tên đơn vị; cặp Phú Gia – 311 theo tài liệu nghiệp vụ (DOMAIN.md §5). "
                           "Ngày kết nghĩa chưa rõ.",
        },
        admin,
    )
    memorandum = ensure(
        Agreement, {"partnership": pair, "kind": AgreementKind.MEMORANDUM, "signed_on": D(2022, 6, 25)},
        {
            "title": "Biên bản ghi nhớ hợp tác giữa huyện Hương Khê và huyện Nakai",
            "title_lo": "ບົດບັນທຶກຄວາມເຂົ້າໃຈກ່ຽວກັບການຮ່ວມມືລະຫວ່າງເມືອງເຫືອງເຂ ແລະ ເມືອງນາກາຍ",
            "title_en": "Memorandum of cooperation between Huong Khe and Nakai districts",
            "summary": "Hợp tác trên 5 lĩnh vực: nông nghiệp, văn hóa, y tế, giáo dục, an ninh biên giới.",
        },
        admin,
    )
    commitments(memorandum, [
        (Domain.DEFENSE_SECURITY, "Xây dựng tuyến biên giới ổn định, phát triển; tuyên truyền Nhân dân khu vực biên giới tuân thủ Quy chế biên giới hai nước", BOTH, IN_PROGRESS, Recurrence.ONCE, None, None, []),
        (Domain.AGRICULTURE, "Hỗ trợ xây dựng các mô hình phát triển kinh tế sản xuất nông nghiệp cho người dân huyện Nakai (khảo sát, tập huấn, bàn giao kỹ thuật)", VN, IN_PROGRESS, Recurrence.ONCE, None, None, [
            (Domain.AGRICULTURE, "Trồng 1,5 ha cam Khe Mây (600 cây)", VN, DONE, Recurrence.ONCE, "1.5", "ha", []),
            (Domain.AGRICULTURE, "Gieo trồng 1,0 ha ngô", VN, DONE, Recurrence.ONCE, "1.0", "ha", []),
            (Domain.AGRICULTURE, "Trồng 1,0 ha cỏ VA-06", VN, DONE, Recurrence.ONCE, "1.0", "ha", []),
            (Domain.AGRICULTURE, "Hỗ trợ 9 con bò nái", VN, DONE, Recurrence.ONCE, "9", "head", []),
            (Domain.AGRICULTURE, "Hỗ trợ 1 con bò đực giống", VN, DONE, Recurrence.ONCE, "1", "head", []),
            (Domain.AGRICULTURE, "Hỗ trợ 1.000 con gà sinh sản", VN, DONE, Recurrence.ONCE, "1000", "bird", []),
            (Domain.AGRICULTURE, "Tiếp tục hướng dẫn, chuyển giao kỹ thuật trồng trọt, chăn nuôi", VN, IN_PROGRESS, Recurrence.ONCE, None, None, []),
        ]),
        (Domain.CULTURE_SOCIETY, "Hằng năm thành lập đoàn lãnh đạo huyện đi chúc Tết cổ truyền tại huyện bạn", BOTH, IN_PROGRESS, Recurrence.YEARLY, None, None, []),
        (Domain.SPORT, "Tăng cường giao lưu văn hóa, văn nghệ, thể dục, thể thao; mời đoàn bạn dự giải đua thuyền truyền thống mừng Quốc khánh 2/9", BOTH, IN_PROGRESS, Recurrence.YEARLY, None, None, []),
        (Domain.HEALTH, "Hợp tác, giúp đỡ nhau trong khám, chữa bệnh, phòng, chống dịch bệnh", BOTH, AGREED, Recurrence.ONCE, None, None, []),
        (Domain.EDUCATION, "Trao đổi kinh nghiệm giáo dục, đào tạo tiếng Việt và tiếng Lào", BOTH, AGREED, Recurrence.ONCE, None, None, []),
    ], admin)

    minutes = ensure(
        Agreement, {"partnership": pair, "kind": AgreementKind.MINUTES, "signed_on": D(2024, 6, 22)},
        {
            "title": "Biên bản hội đàm thường niên giữa huyện Hương Khê và huyện Nakai năm 2024",
            "title_lo": "ບົດບັນທຶກກອງປະຊຸມເຈລະຈາປະຈຳປີ 2024 ລະຫວ່າງເມືອງເຫືອງເຂ ແລະ ເມືອງນາກາຍ",
            "title_en": "Minutes of the 2024 annual talks between Huong Khe and Nakai districts",
            "signed_at": "Huyện Hương Khê, Hà Tĩnh", "follows": memorandum,
            "vn_signatories": "Nguyễn Thanh Điện, Bí thư Huyện ủy Hương Khê\nNgô Xuân Ninh, Chủ tịch UBND huyện Hương Khê",
            "la_signatories": "Buaka Keo Mani, Bí thư - Huyện trưởng huyện Nakai",
            "summary": "Đánh giá kết quả thực hiện biên bản ký kết năm 2022; thống nhất nội dung hợp tác thời gian tới "
                       "trên mọi lĩnh vực: chính trị, kinh tế - văn hóa, quốc phòng - an ninh.",
        },
        admin,
    )
    if not minutes.commitments.exists():
        still_open = Commitment.objects.filter(
            agreement=memorandum, parent__isnull=True, status__in=services.OPEN_STATUSES,
            domain__in=[Domain.CULTURE_SOCIETY, Domain.HEALTH, Domain.EDUCATION],
        )
        services.carry_over(still_open, minutes, acting_user=admin, reason="Các nội dung tiếp tục thực hiện theo biên bản hội đàm 2024")
    commitments(minutes, [
        (Domain.DEFENSE_SECURITY, "Đẩy mạnh tuyên truyền, vận động Nhân dân khu vực biên giới tuân thủ nghiêm túc Quy chế biên giới hai nước", BOTH, AGREED, Recurrence.ONCE, None, None, []),
        (Domain.DEFENSE_SECURITY, "Duy trì chế độ tổng kết, báo cáo, tuần tra song phương quản lý, bảo vệ đường biên, hệ thống cột mốc quốc giới", BOTH, AGREED, Recurrence.YEARLY, None, None, []),
        (Domain.DEFENSE_SECURITY, "Phối hợp đấu tranh phòng, chống âm mưu của các thế lực thù địch và các loại tội phạm; ngăn chặn, giải quyết vụ việc vi phạm quy chế biên giới", BOTH, AGREED, Recurrence.ONCE, None, None, []),
        (Domain.DEFENSE_SECURITY, "Duy trì kết nghĩa các đơn vị cơ sở bảo vệ biên giới; định kỳ gặp mặt, sơ kết, nhất là giải quyết người di cư tự do, kết hôn ngoài giá thú", BOTH, AGREED, Recurrence.YEARLY, None, None, []),
        (Domain.AGRICULTURE, "Tiếp tục hướng dẫn, chuyển giao kỹ thuật, phát huy hiệu quả mô hình trồng trọt, chăn nuôi đã hỗ trợ", VN, AGREED, Recurrence.ONCE, None, None, []),
        (Domain.ENVIRONMENT, "Trao đổi kinh nghiệm quản lý, sử dụng tài nguyên thiên nhiên và hệ sinh thái bền vững", BOTH, AGREED, Recurrence.ONCE, None, None, []),
        (Domain.TRADE, "Thúc đẩy thương mại (buôn bán, trao đổi hàng hóa), hợp tác sản xuất, kinh doanh, phát triển doanh nghiệp vừa và nhỏ", BOTH, AGREED, Recurrence.ONCE, None, None, []),
        (Domain.TRADE, "Nghiên cứu, đề xuất mở cửa khẩu với Lào tại xã Hương Vĩnh", VN, PROPOSED, Recurrence.ONCE, None, None, []),
        (Domain.CULTURE_SOCIETY, "Tuyên truyền, giáo dục về quan hệ hữu nghị, hợp tác, đoàn kết giữa hai huyện cho thế hệ trẻ", BOTH, AGREED, Recurrence.ONCE, None, None, []),
    ], admin)


def load_thuong_trach_noong_ma(admin: User) -> None:
    provinces = ensure(
        Partnership, {"vn_place": place("VN-2008-P44"), "la_place": place("LA-P-KHAMMOUANE")},
        {"level": PartnershipLevel.PROVINCE, "description": "Quan hệ hợp tác giữa tỉnh Quảng Bình và tỉnh Khăm Muồn; hội đàm cấp cao hằng năm."},
        admin,
    )
    provincial_minutes = ensure(
        Agreement, {"partnership": provinces, "kind": AgreementKind.MINUTES, "signed_on": D(2024, 6, 1)},
        {
            "signed_on_precision": "month",
            "title": "Biên bản hội đàm và ký kết hợp tác giữa đoàn đại biểu cấp cao tỉnh Quảng Bình và tỉnh Khăm Muồn",
            "vn_signatories": "Đoàn Ngọc Lâm, Phó Chủ tịch Thường trực UBND tỉnh Quảng Bình",
            "la_signatories": "Văn-xay Phong-sạ-vẳn, Bí thư, Tỉnh trưởng tỉnh Khăm Muồn",
        },
        admin,
    )
    commitments(provincial_minutes, [
        (Domain.ENVIRONMENT, "Cùng đưa Vườn Quốc gia Hin Nậm Nô trở thành Di sản thiên nhiên thế giới, hướng tới di sản thiên nhiên thế giới liên biên giới", BOTH, IN_PROGRESS, Recurrence.ONCE, None, None, []),
    ], admin)
    pair = ensure(
        Partnership, {"vn_place": place("VN-2008-C19147"), "la_place": place("LA-VC-NOONGMA")},
        {
            "vn_organisation": org("UBND xã Thượng Trạch"), "la_organisation": org("Cụm bản Noỏng Mạ"),
            "level": PartnershipLevel.COMMUNE, "parent": provinces,
            "established_on": D(2024, 6, 1), "established_on_precision": "month",
            "description": "Kết nghĩa cụm dân cư hai bên biên giới xã Thượng Trạch (huyện Bố Trạch, Quảng Bình) và cụm bản Noỏng Mạ "
                           "(tỉnh Khăm Muồn), ký tại buổi hội đàm của hai đoàn đại biểu cấp cao Quảng Bình – Khăm Muồn.",
        },
        admin,
    )
    regulation = ensure(
        Agreement, {"partnership": pair, "kind": AgreementKind.REGULATION, "signed_on": D(2024, 6, 1)},
        {
            "signed_on_precision": "month",
            "title": "Quy chế kết nghĩa cụm dân cư hai bên biên giới xã Thượng Trạch – cụm bản Noỏng Mạ",
            "vn_signatories": "Lãnh đạo xã Thượng Trạch",
            "la_signatories": "Trưởng Cụm bản Noỏng Mạ",
            "summary": "Ký trước sự chứng kiến của lãnh đạo hai tỉnh Quảng Bình và Khăm Muồn.",
        },
        admin,
    )
    commitments(regulation, [
        (Domain.DEFENSE_SECURITY, "Tuyên truyền, giáo dục, vận động nhân dân thực hiện nghiêm Nghị định thư về đường biên giới và mốc quốc giới và Hiệp định về quy chế quản lý biên giới và cửa khẩu biên giới đất liền", BOTH, AGREED, Recurrence.ONCE, None, None, []),
        (Domain.DEFENSE_SECURITY, "Vận động nhân dân tham gia cùng lực lượng chức năng tuần tra bảo vệ đường biên, hệ thống mốc quốc giới và dấu hiệu đường biên giới", BOTH, AGREED, Recurrence.ONCE, None, None, []),
        (Domain.ECONOMY, "Hỗ trợ, giúp đỡ nhau phát triển kinh tế - xã hội, xóa đói, giảm nghèo, chuyển đổi cây trồng, vật nuôi, công trình dân sinh thiết yếu", BOTH, AGREED, Recurrence.ONCE, None, None, []),
        (Domain.TRADE, "Tạo điều kiện, khuyến khích nhân dân qua lại trao đổi hàng hóa; doanh nghiệp đầu tư vào khu vực biên giới", BOTH, AGREED, Recurrence.ONCE, None, None, []),
    ], admin)
