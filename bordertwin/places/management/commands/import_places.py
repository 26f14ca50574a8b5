from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from bordertwin.places.importers import ImportFailed, import_places


class Command(BaseCommand):
    help = (
        "Import places (and their successions) from CSV files in the format of places/data/*.csv. "
        "The whole import is checked first; one bad row and nothing is saved."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("places", nargs="+", type=Path, help="CSV files of places")
        parser.add_argument("--successions", nargs="*", type=Path, default=[], help="CSV files of successions")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = import_places(options["places"], options["successions"])
        except ImportFailed as failure:
            raise CommandError("\n".join(failure.errors)) from failure
        self.stdout.write(
            f"{result.created} created, {result.updated} updated, {result.unchanged} unchanged, "
            f"{result.successions_created} successions created"
        )
