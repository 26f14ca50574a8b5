"""How long the review report of one partnership-year takes at the scale of a whole province over ten years.

    .venv/bin/python bench/report_speed.py [--partnerships 150] [--years 10] [--rounds 3]

Builds its own SQLite database in BORDERTWIN_VAR_DIR (default: a directory under /tmp),
migrates it, loads the reference data and the SYNTHETIC province of bench/synthetic.py
(once; later runs reuse it), then times, for one partnership and its busiest year, as a
province viewer would ask for it:
- assembling the report's data (reports.services.review_data),
- the data plus each document: DOCX, PDF, XLSX,
- the bare SQL that reads the same rows (commitments, activities, deliveries, rates),
and prints them side by side with the floor each must stay under. Best of N rounds.
It measures; the exit code is 0 unless a floor is broken.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

FLOORS = {"data": 1.0, "docx": 3.0, "pdf": 10.0, "xlsx": 3.0}  # seconds


def prepare(partnerships: int, years: int) -> None:
    var_dir = os.environ.setdefault("BORDERTWIN_VAR_DIR", str(Path(tempfile.gettempdir()) / "bordertwin-report-bench"))
    Path(var_dir).mkdir(parents=True, exist_ok=True)
    # Always the bench's own SQLite file: synthetic rows never go into a real database.
    os.environ["DATABASE_URL"] = f"sqlite:///{Path(var_dir) / 'bench.sqlite3'}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bordertwin.settings")
    import django

    django.setup()
    import synthetic
    from django.core.management import call_command

    call_command("migrate", verbosity=0, interactive=False)
    from bordertwin.places.models import Place

    if not Place.all_objects.filter(key="VN-2008-P42").exists():
        call_command("load_reference", verbosity=0)
    if not synthetic.exists():
        started = time.perf_counter()
        synthetic.generate(partnerships, years)
        print(f"generated in {time.perf_counter() - started:.1f} s into {os.environ['DATABASE_URL']}")


def best(rounds: int, work: Callable[[], Any]) -> float:
    times = []
    for _round in range(rounds):
        started = time.perf_counter()
        work()
        times.append(time.perf_counter() - started)
    return min(times)


def bare_sql(partnership_id: int, date_from: Any, date_to: Any) -> int:
    """The same rows the report reads, straight from the database, nothing built from them."""
    from django.db import connection

    rows = 0
    with connection.cursor() as cursor:
        for sql, params in (
            ("SELECT c.* FROM partnerships_commitment c JOIN partnerships_agreement a ON a.id = c.agreement_id "
             "WHERE a.partnership_id = %s AND a.signed_on <= %s AND c.deleted_at IS NULL AND a.deleted_at IS NULL",
             [partnership_id, date_to]),
            ("SELECT * FROM tracking_activity WHERE partnership_id = %s AND started_on BETWEEN %s AND %s AND deleted_at IS NULL",
             [partnership_id, date_from, date_to]),
            ("SELECT d.*, u.* FROM tracking_delivery d LEFT JOIN partnerships_unit u ON u.id = d.unit_id "
             "WHERE d.partnership_id = %s AND d.delivered_on BETWEEN %s AND %s AND d.deleted_at IS NULL",
             [partnership_id, date_from, date_to]),
            ("SELECT currency, to_currency, valid_on, rate FROM tracking_exchangerate WHERE deleted_at IS NULL", []),
        ):
            cursor.execute(sql, params)
            rows += len(cursor.fetchall())
    return rows


def viewer() -> Any:
    """A provincial viewer of Hà Tĩnh: the report goes through the same access rules as for an officer."""
    from bordertwin.accounts.models import Membership, User
    from bordertwin.places.models import Place

    user, created = User.objects.get_or_create(username="bench-province-viewer", defaults={"side": "VN"})
    if created:
        Membership.objects.create(user=user, role="viewer", place=Place.objects.get(key="VN-2008-P42"))
    return User.objects.get(pk=user.pk)


def province_from_arguments(description: str) -> tuple[argparse.Namespace, Any, Any, Any]:
    """The command line's synthetic province, made ready: its busiest partnership and year (from, to)."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--partnerships", type=int, default=150)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    prepare(args.partnerships, args.years)

    import datetime

    import synthetic
    from django.db.models import Count
    from django.db.models.functions import ExtractYear

    from bordertwin.partnerships.models import Partnership
    from bordertwin.tracking.models import Delivery

    partnership = Partnership.objects.filter(description__startswith=synthetic.MARK).order_by("pk").first()
    year = (
        Delivery.objects.filter(partnership=partnership).annotate(year=ExtractYear("delivered_on"))
        .values("year").annotate(n=Count("pk")).order_by("-n", "-year").values_list("year", flat=True).first()
    )
    return args, partnership, datetime.date(year, 1, 1), datetime.date(year, 12, 31)


def main() -> int:
    args, partnership, date_from, date_to = province_from_arguments(__doc__.splitlines()[0])

    from django.utils import translation

    from bordertwin.reports import services
    from bordertwin.reports.documents import pdf, spreadsheet, word
    from bordertwin.tracking.models import Activity, Delivery

    user = viewer()
    counts = {
        "deliveries": Delivery.objects.filter(partnership=partnership, delivered_on__range=(date_from, date_to)).count(),
        "activities": Activity.objects.filter(partnership=partnership, started_on__range=(date_from, date_to)).count(),
        "province deliveries": Delivery.objects.count(),
    }
    print(f"partnership {partnership.pk}, year {date_from.year}: {counts['deliveries']} deliveries, "
          f"{counts['activities']} activities (of {counts['province deliveries']} deliveries in the database)")

    def data() -> Any:
        return services.review_data(partnership, date_from, date_to, user, language="vi")

    results = {}
    with translation.override("vi"):
        data()  # warm the user's scope and the templates once
        results["data"] = best(args.rounds, data)
        results["docx"] = best(args.rounds, lambda: word.render(data()))
        results["pdf"] = best(args.rounds, lambda: pdf.render(data()))
        results["xlsx"] = best(args.rounds, lambda: spreadsheet.render(data()))
    sql = best(args.rounds, lambda: bare_sql(partnership.pk, date_from, date_to))
    broken = False
    for name, seconds in results.items():
        verdict = "ok" if seconds <= FLOORS[name] else "ABOVE FLOOR"
        broken |= seconds > FLOORS[name]
        label = "report data" if name == "data" else f"report {name.upper()}"
        print(f"{label}: {seconds:.3f} s (floor {FLOORS[name]:g} s) {verdict}; bare SQL: {sql:.3f} s")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
