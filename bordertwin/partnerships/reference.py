import csv
from pathlib import Path

from .models import Unit

UNITS_FILE = Path(__file__).resolve().parent / "data" / "units.csv"


def load() -> str:
    """The managed list of units of measure; existing units keep the names officers gave them."""
    created = 0
    with UNITS_FILE.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            _unit, was_created = Unit.all_objects.get_or_create(
                code=row["code"],
                defaults={"name_vi": row["name_vi"], "name_lo": row["name_lo"], "name_en": row["name_en"], "aliases": row["aliases"]},
            )
            created += was_created
    return f"{created} units of measure created"
