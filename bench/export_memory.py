"""Memory of a large CSV export: the deliveries list exported whole, through the full Django stack.

    DATABASE_URL=postgres://... .venv/bin/python bench/export_memory.py [--url /tracking/deliveries/?export=csv]

Run it on a database holding the synthetic whole border (bench/synthetic.py --scale border: 1,000,000
deliveries). It signs in a superuser (made if missing, "bench-export"), asks for the export with Django's
test client and reads the streamed answer chunk by chunk, counting lines and bytes without keeping them.
It prints the process's resident memory before the request (the floor: Django and the app loaded) and at
its peak, with the growth beside a ceiling (EXPORT_CEILING_MB). It measures; it does not fail.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

# Growth over the floor that a streamed export may take, whatever the number of rows.
EXPORT_CEILING_MB = 150


def rss_mb() -> float:
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="/tracking/deliveries/?export=csv")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bordertwin.settings")
    import django

    django.setup()
    from django.test import Client

    from bordertwin.accounts.models import User
    from bordertwin.tracking.models import Delivery

    user, _created = User.objects.get_or_create(username="bench-export", defaults={"is_superuser": True, "side": "VN"})
    client = Client()
    client.force_login(user)
    rows_in_table = Delivery.objects.count()
    client.get("/")  # the first request loads what every later one keeps (templates, URLconf, translations)
    floor, floor_peak = rss_mb(), peak_mb()

    started = time.perf_counter()
    response = client.get(args.url)
    lines = size = 0
    for chunk in response.streaming_content:
        size += len(chunk)
        lines += chunk.count(b"\n")
    seconds = time.perf_counter() - started
    growth = peak_mb() - max(floor, floor_peak)

    print(f"export {args.url}: status {response.status_code}, {lines - 1:,} rows ({rows_in_table:,} deliveries in the table), "
          f"{size / 1e6:,.1f} MB in {seconds:,.1f} s ({(lines - 1) / seconds:,.0f} rows/s)")
    print(f"resident memory: {floor:,.0f} MB before (floor), peak {peak_mb():,.0f} MB, growth {growth:,.0f} MB "
          f"(ceiling {EXPORT_CEILING_MB} MB): {'within' if growth <= EXPORT_CEILING_MB else 'OVER'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
