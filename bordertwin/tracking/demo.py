"""What the two seed articles report was done: deliveries, activities, and the exchange rates to total them.

Sources: Báo Hà Tĩnh on the Hương Khê–Nakai talks of 22/6/2024; Báo Quảng Bình on the Thượng Trạch–Noỏng Mạ
twinning of June 2024 (shared/seeds); exchange rates from VietnamPlus and the Bank of the Lao PDR (DOMAIN.md §8).
Where the article gives no exact date the record says how much of it is known; where it gives none at all (the
yearly Tết visits, "hằng năm"; the boat race of 2/9, in a year it does not name) nothing is dated: the report of
them stays in the talks' summary and the commitments they serve. Amounts the articles give as one total ("hơn
1,2 tỷ đồng") are recorded once, as a total, never split or added up; "khoảng 600 người" stays "about 600".
Loading twice changes nothing: each record is found by its natural key first.
"""

import datetime
from decimal import Decimal
from typing import IO, Any

from bordertwin.accounts.models import User
from bordertwin.core import context
from bordertwin.core.services import delete_record, save_record
from bordertwin.partnerships.models import Commitment, Partnership, Unit
from bordertwin.places.models import Organisation, Place

from . import services
from .models import Activity, Delivery, ExchangeRate

D = datetime.date
DEMO_REASON = "Nhập từ bài báo (dữ liệu mẫu)"
HK_REPORT = "Báo cáo tại hội đàm thường niên 22/6/2024 (Báo Hà Tĩnh); thực hiện theo Biên bản ghi nhớ ngày 25/6/2022."
# Activities an earlier version of this demo dated although the article gives them no date: withdrawn when found.
UNDATED_IN_THE_ARTICLE = [
    ("Chúc Tết cổ truyền giữa lãnh đạo hai huyện (2023)", D(2023, 1, 1)),
    ("Chúc Tết cổ truyền giữa lãnh đạo hai huyện (2024)", D(2024, 1, 1)),
    ("Huyện Nakai dự giải đua thuyền truyền thống mừng Quốc khánh 2/9", D(2023, 9, 2)),
]
TT_REPORT = "Báo Quảng Bình, 6/2024: trao dịp ký kết nghĩa cụm dân cư hai bên biên giới."


def pair(vn_key: str, la_key: str) -> Partnership | None:
    return Partnership.objects.filter(vn_place__key=vn_key, la_place__key=la_key).first()


def commitment(partnership: Partnership, text: str, agreement_kind: str | None = None) -> Commitment | None:
    """The commitment of the partnership with this text (the earliest agreement's, unless a kind is given)."""
    found = Commitment.objects.filter(agreement__partnership=partnership, text=text)
    if agreement_kind:
        found = found.filter(agreement__kind=agreement_kind)
    return found.order_by("agreement__signed_on", "pk").first()


def unit(code: str) -> Unit:
    return Unit.objects.get(code=code)


def delivery(user: User, partnership: Partnership, item: str, delivered_on: datetime.date, **values: Any) -> Delivery:
    existing = Delivery.objects.filter(partnership=partnership, item=item, delivered_on=delivered_on).first()
    if existing is not None:
        return existing
    return save_record(Delivery(partnership=partnership, item=item, delivered_on=delivered_on, **values),
                       acting_user=user, reason=DEMO_REASON)


def activity(user: User, partnership: Partnership, title: str, started_on: datetime.date,
             served: list[Commitment | None] | None = None, **values: Any) -> Activity:
    existing = Activity.objects.filter(partnership=partnership, title=title, started_on=started_on).first()
    if existing is not None:
        return existing
    record = Activity(partnership=partnership, title=title, started_on=started_on, **values)
    return services.save_activity(record, [c for c in served or [] if c is not None], acting_user=user, reason=DEMO_REASON)


def rate(user: User, currency: str, to_currency: str, value: str, valid_on: datetime.date, source: str) -> ExchangeRate:
    existing = ExchangeRate.objects.filter(currency=currency, to_currency=to_currency, valid_on=valid_on).first()
    if existing is not None:
        return existing
    return save_record(
        ExchangeRate(currency=currency, to_currency=to_currency, rate=Decimal(value), valid_on=valid_on, source=source),
        acting_user=user, reason=DEMO_REASON,
    )


