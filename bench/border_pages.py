"""Throughput and latency of the lists, pages and API at the scale of the whole border, beside a bare Django floor.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bt_perf .venv/bin/python bench/border_pages.py \\
        [--duration 10] [--connections 8] [--only deliveries-api,deliveries-html] [--scope province|everywhere]

The database must hold the whole-border synthetic data (bench/synthetic.py --scale border).
It starts two gunicorns on that database, each with 2 sync workers and DEBUG off:
- the app, with the production settings (Redis cache when --redis is given);
- a floor: a new Django project generated in a temporary directory (startproject's
  default middleware), whose one view returns `.values()` of the same 50 deliveries of
  a partnership as JsonResponse.
It signs in as a synthetic viewer (of one Vietnamese province, or of everywhere), then
drives each endpoint, and the floor before and after them, with wrk (Debian's `wrk`:
scripts/install-system-deps wrk): N connections, a random partnership (or its marker,
or segment) per request. It prints req/s, p50 and p95 and the ratio to the floor of the
same run, beside the targets. It measures; it does not fail. The machine is shared:
compare ratios, not absolute figures, and repeat a run that looks odd.
"""

from __future__ import annotations

import argparse
import contextlib
import dataclasses
import json
import os
import random
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import textwrap
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from synthetic import MARK, PAIRS  # noqa: E402 - after the path is set

VENV_BIN = Path(sys.executable).parent
PAGE = 50
TARGETS = {"api": 0.67, "html": 0.5}  # share of the floor's req/s
P95_MS = 100
MAP_MS = 300


@dataclasses.dataclass(frozen=True)
class Endpoint:
    name: str
    kind: str  # "api", "html" or "data" (pages and data that are not lists: p95 only)
    path: str  # with {p} (a partnership), {m} (one of its markers) or {s} (one of its segments)


ENDPOINTS = [
    Endpoint("deliveries-api", "api", f"/api/v1/deliveries/?partnership={{p}}&page_size={PAGE}"),
    Endpoint("deliveries-html", "html", f"/tracking/deliveries/?partnership={{p}}&per_page={PAGE}"),
    Endpoint("activities-api", "api", f"/api/v1/activities/?partnership={{p}}&page_size={PAGE}"),
    Endpoint("activities-html", "html", f"/tracking/activities/?partnership={{p}}&per_page={PAGE}"),
    Endpoint("commitments-api", "api", f"/api/v1/commitments/?partnership={{p}}&page_size={PAGE}"),
    Endpoint("commitments-html", "html", f"/partnerships/commitments/?partnership={{p}}&per_page={PAGE}"),
    Endpoint("markers-api", "api", f"/api/v1/markers/?segment={{s}}&page_size={PAGE}"),
    Endpoint("markers-html", "html", f"/border/markers/?segment={{s}}&per_page={PAGE}"),
    Endpoint("inspections-api", "api", f"/api/v1/inspections/?marker={{m}}&page_size={PAGE}"),
    Endpoint("inspections-html", "html", "/border/markers/{m}/"),  # a marker's page lists its inspections
    Endpoint("deliveries-api-all", "api", f"/api/v1/deliveries/?page_size={PAGE}"),
    Endpoint("inspections-api-all", "api", f"/api/v1/inspections/?page_size={PAGE}"),
    Endpoint("partnership-page", "data", "/partnerships/{p}/"),
    Endpoint("map-data", "data", "/api/v1/markers/?page_size=5000"),
    Endpoint("map-segments", "data", "/api/v1/segments/?page_size=5000"),
    Endpoint("dashboard", "data", "/reports/partnerships/{p}/"),
    Endpoint("overview", "data", "/reports/"),
    Endpoint("border-dashboard", "data", "/border/"),
    Endpoint("review-data", "data", "/reports/partnerships/{p}/review/"),
]

