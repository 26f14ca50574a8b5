"""How many articles per second the intake's extraction reads on one core.

    python bench/intake_throughput.py [TEXT_DIR ...] [--seconds N] [--calmer LOAD] [--wait S]

Runs ``extract()`` over the ``*.txt`` files of each TEXT_DIR (default: the project's short
test articles in bordertwin/intake/tests/articles, and the long pages with their menus,
bylines and related-article lists in ../shared/seeds when that folder exists), round after
round for a few seconds, in this one process pinned to one core where the system allows
it, and prints for each set beside the floor the rate of the best round
(CPU time, as ``timeit`` takes the best of its repeats: on a machine shared with other
work, the other rounds also count the time lost to it), then the mean rate per second of
CPU and the wall-clock rate, and the time of a fixed Python loop as a gauge of how busy
the machine was, with the load average. When the one-minute load is above ``--calmer``
(default: the number of cores), it waits up to ``--wait`` seconds for it to fall below and
measures again, so a figure taken on a calmer machine stands beside the first. It
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
SHORT_TEXTS = ROOT / "bordertwin" / "intake" / "tests" / "articles"
LONG_TEXTS = ROOT.parent / "shared" / "seeds"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("texts", nargs="*", type=Path)
    parser.add_argument("--seconds", type=float, default=3.0)
    parser.add_argument("--calmer", type=float, default=float(os.cpu_count() or 1), help="a calm one-minute load average")
    parser.add_argument("--wait", type=float, default=120.0, help="seconds to wait for a calmer machine (0: no repeat)")
    args = parser.parse_args()
    folders = args.texts or [SHORT_TEXTS, *([LONG_TEXTS] if LONG_TEXTS.is_dir() else [])]
    sets = [(folder, [path.read_text(encoding="utf-8") for path in sorted(folder.glob("*.txt"))]) for folder in folders]
    for folder, texts in sets:
        if not texts:
            print(f"no *.txt texts in {folder}", file=sys.stderr)
            return 1
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})
    measure_all(sets, args.seconds)
    waited = 0.0
    while os.getloadavg()[0] > args.calmer and waited < args.wait:
        time.sleep(5)
        waited += 5
    if waited and os.getloadavg()[0] <= args.calmer:
        print(f"\nagain, after {waited:.0f} s, on a calmer machine:")
        measure_all(sets, args.seconds)
    elif waited:
        print(f"\nthe load stayed above {args.calmer:g} for {waited:.0f} s: no calmer repeat")
    return 0


def measure_all(sets: list[tuple[Path, list[str]]], seconds: float) -> None:
    one, five, fifteen = os.getloadavg()
    print(f"load average: {one:.2f}, {five:.2f}, {fifteen:.2f} on {os.cpu_count()} cores")
    for folder, texts in sets:
        measure(folder, texts, seconds)


def measure(folder: Path, texts: list[str], seconds: float) -> None:
    for text in texts:  # warm the caches and compiled patterns once
        extract(text)
    count = 0
    rounds: list[float] = []
    started = time.perf_counter()
    cpu_started = time.process_time()
    while time.perf_counter() - started < seconds:
        round_started = time.process_time()
        for text in texts:
            extract(text)
            count += 1
        rounds.append(time.process_time() - round_started)
    wall = time.perf_counter() - started
    cpu = time.process_time() - cpu_started
    # CPU time is what one core spends; wall time also counts waiting on a busy machine.
    best = len(texts) / min(rounds) if min(rounds) else float("inf")
    rate = count / cpu if cpu else float("inf")
    characters = sum(len(text) for text in texts) / len(texts)
    verdict = "ok" if best >= FLOOR else "BELOW FLOOR"
    print(f"texts: {len(texts)} from {folder} (mean {characters:,.0f} characters)")
    print(f"articles: {count} in {len(rounds)} rounds, {wall:.2f} s wall, {cpu:.2f} s CPU")
    print(f"throughput: {best:.1f} articles/s of CPU on one core, best round (floor: {FLOOR} articles/s) {verdict}")
    print(f"mean: {rate:.1f} articles/s of CPU, {count / wall:.1f} articles/s wall; {1000 * cpu / count:.1f} ms CPU per article")
    print(f"machine gauge: a {GAUGE_STEPS:,}-step Python loop took {1000 * gauge():.1f} ms of CPU (best of 5)")


GAUGE_STEPS = 100_000


def gauge() -> float:
    """The best CPU time of a fixed loop: large when the machine is busy."""
    times = []
    for _ in range(5):
        started = time.process_time()
        sum(range(GAUGE_STEPS))
        for _ in range(GAUGE_STEPS // 10):
            pass
        times.append(time.process_time() - started)
    return min(times)


if __name__ == "__main__":
    sys.exit(main())
