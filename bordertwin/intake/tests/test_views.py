import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from bordertwin.intake.choices import DocumentStatus
from bordertwin.intake.forms import ReviewForm
from bordertwin.intake.models import ProposalLink, SourceDocument
from bordertwin.partnerships.models import Agreement, Commitment, Partnership
from bordertwin.testing import PASSWORD

pytestmark = pytest.mark.django_db


def signed_in(client, user):
    client.login(username=user.username, password=PASSWORD)
    return client


def review_data(document: SourceDocument, user, **changes) -> dict:
    """What the review page posts when the officer keeps every proposal as shown, with `changes` on top."""
    form = ReviewForm(document=document, user=user)
    data = {}
    for name in form.fields:
        value = form[name].value()
        if isinstance(value, bool):
            if value:
                data[name] = "on"
        elif value is not None:
            data[name] = value.isoformat() if isinstance(value, datetime.date) else str(getattr(value, "pk", value))
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_the_submit_page_stores_a_pasted_text_and_opens_its_review(client, world, tt_text):
    response = signed_in(client, world.la_province_editor).post(
        "/intake/new/", {"text": tt_text, "kind": "article", "language": "vi", "document_date": "2024-06-22"}
    )
    document = SourceDocument.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/intake/{document.pk}/"
    assert document.status == DocumentStatus.PENDING and document.document_date == datetime.date(2024, 6, 22)
    assert Agreement.objects.count() == 3


def test_the_submit_page_reads_an_uploaded_word_file(client, world, tt_text):
    from .test_reading import docx_bytes

    upload = SimpleUploadedFile("minutes.docx", docx_bytes(tt_text))
    response = signed_in(client, world.la_province_editor).post(
        "/intake/new/", {"file": upload, "kind": "minutes", "language": "vi"}
    )
    assert response.status_code == 302
    document = SourceDocument.objects.get()
    assert document.file_name == "minutes.docx" and document.file.read().startswith(b"PK")
    assert "Noỏng Mạ" in document.text


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"text": "   "}, "Paste a text or choose a file"),
        ({"file": SimpleUploadedFile("a.txt", b"\xe0\xe1 caf\xe9")}, "not UTF-8"),
        ({"file": SimpleUploadedFile("scan.pdf", b"%PDF-1.4 broken")}, "PDF"),
        ({"text": "abc\x01\x02\x03\x04" * 10}, "binary"),
    ],
)
def test_the_submit_page_explains_bad_input_and_stores_nothing(client, world, data, message):
    response = signed_in(client, world.la_province_editor).post("/intake/new/", {"kind": "article", "language": "vi", **data})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert SourceDocument.all_objects.count() == 0


@pytest.mark.parametrize("person", ["viewer", "outsider"])
def test_only_editors_reach_the_submit_page(client, world, person):
    assert signed_in(client, getattr(world, person)).get("/intake/new/").status_code == 403


def test_the_review_page_marks_the_spans_beside_the_proposals(client, world, submitted, django_assert_max_num_queries):
    client = signed_in(client, world.la_province_editor)
    client.get(f"/intake/{submitted.pk}/")
    with django_assert_max_num_queries(20):
        response = client.get(f"/intake/{submitted.pk}/")
    page = response.content.decode()
    assert response.status_code == 200
    assert '<mark class="intake-party">xã Thượng Trạch</mark>' in page
    assert '<mark class="intake-money">hơn 1,7 tỷ đồng</mark>' in page
    assert 'name="commitment-0-accept"' in page and 'name="agreement-0-signed_on"' in page
    assert f'<option value="{world.tt_noongma.pk}" selected>' in page


def test_reviewing_creates_the_accepted_records_and_links_them_back(client, world, submitted):
    data = review_data(submitted, world.la_province_editor)
    response = signed_in(client, world.la_province_editor).post(f"/intake/{submitted.pk}/", data)
    assert response.status_code == 302
    agreement = Agreement.objects.get(partnership=world.tt_noongma, kind="memorandum")
    assert agreement.signed_on == datetime.date(2024, 6, 20)
    commitment = Commitment.objects.get(agreement=agreement)
    assert commitment.domain == "defense_security"
    links = ProposalLink.objects.filter(document=submitted)
    assert {link.record for link in links} == {agreement, commitment}
    for link in links:
        assert submitted.text[link.span_start:link.span_end] == link.text
    page = client.get(f"/intake/{submitted.pk}/").content.decode()
    assert agreement.get_absolute_url() in page and commitment.get_absolute_url() in page


