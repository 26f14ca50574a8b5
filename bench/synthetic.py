"""SYNTHETIC data at the scale of a whole province over ten years, for benchmarks only.

    BORDERTWIN_VAR_DIR=/tmp/bordertwin-bench .venv/bin/python bench/synthetic.py [--partnerships 150] [--years 10]

Deterministic (seeded random): the same arguments give the same rows. Rows are written
with bulk_create, not through the services, for speed: they have no change history and
no search text, and every one is marked as synthetic ("[SYNTHETIC]" in its title or
text, keys starting with "SYN-"). Never run it against a database that holds real records.

Shape (defaults): 1 Vietnamese province (Hà Tĩnh) paired with synthetic Lao villages of
Khammouane; 150 partnerships; per partnership a memorandum and minutes of talks every
two years, ~20 commitments per agreement; ~3 activities and ~33 deliveries per
partnership-year (about 4.500 activities and 50.000 deliveries); monthly exchange rates.
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

MARK = "[SYNTHETIC]"
SEED = 20240622
FIRST_YEAR = 2015
VN_PROVINCE = "VN-2008-P42"  # Hà Tĩnh
LA_PROVINCE = "LA-P-KHAMMOUANE"


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bordertwin.settings")
    import django

    django.setup()


def exists() -> bool:
    from bordertwin.partnerships.models import Partnership

    return Partnership.all_objects.filter(description__startswith=MARK).exists()


def lao_villages(count: int, rng: random.Random) -> list[Any]:
    """Synthetic Lao villages under Khammouane's districts (the reference data has few Lao units)."""
    from bordertwin.places.models import Place

    districts = list(Place.objects.filter(country="LA", level="district", path__startswith=f"/{LA_PROVINCE}/").order_by("key"))
    villages = []
    for number in range(1, count + 1):
        district = districts[number % len(districts)]
        key = f"SYN-LA-V{number:04d}"
        villages.append(Place(
            key=key, country="LA", level="village", unit_type="Bản", name_vi=f"Bản Tổng hợp {number:04d}",
            name_en=f"Synthetic village {number:04d}", name_lo=f"ສົມມຸດ {number:04d}", parent=district,
            path=f"{district.path}{key}/",
        ))
    Place.objects.bulk_create(villages, batch_size=1000)
    return list(Place.objects.filter(key__startswith="SYN-LA-V").order_by("key"))


