"""Users and the roles they hold over places of their own side."""

import pytest
from django.core.exceptions import ValidationError

from bordertwin.access import Role
from bordertwin.accounts.models import Membership
from bordertwin.testing import make_user, place

pytestmark = pytest.mark.django_db


def test_a_user_holds_roles_only_over_places_of_their_own_side():
    officer = make_user("la-officer", "LA")
    with pytest.raises(ValidationError):
        Membership(user=officer, role=Role.EDITOR, place=place("VN-2008-P42")).full_clean()
    Membership(user=officer, role=Role.EDITOR, place=place("LA-D-NAKAI")).full_clean()


def test_a_membership_covers_a_place_or_an_organisation_not_both():
    from bordertwin.places.models import Organisation

    officer = make_user("la-officer", "LA")
    committee = Organisation.objects.create(name_vi="UBND huyện Nakai", kind="peoples_committee", place=place("LA-D-NAKAI"))
    with pytest.raises(ValidationError):
        Membership(user=officer, role=Role.EDITOR, place=place("LA-D-NAKAI"), organisation=committee).full_clean()


def test_a_sign_in_page_is_served_and_signing_in_works(client, world):
    from bordertwin.testing import PASSWORD

    assert client.get("/accounts/login/").status_code == 200
    response = client.post("/accounts/login/", {"username": "viewer", "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/partnerships/").status_code == 200
    response = client.post("/accounts/login/", {"username": "viewer", "password": "wrong"})
    assert response.status_code == 200 and response.context["form"].errors