FLOOR_MODELS = '''
from django.db import models


class Delivery(models.Model):
    """The app's deliveries table, read as is."""

    partnership_id = models.BigIntegerField()
    category = models.CharField(max_length=30)
    item = models.CharField(max_length=300)
    quantity = models.DecimalField(max_digits=18, decimal_places=3, null=True)
    unit_id = models.BigIntegerField(null=True)
    value = models.DecimalField(max_digits=20, decimal_places=2, null=True)
    currency = models.CharField(max_length=3)
    value_qualifier = models.CharField(max_length=15)
    giver_side = models.CharField(max_length=2)
    recipient_group = models.CharField(max_length=300)
    commitment_id = models.BigIntegerField(null=True)
    delivered_on = models.DateField()
    recorded_by_side = models.CharField(max_length=2)
    confirmation = models.CharField(max_length=10)
    deleted_at = models.DateTimeField(null=True)

    class Meta:
        managed = False
        db_table = "tracking_delivery"
'''

FLOOR_VIEWS = f'''
from django.http import JsonResponse

from .models import Delivery


def rows(request):
    chosen = Delivery.objects.filter(partnership_id=int(request.GET["partnership"]), deleted_at__isnull=True)
    return JsonResponse({{"results": list(chosen.order_by("-delivered_on", "-id").values()[:{PAGE}])}})
'''

LUA = '''
local paths = {paths}
local headers = {{["Cookie"] = "{cookie}"}}
math.randomseed(os.time() + tonumber(tostring({{}}):sub(8), 16))
request = function()
  return wrk.format("GET", paths[math.random(#paths)], headers)
end
done = function(summary, latency, requests)
  io.write(string.format("RESULT %d %d %d %d %d %d\\n", summary.requests, summary.duration,
    latency:percentile(50), latency:percentile(95), summary.errors.status,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
'''


def make_floor(directory: Path, database: dict[str, Any]) -> None:
    """A new Django project (startproject) serving the 50 rows; same database and connection reuse as the app."""
    directory.mkdir()
    subprocess.run([VENV_BIN / "django-admin", "startproject", "floor", str(directory)], check=True)
    package = directory / "floor"
    (package / "models.py").write_text(FLOOR_MODELS)
    (package / "views.py").write_text(FLOOR_VIEWS)
    settings = package / "settings.py"
    settings.write_text(settings.read_text() + textwrap.dedent(f"""
        DEBUG = False
        ALLOWED_HOSTS = ["127.0.0.1"]
        INSTALLED_APPS = [*INSTALLED_APPS, "floor"]
        DATABASES = {{"default": {{**{database!r}, "CONN_MAX_AGE": 60}}}}
    """))
    urls = package / "urls.py"
    urls.write_text(urls.read_text().replace(
        "urlpatterns = [", "from floor.views import rows\n\nurlpatterns = [\n    path('rows/', rows),"))


@contextlib.contextmanager
def gunicorn(module: str, port: int, cwd: Path, env: dict[str, str], logs: Path) -> Iterator[int]:
    """A gunicorn of 2 sync workers serving `module` on 127.0.0.1:`port`; yields its pid."""
    log = open(logs / f"gunicorn-{port}.log", "w")  # noqa: SIM115 - closed below
    process = subprocess.Popen(
        [VENV_BIN / "gunicorn", module, "--workers", "2", "--worker-class", "sync", "--bind", f"127.0.0.1:{port}",
         "--log-level", "warning"], cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    try:
        for _attempt in range(100):
            with contextlib.suppress(OSError):
                urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=2)  # noqa: S310 - our own server
                break
            if process.poll() is not None:
                raise SystemExit(f"gunicorn {module} stopped; see {log.name}")
            time.sleep(0.3)
        yield process.pid
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
        log.close()


