"""The draft minutes of the next talks (Biên bản hội đàm), Vietnamese and Lao side by side, for the seed
partnership Hương Khê–Nakai; and the intake reading the signed minutes back."""

import datetime
from io import BytesIO
from urllib.parse import urlencode

import pytest
from docx import Document

from bordertwin.intake.reading import read_docx
from bordertwin.intake.services import read_proposals
from bordertwin.tracking import services as tracking

pytestmark = pytest.mark.django_db
NEW = ["Xây dựng cầu treo qua suối tại bản Nậm Pheo", "Tổ chức giải đua thuyền truyền thống hằng năm"]


def draft(client, review, user=None, **query):
    client.force_login(user or review.world.vn_province_editor)
    parameters = {"date": "2024-06-22", **query}
    return client.get(f"/reports/partnerships/{review.partnership.pk}/minutes.docx?{urlencode(parameters)}")


def columns(content):
    """The Vietnamese and the Lao column of the minutes, and the signature blocks."""
    document = Document(BytesIO(content))
    body, signatures = document.tables
    left = "\n".join(row.cells[0].text for row in body.rows)
    right = "\n".join(row.cells[1].text for row in body.rows)
    return body, left, right, signatures


@pytest.fixture
def talks_with_delegations(review):
    talks = review.talks
    talks.vn_participants = "Ông Nguyễn Văn A, Chủ tịch UBND huyện\nBà Trần Thị B, Trưởng phòng Nội vụ"
    talks.la_participants = "Ông Khamphan Sivilay, Phó Chủ tịch huyện Nakai"
    tracking.save_activity(talks, acting_user=review.world.admin)
    return review


def test_the_minutes_put_vietnamese_and_lao_side_by_side(client, talks_with_delegations):
    review = talks_with_delegations
    response = draft(client, review, time="8 giờ 00", new_commitments="\n".join(NEW))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.wordprocessingml")
    assert "attachment" in response["Content-Disposition"]
    body, left, right, signatures = columns(response.content)
    assert len(body.columns) == 2
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in left and "BIÊN BẢN HỘI ĐÀM" in left
    assert "ສາທາລະນະລັດ ປະຊາທິປະໄຕ ປະຊາຊົນລາວ" in right and "ບົດບັນທຶກການເຈລະຈາ" in right
    # Time and place; the place is the one the talks of that day recorded.
    assert "Ngày 22/06/2024, lúc 8 giờ 00, tại Hương Khê" in left
    # The two delegations, from the participants entered for the talks.
    assert "- Ông Nguyễn Văn A, Chủ tịch UBND huyện" in left and "- Ông Khamphan Sivilay, Phó Chủ tịch huyện Nakai" in left
    assert "- Ông Khamphan Sivilay, Phó Chủ tịch huyện Nakai" in right
    # Last period's commitments with their status and measured progress (9 of 9 cows delivered).
    assert "Hỗ trợ 9 con bò nái sinh sản (Nông nghiệp) — kết quả thực hiện: Đang thực hiện, tiến độ 100%." in left
    assert "Xây dựng mô hình 1,5 ha cam Khe Mây (Nông nghiệp) — kết quả thực hiện: Hoàn thành, tiến độ 100%." in left
    # The next period: what is still open, carried over, then the new ones.
    next_period = left.split("III.")[1]
    assert "Mở cửa khẩu phụ tại xã Hương Vĩnh; (chuyển tiếp)" in next_period
    assert "Xây dựng mô hình 1,5 ha cam Khe Mây" not in next_period  # done: not carried over
    for text in NEW:
        assert f"{text}; (mới)" in next_period and text in right
    blocks = [cell.text for cell in signatures.rows[0].cells]
    assert blocks[0].startswith("ĐẠI DIỆN HUYỆN HƯƠNG KHÊ") and "ຕາງໜ້າ" in blocks[0]
    assert blocks[1].startswith("ĐẠI DIỆN HUYỆN NAKAI")


def test_the_lao_column_is_set_in_a_lao_font(client, review):
    body, _left, _right, _signatures = columns(draft(client, review).content)
    lao_runs = [run for paragraph in body.rows[0].cells[1].paragraphs for run in paragraph.runs]
    assert lao_runs and all(run.font.name == "Phetsarath OT" for run in lao_runs)
    assert all('w:cs="Phetsarath OT"' in run._r.xml for run in lao_runs)


def test_delegations_and_place_typed_on_the_page_replace_the_recorded_ones(client, talks_with_delegations):
    response = draft(client, talks_with_delegations, venue="Nhà văn hóa huyện Nakai", vn_delegation="Ông Lê Văn C, Bí thư")
    _body, left, _right, _signatures = columns(response.content)
    assert "tại Nhà văn hóa huyện Nakai" in left and "- Ông Lê Văn C, Bí thư" in left
    assert "Ông Nguyễn Văn A" not in left and "Ông Khamphan Sivilay" in left


@pytest.mark.parametrize("query", [{"date": ""}, {"date": "22/13/2024"}, {"date": "2024-06-22", "venue": "x" * 301}])
def test_bad_input_gets_a_clear_400(client, review, query):
    response = draft(client, review, **query)
    assert response.status_code == 400
    errors = response.content.decode().split('<div class="errors">')[1].split("</div>")[0]
    assert "<p>" in errors and not response["Content-Type"].startswith("application/vnd")


def test_an_outsider_gets_no_minutes(client, review):
    assert draft(client, review, user=review.world.outsider).status_code == 404


def test_the_partnership_and_drafting_pages_lead_to_the_minutes(client, review):
    client.force_login(review.world.vn_province_editor)
    pk = review.partnership.pk
    assert f"/reports/partnerships/{pk}/minutes/" in client.get(f"/partnerships/{pk}/").content.decode()
    page = client.get(f"/reports/partnerships/{pk}/minutes/").content.decode()
    assert f'action="/reports/partnerships/{pk}/minutes.docx"' in page and 'name="new_commitments"' in page


def test_the_intake_reads_the_commitments_of_the_drafted_minutes_back(client, review):
    content = draft(client, review, new_commitments="\n".join(NEW)).content
    proposals = read_proposals(read_docx(content), datetime.date(2024, 6, 22), registry=False)
    found = [item["text"] for item in proposals["commitments"]]
    for text in [*NEW, "Mở cửa khẩu phụ tại xã Hương Vĩnh", "Tuần tra song phương bảo vệ mốc"]:
        assert any(item.startswith(text) for item in found), (text, found)


def test_the_signed_minutes_submitted_to_the_intake_propose_their_commitments(client, review, settings, tmp_path):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from bordertwin.intake.services import submit_document

    settings.MEDIA_ROOT = tmp_path
    content = draft(client, review, new_commitments="\n".join(NEW)).content
    upload = SimpleUploadedFile("bien-ban-hoi-dam-2024.docx", content)
    document = submit_document(acting_user=review.world.vn_province_editor, upload=upload, kind="minutes",
                               document_date=datetime.date(2024, 6, 22))
    assert document.kind == "minutes" and document.status == "pending"
    found = [item["text"] for item in document.proposals["commitments"]]
    for text in NEW:
        assert any(item.startswith(text) for item in found), (text, found)