def load(stdout: IO[str]) -> str:
    admin = User.objects.get(username="admin")
    with context.acting(admin, DEMO_REASON):
        rate(admin, "USD", "VND", "24000", D(2023, 8, 24),
             "Suy ra từ quy đổi của TTXVN: 55 triệu đồng = 2.291 USD (en.vietnamplus.vn, 24/8/2023)")
        rate(admin, "USD", "LAK", "21391", D(2024, 5, 7), "Tỷ giá chính thức Ngân hàng CHDCND Lào (laotiantimes.com, 8/5/2024)")
        rate(admin, "THB", "LAK", "596.90", D(2024, 5, 7), "Tỷ giá chính thức Ngân hàng CHDCND Lào (laotiantimes.com, 8/5/2024)")
        hk = pair("VN-2008-D444", "LA-D-NAKAI")
        if hk is not None:
            load_huong_khe_nakai(admin, hk)
        tt = pair("VN-2008-C19147", "LA-VC-NOONGMA")
        if tt is not None:
            load_thuong_trach_noong_ma(admin, tt)
    return f"{Activity.objects.count()} activities, {Delivery.objects.count()} deliveries, {ExchangeRate.objects.count()} exchange rates"


def load_huong_khe_nakai(admin: User, hk: Partnership) -> None:
    nakai = Place.objects.get(key="LA-D-NAKAI")
    giver = Organisation.objects.filter(name_vi="UBND huyện Hương Khê").first()
    common = {"giver_side": "VN", "giver_organisation": giver, "recipient_place": nakai,
              "recipient_group": "Người dân huyện Nakai", "delivered_on_precision": "month"}
    reported = D(2024, 6, 1)  # known only as "by the talks of June 2024"
    models = [
        ("seedlings_crops", "Trồng cam Khe Mây (600 cây)", "1.5", "ha", "Trồng 1,5 ha cam Khe Mây (600 cây)"),
        ("seedlings_crops", "Gieo trồng ngô", "1.0", "ha", "Gieo trồng 1,0 ha ngô"),
        ("seedlings_crops", "Trồng cỏ VA-06", "1.0", "ha", "Trồng 1,0 ha cỏ VA-06"),
        ("livestock", "Bò nái", "9", "head", "Hỗ trợ 9 con bò nái"),
        ("livestock", "Bò đực giống", "1", "head", "Hỗ trợ 1 con bò đực giống"),
        ("livestock", "Gà sinh sản", "1000", "bird", "Hỗ trợ 1.000 con gà sinh sản"),
    ]
    for category, item, quantity, unit_code, text in models:
        delivery(admin, hk, item, reported, category=category, quantity=Decimal(quantity), unit=unit(unit_code),
                 commitment=commitment(hk, text), notes=HK_REPORT + " Giá trị nằm trong tổng “hơn 1,2 tỷ đồng” của các mô hình.",
                 **common)
    delivery(
        admin, hk, "Các mô hình phát triển kinh tế nông nghiệp (tổng giá trị)", reported,
        category="technical_assistance", value=Decimal("1200000000"), currency="VND", value_qualifier="more_than",
        commitment=commitment(hk, "Hỗ trợ xây dựng các mô hình phát triển kinh tế sản xuất nông nghiệp cho người dân huyện Nakai "
                                  "(khảo sát, tập huấn, bàn giao kỹ thuật)"),
        notes=HK_REPORT + " Tổng giá trị của cam, ngô, cỏ, bò và gà ở trên (“trị giá hơn 1,2 tỷ đồng”); không cộng thêm vào chúng.",
        **common,
    )
    delivery(
        admin, hk, "Thăm hỏi, động viên, tặng quà người dân bị ảnh hưởng lũ lụt", D(2023, 1, 1),
        category="cash", value=Decimal("100000000"), currency="VND", giver_side="VN", giver_organisation=giver,
        recipient_place=nakai, recipient_group="Người dân huyện Nakai bị ảnh hưởng lũ lụt", delivered_on_precision="year",
        notes="“Kịp thời hỗ trợ ... cho người dân bị ảnh hưởng lũ lụt của huyện NaKai năm 2023 với số tiền 100 triệu đồng” (Báo Hà Tĩnh).",
    )
    for title, day in UNDATED_IN_THE_ARTICLE:
        for invented in Activity.objects.filter(partnership=hk, title=title, started_on=day):
            delete_record(invented, acting_user=admin,
                          reason="Bài báo không nêu ngày này (“hằng năm”; giải đua thuyền không rõ năm): không ghi như một sự kiện có ngày")
    activity(admin, hk, "Hội đàm thường niên giữa huyện Hương Khê và huyện Nakai năm 2024", D(2024, 6, 22), [],
             kind="talks", venue="Huyện Hương Khê, Hà Tĩnh", host_side="VN",
             title_lo="ກອງປະຊຸມເຈລະຈາປະຈຳປີ 2024 ລະຫວ່າງເມືອງເຫືອງເຂ ແລະ ເມືອງນາກາຍ",
             title_en="2024 annual talks between Huong Khe and Nakai districts",
             vn_participants="Nguyễn Thanh Điện, Bí thư Huyện ủy Hương Khê\nNgô Xuân Ninh, Chủ tịch UBND huyện Hương Khê",
             la_participants="Buaka Keo Mani, Bí thư - Huyện trưởng huyện Nakai",
             summary="Đánh giá kết quả thực hiện biên bản ký kết năm 2022; ký biên bản hội đàm tiếp tục hợp tác trên mọi "
                     "lĩnh vực: chính trị, kinh tế - văn hóa, quốc phòng - an ninh. Báo cáo tại hội đàm: hằng năm đoàn lãnh "
                     "đạo huyện Hương Khê đi chúc Tết cổ truyền tại huyện Nakai và đoàn huyện Nakai sang chúc Tết tại huyện "
                     "Hương Khê; huyện Hương Khê mời huyện Nakai sang tham gia giải đua thuyền truyền thống chào mừng Quốc "
                     "khánh (2/9) — bài báo không nêu năm nào, nên không ghi thành hoạt động có ngày.")