def generate(partnerships: int = 150, years: int = 10, seed: int = SEED, stdout: Any = sys.stdout) -> dict[str, int]:
    """Write the synthetic province; returns the row counts. Refuses to run twice on the same database."""
    from django.db import transaction

    from bordertwin.partnerships.models import Agreement, Commitment, Partnership, Unit
    from bordertwin.places.models import Place
    from bordertwin.tracking.models import Activity, Delivery, ExchangeRate

    if exists():
        raise SystemExit("synthetic data is already in this database")
    rng = random.Random(seed)
    units = {u.code: u for u in Unit.objects.all()}
    if not units:
        raise SystemExit("load the reference data first (bordertwin load_reference)")
    communes = list(
        Place.objects.filter(country="VN", level="commune", path__startswith=f"/{VN_PROVINCE}/").order_by("key")
    )
    domains = ["defense_security", "politics", "economy", "agriculture", "trade", "culture_society", "sport", "health",
               "education", "environment", "disaster_relief"]
    statuses = ["agreed", "in_progress", "done", "done", "done", "proposed", "cancelled"]
    kinds = ["talks", "delegation_visit", "tet_visit", "exchange", "training", "sport_event", "cultural_event", "relief",
             "joint_inspection"]
    categories = [("livestock", "head", "Bò giống"), ("seedlings_crops", "tree", "Cây cam giống"),
                  ("cash", None, "Tiền hỗ trợ"), ("food_necessities", "kg", "Gạo"), ("tools", "set", "Dụng cụ"),
                  ("medical", "dose", "Thuốc"), ("school_supplies", "set", "Đồ dùng học tập"),
                  ("construction", "work", "Công trình"), ("technical_assistance", "person", "Chuyên gia")]
    last_year = FIRST_YEAR + years - 1

    with transaction.atomic():
        villages = lao_villages(partnerships, rng)
        pairs = [
            Partnership(
                vn_place=communes[n % len(communes)], la_place=villages[n], level="commune", status="active",
                established_on=datetime.date(FIRST_YEAR, 1 + n % 12, 1 + n % 28),
                description=f"{MARK} benchmark partnership {n + 1}",
            )
            for n in range(partnerships)
        ]
        Partnership.objects.bulk_create(pairs, batch_size=1000)
        pairs = list(Partnership.objects.filter(description__startswith=MARK).order_by("pk"))

        agreements = []
        for pair in pairs:
            agreements.append(Agreement(partnership=pair, kind="memorandum", title=f"{MARK} Biên bản ghi nhớ",
                                        signed_on=datetime.date(FIRST_YEAR, 3, 15)))
            for year in range(FIRST_YEAR + 1, last_year + 1, 2):
                agreements.append(Agreement(partnership=pair, kind="minutes", title=f"{MARK} Biên bản hội đàm {year}",
                                            signed_on=datetime.date(year, 6, rng.randint(1, 28))))
        Agreement.objects.bulk_create(agreements, batch_size=2000)
        agreements = list(Agreement.objects.filter(title__startswith=MARK).order_by("pk"))

        commitments = []
        for agreement in agreements:
            for position in range(1, rng.randint(17, 23) + 1):
                category, unit_code, item = rng.choice(categories)
                targeted = unit_code is not None and rng.random() < 0.4
                commitments.append(Commitment(
                    agreement=agreement, domain=rng.choice(domains), position=position,
                    text=f"{MARK} Cam kết {position}: hỗ trợ {item.lower()}",
                    responsible_side=rng.choice(["VN", "LA", "both"]), status=rng.choice(statuses),
                    recurrence="yearly" if rng.random() < 0.2 else "once",
                    target_quantity=Decimal(rng.randint(5, 500)) if targeted else None,
                    target_unit=units.get(unit_code) if targeted else None,
                ))
        Commitment.objects.bulk_create(commitments, batch_size=2000)
        by_partnership: dict[int, list[int]] = {}
        for pk, partnership_id in Commitment.objects.filter(text__startswith=MARK).values_list("pk", "agreement__partnership_id"):
            by_partnership.setdefault(partnership_id, []).append(pk)

        activities, deliveries = [], []
        for pair in pairs:
            own = by_partnership.get(pair.pk, [])
            for year in range(FIRST_YEAR, last_year + 1):
                for _n in range(rng.randint(2, 4)):
                    kind = rng.choice(kinds)
                    activities.append(Activity(
                        partnership=pair, kind=kind, title=f"{MARK} Hoạt động {kind} {year}",
                        started_on=datetime.date(year, rng.randint(1, 12), rng.randint(1, 28)), venue=pair.la_place.name_vi,
                        host_side=rng.choice(["VN", "LA", "both"]), vn_participant_count=rng.randint(5, 60),
                        la_participant_count=rng.randint(5, 60), recorded_by_side="VN",
                        confirmation=rng.choice(["pending", "confirmed", "confirmed"]),
                    ))
                for _n in range(rng.randint(25, 41)):
                    category, unit_code, item = rng.choice(categories)
                    currency = rng.choice(["VND", "VND", "VND", "LAK", "USD"])
                    value = Decimal(rng.randint(1, 500)) * (Decimal(1_000_000) if currency == "VND" else Decimal(100_000) if currency == "LAK" else Decimal(10))
                    deliveries.append(Delivery(
                        partnership=pair, category=category, item=f"{MARK} {item}",
                        quantity=Decimal(rng.randint(1, 200)) if unit_code else None, unit=units.get(unit_code) if unit_code else None,
                        value=value, currency=currency, value_qualifier=rng.choice(["exact", "exact", "more_than", "approximately"]),
                        giver_side=rng.choice(["VN", "VN", "LA"]), recipient_group="Người dân bản",
                        commitment_id=rng.choice(own) if own and rng.random() < 0.5 else None,
                        delivered_on=datetime.date(year, rng.randint(1, 12), rng.randint(1, 28)),
                        recorded_by_side="VN", confirmation=rng.choice(["pending", "confirmed", "confirmed", "disputed"]),
                    ))
        Activity.objects.bulk_create(activities, batch_size=2000)
        Delivery.objects.bulk_create(deliveries, batch_size=2000)

        rates = []
        taken = set(ExchangeRate.objects.values_list("currency", "to_currency", "valid_on"))
        for year in range(FIRST_YEAR, last_year + 1):
            for month in range(1, 13):
                day = datetime.date(year, month, 1)
                for currency, rate in (("LAK", Decimal("1.15") - Decimal(year - FIRST_YEAR) / 40), ("USD", Decimal(22000 + 250 * (year - FIRST_YEAR)))):
                    if (currency, "VND", day) not in taken:
                        rates.append(ExchangeRate(currency=currency, to_currency="VND", rate=rate, valid_on=day,
                                                  source=f"{MARK} benchmark rate"))
        ExchangeRate.objects.bulk_create(rates, batch_size=2000)
    counts = {
        "partnerships": len(pairs), "agreements": len(agreements), "commitments": len(commitments),
        "activities": len(activities), "deliveries": len(deliveries), "exchange rates": len(rates),
    }
    print("synthetic: " + ", ".join(f"{n} {name}" for name, n in counts.items()), file=stdout)
    return counts


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--partnerships", type=int, default=150)
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args()
    setup_django()
    generate(args.partnerships, args.years, args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
