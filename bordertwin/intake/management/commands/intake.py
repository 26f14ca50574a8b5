"""`bordertwin intake FILE [--json] [--date YYYY-MM-DD]`: what a document states, without writing anything."""

import datetime
import json
import sys
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from bordertwin.intake.reading import read_file
from bordertwin.intake.services import PROPOSAL_FIELDS, propose
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
        proposals = propose(text, document_date)
        if options["json"]:
            result = {key: proposals[key] for key in PROPOSAL_FIELDS}
            self.stdout.write(json.dumps(result, ensure_ascii=False, indent=2))
        else:
            self.stdout.write(summary(proposals))

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


def heading(label: str) -> str:
    return f"{label}:"


def summary(proposals: dict[str, Any]) -> str:
    """The proposals as lines a person reads: one heading per field, one line per item."""
    lines = []
    parties = proposals["vn_parties"] + proposals["la_parties"]
    places = Place.objects.in_bulk([p["place_id"] for p in parties if p.get("place_id")])
    for side, label in (("vn_parties", _("Vietnamese parties")), ("la_parties", _("Lao parties"))):
        lines.append(heading(label))
        for item in proposals[side]:
            place = places.get(item.get("place_id"))
            found = f"{place} ({place.key})" if place else _("not in the registry")
            lines.append(f"  {item['text']} [{item['span'][0]}:{item['span'][1]}] → {found}")
    event = proposals["event_date"]
    lines.append("{label}: {value}".format(label=_("Event date"), value=f"{event['value']} ({event['text']})" if event else "-"))
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
    return "\n".join(lines)
