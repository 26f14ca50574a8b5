"""SYNTHETIC data for benchmarks only: one province over ten years, or the whole border.

    DATABASE_URL=... .venv/bin/python bench/synthetic.py [--scale province|border] [--partnerships N] [--years N]

Scales:
- province (default): Hà Tĩnh paired with synthetic Lao villages of Khammouane; 150
  partnerships; per partnership a memorandum and minutes of talks every two years, ~12
  commitments, ~3 activities and ~33 deliveries per partnership-year (about 18,000
  commitments, 4,500 activities and 50,000 deliveries); monthly exchange rates.
- border: the whole Vietnam–Laos border, 10 Vietnamese and 10 Lao border provinces; 400
  partnerships over 10 years; 50,000 commitments, 100,000 activities, 1,000,000
  deliveries; 46 segments with 1,000 boundary markers, each inspected 100 times a year
  by joint patrols (46,000 patrols, 1,000,000 inspections); 500 users with a role each.

Deterministic (seeded random): the same arguments give the same rows. Rows are written
straight into the tables, not through the services, for speed: COPY on PostgreSQL,
executemany on SQLite (bulk_create for the few hundred rows of small tables). They have
no change history; every one is marked as synthetic ("[SYNTHETIC]" in its title or text,
keys and user names starting with "SYN-"/"syn-"). Never run it against a database that
holds real records.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime
import functools
import math
import os
import random
import sys
import time
from collections.abc import Iterable, Sequence
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
PAIRS = (  # the ten Vietnamese border provinces, north to south, with a Lao neighbour each
    ("VN-2008-P11", "LA-P-PHONGSALY"), ("VN-2008-P14", "LA-P-LUANGPRABANG"), ("VN-2008-P38", "LA-P-HOUAPHANH"),
    ("VN-2008-P40", "LA-P-XIENGKHOUANG"), ("VN-2008-P42", "LA-P-BOLIKHAMXAY"), ("VN-2008-P44", "LA-P-KHAMMOUANE"),
    ("VN-2008-P45", "LA-P-SAVANNAKHET"), ("VN-2008-P46", "LA-P-SALAVAN"), ("VN-2008-P49", "LA-P-SEKONG"),
    ("VN-2008-P62", "LA-P-ATTAPEU"),
)
# The line the markers follow, roughly the border from Điện Biên to Kon Tum (lat, lon).
LINE = [(22.40, 102.20), (21.30, 103.10), (20.40, 104.20), (19.30, 104.40), (18.40, 105.30), (17.50, 106.00),
        (16.60, 106.70), (15.90, 107.20), (14.70, 107.50)]


@dataclasses.dataclass(frozen=True)
class Scale:
    """How much of everything: per partnership-year for its records, in all for the border."""

    pairs: tuple[tuple[str, str], ...]
    partnerships: int
    years: int = 10
    commitments: float = 12  # per partnership-year
    activities: float = 3
    deliveries: float = 33
    segments: int = 0
    markers: int = 0
    inspections: int = 0  # per marker-year, one joint patrol of its segment each time
    users: int = 0


SCALES = {
    "province": Scale(pairs=((VN_PROVINCE, LA_PROVINCE),), partnerships=150),
    "border": Scale(pairs=PAIRS, partnerships=400, commitments=12.5, activities=25, deliveries=250, segments=46,
                    markers=1_000, inspections=100, users=500),
}


def point_on_line(t: float) -> tuple[float, float]:
    """The point a fraction `t` along the border line, wiggling a little as the real line does."""
    scaled = t * (len(LINE) - 1)
    i = min(int(scaled), len(LINE) - 2)
    f = scaled - i
    (a, b), (c, d) = LINE[i], LINE[i + 1]
    return a + (c - a) * f + 0.01 * math.sin(t * 400), b + (d - b) * f + 0.01 * math.cos(t * 330)


def spread(total: int, parts: int, rng: random.Random) -> list[int]:
    """`total` split into `parts` uneven counts (each 50–150% of the mean) that add up exactly."""
    if parts <= 0:
        return []
    weights = [rng.uniform(0.5, 1.5) for _ in range(parts)]
    scale = total / sum(weights)
    counts = [int(w * scale) for w in weights]
    for i in range(total - sum(counts)):
        counts[i % parts] += 1
    return counts


@functools.lru_cache(maxsize=65536)
def folded(text: str) -> str:
    """The search text of a row from its searchable values (BaseRecord.compute_search_text for bulk rows)."""
    from bordertwin.core.text import search_words

    return " ".join(search_words(text))


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bordertwin.settings")
    import django

    django.setup()


def exists() -> bool:
    from bordertwin.partnerships.models import Partnership

    return Partnership.all_objects.filter(description__startswith=MARK).exists()


class Writer:
    """Writes many rows of one table fast: COPY on PostgreSQL, executemany on SQLite.

    Rows carry their own primary keys (taken from `reserve`), so that rows of the next
    table can point at them without reading them back; columns a row does not give take
    the field's default. Sequences are set past the new keys by `finish`.
    """

    def __init__(self) -> None:
        from django.db import connection
        from django.utils import timezone

        self.connection = connection
        self.postgres = connection.vendor == "postgresql"
        self.now = timezone.now()
        self.models: list[Any] = []

    def reserve(self, model: Any, count: int) -> range:
        """`count` fresh primary keys for rows of `model`."""
        from django.db.models import Max

        first = (model._base_manager.aggregate(top=Max("pk"))["top"] or 0) + 1
        return range(first, first + count)

    def stamp(self, moment: datetime.datetime) -> Any:
        """A datetime as the database stores it (SQLite: naive UTC text, as Django writes it)."""
        return moment if self.postgres else self.connection.ops.adapt_datetimefield_value(moment)

    def defaults(self, model: Any, given: Sequence[str]) -> tuple[list[str], tuple[Any, ...]]:
        """The columns a row leaves out, with the value each takes (the field's default, else empty)."""
        columns, values = [], []
        for field in model._meta.concrete_fields:
            if field.attname in given or field.primary_key:
                continue  # given, or a key the database numbers
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                value: Any = self.now
            elif field.has_default():
                value = field.get_default()
            elif field.null:
                value = None
            else:
                value = ""
            columns.append(field.column)
            values.append(field.get_db_prep_save(value, self.connection))
        return columns, tuple(values)

    def write(self, model: Any, fields: Sequence[str], rows: Iterable[tuple[Any, ...]]) -> int:
        """Insert `rows` (values of `fields`, by attname, "id" first) into `model`'s table; returns how many."""
        quote = self.connection.ops.quote_name
        columns = [model._meta.get_field(name).column if name != "id" else model._meta.pk.column for name in fields]
        rest, constants = self.defaults(model, fields)
        names = ", ".join(quote(c) for c in columns + rest)
        table = quote(model._meta.db_table)
        count = 0
        with self.connection.cursor() as wrapper:
            cursor = wrapper.cursor  # the driver's own cursor: no per-row wrapping
            if self.postgres:
                with cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                    for row in rows:
                        copy.write_row(row + constants)
                        count += 1
            else:
                marks = ", ".join("?" * (len(columns) + len(rest)))
                batch: list[tuple[Any, ...]] = []
                for row in rows:
                    batch.append(row + constants)
                    if len(batch) == 10_000:
                        cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", batch)  # noqa: S608 - names from the model
                        count, batch = count + len(batch), []
                if batch:
                    cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", batch)  # noqa: S608 - names from the model
                    count += len(batch)
        self.models.append(model)
        return count

    def finish(self) -> None:
        """Move the sequences past the keys written, and let the planner know the new sizes."""
        from django.core.management.color import no_style

        with self.connection.cursor() as cursor:
            for statement in self.connection.ops.sequence_reset_sql(no_style(), self.models):
                cursor.execute(statement)
            for model in self.models:
                cursor.execute(f"ANALYZE {self.connection.ops.quote_name(model._meta.db_table)}")


def lao_villages(parents: list[Any]) -> list[Any]:
    """A synthetic Lao village under each of `parents` (districts or provinces): the reference data has few Lao units."""
    from bordertwin.places.models import Place

    villages = []
    for number, parent in enumerate(parents, start=1):
        key = f"SYN-LA-V{number:04d}"
        villages.append(Place(
            key=key, country="LA", level="village", unit_type="Bản", name_vi=f"Bản Tổng hợp {number:04d}",
            name_en=f"Synthetic village {number:04d}", name_lo=f"ສົມມຸດ {number:04d}", parent=parent,
            path=f"{parent.path}{key}/",
        ))
    Place.objects.bulk_create(villages, batch_size=1000)
    return list(Place.objects.filter(key__startswith="SYN-LA-V").select_related("parent").order_by("key"))


def places_of(scale: Scale) -> tuple[list[list[Any]], list[list[Any]], list[Any]]:
    """Per pair of provinces: the Vietnamese communes, and the Lao units to put synthetic villages under; the provinces."""
    from bordertwin.places.models import Place

    provinces = {p.key: p for p in Place.objects.filter(key__in=[key for pair in scale.pairs for key in pair])}
    missing = sorted({key for pair in scale.pairs for key in pair} - set(provinces))
    if missing:
        raise SystemExit(f"load the reference data first (bordertwin load_reference): no {', '.join(missing)}")
    communes, lao_parents = [], []
    for vn, la in scale.pairs:
        own = list(Place.objects.filter(country="VN", level="commune", path__startswith=provinces[vn].path).order_by("key"))
        communes.append(own or [provinces[vn]])
        districts = list(Place.objects.filter(country="LA", level="district", path__startswith=provinces[la].path).order_by("key"))
        lao_parents.append(districts or [provinces[la]])
    return communes, lao_parents, list(provinces.values())


def generate(partnerships: int | None = None, years: int | None = None, seed: int = SEED, stdout: Any = sys.stdout,
             scale: str | Scale = "province") -> dict[str, int]:
    """Write the synthetic data of `scale` (a name of SCALES, or a Scale); returns the row counts.

    Refuses to run twice on the same database.
    """
    from django.db import connection, transaction

    from bordertwin.partnerships.models import Unit

    chosen = SCALES[scale] if isinstance(scale, str) else scale
    chosen = dataclasses.replace(chosen, partnerships=partnerships or chosen.partnerships, years=years or chosen.years)
    if exists():
        raise SystemExit("synthetic data is already in this database")
    if not Unit.objects.exists():
        raise SystemExit("load the reference data first (bordertwin load_reference)")
    rng = random.Random(seed)
    if connection.vendor == "sqlite" and not connection.in_atomic_block:
        with connection.cursor() as cursor:  # a throwaway bench database: speed over durability
            for pragma in ("synchronous = OFF", "journal_mode = MEMORY", "cache_size = -200000", "temp_store = MEMORY"):
                cursor.execute(f"PRAGMA {pragma}")
    writer = Writer()
    with transaction.atomic():
        if writer.postgres:
            with connection.cursor() as cursor:  # checked row by row, not queued to the commit millions deep
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        counts = write_partnerships(chosen, rng, writer)
        if chosen.markers:
            counts |= write_border(chosen, rng, writer)
        if chosen.users:
            counts |= write_users(chosen, rng, writer)
        counts |= write_rates(chosen)
        writer.finish()
        if writer.postgres:
            with connection.cursor() as cursor:
                cursor.execute("SET CONSTRAINTS ALL DEFERRED")  # as Django declares them, for what follows
    print("synthetic: " + ", ".join(f"{n:,} {name}" for name, n in counts.items()), file=stdout)
    return counts


def write_partnerships(scale: Scale, rng: random.Random, writer: Writer) -> dict[str, int]:
    """Partnerships, agreements, commitments, activities and deliveries."""
    from bordertwin.partnerships.models import Agreement, Commitment, Partnership, Unit
    from bordertwin.tracking.models import Activity, Delivery

    units = {u.code: u.pk for u in Unit.objects.all()}
    communes, lao_parents, _provinces = places_of(scale)
    domains = ["defense_security", "politics", "economy", "agriculture", "trade", "culture_society", "sport", "health",
               "education", "environment", "disaster_relief"]
    statuses = ["agreed", "in_progress", "done", "done", "done", "proposed", "cancelled"]
    kinds = ["talks", "delegation_visit", "tet_visit", "exchange", "training", "sport_event", "cultural_event", "relief",
             "joint_inspection"]
    categories = [("livestock", "head", "Bò giống"), ("seedlings_crops", "tree", "Cây cam giống"),
                  ("cash", None, "Tiền hỗ trợ"), ("food_necessities", "kg", "Gạo"), ("tools", "set", "Dụng cụ"),
                  ("medical", "dose", "Thuốc"), ("school_supplies", "set", "Đồ dùng học tập"),
                  ("construction", "work", "Công trình"), ("technical_assistance", "person", "Chuyên gia")]
    years = range(FIRST_YEAR, FIRST_YEAR + scale.years)
    pair_of = [n % len(scale.pairs) for n in range(scale.partnerships)]
    parents = [lao_parents[pair_of[n]][n // len(scale.pairs) % len(lao_parents[pair_of[n]])] for n in range(scale.partnerships)]
    villages = lao_villages(parents)

    pairs = []
    for n in range(scale.partnerships):
        own = communes[pair_of[n]]
        pair = Partnership(
            vn_place=own[(n // len(scale.pairs)) % len(own)], la_place=villages[n], level="commune", status="active",
            established_on=datetime.date(FIRST_YEAR + n % scale.years, 1 + n % 12, 1 + n % 28),
            description=f"{MARK} benchmark partnership {n + 1}",
        )
        pair.search_text = pair.compute_search_text()
        pairs.append(pair)
    Partnership.objects.bulk_create(pairs, batch_size=1000)
    pairs = list(Partnership.objects.filter(description__startswith=MARK).select_related("la_place").order_by("pk"))  # no query while a COPY runs

    agreements = []
    for pair in pairs:
        signed = [(FIRST_YEAR, "memorandum", "Biên bản ghi nhớ")]
        signed += [(year, "minutes", f"Biên bản hội đàm {year}") for year in range(FIRST_YEAR + 1, years[-1] + 1, 2)]
        for year, kind, title in signed:
            agreement = Agreement(partnership=pair, kind=kind, title=f"{MARK} {title}",
                                  signed_on=datetime.date(year, 3 if kind == "memorandum" else 6, rng.randint(1, 28)))
            agreement.search_text = agreement.compute_search_text()
            agreements.append(agreement)
    Agreement.objects.bulk_create(agreements, batch_size=2000)
    agreements = list(Agreement.objects.filter(title__startswith=MARK).order_by("pk"))

    partnership_years = scale.partnerships * scale.years
    commitment_ids = writer.reserve(Commitment, round(scale.commitments * partnership_years))
    by_partnership: dict[int, list[int]] = {}
    search_of = {pair.pk: pair.search_text for pair in pairs}

    def commitments() -> Iterable[tuple[Any, ...]]:
        ids = iter(commitment_ids)
        for agreement, count in zip(agreements, spread(len(commitment_ids), len(agreements), rng), strict=True):
            for position in range(1, count + 1):
                _category, unit_code, item = rng.choice(categories)
                targeted = unit_code is not None and rng.random() < 0.4
                text = f"{MARK} Cam kết {position}: hỗ trợ {item.lower()}"
                pk = next(ids)
                by_partnership.setdefault(agreement.partnership_id, []).append(pk)
                yield (pk, agreement.pk, rng.choice(domains), position, text, rng.choice(["VN", "LA", "both"]), rng.choice(statuses),
                       "yearly" if rng.random() < 0.2 else "once", Decimal(rng.randint(5, 500)) if targeted else None,
                       units.get(unit_code) if targeted else None,
                       folded(f"{text} {agreement.title} {search_of[agreement.partnership_id]}"))

    written_commitments = writer.write(Commitment, [
        "id", "agreement_id", "domain", "position", "text", "responsible_side", "status", "recurrence", "target_quantity",
        "target_unit_id", "search_text"], commitments())

    def activities() -> Iterable[tuple[Any, ...]]:
        counts = iter(spread(round(scale.activities * partnership_years), partnership_years, rng))
        for pair in pairs:
            venue = pair.la_place.name_vi
            for year in years:
                for _n in range(next(counts)):
                    kind = rng.choice(kinds)
                    title = f"{MARK} Hoạt động {kind} {year}"
                    yield (pair.pk, kind, title, datetime.date(year, rng.randint(1, 12), rng.randint(1, 28)), venue,
                           rng.choice(["VN", "LA", "both"]), rng.randint(5, 60), rng.randint(5, 60), "VN",
                           rng.choice(["pending", "confirmed", "confirmed"]), folded(f"{title} {venue} {pair.search_text}"))

    written_activities = writer.write(Activity, [
        "partnership_id", "kind", "title", "started_on", "venue", "host_side", "vn_participant_count", "la_participant_count",
        "recorded_by_side", "confirmation", "search_text"], activities())

    def deliveries() -> Iterable[tuple[Any, ...]]:
        counts = iter(spread(round(scale.deliveries * partnership_years), partnership_years, rng))
        for pair in pairs:
            own = by_partnership.get(pair.pk, [])
            for year in years:
                for _n in range(next(counts)):
                    category, unit_code, item = rng.choice(categories)
                    currency = rng.choice(["VND", "VND", "VND", "LAK", "USD"])
                    value = Decimal(rng.randint(1, 500)) * (Decimal(1_000_000) if currency == "VND" else Decimal(100_000) if currency == "LAK" else Decimal(10))
                    yield (pair.pk, category, f"{MARK} {item}", Decimal(rng.randint(1, 200)) if unit_code else None,
                           units.get(unit_code) if unit_code else None, value, currency,
                           rng.choice(["exact", "exact", "more_than", "approximately"]), rng.choice(["VN", "VN", "LA"]),
                           "Người dân bản", rng.choice(own) if own and rng.random() < 0.5 else None,
                           datetime.date(year, rng.randint(1, 12), rng.randint(1, 28)), "VN",
                           rng.choice(["pending", "confirmed", "confirmed", "disputed"]),
                           folded(f"{MARK} {item} Người dân bản {pair.search_text}"))

    written_deliveries = writer.write(Delivery, [
        "partnership_id", "category", "item", "quantity", "unit_id", "value", "currency", "value_qualifier", "giver_side",
        "recipient_group", "commitment_id", "delivered_on", "recorded_by_side", "confirmation", "search_text"], deliveries())
    return {
        "partnerships": len(pairs), "agreements": len(agreements), "commitments": written_commitments,
        "activities": written_activities, "deliveries": written_deliveries,
    }


def write_border(scale: Scale, rng: random.Random, writer: Writer) -> dict[str, int]:
    """Segments along the line, their markers, joint patrols and what each patrol found at each marker."""
    from django.utils import timezone

    from bordertwin.border.models import Marker, MarkerInspection, Patrol, Segment
    from bordertwin.partnerships.models import Partnership

    pairs = list(Partnership.objects.filter(description__startswith=MARK).order_by("pk"))
    per_pair = len(scale.pairs)
    segments = []
    for i in range(scale.segments):
        # The segments of one province pair go to that pair's partnerships in turn.
        pair_index = i * per_pair // scale.segments
        partnership = pairs[pair_index + per_pair * (i % max(1, len(pairs) // per_pair))]
        segment = Segment(partnership=partnership, name=f"{MARK} Đoạn {i + 1}", length_km=Decimal("50"),
                          description=f"{MARK} benchmark segment")
        segment.search_text = segment.compute_search_text()
        segments.append(segment)
    Segment.objects.bulk_create(segments)
    segments = list(Segment.objects.filter(name__startswith=MARK).order_by("pk"))

    markers = []
    for n in range(scale.markers):
        lat, lon = point_on_line(n / max(1, scale.markers - 1))
        marker = Marker(
            segment=segments[n * scale.segments // scale.markers], number=f"SYN-{n + 1:04d}", marker_type="main",
            latitude=Decimal(f"{lat:.6f}"), longitude=Decimal(f"{lon:.6f}"), description=f"{MARK} benchmark marker",
        )
        marker.search_text = marker.compute_search_text()
        markers.append(marker)
    Marker.objects.bulk_create(markers, batch_size=2000)
    markers = list(Marker.objects.filter(number__startswith="SYN-").order_by("pk"))
    by_segment: dict[int, list[Any]] = {}
    for marker in markers:
        by_segment.setdefault(marker.segment_id, []).append(marker)

    # Every marker is inspected `inspections` times a year, each time by a joint patrol of its segment.
    visits = scale.inspections * scale.years
    patrol_ids = writer.reserve(Patrol, visits * len(segments))
    start = datetime.datetime(FIRST_YEAR, 1, 1, 7, tzinfo=timezone.get_current_timezone())
    step = datetime.timedelta(days=365 * scale.years / max(1, visits))
    conditions = ["good"] * 18 + ["damaged", "tilted", "buried", "missing"]
    schedule = [(pk, segment, start + step * visit) for (visit, segment), pk in zip(
        ((v, s) for s in segments for v in range(visits)), patrol_ids, strict=True)]

    def patrols() -> Iterable[tuple[Any, ...]]:
        for pk, segment, started in schedule:
            yield (pk, segment.partnership_id, segment.pk, "joint", writer.stamp(started),
                   writer.stamp(started + datetime.timedelta(hours=30)), 8, 6, f"{MARK} benchmark patrol",
                   folded(f"{segment.name} {MARK} benchmark patrol"))

    written_patrols = writer.write(Patrol, [
        "id", "partnership_id", "segment_id", "kind", "started_at", "ended_at", "vn_people", "la_people", "findings",
        "search_text"], patrols())

    def inspections() -> Iterable[tuple[Any, ...]]:
        for pk, segment, started in schedule:
            day = started.date()
            for marker in by_segment.get(segment.pk, []):
                yield (marker.pk, pk, day, rng.choice(conditions), marker.search_text)

    written_inspections = writer.write(MarkerInspection, ["marker_id", "patrol_id", "inspected_on", "condition", "search_text"],
                                       inspections())
    return {"segments": len(segments), "markers": len(markers), "patrols": written_patrols, "inspections": written_inspections}


def write_users(scale: Scale, rng: random.Random, writer: Writer) -> dict[str, int]:
    """Officers of both sides, each with one role over a border province of their side (or over everything)."""
    from django.contrib.auth.hashers import make_password

    from bordertwin.access import Role
    from bordertwin.accounts.models import Membership, User

    _communes, _lao_parents, provinces = places_of(scale)
    by_side = {"VN": [p for p in provinces if p.country == "VN"], "LA": [p for p in provinces if p.country == "LA"]}
    password = make_password(None)  # unusable: nobody signs in as a synthetic user
    roles = [Role.VIEWER] * 5 + [Role.EDITOR] * 3 + [Role.BORDER_OFFICER, Role.APPROVER]
    users = [User(username=f"syn-user-{n:04d}", password=password, side="VN" if n % 2 else "LA",
                  first_name=MARK, last_name=f"{n:04d}") for n in range(1, scale.users + 1)]
    User.objects.bulk_create(users, batch_size=1000)
    users = list(User.objects.filter(username__startswith="syn-user-").order_by("pk"))
    memberships = [Membership(user=user, role=rng.choice(roles), place=rng.choice(by_side[user.side])) for user in users]
    Membership.objects.bulk_create(memberships, batch_size=1000)
    return {"users": len(users), "memberships": len(memberships)}


def write_rates(scale: Scale) -> dict[str, int]:
    """Monthly LAK and USD rates into VND over the years, where none is kept yet."""
    from bordertwin.tracking.models import ExchangeRate

    rates = []
    taken = set(ExchangeRate.objects.values_list("currency", "to_currency", "valid_on"))
    for year in range(FIRST_YEAR, FIRST_YEAR + scale.years):
        for month in range(1, 13):
            day = datetime.date(year, month, 1)
            for currency, rate in (("LAK", Decimal("1.15") - Decimal(year - FIRST_YEAR) / 40), ("USD", Decimal(22000 + 250 * (year - FIRST_YEAR)))):
                if (currency, "VND", day) not in taken:
                    rates.append(ExchangeRate(currency=currency, to_currency="VND", rate=rate, valid_on=day,
                                              source=f"{MARK} benchmark rate"))
    ExchangeRate.objects.bulk_create(rates, batch_size=2000)
    return {"exchange rates": len(rates)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=sorted(SCALES), default="province")
    parser.add_argument("--partnerships", type=int, help="instead of the scale's number of partnerships")
    parser.add_argument("--years", type=int, help="instead of the scale's 10 years")
    parser.add_argument("--seed", type=int, default=SEED)
    args = parser.parse_args()
    setup_django()
    from django.db import connection

    started = time.perf_counter()
    generate(args.partnerships, args.years, args.seed, scale=args.scale)
    print(f"built in {time.perf_counter() - started:.1f} s on {connection.vendor} ({connection.settings_dict['NAME']})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
