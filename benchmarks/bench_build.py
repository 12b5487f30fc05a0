"""`planner build` (deck and Markdown plan) vs `pandoc plan.md -o deck.pptx`: alternated runs.

    python benchmarks/bench_build.py [PLAN.yaml] [--runs 15] [--only deck,plan] [--console-scripts]

planner builds one plan's deck.pptx and plan.md from the YAML (reading,
checking, outlining, measuring, drawing); pandoc converts the plan.md that
planner generated into a deck of the same material. Both run as fresh
processes, the way a user runs them, taking turns (planner first on even runs,
pandoc first on odd ones) after one warm-up each, so that a noisy neighbour
slows both alike. Reported: the median, min and max of each, the ratio of the
medians (target, issue 14: planner / pandoc <= 1.0; exit 1 above it), and each
tool's peak resident memory (ru_maxrss of the child, from os.wait4).
If planner.plandoc is not there yet, --only deck is used and said so.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = 1.0  # issue 14: planner build / pandoc <= 1.0 (issue 3 asked 2.0)


def default_plan() -> Path:
    examples = sorted((ROOT / "examples").glob("*.yaml"))
    preferred = [p for p in examples if p.name.startswith("smart-meter")]
    return (preferred or examples)[0]


def run(argv, cwd) -> tuple[float, int, float]:
    """Wall time (s), peak resident memory (KiB) and CPU time (user + system, s) of one
    child process. CPU time barely moves when other jobs share the machine."""
    start = time.perf_counter()
    process = subprocess.Popen(argv, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _pid, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    error = process.stderr.read().decode(errors="replace")
    process.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    if code not in (0, 1):  # 1: the plan has findings, the files are still written
        sys.exit(f"{' '.join(map(str, argv))} exited {code}: {error[-500:]}")
    return seconds, usage.ru_maxrss, usage.ru_utime + usage.ru_stime  # KiB on Linux; CPU s


def _installed(module: str) -> bool:
    try:
        return importlib.util.find_spec(module) is not None
    except ModuleNotFoundError:
        return False


def compile_planner() -> None:
    import compileall
    compileall.compile_dir(ROOT / "planner", quiet=1)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("plan", nargs="?", type=Path, default=None)
    parser.add_argument("--runs", type=int, default=15, help="runs of each tool (at least 9)")
    parser.add_argument("--only", default=None, help="planner outputs (default: deck,plan)")
    parser.add_argument("--console-scripts", action="store_true", help="run the installed `planner` script")
    args = parser.parse_args(argv)
    pandoc = shutil.which("pandoc")
    if not pandoc:
        sys.exit("pandoc is not installed (apt install pandoc)")
    only, note = args.only, ""
    if only is None:
        has_plandoc = (ROOT / "planner" / "plandoc").is_dir() or _installed("planner.plandoc")
        only = "deck,plan" if has_plandoc else "deck"
        if not has_plandoc:
            note = " (planner.plandoc missing: deck only)"
    compile_planner()
    plan = (args.plan or default_plan()).resolve()
    runs = max(args.runs, 9)
    planner = ([shutil.which("planner") or "planner"] if args.console_scripts
               else [sys.executable, "-m", "planner"])
    with tempfile.TemporaryDirectory(prefix="bench-build-") as work:
        out = Path(work) / "build"
        build = planner + ["build", str(plan), "-o", str(out), "--only", only]
        run(build, ROOT)  # warm-up; also writes the plan.md pandoc converts
        markdown = next(out.glob("*/plan.md"), None)
        if markdown is None:  # deck only: give pandoc a plan.md all the same
            subprocess.run(planner + ["build", str(plan), "-o", str(out), "--only", "plan"], cwd=ROOT,
                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
            markdown = next(out.glob("*/plan.md"))
        convert = [pandoc, str(markdown), "-o", str(Path(work) / "pandoc.pptx")]
        run(convert, ROOT)
        times: dict[str, list[float]] = {"planner": [], "pandoc": []}
        cpu: dict[str, list[float]] = {"planner": [], "pandoc": []}
        memory = {"planner": 0, "pandoc": 0}
        for index in range(runs):
            order = [("planner", build), ("pandoc", convert)]
            if index % 2:
                order.reverse()
            for name, command in order:
                seconds, peak, used = run(command, ROOT)
                times[name].append(seconds)
                cpu[name].append(used)
                memory[name] = max(memory[name], peak)
        slides = _slides(next(out.glob("*/deck.pptx")))
        pandoc_slides = _slides(Path(work) / "pandoc.pptx")
    medians = {name: statistics.median(values) for name, values in times.items()}
    cpu_medians = {name: statistics.median(values) for name, values in cpu.items()}
    ratio = medians["planner"] / medians["pandoc"]
    print(f"plan: {plan.relative_to(ROOT) if plan.is_relative_to(ROOT) else plan}; planner --only {only}{note}; "
          f"{runs} alternated runs each")
    print(f"decks: planner {slides} slides, pandoc {pandoc_slides} slides (from {markdown.name})")
    for name in ("planner", "pandoc"):
        values = times[name]
        print(f"{name:8} median {medians[name] * 1000:7.1f} ms   min {min(values) * 1000:7.1f} ms   "
              f"max {max(values) * 1000:7.1f} ms   CPU median {cpu_medians[name] * 1000:7.1f} ms   "
              f"peak memory {memory[name] / 1024:6.1f} MiB")
    print(f"ratio planner/pandoc: {ratio:.2f} (target <= {TARGET}); "
          f"CPU time ratio {cpu_medians['planner'] / cpu_medians['pandoc']:.2f}")
    return 0 if ratio <= TARGET else 1


def _slides(path: Path) -> int:
    import zipfile
    with zipfile.ZipFile(path) as archive:
        return sum(1 for name in archive.namelist()
                   if name.startswith("ppt/slides/slide") and name.endswith(".xml"))


if __name__ == "__main__":
    sys.exit(main())