def load_thuong_trach_noong_ma(admin: User, tt: Partnership) -> None:
    june = D(2024, 6, 1)
    economy = commitment(tt, "Hỗ trợ, giúp đỡ nhau phát triển kinh tế - xã hội, xóa đói, giảm nghèo, chuyển đổi cây trồng, "
                             "vật nuôi, công trình dân sinh thiết yếu")
    giver = {"giver_side": "VN", "giver_name": "Tỉnh Quảng Bình", "delivered_on_precision": "month"}
    delivery(admin, tt, "Hàng nghìn suất quà: nhu yếu phẩm, dụng cụ lao động, giống cây trồng", june,
             category="food_necessities", value=Decimal("1700000000"), currency="VND", value_qualifier="more_than",
             recipient_group="Nhân dân hai bên biên giới", commitment=economy,
             notes=TT_REPORT + " “Tổng trị giá quà tặng hơn 1,7 tỷ đồng” là tổng của mọi quà dịp này (kể cả vật tư y tế, "
                               "thuốc và quà cho học sinh); ghi một lần ở đây.", **giver)
    delivery(admin, tt, "Quà cho học sinh trong Chương trình “Nâng bước học sinh Lào đến trường”", june,
             category="school_supplies", recipient_group="Học sinh Lào", notes=TT_REPORT, **giver)
    delivery(admin, tt, "Vật tư y tế cho Trạm Y tế Cụm bản Nỏng Mạ", june, category="medical",
             recipient_organisation=Organisation.objects.filter(name_vi="Trạm Y tế Cụm bản Nỏng Mạ").first(),
             recipient_place=Place.objects.get(key="LA-VC-NOONGMA"), notes=TT_REPORT, **giver)
    medicine = delivery(admin, tt, "Cấp phát thuốc miễn phí", june, category="medical", beneficiary_count=600,
             beneficiary_count_qualifier="approximately", item_lo="ແຈກຢາຟຣີ", item_en="Free medicine handed out",
             recipient_group="Người dân hai bên biên giới", notes=TT_REPORT + " “khoảng 600 người dân”.", **giver)
    if medicine.beneficiary_count_qualifier != "approximately":  # stored as an exact 600 by an earlier demo
        medicine.beneficiary_count_qualifier = "approximately"
        save_record(medicine, acting_user=admin, reason="Bài báo viết “khoảng 600 người dân”")
    activity(admin, tt, "Ký kết nghĩa cụm dân cư hai bên biên giới xã Thượng Trạch – cụm bản Noỏng Mạ", june, [],
             kind="talks", date_precision="month", host_side="both",
             summary="Lãnh đạo xã Thượng Trạch và Trưởng Cụm bản Noỏng Mạ ký quy chế kết nghĩa trước sự chứng kiến của "
                     "lãnh đạo hai tỉnh Quảng Bình và Khăm Muồn.")
    activity(admin, tt, "Trồng cây lưu niệm tặng chính quyền và nhân dân xã Thượng Trạch", june, [],
             kind="cultural_event", date_precision="month", venue="Xã Thượng Trạch", host_side="VN",
             summary="Tổ chức dịp ký kết nghĩa cụm dân cư hai bên biên giới (Báo Quảng Bình, 6/2024).")
