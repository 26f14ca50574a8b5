"""Who is acting and why: nested blocks write into one change entry."""

from typing import Any

from bordertwin.core import context

# The context keeps whoever it is given: a name stands in for a user here.
OFFICER: Any = "officer"


def test_nested_blocks_keep_the_outer_request_and_user_and_an_inner_reason_wins():
    assert context.current() is None
    with context.acting(OFFICER, "outer reason") as outer:
        with context.acting(None) as inner:
            assert (inner.user, inner.reason, inner.request_id) == ("officer", "outer reason", outer.request_id)
        with context.acting(None, "inner reason") as inner:
            assert inner.reason == "inner reason" and inner.request_id == outer.request_id
        assert context.current() is outer
    assert context.current() is None


def test_separate_blocks_are_separate_requests():
    with context.acting(OFFICER) as first:
        pass
    with context.acting(OFFICER) as second:
        pass
    assert first.request_id != second.request_id