def free_port() -> int:
    """A port nobody listens on now (two runs of the bench at once must not answer each other's requests)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def get(url: str, cookie: str) -> int:
    request = urllib.request.Request(url, headers={"Cookie": cookie})  # noqa: S310 - our own server
    try:
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 - our own server
            response.read()
            return int(response.status)
    except urllib.error.HTTPError as error:
        return int(error.code)


def wrk(base: str, paths: list[str], cookie: str, duration: int, connections: int, workdir: Path) -> dict[str, float]:
    script = workdir / "random.lua"
    script.write_text(LUA.format(paths="{" + ", ".join(json.dumps(p) for p in paths) + "}", cookie=cookie))
    out = subprocess.run(
        ["wrk", "-t", "2", "-c", str(connections), "-d", f"{duration}s", "--timeout", "10s", "-s", str(script), base],
        check=True, capture_output=True, text=True,
    ).stdout
    line = next(line for line in out.splitlines() if line.startswith("RESULT "))
    requests, micros, p50, p95, bad_status, errors = (int(v) for v in line.split()[1:])
    return {"rps": requests / (micros / 1e6), "p50": p50 / 1000, "p95": p95 / 1000, "bad": bad_status, "errors": errors}


def worker_rss(master: int) -> int:
    """The resident memory of a gunicorn's workers together, in MB."""
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    total = 0
    for pid in children:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                total += int(line.split()[1])
    return total // 1024


def prepare(scope: str) -> tuple[Any, dict[str, list[Any]]]:
    """The synthetic viewer to sign in as, and the partnerships (with a marker and segment each) to draw from."""
    from bordertwin.access import Role
    from bordertwin.accounts.models import Membership, User
    from bordertwin.border.models import Marker, Segment
    from bordertwin.partnerships.models import Partnership
    from bordertwin.places.models import Place

    if not Marker.objects.filter(number__startswith="SYN-").exists():
        raise SystemExit("build the whole-border data first: bench/synthetic.py --scale border")
    province = Place.objects.get(key=PAIRS[5][0])  # Quảng Bình: partnerships with segments
    user, _created = User.objects.get_or_create(username=f"syn-bench-{scope}", defaults={"side": "VN", "first_name": MARK})
    place = None if scope == "everywhere" else province
    Membership.objects.get_or_create(user=user, role=Role.VIEWER, place=place)
    partnerships = Partnership.objects.restrict(user).filter(description__startswith=MARK)
    segments = list(Segment.objects.restrict(user).filter(partnership__in=partnerships).values_list("pk", flat=True))
    markers = list(Marker.objects.restrict(user).filter(segment__in=segments).values_list("pk", flat=True))
    return user, {"p": list(partnerships.values_list("pk", flat=True)), "s": segments, "m": markers}


