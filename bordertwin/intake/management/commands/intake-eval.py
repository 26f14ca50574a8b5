"""`bordertwin intake-eval DIR`: precision, recall and F1 of the intake against gold annotations.

Django lists commands by file name, so this file (not importable by the `import`
statement) is found as `intake-eval` and loaded with import_module, which accepts it.
"""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext as _

from bordertwin.intake.extraction.evaluate import evaluate_dir, format_report


class Command(BaseCommand):
    help = "Score the intake on DIR: pairs of NN.txt and NN.gold.json; prints precision, recall and F1 per field."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("directory", help="A directory of NN.gold.json files with their NN.txt texts.")
        parser.add_argument(
            "--min-f1", type=float, default=None,
            help="Fail (exit status 1) when the overall F1 is below this floor, e.g. 0.95.",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        folder = Path(options["directory"])
        if not folder.is_dir():
            raise CommandError(_("No such directory: {name}").format(name=folder))
        if not any(folder.glob("*.gold.json")):
            raise CommandError(_("No .gold.json files in {name}.").format(name=folder))
        try:
            result = evaluate_dir(folder)
        except ValueError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(format_report(result))
        floor = options["min_f1"]
        if floor is not None and result["overall"]["f1"] < floor:
            raise CommandError(
                _("The overall F1 {f1:.3f} is below the floor {floor:.3f}.").format(f1=result["overall"]["f1"], floor=floor)
            )
