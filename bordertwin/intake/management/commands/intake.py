"""`bordertwin intake FILE [--json] [--date YYYY-MM-DD]`: what a document states, without writing anything.

Every failure (no such file, a file that cannot be opened, not UTF-8, too big, no text, a
text the reader trips on) ends the command with a one-line error and a non-zero exit
status. A database without the place registry (not migrated) does not stop the reading:
the parties are left unmatched, a note says so, and a warning on standard error says
what to run.
"""

import datetime
import json
import sys
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError, connection
from django.utils.translation import gettext as _

from bordertwin.intake.reading import read_file
from bordertwin.intake.services import read_proposals
from bordertwin.places.models import Place


def iso_date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError as error:
        raise CommandError(_("The date must be written YYYY-MM-DD.")) from error


class Command(BaseCommand):
    help = (
        "Propose the parties, dates, money, quantities, domains and commitments a .txt, .docx or .pdf file states. "
        "Spans are offsets into the text as read (decoded, line ends as \\n). Nothing is written to the database."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="A .txt (UTF-8 or UTF-16), .docx or .pdf file; - reads UTF-8 text from standard input.")
        parser.add_argument("--json", action="store_true", help="Print the proposals as one JSON object.")
        parser.add_argument("--date", help="The document's date (YYYY-MM-DD), for dates written without a year.")

    def handle(self, *args: Any, **options: Any) -> None:
        document_date = iso_date(options["date"]) if options["date"] else None
        text = self.read(options["file"])
        registry = registry_ready()
        if not registry:
            self.stderr.write(_("The database has no place registry: parties are not matched. Run `bordertwin migrate`."))
        try:
            proposals = read_proposals(text, document_date, registry=registry)
        except Exception as error:  # any reader failure ends the command with a message, never an empty result
            raise CommandError(_("The document could not be read: {error}").format(error=error)) from error
        if options["json"]:
            self.stdout.write(json.dumps(proposals, ensure_ascii=False, indent=2))
        else:
            self.stdout.write(summary(proposals, registry=registry))

    def read(self, name: str) -> str:
        try:
            if name == "-":
                return read_file("stdin.txt", sys.stdin.buffer)
            path = Path(name)
            if not path.is_file():
                raise CommandError(_("No such file: {name}").format(name=name))
            with path.open("rb") as stream:
                return read_file(path.name, stream)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from error
        except OSError as error:
            raise CommandError(_("Cannot read {name}: {reason}").format(name=name, reason=error.strerror or error)) from error


def registry_ready() -> bool:
    """Whether the database holds the place registry (it does once migrated)."""
    try:
        return Place._meta.db_table in connection.introspection.table_names()
    except DatabaseError:
        return False


def heading(label: str) -> str:
    return f"{label}:"


def summary(proposals: dict[str, Any], *, registry: bool = True) -> str:
    """The proposals as lines a person reads: one heading per field, one line per item."""
    lines = []
    parties = proposals["vn_parties"] + proposals["la_parties"]
    ids = [p["place_id"] for p in parties if p.get("place_id")]
    places = Place.objects.in_bulk(ids) if registry and ids else {}
    for side, label in (("vn_parties", _("Vietnamese parties")), ("la_parties", _("Lao parties"))):
        lines.append(heading(label))
        for item in proposals[side]:
            place = places.get(item.get("place_id"))
            found = f"{place} ({place.key})" if place else _("not in the registry")
            lines.append(f"  {item['text']} [{item['span'][0]}:{item['span'][1]}] → {found}")
    event = proposals["event_date"] or proposals.get("event_partial")
    value = f"{event['value']}{' – ' + event['end'] if event.get('end') else ''} ({event['text']})" if event else "-"
    lines.append("{label}: {value}".format(label=_("Event date"), value=value))
    lines.append(heading(_("Agreement dates")))
    for item in proposals["agreement_dates"]:
        lines.append(f"  {item['value']} {item['kind']} ({item['text']})")
    lines.append(heading(_("Money")))
    for item in proposals["money"]:
        lines.append(f"  {item['amount']} {item['currency']} {item['qualifier']} ({item['text']})")
    lines.append(heading(_("Quantities")))
    for item in proposals["quantities"]:
        lines.append(f"  {item['value']} {item['unit']} {item['item']} ({item['text']})")
    lines.append("{label}: {values}".format(label=_("Domains"), values=", ".join(d["value"] for d in proposals["domains"]) or "-"))
    lines.append(heading(_("Commitments")))
    for item in proposals["commitments"]:
        lines.append(f"  [{item['domain']}] {item['text']}")
    lines.append(heading(_("New places to propose")))
    for item in proposals.get("proposed_places") or []:
        parent = item["parent"]["text"] if item.get("parent") else "-"
        lines.append(f"  {item['label']} ({item['country']}) ← {parent}")
    for note in proposals.get("notes") or []:
        lines.append(f"! {note}")
    return "\n".join(lines)
