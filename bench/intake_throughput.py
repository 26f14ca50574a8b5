"""How many articles per second the intake's extraction reads on one core.

    python bench/intake_throughput.py [TEXT_DIR] [--seconds N]

Runs ``extract()`` over the ``*.txt`` files of TEXT_DIR (default: the project's test
articles in bordertwin/intake/tests/articles; ../shared/seeds holds longer pages with
their chrome) round after round for a few seconds, in this one process pinned to one
core where the system allows it, and prints the rate per second of CPU (what one core
does, whatever else the machine runs) beside the floor, and the wall-clock rate. It
measures; it does not fail: the exit code is 0 unless the texts cannot be read.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bordertwin.intake.extraction import extract  # noqa: E402

FLOOR = 200  # articles per second
DEFAULT_TEXTS = ROOT / "bordertwin" / "intake" / "tests" / "articles"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("texts", nargs="?", type=Path, default=DEFAULT_TEXTS)
    parser.add_argument("--seconds", type=float, default=3.0)
    args = parser.parse_args()
    texts = [path.read_text(encoding="utf-8") for path in sorted(args.texts.glob("*.txt"))]
    if not texts:
        print(f"no *.txt texts in {args.texts}", file=sys.stderr)
        return 1
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    for text in texts:  # warm the caches and compiled patterns once
        extract(text)
    count = 0
    started = time.perf_counter()
    cpu_started = time.process_time()
    while time.perf_counter() - started < args.seconds:
        for text in texts:
            extract(text)
            count += 1
    wall = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    # CPU time is what one core spends; wall time also counts waiting on a busy machine.
    rate = count / cpu if cpu else float("inf")
    characters = sum(len(text) for text in texts) / len(texts)
    verdict = "ok" if rate >= FLOOR else "BELOW FLOOR"
    print(f"texts: {len(texts)} from {args.texts} (mean {characters:,.0f} characters)")
    print(f"articles: {count} in {wall:.2f} s wall, {cpu:.2f} s CPU")
    print(f"throughput: {rate:.1f} articles/s of CPU on one core (floor: {FLOOR} articles/s) {verdict}")
    print(f"wall-clock throughput: {count / wall:.1f} articles/s; mean CPU per article: {1000 * cpu / count:.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
