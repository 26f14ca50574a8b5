"""The rules a partnership, an agreement and a commitment keep, whoever saves them."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from bordertwin.core import services
from bordertwin.partnerships.models import Agreement, Commitment, Partnership, Unit
from bordertwin.testing import place

pytestmark = pytest.mark.django_db


def refused(obj, field):
    with pytest.raises(ValidationError) as error:
        obj.full_clean()
    assert field in error.value.message_dict, error.value.message_dict


def test_the_vietnamese_side_must_be_in_vietnam_and_the_lao_side_in_laos():
    refused(Partnership(vn_place=place("LA-D-NAKAI"), la_place=place("LA-D-BUALAPHA"), level="district"), "vn_place")
    refused(Partnership(vn_place=place("VN-2008-D444"), la_place=place("VN-2008-P42"), level="district"), "la_place")


def test_a_partnership_cannot_be_its_own_ancestor(world):
    world.hk_nakai.parent = world.tt_noongma
    services.save_record(world.hk_nakai, acting_user=world.admin)
    world.tt_noongma.parent = world.hk_nakai
    refused(world.tt_noongma, "parent")
    world.tt_noongma.parent = world.tt_noongma
    refused(world.tt_noongma, "parent")


def test_the_border_length_cannot_be_negative():
    refused(Partnership(vn_place=place("VN-2008-D444"), la_place=place("LA-D-NAKAI"), level="district",
                        border_length_km=Decimal("-1")), "border_length_km")


def test_an_agreement_follows_an_earlier_one_of_the_same_partnership(world):
    refused(Agreement(partnership=world.hk_nakai, kind="minutes", title="x", signed_on=datetime.date(2024, 1, 1),
                      follows=world.tt_regulation), "follows")
    refused(Agreement(partnership=world.hk_nakai, kind="minutes", title="x", signed_on=datetime.date(2020, 1, 1),
                      follows=world.hk_memorandum), "follows")
    world.hk_memorandum.follows = world.hk_memorandum
    refused(world.hk_memorandum, "follows")
    Agreement(partnership=world.hk_nakai, kind="minutes", title="x", signed_on=datetime.date(2023, 12, 20),
              follows=world.hk_memorandum).full_clean()


def test_an_agreement_cannot_end_before_it_begins(world):
    refused(Agreement(partnership=world.hk_nakai, kind="plan", title="x", signed_on=datetime.date(2024, 1, 1),
                      valid_from=datetime.date(2024, 6, 1), valid_to=datetime.date(2024, 1, 1)), "valid_to")


def test_a_commitment_target_needs_a_quantity_and_a_unit(world):
    hectare = Unit.objects.get_or_create(code="ha", defaults={"name_vi": "héc-ta", "name_en": "hectare"})[0]
    refused(Commitment(agreement=world.hk_memorandum, domain="agriculture", text="Trồng cam", target_quantity=Decimal("1.5")),
            "target_unit")
    refused(Commitment(agreement=world.hk_memorandum, domain="agriculture", text="Trồng cam", target_unit=hectare),
            "target_unit")
    Commitment(agreement=world.hk_memorandum, domain="agriculture", text="Trồng cam", target_quantity=Decimal("1.5"),
               target_unit=hectare).full_clean()


def test_a_part_belongs_to_a_commitment_of_the_same_agreement(world):
    other = services.save_record(Commitment(agreement=world.tt_regulation, domain="health", text="Cấp thuốc"),
                                 acting_user=world.admin)
    refused(Commitment(agreement=world.hk_memorandum, domain="health", text="x", parent=other), "parent")


def test_commitments_cannot_form_a_loop(world):
    part = services.save_record(Commitment(agreement=world.hk_memorandum, domain="agriculture", text="Bò nái",
                                           parent=world.hk_commitment), acting_user=world.admin)
    world.hk_commitment.parent = part
    refused(world.hk_commitment, "parent")


def test_the_responsible_organisation_is_of_the_responsible_side(world):
    from bordertwin.places.models import Organisation

    nakai = services.save_record(Organisation(name_vi="UBND huyện Nakai", kind="peoples_committee", place=place("LA-D-NAKAI")),
                                 acting_user=world.admin)
    refused(Commitment(agreement=world.hk_memorandum, domain="health", text="x", responsible_side="VN",
                       responsible_organisation=nakai), "responsible_organisation")


def test_the_partnership_is_named_after_its_two_sides(world):
    from django.utils import translation

    with translation.override("vi"):
        assert str(world.hk_nakai) == "Huyện Hương Khê – Huyện Nakai"


def test_a_dissolved_district_partnership_is_carried_on_by_the_new_communes(world):
    carriers = {p.key for p in world.hk_nakai.vn_carriers()}
    assert len(carriers) == 7 and "VN-2025-C18544" in carriers
    assert [p.key for p in world.tt_noongma.vn_carriers()] == ["VN-2025-C19147"]


def test_agreements_and_commitments_are_found_by_the_partnerships_new_place(world):
    hk = world.hk_nakai
    hk.la_place = place("LA-D-BUALAPHA")
    services.save_record(hk, acting_user=world.admin)
    assert list(Agreement.objects.search("bualapha").filter(partnership=hk)) == [world.hk_memorandum]
    assert list(Commitment.objects.search("bualapha bo nai")) == [world.hk_commitment]
    assert not Agreement.objects.search("nakai").filter(partnership=hk).exists()


def test_commitments_are_found_by_their_agreements_new_title(world):
    world.hk_memorandum.title = "Bản ghi nhớ hợp tác giai đoạn 2022–2025"
    services.save_record(world.hk_memorandum, acting_user=world.admin)
    assert list(Commitment.objects.search("giai doan 2022")) == [world.hk_commitment]
