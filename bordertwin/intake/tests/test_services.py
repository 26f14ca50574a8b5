import datetime
from typing import Any

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from bordertwin.intake.choices import DocumentStatus
from bordertwin.intake.models import ProposalLink, SourceDocument
from bordertwin.intake.services import Accepted, Review, accept_proposals, submit_document
from bordertwin.partnerships.models import Agreement, Commitment, Partnership
from bordertwin.places.models import Place

pytestmark = pytest.mark.django_db


def span_of(document: SourceDocument, text: str) -> list[int]:
    start = document.text.index(text)
    return [start, start + len(text)]


def agreement_item(document: SourceDocument, **values) -> Accepted:
    return Accepted(
        key="agreement-0", field="agreement_dates", span=span_of(document, "20/6/2024"), text="20/6/2024",
        values={"kind": "memorandum", "title": "Biên bản ghi nhớ kết nghĩa", "signed_on": datetime.date(2024, 6, 20), **values},
    )


def commitment_item(document: SourceDocument, **values) -> Accepted:
    text = "phối hợp tuần tra đường biên giới"
    return Accepted(
        key="commitment-0", field="commitments", span=span_of(document, text), text=text,
        values={"text": text, "domain": "defense_security", **values}, agreement=0,
    )


def test_submitting_stores_the_document_and_its_proposals_but_no_record(world, submitted):
    assert submitted.status == DocumentStatus.PENDING
    assert submitted.submitted_by == world.la_province_editor
    assert submitted.scope_place.key == "LA-P-KHAMMOUANE"
    proposals = submitted.proposals
    assert proposals["vn_parties"][0]["name"] == "Thượng Trạch"
    assert Place.objects.get(pk=proposals["vn_parties"][0]["place_id"]).key == "VN-2008-C19147"
    assert Place.objects.get(pk=proposals["la_parties"][0]["place_id"]).key == "LA-VC-NOONGMA"
    assert proposals["money"][0]["amount"] == 1700000000
    assert len(submitted.sha256) == 64
    assert Agreement.objects.count() == 3 and ProposalLink.objects.count() == 0


def test_the_document_is_seen_by_its_submitter_but_not_outside_their_scope(world, submitted):
    assert SourceDocument.objects.restrict(world.la_province_editor).filter(pk=submitted.pk).exists()
    assert SourceDocument.objects.restrict(world.la_district_editor).count() == 0
    assert SourceDocument.objects.restrict(world.vn_province_editor).count() == 0
    assert SourceDocument.objects.restrict(world.outsider).count() == 0


@pytest.mark.parametrize("person", ["viewer", "outsider", "vn_border_officer"])
def test_only_editors_may_submit(world, person):
    with pytest.raises(PermissionDenied):
        submit_document(acting_user=getattr(world, person), text="Xã Thượng Trạch")


def test_submitting_blank_text_stores_nothing(world):
    with pytest.raises(ValidationError):
        submit_document(acting_user=world.la_province_editor, text="   ")
    assert SourceDocument.all_objects.count() == 0


def test_accepting_creates_the_records_in_one_go_and_links_them_to_their_spans(world, submitted):
    review = Review(
        partnership=world.tt_noongma, agreements=[agreement_item(submitted)], commitments=[commitment_item(submitted)],
    )
    created: list[Any] = accept_proposals(submitted, review, acting_user=world.la_province_editor)
    agreement, commitment = created
    assert agreement.partnership == world.tt_noongma and agreement.signed_on == datetime.date(2024, 6, 20)
    assert commitment.agreement == agreement and commitment.domain == "defense_security"
    links = {link.field: link for link in ProposalLink.objects.filter(document=submitted)}
    assert links["agreement_dates"].record == agreement
    assert links["commitments"].record == commitment
    link = links["commitments"]
    assert submitted.text[link.span_start:link.span_end] == link.text
    submitted.refresh_from_db()
    assert submitted.status == DocumentStatus.REVIEWED and submitted.partnership == world.tt_noongma
    assert agreement.history.first().history_user == world.la_province_editor


def test_a_new_partnership_is_created_from_the_matched_places(world, submitted):
    vn = Place.objects.get(key="VN-2008-C19147")
    la = Place.objects.get(key="LA-VC-NOONGMA")
    new = Accepted(
        key="partnership", field="vn_parties", span=span_of(submitted, "xã Thượng Trạch"), text="xã Thượng Trạch",
        values={"vn_place": vn, "la_place": la, "level": "commune"},
    )
    created: list[Any] = accept_proposals(submitted, Review(new_partnership=new, agreements=[agreement_item(submitted)]), acting_user=world.admin)
    partnership = created[0]
    assert isinstance(partnership, Partnership) and partnership.pk != world.tt_noongma.pk
    assert created[1].partnership == partnership
    assert ProposalLink.objects.filter(document=submitted).count() == 2


def test_a_failing_record_rolls_back_everything(world, submitted):
    review = Review(
        partnership=world.tt_noongma, agreements=[agreement_item(submitted)],
        commitments=[commitment_item(submitted, domain="not-a-domain")],
    )
    with pytest.raises(ValidationError) as error:
        accept_proposals(submitted, review, acting_user=world.la_province_editor)
    assert "commitment-0-domain" in error.value.message_dict
    assert Agreement.objects.filter(partnership=world.tt_noongma).count() == 1
    assert Commitment.objects.count() == 1 and ProposalLink.objects.count() == 0
    submitted.refresh_from_db()
    assert submitted.status == DocumentStatus.PENDING


