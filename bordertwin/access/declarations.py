"""How a model declares who may see and change its rows: a kind and the lookups to its places."""

import enum
from typing import ClassVar, Protocol, runtime_checkable

from django.db.models import Q

from .users import User


class Kind(enum.Enum):
    """Who reads and who writes a model's rows, within their scope."""

    # Every role reads; editors, approvers and administrators write.
    ORDINARY = "ordinary"
    # Every signed-in user reads, even one with no role yet; writes as ORDINARY.
    PUBLIC = "public"
    # Every signed-in user reads; only administrators write (places, organisations, rates).
    REFERENCE = "reference"
    # Border-sensitive: only border officers, approvers and administrators read and write.
    SENSITIVE = "sensitive"
    # Every role reads; border officers, approvers and administrators write (boundary markers).
    SENSITIVE_WRITE = "sensitive_write"


@runtime_checkable
class Governed(Protocol):
    """A model under access control.

    `access_places` and `access_organisations` are lookups from the model to the places
    and organisations whose scope covers a row ("pk" for the place itself);
    `access_filter` narrows further for one user and action (e.g. one side's records).
    `access_side` names the field holding the side a row belongs to, and
    `access_private_fields` the fields only that side reads; `access_shared_at` names
    the field holding when a row of one side was shared with the other, who reads its
    history from then on.
    """

    access_kind: ClassVar[Kind]
    access_places: ClassVar[tuple[str, ...]]
    access_organisations: ClassVar[tuple[str, ...]]
    # The field naming the side a row belongs to ("" when rows, or a row whose field is
    # empty, belong to both), and the fields only that side reads (e.g. the names of the
    # people in an incident).
    access_side: ClassVar[str]
    access_private_fields: ClassVar[tuple[str, ...]]
    # The field holding when a row of one side was shared with the other ("" when never).
    access_shared_at: ClassVar[str]

    @classmethod
    def access_filter(cls, user: User, action: str) -> Q: ...