def test_an_unticked_proposal_is_not_recorded(client, world, submitted):
    data = review_data(submitted, world.la_province_editor)
    del data["commitment-0-accept"]
    signed_in(client, world.la_province_editor).post(f"/intake/{submitted.pk}/", data)
    assert Agreement.objects.filter(partnership=world.tt_noongma).count() == 2
    assert Commitment.objects.filter(agreement__partnership=world.tt_noongma).count() == 0


def test_reviewing_can_create_the_partnership_from_the_matched_places(client, world, submitted):
    data = review_data(submitted, world.admin, partnership="")
    response = signed_in(client, world.admin).post(f"/intake/{submitted.pk}/", data)
    assert response.status_code == 302
    new = Partnership.objects.exclude(pk__in=[world.tt_noongma.pk, world.hk_nakai.pk, world.nghean_xieng.pk]).get()
    assert new.vn_place.key == "VN-2008-C19147" and new.la_place.key == "LA-VC-NOONGMA" and new.level == "commune"
    assert Agreement.objects.filter(partnership=new).count() == 1


def test_a_failing_record_rolls_back_the_whole_review(client, world, submitted):
    data = review_data(submitted, world.la_province_editor, **{"commitment-0-text": ""})
    response = signed_in(client, world.la_province_editor).post(f"/intake/{submitted.pk}/", data)
    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    assert Agreement.objects.filter(partnership=world.tt_noongma).count() == 1
    submitted.refresh_from_db()
    assert submitted.status == DocumentStatus.PENDING


def test_an_invalid_value_in_one_proposal_saves_none(client, world, submitted):
    data = review_data(submitted, world.la_province_editor, **{"agreement-0-title": "x" * 301})
    response = signed_in(client, world.la_province_editor).post(f"/intake/{submitted.pk}/", data)
    assert response.status_code == 400
    assert ProposalLink.objects.count() == 0 and Agreement.objects.filter(partnership=world.tt_noongma).count() == 1


def test_a_viewer_sees_the_document_but_cannot_accept(client, world, submitted):
    client = signed_in(client, world.viewer)
    page = client.get(f"/intake/{submitted.pk}/").content.decode()
    assert 'name="commitment-0-accept"' not in page
    data = review_data(submitted, world.la_province_editor)
    assert client.post(f"/intake/{submitted.pk}/", data).status_code == 403
    assert ProposalLink.objects.count() == 0


def test_a_document_outside_the_users_scope_is_not_found(client, world, submitted):
    assert signed_in(client, world.vn_province_editor).get(f"/intake/{submitted.pk}/").status_code == 404


def test_the_list_shows_only_visible_documents(client, world, submitted, django_assert_max_num_queries):
    client = signed_in(client, world.la_province_editor)
    client.get("/intake/")
    with django_assert_max_num_queries(10):
        response = client.get("/intake/?q=thuong trach")
    assert submitted.title in response.content.decode()
    assert submitted.title not in signed_in(client, world.vn_province_editor).get("/intake/").content.decode()


def test_the_list_exports_csv(client, world, submitted):
    response = signed_in(client, world.la_province_editor).get("/intake/?export=csv")
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    assert submitted.title in content


def test_money_and_quantities_reported_as_done_become_deliveries(client, world, submitted):
    from bordertwin.tracking.models import Delivery

    data = review_data(submitted, world.la_province_editor, **{"money-0-accept": "on", "quantity-0-accept": "on"})
    response = signed_in(client, world.la_province_editor).post(f"/intake/{submitted.pk}/", data)
    assert response.status_code == 302
    money = Delivery.objects.get(partnership=world.tt_noongma, currency="VND")
    assert money.value == 1700000000 and money.value_qualifier == "more_than"
    assert money.delivered_on == datetime.date(2024, 6, 22) and money.recorded_by_side == "LA"
    people = Delivery.objects.get(partnership=world.tt_noongma, quantity__isnull=False)
    assert people.quantity == 600 and people.unit.code == "person"
    fields = set(ProposalLink.objects.filter(document=submitted).values_list("field", flat=True))
    assert {"money", "quantities"} <= fields


def test_a_delivery_without_a_date_is_refused_with_the_rest(client, world, submitted):
    from bordertwin.tracking.models import Delivery

    data = review_data(submitted, world.la_province_editor, **{"money-0-accept": "on", "money-0-delivered_on": ""})
    response = signed_in(client, world.la_province_editor).post(f"/intake/{submitted.pk}/", data)
    assert response.status_code == 400
    assert Delivery.objects.count() == 0 and ProposalLink.objects.count() == 0


