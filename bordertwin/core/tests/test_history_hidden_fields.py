"""A record may keep some fields' values out of its change log for some readers."""

import pytest

from bordertwin.core import services
from bordertwin.core.history import change_entries

pytestmark = pytest.mark.django_db


def test_hidden_fields_show_that_they_changed_but_not_their_values(world):
    partnership = world.hk_nakai
    partnership.description = "Tên người liên quan: Hồ Văn B"
    services.save_record(partnership, acting_user=world.admin, reason="Bổ sung")
    shown = change_entries(partnership)[0].changes
    hidden = change_entries(partnership, hidden={"description"})[0].changes
    assert any("Hồ Văn B" in change.after for change in shown)
    assert [change.label for change in hidden] == [change.label for change in shown]
    assert not any("Hồ Văn B" in change.after for change in hidden)