def paths_for(endpoint: Endpoint, picks: dict[str, list[Any]], rng: random.Random, count: int = 200) -> list[str]:
    """`count` request paths for the endpoint, each with its own random partnership, segment or marker."""
    paths = set()
    for _n in range(count):
        paths.add(endpoint.path.format(**{key: rng.choice(values) for key, values in picks.items()}))
    return sorted(paths)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--duration", type=int, default=10, help="seconds of load per endpoint (default 10)")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--only", help="comma-separated endpoint names: " + ", ".join(e.name for e in ENDPOINTS))
    parser.add_argument("--scope", choices=["province", "everywhere"], default="province",
                        help="the viewer signed in: of one Vietnamese province (default), or of everywhere")
    parser.add_argument("--redis", default="redis://127.0.0.1:6379/8", help="the app's cache (empty: a cache per process)")
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is missing: scripts/install-system-deps wrk")
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        raise SystemExit("set DATABASE_URL to the PostgreSQL database holding the whole-border data")
    chosen = [e for e in ENDPOINTS if not args.only or e.name in args.only.split(",")]

    workdir = Path(tempfile.mkdtemp(prefix="bordertwin-pages-"))
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "bordertwin.settings", "BORDERTWIN_DEBUG": "0",
           "BORDERTWIN_SECRET_KEY": secrets.token_urlsafe(50), "BORDERTWIN_ALLOWED_HOSTS": "127.0.0.1",
           "BORDERTWIN_VAR_DIR": str(workdir / "var"), "BORDERTWIN_REDIS_URL": args.redis}
    os.environ.update(env)  # the session made here must be the one the app reads
    import django

    django.setup()
    from django.conf import settings
    from django.test import Client

    user, picks = prepare(args.scope)
    client = Client()
    client.force_login(user)
    cookie = f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"
    database = {key: settings.DATABASES["default"][key] for key in ("ENGINE", "NAME", "USER", "PASSWORD", "HOST", "PORT")}
    make_floor(workdir / "floor", database)
    floor_env = {key: value for key, value in os.environ.items() if not key.startswith(("BORDERTWIN_", "DJANGO_"))}
    rng = random.Random(12)
    floor_paths = [f"/rows/?partnership={p}" for p in picks["p"]]

    print(f"{len(picks['p'])} partnerships, {len(picks['s'])} segments, {len(picks['m'])} markers in the viewer's scope "
          f"({args.scope}); {args.connections} connections, {args.duration} s each; load average {os.getloadavg()[0]:.2f}")
    app_port, floor_port = free_port(), free_port()
    with gunicorn("bordertwin.wsgi", app_port, ROOT, env, workdir) as app, \
            gunicorn("floor.wsgi", floor_port, workdir / "floor", floor_env, workdir):
        app_base, floor_base = f"http://127.0.0.1:{app_port}", f"http://127.0.0.1:{floor_port}"
        checks = {e.name: paths_for(e, picks, rng) for e in chosen}
        for name, paths in checks.items():  # signed in and served: every endpoint answers 200 before it is timed
            for path in paths[:3]:
                status = get(app_base + path, cookie)
                if status != 200:
                    raise SystemExit(f"{name}: {path} answered {status} (see {workdir}; is the database migrated?)")
        get(floor_base + floor_paths[0], "")
        rss_first = worker_rss(app)
        floors = [wrk(floor_base, floor_paths, "", args.duration, args.connections, workdir)]
        results = {e.name: wrk(app_base, checks[e.name], cookie, args.duration, args.connections, workdir) for e in chosen}
        floors.append(wrk(floor_base, floor_paths, "", args.duration, args.connections, workdir))
        rss_last = worker_rss(app)

    floor = sum(f["rps"] for f in floors) / len(floors)
    print(f"floor (bare Django, .values() of {PAGE} rows): {floors[0]['rps']:.0f} req/s before, {floors[1]['rps']:.0f} after "
          f"(p50 {floors[0]['p50']:.1f} ms, p95 {floors[0]['p95']:.1f} ms); ratios below are to their mean, {floor:.0f} req/s")
    print(f"{'endpoint':<22} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} {'× floor':>8}  target")
    for endpoint in chosen:
        result = results[endpoint.name]
        ratio = result["rps"] / floor
        ceiling = MAP_MS if endpoint.name.startswith("map") else P95_MS
        wanted = [f"p95 ≤ {ceiling} ms: {'ok' if result['p95'] <= ceiling else 'MISSED'}"]
        if endpoint.kind in TARGETS:
            wanted.insert(0, f"≥ {TARGETS[endpoint.kind]}×: {'ok' if ratio >= TARGETS[endpoint.kind] else 'MISSED'}")
        if not result["rps"]:
            wanted = ["no answer within wrk's 10 s timeout: MISSED"]
        if result["bad"] or result["errors"]:
            wanted.append(f"{result['bad']:.0f} bad answers, {result['errors']:.0f} socket errors")
        print(f"{endpoint.name:<22} {result['rps']:>7.1f} {result['p50']:>8.1f} {result['p95']:>8.1f} {ratio:>8.2f}  {'; '.join(wanted)}")
    print(f"app workers' memory: {rss_first} MB after the warm-up, {rss_last} MB at the end; load average {os.getloadavg()[0]:.2f}")
    shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