def test_the_review_page_asks_the_database_as_often_for_a_long_document(client, world, submitted):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from bordertwin.intake.services import submit_document

    from .conftest import TT_TEXT

    more = (
        "Xã Thượng Trạch còn trao tặng cụm bản Noỏng Mạ 12 tấn gạo, 50 bộ bàn ghế, 2 máy phát điện, 300 chăn "
        "và 120 suất quà. Hai bên thống nhất tổ chức giao lưu văn nghệ hằng năm; phối hợp khám bệnh cho người dân "
        "hai bên biên giới; cùng nhau bảo vệ rừng đầu nguồn.\n"
    )
    long = submit_document(
        acting_user=world.la_province_editor, text=TT_TEXT + more * 5,
        document_date=datetime.date(2024, 6, 22),
    )
    assert len(long.proposals["quantities"]) > len(submitted.proposals["quantities"])
    client = signed_in(client, world.la_province_editor)
    counts = []
    for document in (submitted, long):
        client.get(f"/intake/{document.pk}/")
        with CaptureQueriesContext(connection) as queries:
            assert client.get(f"/intake/{document.pk}/").status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]


def test_the_original_file_is_downloaded_only_by_those_who_see_the_document(client, world, tt_text):
    from .test_reading import docx_bytes

    data = docx_bytes(tt_text)
    signed_in(client, world.la_province_editor).post(
        "/intake/new/", {"file": SimpleUploadedFile("minutes.docx", data), "kind": "minutes", "language": "vi"}
    )
    document = SourceDocument.objects.get()
    assert f"/intake/{document.pk}/file/" in client.get(f"/intake/{document.pk}/").content.decode()
    response = client.get(f"/intake/{document.pk}/file/")
    assert response.status_code == 200 and b"".join(response.streaming_content) == data
    assert signed_in(client, world.vn_province_editor).get(f"/intake/{document.pk}/file/").status_code == 404


def test_submitting_the_same_text_twice_warns(client, world, tt_text):
    client = signed_in(client, world.la_province_editor)
    client.post("/intake/new/", {"text": tt_text, "kind": "article", "language": "vi"})
    response = client.post("/intake/new/", {"text": tt_text, "kind": "article", "language": "vi"}, follow=True)
    assert "already submitted" in response.content.decode()


def test_the_review_page_says_when_an_agreement_is_already_recorded(client, world):
    from bordertwin.intake.services import submit_document

    text = "Huyện Hương Khê và huyện NaKai rà soát biên bản ghi nhớ ký ngày 25/6/2022."
    document = submit_document(acting_user=world.vn_province_editor, text=text, document_date=datetime.date(2024, 6, 22))
    page = signed_in(client, world.vn_province_editor).get(f"/intake/{document.pk}/").content.decode()
    assert "Already recorded in" in page


def test_minutes_without_a_date_in_the_text_are_offered_as_the_agreement_itself(client, world):
    from bordertwin.intake.services import submit_document

    text = "Biên bản hội đàm giữa xã Thượng Trạch và cụm bản Noỏng Mạ. Hai bên thống nhất phối hợp tuần tra đường biên giới."
    document = submit_document(
        acting_user=world.la_province_editor, text=text, kind="minutes", title="Biên bản hội đàm",
        document_date=datetime.date(2024, 6, 1),
    )
    data = review_data(document, world.la_province_editor)
    assert data["agreement-0-accept"] == "on" and data["agreement-0-signed_on"] == "2024-06-01"
    response = signed_in(client, world.la_province_editor).post(f"/intake/{document.pk}/", data)
    assert response.status_code == 302
    agreement = Agreement.objects.get(partnership=world.tt_noongma, kind="minutes")
    assert agreement.title == "Biên bản hội đàm" and agreement.commitments.count() == 1
    link = ProposalLink.objects.get(document=document, field="document")
    assert link.record == agreement and link.span_start is None


def test_a_document_handed_in_by_mistake_is_deleted_softly(client, world, submitted):
    assert signed_in(client, world.viewer).post(f"/intake/{submitted.pk}/delete/").status_code == 403
    client = signed_in(client, world.la_province_editor)
    assert f"/intake/{submitted.pk}/delete/" in client.get(f"/intake/{submitted.pk}/").content.decode()
    response = client.post(f"/intake/{submitted.pk}/delete/", {"change_reason": "wrong file"})
    assert response.status_code == 302 and response["Location"] == "/intake/"
    assert SourceDocument.objects.count() == 0 and SourceDocument.all_objects.get().deleted_at is not None


def test_the_history_of_a_document_shows_its_review(client, world, submitted):
    from django.contrib.contenttypes.models import ContentType

    data = review_data(submitted, world.la_province_editor, change_reason="minutes checked")
    client = signed_in(client, world.la_province_editor)
    client.post(f"/intake/{submitted.pk}/", data)
    content_type = ContentType.objects.get_for_model(SourceDocument)
    response = client.get(f"/records/{content_type.pk}/{submitted.pk}/history/")
    assert response.status_code == 200
    assert "minutes checked" in response.content.decode()
