"""A document waiting for review, so the intake can be tried: a short summary of the
Hương Khê–Nakai talks of June 2024 (after Báo Hà Tĩnh, shared/seeds), as an officer
would paste it. Loading twice changes nothing: the document is found by its checksum.
"""

import datetime
import hashlib
from typing import IO

from bordertwin.accounts.models import User

from .models import SourceDocument
from .services import submit_document

TITLE = "Hội đàm định kỳ huyện Hương Khê – huyện NaKai năm 2024 (tóm tắt)"
TEXT = (
    "Hội đàm định kỳ giữa huyện Hương Khê và huyện NaKai (tỉnh Khăm Muồn, Lào)\n"
    "Ngày 22/6/2024, huyện Hương Khê (Hà Tĩnh) và huyện NaKai (Lào) tổ chức hội đàm đánh giá kết quả thực hiện "
    "biên bản ghi nhớ hợp tác ký ngày 25/6/2022. Năm qua, huyện Hương Khê đã hỗ trợ 9 con bò sinh sản, "
    "1,5 ha cam Khe Mây và 1.000 con gà đẻ trứng, tổng trị giá hơn 1,2 tỷ đồng; năm 2023 hỗ trợ 100 triệu đồng "
    "khắc phục hậu quả lũ lụt.\n"
    "Hai bên thống nhất tiếp tục phối hợp tuần tra song phương, bảo vệ hệ thống mốc quốc giới, "
    "quản lý di cư tự do và kết hôn không giá thú; phối hợp dạy tiếng Việt cho cán bộ và nhân dân huyện NaKai.\n"
)


def load(stdout: IO[str]) -> str:
    digest = hashlib.sha256(TEXT.encode("utf-8")).hexdigest()
    if SourceDocument.all_objects.filter(sha256=digest).exists():
        return "1 document awaiting review (unchanged)"
    admin = User.objects.get(username="admin")
    submit_document(acting_user=admin, text=TEXT, title=TITLE, kind="article", document_date=datetime.date(2024, 6, 22))
    return "1 document awaiting review"
