import pytest
from django.core.management import CommandError, call_command

from bordertwin.accounts.models import User

pytestmark = pytest.mark.django_db


def test_it_creates_a_user_of_the_places_side_and_grants_the_role():
    call_command("grant_role", "officer-1", "editor", "--place", "LA-D-NAKAI", "--password", "a-long-password-1")
    user = User.objects.get(username="officer-1")
    assert user.side == "LA"
    assert user.check_password("a-long-password-1")
    assert [(m.role, m.place.key) for m in user.memberships.all()] == [("editor", "LA-D-NAKAI")]


def test_it_refuses_a_role_over_the_other_sides_places_and_grants_nothing():
    call_command("grant_role", "officer-2", "viewer", "--place", "VN-2008-P42", "--password", "a-long-password-2")
    with pytest.raises(CommandError):
        call_command("grant_role", "officer-2", "editor", "--place", "LA-D-NAKAI")
    assert list(User.objects.get(username="officer-2").memberships.values_list("role", flat=True)) == ["viewer"]


def test_it_names_an_unknown_place():
    with pytest.raises(CommandError, match="Place"):
        call_command("grant_role", "officer-3", "editor", "--place", "VN-NOWHERE", "--password", "a-long-password-3")
    assert not User.objects.filter(username="officer-3").exists()
