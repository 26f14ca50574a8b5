"""Data every role in scope reads but only border officers, approvers and administrators change."""

import pytest

from bordertwin import access
from bordertwin.access import Role

pytestmark = pytest.mark.django_db


class ReadByAllChangedByBorder:
    access_kind = access.Kind.SENSITIVE_WRITE
    access_places = ("place",)
    access_organisations = ()


class Ordinary:
    access_kind = access.Kind.ORDINARY
    access_places = ("place",)
    access_organisations = ()


class Undeclared:
    access_places = ("place",)


def test_every_role_reads_but_only_border_roles_change():
    model = access.Kind.SENSITIVE_WRITE
    assert access.allowed_actions(Role.VIEWER, model) == {access.VIEW}
    assert access.allowed_actions(Role.EDITOR, model) == {access.VIEW}
    assert access.allowed_actions(Role.BORDER_OFFICER, model) == {access.VIEW, access.ADD, access.CHANGE, access.DELETE}
    assert access.APPROVE in access.allowed_actions(Role.APPROVER, model)
    assert access.allowed_actions(Role.ADMINISTRATOR, model) == set(access.ACTIONS)


def test_an_editors_cached_scope_for_ordinary_data_does_not_leak_into_border_data(world):
    editor = world.vn_province_editor
    assert not access.scope(editor, access.CHANGE, Ordinary).empty
    assert access.scope(editor, access.CHANGE, ReadByAllChangedByBorder).empty
    assert not access.scope(editor, access.VIEW, ReadByAllChangedByBorder).empty
    assert not access.scope(world.vn_border_officer, access.CHANGE, ReadByAllChangedByBorder).empty


def test_a_model_that_declares_no_access_is_refused_not_opened(world):
    with pytest.raises(TypeError, match="declares no access"):
        access.scope(world.vn_province_editor, access.VIEW, Undeclared)
