import datetime
from pathlib import Path

import pytest

# Short articles written for the tests, with their gold annotations (docs/intake.md).
ARTICLES = Path(__file__).resolve().parent / "articles"
TT_TEXT = (
    "Kết nghĩa cụm dân cư xã Thượng Trạch và cụm bản Noỏng Mạ\n"
    "Ngày 20/6/2024, xã Thượng Trạch (Việt Nam) và cụm bản Noỏng Mạ (Lào) ký kết biên bản ghi nhớ "
    "về kết nghĩa cụm dân cư hai bên biên giới. Hai bên thống nhất phối hợp tuần tra đường biên giới, "
    "cột mốc và phòng, chống tội phạm ma túy. Nhân dịp này, đoàn đã trao tặng quà trị giá hơn 1,7 tỷ đồng "
    "và khám bệnh, cấp thuốc miễn phí cho khoảng 600 người dân.\n"
)


@pytest.fixture(autouse=True)
def _english(settings):
    """Messages are asserted in English, whatever language the installation defaults to."""
    settings.LANGUAGE_CODE = "en"


@pytest.fixture
def tt_text() -> str:
    return TT_TEXT


def article_path(prefix: str) -> Path:
    return next(ARTICLES.glob(f"{prefix}_*.txt"))


@pytest.fixture
def submitted(world):
    """A short article about Thượng Trạch – Noỏng Mạ, submitted by the Khammouane province editor."""
    from bordertwin.intake.services import submit_document

    return submit_document(
        acting_user=world.la_province_editor, text=TT_TEXT, title="Kết nghĩa Thượng Trạch – Noỏng Mạ",
        document_date=datetime.date(2024, 6, 22),
    )
