"""Users and roles in the browser: an administrator manages the users of their side within their scope; all of it in the change log."""

import pytest
from django.test import Client

from bordertwin.accounts.models import Membership, User
from bordertwin.testing import PASSWORD, make_user, place

pytestmark = pytest.mark.django_db


@pytest.fixture
def la_admin(client, world):
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"  # the change log keeps reasons in the acting user's language
    client.force_login(world.la_administrator)
    return client


def test_an_la_administrator_lists_only_the_la_users_their_scope_covers(la_admin, world):
    make_user("la-savannakhet-editor", "LA", "editor", "LA-P-SAVANNAKHET")
    page = la_admin.get("/accounts/users/").content.decode()
    assert "la-district-editor" in page and "la-province-editor" in page
    assert "vn-province-editor" not in page and "la-savannakhet-editor" not in page and ">admin<" not in page


def test_users_outside_the_scope_look_absent(la_admin, world):
    outside = make_user("la-savannakhet-editor", "LA", "editor", "LA-P-SAVANNAKHET")
    for user in (outside, world.vn_province_editor, world.admin, world.la_administrator):
        assert la_admin.get(f"/accounts/users/{user.pk}/").status_code == 404
        assert la_admin.post(f"/accounts/users/{user.pk}/active/", {"active": "0"}).status_code == 404
    assert User.objects.get(pk=outside.pk).is_active


def test_editors_do_not_manage_users(client, world):
    client.force_login(world.la_province_editor)
    assert client.get("/accounts/users/").status_code == 403
    assert client.get(f"/accounts/users/{world.la_district_editor.pk}/").status_code == 404


def test_creating_a_user_of_their_own_side_with_a_temporary_password(la_admin, world):
    response = la_admin.post("/accounts/users/add/", {
        "username": "la-nakai-officer", "first_name": "Somphone", "last_name": "Keo", "email": "", "language": "lo",
        "password1": "tam-thoi-2026-abc", "password2": "tam-thoi-2026-abc",
    })
    user = User.objects.get(username="la-nakai-officer")
    assert response["Location"] == f"/accounts/users/{user.pk}/"
    assert (user.side, user.must_change_password, user.language) == ("LA", True, "lo")
    created = user.history.get()
    assert (created.history_type, created.history_user, created.history_change_reason) == ("+", world.la_administrator, "User created")


def test_granting_a_role_over_a_place_in_scope_and_refusing_one_outside(la_admin, world):
    url = f"/accounts/users/{world.la_district_editor.pk}/roles/"
    la_admin.post(url, {"role": "border_officer", "place": place("LA-D-NAKAI").pk})
    granted = Membership.objects.get(user=world.la_district_editor, role="border_officer")
    assert granted.history.get().history_user == world.la_administrator
    la_admin.post(url, {"role": "viewer", "place": place("LA-P-XIENGKHOUANG").pk})
    la_admin.post(url, {"role": "viewer"})  # everywhere: only administrators of everywhere
    la_admin.post(url, {"role": "viewer", "place": place("VN-2008-P42").pk})
    assert not Membership.objects.filter(user=world.la_district_editor, role="viewer").exists()


def test_withdrawing_a_role_is_in_the_change_log_and_shown_on_the_page(la_admin, world):
    membership = world.la_district_editor.memberships.get()
    response = la_admin.post(f"/accounts/users/{world.la_district_editor.pk}/roles/{membership.pk}/withdraw/")
    assert response.status_code == 302
    assert not world.la_district_editor.memberships.exists()
    removed = Membership.history.filter(id=membership.pk).latest("history_date")
    assert (removed.history_type, removed.history_user) == ("-", world.la_administrator)
    page = la_admin.get(f"/accounts/users/{world.la_district_editor.pk}/").content.decode()
    assert "withdrawn" in page and "la-administrator" in page


def test_deactivating_signs_the_user_out_and_refuses_their_sign_in_then_reactivating(la_admin, world):
    officer = Client()
    officer.force_login(world.la_district_editor)
    la_admin.post(f"/accounts/users/{world.la_district_editor.pk}/active/", {"active": "0"})
    assert officer.get("/partnerships/")["Location"].startswith("/accounts/login/")
    assert Client().post("/accounts/login/", {"username": "la-district-editor", "password": PASSWORD}).status_code == 200
    la_admin.post(f"/accounts/users/{world.la_district_editor.pk}/active/", {"active": "1"})
    assert Client().post("/accounts/login/", {"username": "la-district-editor", "password": PASSWORD}).status_code == 302
    reasons = list(world.la_district_editor.history.order_by("history_date").values_list("history_change_reason", flat=True))
    assert reasons[-2:] == ["User deactivated", "User reactivated"]


def test_a_superuser_manages_users_of_both_sides(client, world):
    client.force_login(world.admin)
    page = client.get("/accounts/users/").content.decode()
    assert "vn-province-editor" in page and "la-district-editor" in page
    client.post(f"/accounts/users/{world.vn_province_editor.pk}/roles/", {"role": "approver", "place": place("VN-2008-P42").pk})
    assert world.vn_province_editor.memberships.filter(role="approver").exists()


def test_user_typed_names_are_escaped(la_admin, world):
    world.la_district_editor.first_name = "<script>alert(1)</script>"
    world.la_district_editor.save()
    for url in ("/accounts/users/", f"/accounts/users/{world.la_district_editor.pk}/"):
        page = la_admin.get(url).content.decode()
        assert "<script>alert(1)</script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
