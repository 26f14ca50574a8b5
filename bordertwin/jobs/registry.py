"""The kinds of job and the scheduled work the domain apps register (in their AppConfig.ready).

jobs knows no domain: reports, tracking and the others tell it what they can run.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import IO, Any

from django.utils.functional import Promise


class JobError(Exception):
    """The work cannot be done for a reason the starter should read: the job fails with this message.

    Raised inside a job's work, it undoes everything the work wrote. `details` lists
    further lines (e.g. one per bad row of an imported file).
    """

    def __init__(self, message: str, details: list[str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.details = details or []


@dataclass
class Outcome:
    """What a job made: a file to download, and/or a summary of the rows it wrote."""

    content: bytes | None = None
    # Or a file to keep as the result, for one too large to hold in memory (e.g. a temporary file); closed once kept.
    file: IO[bytes] | None = None
    filename: str = ""
    content_type: str = ""
    summary: dict[str, Any] = field(default_factory=dict)
    sensitive: bool = False


Progress = Callable[[int], None]


@dataclass(frozen=True)
class Kind:
    name: str
    label: str | Promise
    work: Callable[[Any, Progress], Outcome]
    # True: the work writes rows, and runs in the one transaction that records its result,
    # so a worker killed half way leaves nothing behind. False: it only reads, and only
    # the result is written at the end (a long read must not hold SQLite's lock).
    atomic: bool = True


KINDS: dict[str, Kind] = {}
SCHEDULES: dict[str, int] = {}  # kind → every so many seconds


def register(name: str, label: str | Promise, *, atomic: bool = True) -> Callable[[Callable[[Any, Progress], Outcome]], Callable[[Any, Progress], Outcome]]:
    """Decorate `work(job, progress) -> Outcome` to make it the job kind `name`."""

    def decorate(work: Callable[[Any, Progress], Outcome]) -> Callable[[Any, Progress], Outcome]:
        KINDS[name] = Kind(name, label, work, atomic)
        return work

    return decorate


def every(seconds: int, kind: str) -> None:
    """Run the job kind `kind` (with no parameters, as no one) every `seconds`, from `bordertwin scheduler`."""
    SCHEDULES[kind] = seconds


def kind(name: str) -> Kind:
    return KINDS[name]