def test_a_viewer_cannot_accept(world, submitted):
    review = Review(partnership=world.tt_noongma, agreements=[agreement_item(submitted)])
    with pytest.raises(PermissionDenied):
        accept_proposals(submitted, review, acting_user=world.viewer)
    assert ProposalLink.objects.count() == 0


def test_an_editor_cannot_record_into_a_partnership_outside_their_scope(world, submitted):
    review = Review(partnership=world.nghean_xieng, agreements=[agreement_item(submitted)])
    with pytest.raises(PermissionDenied):
        accept_proposals(submitted, review, acting_user=world.la_province_editor)
    assert Agreement.objects.filter(partnership=world.nghean_xieng).count() == 1


def test_a_document_is_reviewed_once(world, submitted):
    review = Review(partnership=world.tt_noongma, agreements=[agreement_item(submitted)])
    accept_proposals(submitted, review, acting_user=world.la_province_editor)
    with pytest.raises(ValidationError, match="already reviewed"):
        accept_proposals(submitted, review, acting_user=world.la_province_editor)


def test_nothing_accepted_is_refused(world, submitted):
    with pytest.raises(ValidationError, match="at least one"):
        accept_proposals(submitted, Review(partnership=world.tt_noongma), acting_user=world.la_province_editor)


def test_the_partnership_is_found_from_the_successor_of_the_commune_that_signed_it(world):
    from bordertwin.intake.services import partnership_proposal

    later = submit_document(
        acting_user=world.la_province_editor, text="Xã Thượng Trạch và cụm bản Noỏng Mạ tổ chức hội đàm.",
        document_date=datetime.date(2025, 9, 1),
    )
    assert Place.objects.get(pk=later.proposals["vn_parties"][0]["place_id"]).key == "VN-2025-C19147"
    proposal = partnership_proposal(later.proposals, world.la_province_editor)
    assert proposal["existing"] == [world.tt_noongma]


def test_only_partnerships_the_user_may_add_to_are_proposed(world, submitted):
    from bordertwin.intake.services import partnership_proposal

    assert partnership_proposal(submitted.proposals, world.vn_province_editor)["existing"] == []


def test_the_demo_document_loads_once(world):
    import io

    from bordertwin.intake import demo

    demo.load(io.StringIO())
    demo.load(io.StringIO())
    document = SourceDocument.objects.get()
    assert document.status == DocumentStatus.PENDING
    assert Place.objects.get(pk=document.proposals["la_parties"][0]["place_id"]).key == "LA-D-NAKAI"


def test_an_agreement_already_recorded_is_reused_not_duplicated(world):
    text = "Huyện Hương Khê và huyện NaKai rà soát biên bản ghi nhớ ký ngày 25/6/2022 và thống nhất hỗ trợ 9 con bò."
    document = submit_document(acting_user=world.vn_province_editor, text=text, document_date=datetime.date(2024, 6, 22))
    item = Accepted(
        key="agreement-0", field="agreement_dates", span=span_of(document, "25/6/2022"), text="25/6/2022",
        values={"kind": "memorandum", "title": "Biên bản ghi nhớ", "signed_on": datetime.date(2022, 6, 25)},
    )
    commitment = Accepted(
        key="commitment-0", field="commitments", span=span_of(document, "hỗ trợ 9 con bò"), text="hỗ trợ 9 con bò",
        values={"text": "Hỗ trợ 9 con bò", "domain": "economy"}, agreement=0,
    )
    created: list[Any] = accept_proposals(
        document, Review(partnership=world.hk_nakai, agreements=[item], commitments=[commitment]),
        acting_user=world.vn_province_editor,
    )
    assert [type(r) for r in created] == [Commitment]
    assert created[0].agreement == world.hk_memorandum
    assert Agreement.objects.filter(partnership=world.hk_nakai).count() == 1
    assert ProposalLink.objects.filter(document=document, field="agreement_dates").get().record == world.hk_memorandum


def test_a_refused_document_leaves_no_file_behind(world, tt_text, settings):
    from pathlib import Path

    from django.core.files.uploadedfile import SimpleUploadedFile

    upload = SimpleUploadedFile("article.txt", tt_text.encode())
    with pytest.raises(ValidationError) as error:
        submit_document(acting_user=world.la_province_editor, upload=upload, kind="novel")
    assert "kind" in error.value.message_dict
    media = Path(settings.MEDIA_ROOT)
    assert not media.exists() or not any(p.is_file() for p in media.rglob("*"))
    assert SourceDocument.all_objects.count() == 0


def test_a_text_the_reader_trips_on_is_kept_with_nothing_proposed(world, monkeypatch):
    from bordertwin.intake import services

    def broken(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(services, "extract", broken)
    document = submit_document(acting_user=world.la_province_editor, text="Xã Thượng Trạch")
    assert document.proposals["commitments"] == [] and document.proposals["event_date"] is None
