"""The class view's speed: a folder of team plans built and checked in one call.

    python benchmarks/bench_class.py                 # 30-team build vs pandoc, 1,000-plan check
    python benchmarks/bench_class.py --sizes 10,30,100 --check-sizes 10,100,1000
    python benchmarks/bench_class.py --json results.json

Build: N plans (variants of examples/*.yaml with other team names and members)
built by one `planner build DIR` (deck.pptx and plan.md per team) against N
runs of `pandoc plan.md -o deck.pptx` on the same plan.md, one after the other,
as a shell loop over the class would. The issue's target (14): ratio <= 0.25 at N = 30.
Peak memory: one more, untimed build under a small wrapper that reads the peak
resident memory of planner's main process (os.wait4) and of its largest process,
workers included (RUSAGE_CHILDREN of the wrapper).

Check: N plans checked by one `planner check DIR`; the 1,000-plan figure (target:
under 2 s), and how the cost grows with N (the cost per added plan is printed). Every figure is the time of a
fresh process (start-up included, as a user sees it): the median of --repeat
runs after a warm-up, planner and pandoc alternating.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUILD_TARGET = 0.25   # planner build of 30 plans / 30 pandoc runs (issue 14)
CHECK_TARGET_S = 2.0  # 1,000 plans checked (issue 14)
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))
LAST = ("Martin", "Roy", "Côté", "Haddad", "Nguyen", "Silva", "Kowalski", "Diallo", "Moreau",
        "Tanaka", "Fournier", "Ahmed", "Lévesque", "Park", "Bianchi", "Okafor")


def variant(text: str, index: int) -> str:
    """The example with another team name and other members, everywhere they appear."""
    import yaml
    data = yaml.safe_load(text)
    team = data["team"]["name"]
    text = re.sub(rf"\b{re.escape(team)}\b", f"{team} {index:04d}", text)
    for number, member in enumerate(data["team"].get("members") or []):
        # Plans name owners by first name: keep it, so the variant checks as the example does.
        first = member["name"].split()[0]
        last = LAST[(index * 3 + number) % len(LAST)]
        text = text.replace(member["name"], f"{first} {last}-{index}")
    return text


def make_class(folder: Path, count: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    sources = [path.read_text("utf-8") for path in EXAMPLES]
    paths = []
    for index in range(count):
        path = folder / f"team-{index:04d}.yaml"
        path.write_text(variant(sources[index % len(sources)], index), "utf-8")
        paths.append(path)
    return paths


def timed(command, repeat: int) -> tuple[float, float]:
    """The medians (wall s, CPU s) of `repeat` fresh runs, after one warm-up run."""
    run_ok(command)
    runs = [run_ok(command) for _ in range(repeat)]
    return statistics.median(r[0] for r in runs), statistics.median(r[1] for r in runs)


def planner(*args) -> list[str]:
    return [sys.executable, "-m", "planner", *map(str, args)]


def run_ok(command, cwd=ROOT, ok=(0, 1)) -> tuple[float, float]:
    """(wall s, CPU s) of one run; the CPU time (user + system, os.wait4) is the process's and
    its reaped children's: a pool's workers count. On a machine that other jobs share, wall
    times move with their load, CPU times much less."""
    with tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        proc = subprocess.Popen(command, cwd=cwd, stdout=subprocess.DEVNULL, stderr=errors)
        _pid, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - started
        code = os.waitstatus_to_exitcode(status)
        if code not in ok:
            errors.seek(0)
            sys.exit(f"failed ({code}): {' '.join(map(str, command))}\n"
                     f"{errors.read()[-2000:].decode('utf-8', 'replace')}")
    return elapsed, usage.ru_utime + usage.ru_stime


# Runs a command and prints, on its last stderr line, the peak resident memory (KiB)
# of that process and of the largest process of its tree (its reaped descendants).
_PEAKS = ("import os, resource, subprocess, sys\n"
          "child = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
          "_, status, usage = os.wait4(child.pid, 0)\n"
          "tree = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss\n"
          "print(usage.ru_maxrss, max(tree, usage.ru_maxrss), file=sys.stderr)\n"
          "sys.exit(os.waitstatus_to_exitcode(status))\n")


def peak_memory(command) -> tuple[float, float]:
    """(main process, largest process of the tree) peak resident memory in MiB, Linux KiB units."""
    proc = subprocess.run([sys.executable, "-c", _PEAKS, *map(str, command)], cwd=ROOT,
                          capture_output=True, text=True)
    main_kib, largest_kib = map(int, proc.stderr.split()[-2:])
    return main_kib / 1024, largest_kib / 1024


def bench_build(work: Path, sizes, repeat: int, jobs, serial: bool) -> list[dict]:
    if not shutil.which("pandoc"):
        sys.exit("pandoc is not installed: the build comparison needs it")
    rows = []
    for size in sizes:
        folder = work / f"build-class-{size}"
        make_class(folder, size)
        out = work / f"out-{size}"
        extra = ["-j", str(jobs)] if jobs else []
        command = planner("build", folder, "-o", out, "--only", "deck,plan", *extra)
        run_ok(command)  # warm-up: byte-code, page cache, and the plan.md pandoc converts
        plan_md = next(out.glob("*/plan.md"))
        deck = work / "pandoc-deck.pptx"
        ours, theirs = [], []
        for turn in range(repeat):
            # Alternate which goes first, so that neither always meets the other's leftovers.
            for side in ((0, 1) if turn % 2 == 0 else (1, 0)):
                if side == 0:
                    ours.append(run_ok(command))
                else:
                    loop = [run_ok(["pandoc", str(plan_md), "-o", str(deck)], ok=(0,)) for _ in range(size)]
                    theirs.append((sum(r[0] for r in loop), sum(r[1] for r in loop)))
        ours_s, theirs_s = statistics.median(r[0] for r in ours), statistics.median(r[0] for r in theirs)
        ours_cpu, theirs_cpu = statistics.median(r[1] for r in ours), statistics.median(r[1] for r in theirs)
        main_mib, largest_mib = peak_memory(command)
        row = {"plans": size, "planner_build_s": round(ours_s, 3),
               "peak_main_mib": round(main_mib, 1), "peak_largest_process_mib": round(largest_mib, 1),
               "pandoc_loop_s": round(theirs_s, 3), "ratio": round(ours_s / theirs_s, 3),
               "planner_per_plan_ms": round(1000 * ours_s / size, 1),
               "pandoc_per_run_ms": round(1000 * theirs_s / size, 1),
               "planner_cpu_s": round(ours_cpu, 3), "pandoc_loop_cpu_s": round(theirs_cpu, 3)}
        line = (f"build  N={size:5d}: planner {ours_s:7.2f} s ({1000 * ours_s / size:6.1f} ms/plan)  "
                f"pandoc x{size} {theirs_s:7.2f} s ({1000 * theirs_s / size:6.1f} ms/run)  "
                f"ratio {ours_s / theirs_s:.3f}  CPU planner {ours_cpu:.2f} s (workers included), "
                f"pandoc {theirs_cpu:.2f} s  peak memory: main {main_mib:.0f} MiB, "
                f"largest process {largest_mib:.0f} MiB")
        if serial:
            one = statistics.median(run_ok(planner("build", folder, "-o", out, "--only",
                                                   "deck,plan", "-j", "1"))[0]
                                    for _ in range(repeat))
            row["planner_build_serial_s"] = round(one, 3)
            line += f"  (-j 1: {one:.2f} s, pool speed-up x{one / ours_s:.2f})"
        rows.append(row)
        print(line, flush=True)
    return rows


def bench_check(work: Path, sizes, repeat: int, jobs) -> list[dict]:
    rows: list[dict] = []
    for size in sizes:
        folder = work / f"check-class-{size}"
        make_class(folder, size)
        extra = ["-j", str(jobs)] if jobs else []
        seconds, cpu = timed(planner("check", folder, "--no-score", *extra), repeat)
        rows.append({"plans": size, "planner_check_s": round(seconds, 3),
                     "per_plan_ms": round(1000 * seconds / size, 2), "cpu_s": round(cpu, 3)})
        growth = ""
        if len(rows) > 1:  # the cost of each plan added since the previous size: flat when linear
            previous = rows[-2]
            added = 1000 * (seconds - previous["planner_check_s"]) / (size - previous["plans"])
            rows[-1]["added_plan_ms"] = round(added, 2)
            growth = f"  {added:5.2f} ms per plan added since N={previous['plans']}"
        print(f"check  N={size:5d}: {seconds:7.2f} s ({1000 * seconds / size:6.2f} ms/plan)  "
              f"CPU {cpu:6.2f} s, workers included ({1000 * cpu / size:5.2f} ms/plan){growth}", flush=True)
    return rows


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="30", help="class sizes to build (comma-separated)")
    parser.add_argument("--check-sizes", default="10,100,1000", help="class sizes to check")
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure (the median is kept)")
    parser.add_argument("--jobs", type=int, default=None, help="planner --jobs (default: cores)")
    parser.add_argument("--no-build", action="store_true", help="skip the build comparison")
    parser.add_argument("--serial", action="store_true",
                        help="also time the build with -j 1, to show what the pool gains")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args(argv)
    if not EXAMPLES:
        sys.exit("no examples/*.yaml to make the class from")
    print(f"{os.cpu_count()} cores; Python {sys.version.split()[0]}; examples: "
          f"{', '.join(p.name for p in EXAMPLES)}", flush=True)
    with tempfile.TemporaryDirectory(prefix="bench-class-") as tmp:
        work = Path(tmp)
        results = {"cores": os.cpu_count()}
        if not args.no_build:
            results["build"] = bench_build(work, [int(s) for s in args.sizes.split(",")],
                                           args.repeat, args.jobs, args.serial)
        results["check"] = bench_check(work, [int(s) for s in args.check_sizes.split(",")],
                                       args.repeat, args.jobs)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", "utf-8")
    missed = []
    if [row for row in results.get("build", []) if row["plans"] == 30 and row["ratio"] > BUILD_TARGET]:
        missed.append(f"build ratio > {BUILD_TARGET} at 30 plans")
    if [row for row in results["check"] if row["plans"] == 1000 and row["planner_check_s"] > CHECK_TARGET_S]:
        missed.append(f"1,000 plans checked in more than {CHECK_TARGET_S} s")
    for text in missed:
        print(f"target missed: {text}", file=sys.stderr)
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
