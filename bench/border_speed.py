"""How fast the border map data and the marker list load at the scale of the whole Vietnam–Laos border.

    python bench/border_speed.py [--repeat N] [--keep DIR]

Builds, deterministically and with bulk_create, a temporary SQLite database (its own
BORDERTWIN_VAR_DIR, migrated here) holding the whole border: 10 province pairs, 46
segments, ~1,000 markers, 10 years of quarterly joint patrols inspecting every marker
(~40,000 inspections) and 20,000 incidents. It then times, through the full Django
stack, the API map data of one segment (markers, patrols, incidents), the whole marker
list and the marker list page, each beside the bare SQL for the same rows, and prints
the verdict against a ceiling per request. It measures; it does not fail.
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from synthetic import PAIRS, point_on_line  # noqa: E402 - after the path is set

SEGMENTS = 46
MARKERS = 1_000
YEARS = 10
INCIDENTS = 20_000
CEILING_MS = {"segment markers": 300, "segment patrols": 500, "segment incidents": 800, "all markers": 1500, "marker list page": 400}


def build() -> dict:
    from decimal import Decimal

    from django.utils import timezone

    from bordertwin.access import Role
    from bordertwin.accounts.models import Membership, User
    from bordertwin.border import geo
    from bordertwin.border.choices import IncidentCategory, IncidentStatus, MarkerCondition
    from bordertwin.border.models import Incident, Marker, MarkerInspection, Patrol, Segment
    from bordertwin.partnerships.models import Partnership
    from bordertwin.places.models import Place

    rng = random.Random(2300)
    zone = timezone.get_current_timezone()
    places = {p.key: p for p in Place.objects.filter(key__in=[k for pair in PAIRS for k in pair])}
    partnerships = Partnership.objects.bulk_create([
        Partnership(vn_place=places[vn], la_place=places[la], level="province") for vn, la in PAIRS
    ])
    segments = Segment.objects.bulk_create([
        Segment(partnership=partnerships[i * len(PAIRS) // SEGMENTS], name=f"Đoạn {i + 1}", length_km=Decimal("50"))
        for i in range(SEGMENTS)
    ])
    markers = []
    for n in range(MARKERS):
        lat, lon = point_on_line(n / (MARKERS - 1))
        number = f"{n + 1}" if n % 25 else f"{n}(1)"
        markers.append(Marker(
            segment=segments[n * SEGMENTS // MARKERS], number=number, search_text=number, marker_type="main",
            latitude=Decimal(f"{lat:.6f}"), longitude=Decimal(f"{lon:.6f}"),
        ))
    markers = Marker.objects.bulk_create(markers, batch_size=2000)
    by_segment: dict[int, list] = {}
    for marker in markers:
        by_segment.setdefault(marker.segment_id, []).append(marker)
    patrols = []
    for segment in segments:
        own = by_segment[segment.pk]
        points = [(float(m.longitude), float(m.latitude)) for m in own]
        bounds = geo.Bounds.of(points)
        for q in range(YEARS * 4):
            start = datetime.datetime(2016 + q // 4, 3 * (q % 4) + 1, 10, 7, tzinfo=zone)
            patrols.append(Patrol(
                partnership_id=segment.partnership_id, segment=segment, kind="joint", started_at=start,
                ended_at=start + datetime.timedelta(days=2), vn_people=8, la_people=6, route_geojson=geo.line_geojson(points),
                route_length_km=geo.length_km(points), route_min_lon=bounds.min_lon, route_min_lat=bounds.min_lat,
                route_max_lon=bounds.max_lon, route_max_lat=bounds.max_lat,
            ))
    patrols = Patrol.objects.bulk_create(patrols, batch_size=2000)
    conditions = MarkerCondition.values
    inspections = [
        MarkerInspection(
            marker=marker, patrol=patrol, inspected_on=patrol.started_at.date(),
            condition="good" if rng.random() < 0.9 else rng.choice(conditions),
        )
        for patrol in patrols for marker in by_segment[patrol.segment_id]
    ]
    MarkerInspection.objects.bulk_create(inspections, batch_size=5000)
    categories, statuses = IncidentCategory.values, IncidentStatus.values
    incidents = []
    for i in range(INCIDENTS):
        marker = markers[rng.randrange(MARKERS)]
        status = rng.choice(statuses)
        occurred = datetime.datetime(2016, 1, 1, tzinfo=zone) + datetime.timedelta(hours=rng.randrange(YEARS * 365 * 24))
        incidents.append(Incident(
            partnership_id=by_partnership(marker, segments), segment_id=marker.segment_id, nearest_marker=marker,
            category=rng.choice(categories), occurred_at=occurred, description=f"Sự việc {i}", status=status,
            reported_by_side="VN" if i % 3 else "LA", shared_at=None if status == "reported" else occurred,
            deadline=occurred.date() + datetime.timedelta(days=30),
        ))
    Incident.objects.bulk_create(incidents, batch_size=5000)
    officer = User.objects.create_user("bench-officer", side="VN")
    Membership.objects.create(user=officer, role=Role.BORDER_OFFICER, place=places["VN-2008-P44"])
    everywhere = User.objects.create_user("bench-officer-all", side="VN")
    Membership.objects.create(user=everywhere, role=Role.BORDER_OFFICER, place=None)
    target = Segment.objects.filter(partnership__vn_place=places["VN-2008-P44"]).order_by("pk").first()
    return {"officer": officer, "everywhere": everywhere, "segment": target, "counts": {
        "segments": len(segments), "markers": len(markers), "patrols": len(patrols), "inspections": len(inspections),
        "incidents": len(incidents),
    }}


def reuse() -> dict | None:
    """The data of an earlier run kept with --keep, if there is one."""
    from bordertwin.accounts.models import User
    from bordertwin.border.models import Incident, Marker, MarkerInspection, Patrol, Segment

    officer = User.objects.filter(username="bench-officer").first()
    if officer is None:
        return None
    return {
        "officer": officer, "everywhere": User.objects.get(username="bench-officer-all"),
        "segment": Segment.objects.filter(partnership__vn_place__key="VN-2008-P44").order_by("pk").first(),
        "counts": {model._meta.model_name: model.objects.count() for model in (Segment, Marker, Patrol, MarkerInspection, Incident)},
    }


def by_partnership(marker, segments) -> int:  # type: ignore[no-untyped-def]
    cache = by_partnership.__dict__.setdefault("cache", {s.pk: s.partnership_id for s in segments})
    return cache[marker.segment_id]


def timed(repeat: int, call) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    result = call()  # warm
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        result = call()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times), result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--keep", type=Path, help="build the database in this directory and keep it")
    args = parser.parse_args()
    var_dir = args.keep or Path(tempfile.mkdtemp(prefix="bordertwin-bench-"))
    var_dir.mkdir(parents=True, exist_ok=True)
    os.environ["BORDERTWIN_VAR_DIR"] = str(var_dir)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bordertwin.settings")
    import django

    django.setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    built = reuse()
    if built is None:
        call_command("load_reference", stdout=open(os.devnull, "w"))
        built = build()
    print(f"database: {var_dir} ready in {time.perf_counter() - started:.1f} s: "
          + ", ".join(f"{n:,} {k}" for k, n in built["counts"].items()))
    segment = built["segment"]
    local, whole = Client(), Client()
    local.force_login(built["officer"])
    whole.force_login(built["everywhere"])

    def api(client: Client, url: str):  # type: ignore[no-untyped-def]
        def call():  # type: ignore[no-untyped-def]
            response = client.get(url)
            assert response.status_code == 200, (url, response.status_code)
            return response.json()["count"] if "api" in url else len(response.content)
        return call

    def sql(query: str, params: list):  # type: ignore[no-untyped-def]
        def call():  # type: ignore[no-untyped-def]
            with connection.cursor() as cursor:
                cursor.execute(query, params)
                return len(cursor.fetchall())
        return call

    last = ("(SELECT i.{col} FROM border_markerinspection i WHERE i.marker_id = m.id AND i.deleted_at IS NULL "
            "ORDER BY i.inspected_on DESC, i.id DESC LIMIT 1)")
    marker_sql = (f"SELECT m.*, {last.format(col='inspected_on')}, {last.format(col='condition')} FROM border_marker m "  # noqa: S608 - fixed text
                  "WHERE m.deleted_at IS NULL {where} ORDER BY m.segment_id, m.latitude, m.id")
    checks = [
        ("segment markers", api(local, f"/api/v1/markers/?segment={segment.pk}&page_size=5000"),
         sql(marker_sql.format(where="AND m.segment_id = %s"), [segment.pk])),
        ("segment patrols", api(local, f"/api/v1/patrols/?segment={segment.pk}&page_size=5000"),
         sql("SELECT * FROM border_patrol WHERE deleted_at IS NULL AND segment_id = %s ORDER BY started_at DESC", [segment.pk])),
        ("segment incidents", api(local, f"/api/v1/incidents/?segment={segment.pk}&page_size=5000"),
         sql("SELECT i.*, m.latitude, m.longitude FROM border_incident i LEFT JOIN border_marker m ON m.id = i.nearest_marker_id "
             "WHERE i.deleted_at IS NULL AND i.segment_id = %s AND (i.reported_by_side = 'VN' OR i.shared_at IS NOT NULL) "
             "ORDER BY i.occurred_at DESC", [segment.pk])),
        ("all markers", api(whole, "/api/v1/markers/?page_size=5000"), sql(marker_sql.format(where=""), [])),
        ("marker list page", api(whole, "/border/markers/"), sql(marker_sql.format(where="") + " LIMIT 25", [])),
    ]
    print(f"{'request':<20} {'rows':>7} {'app ms':>9} {'bare SQL ms':>12} {'ceiling ms':>11}  verdict")
    for name, app_call, sql_call in checks:
        app_ms, rows = timed(args.repeat, app_call)
        sql_ms, sql_rows = timed(args.repeat, sql_call)
        shown = rows if "api" in name or name != "marker list page" else sql_rows
        verdict = "ok" if app_ms <= CEILING_MS[name] else "ABOVE CEILING"
        print(f"{name:<20} {shown:>7} {app_ms:>9.1f} {sql_ms:>12.1f} {CEILING_MS[name]:>11}  {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
