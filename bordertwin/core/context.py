"""Who is acting, in which request, and why: read by the change log when a row is saved."""

import contextlib
import uuid
from collections.abc import Iterator
from contextvars import ContextVar
from dataclasses import dataclass, field

from bordertwin.access.users import Actor


@dataclass
class ChangeContext:
    user: Actor | None = None
    reason: str = ""
    request_id: str = field(default_factory=lambda: uuid.uuid4().hex)


_current: ContextVar[ChangeContext | None] = ContextVar("bordertwin_change_context", default=None)


def current() -> ChangeContext | None:
    return _current.get()


@contextlib.contextmanager
def acting(user: Actor | None, reason: str = "", request_id: str | None = None) -> Iterator[ChangeContext]:
    """Group every save inside the block under one change entry, by one user, for one reason.

    Nested blocks keep the outer request id, so a service called from a view still
    writes into the view's change entry; an inner reason, when given, wins.
    """
    outer = _current.get()
    ctx = ChangeContext(
        user=user if user is not None else (outer.user if outer else None),
        reason=reason or (outer.reason if outer else ""),
        request_id=request_id or (outer.request_id if outer else uuid.uuid4().hex),
    )
    token = _current.set(ctx)
    try:
        yield ctx
    finally:
        _current.reset(token)
