"""Data every role in scope reads but only border officers, approvers and administrators change."""

import pytest

from bordertwin.accounts.choices import Role
from bordertwin.core import access

pytestmark = pytest.mark.django_db


class ReadByAllChangedByBorder:
    access_places = ("place",)
    access_organisations = ()
    access_sensitive_write = True


class Ordinary:
    access_places = ("place",)
    access_organisations = ()


def test_every_role_reads_but_only_border_roles_change():
    model = ReadByAllChangedByBorder
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
