"""Deliveries against a target move the progress shown on the agreement and partnership pages too."""

from decimal import Decimal

import pytest

from bordertwin.core.services import save_record

from .conftest import make_delivery, unit

pytestmark = pytest.mark.django_db


def test_the_agreement_page_counts_cows_delivered_against_the_target(client, world):
    commitment = world.hk_commitment
    commitment.target_quantity, commitment.target_unit, commitment.status = Decimal("9"), unit("head"), "in_progress"
    save_record(commitment, acting_user=world.admin)
    make_delivery(world.hk_nakai, world.vn_province_editor, commitment=commitment, quantity=Decimal("9"))
    client.force_login(world.vn_province_editor)

    response = client.get(f"/partnerships/agreements/{world.hk_memorandum.pk}/")

    [(shown, _depth, progress)] = response.context["commitment_tree"]
    assert shown == commitment
    assert progress == Decimal(100)


def test_without_deliveries_the_status_alone_sets_the_progress(client, world):
    commitment = world.hk_commitment
    commitment.target_quantity, commitment.target_unit, commitment.status = Decimal("9"), unit("head"), "in_progress"
    save_record(commitment, acting_user=world.admin)
    client.force_login(world.vn_province_editor)

    response = client.get(f"/partnerships/{world.hk_nakai.pk}/")

    [(shown, progress)] = response.context["open_commitments"]
    assert shown == commitment
    assert progress == Decimal(50)
