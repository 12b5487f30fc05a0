"""`planner check` on one plan vs `yamllint` on the same file: median wall time of alternated runs.

    python benchmarks/bench_check.py [PLAN.yaml] [--runs 21] [--console-scripts]

Both tools run as fresh processes, the way a user or CI runs them, and take
turns so that a noisy neighbour slows both alike. By default both run as
`python -m planner` / `python -m yamllint` with this interpreter, so neither
pays for a wrapper the other does not (pyenv shims, for one, add a shell);
--console-scripts uses the installed `planner` and `yamllint` scripts instead.
planner's byte-code is compiled first (as `pip install` does, and as yamllint's
already is), so that PYTHONDONTWRITEBYTECODE=1 does not make planner recompile
its modules on every run; --no-compile skips that.
The target (issue 14) is ratio = planner / yamllint <= 0.6 (issue 2 asked 1.0). Exit 1 above it.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

TARGET = 0.6  # planner check / yamllint on the same file (issue 14)
ROOT = Path(__file__).resolve().parent.parent


def default_plan() -> Path:
    examples = sorted((ROOT / "examples").glob("*.yaml"))
    preferred = [p for p in examples if p.name.startswith("smart-meter")]
    return (preferred or examples or [ROOT / "tests/fixtures/check/clean.yaml"])[0]


def command(tool: str, console_scripts: bool) -> list[str]:
    if console_scripts:
        found = shutil.which(tool)
        if not found:
            sys.exit(f"{tool} is not installed as a console script (pip install -e '.[bench]')")
        return [found]
    return [sys.executable, "-m", tool]


def compile_planner() -> None:
    """Compile the planner that `python -m planner` runs from the checkout (else the installed one)."""
    import compileall
    import importlib.util
    package = ROOT / "planner"
    if not package.is_dir():
        spec = importlib.util.find_spec("planner")
        if spec is None or not spec.origin:
            return
        package = Path(spec.origin).parent
    compileall.compile_dir(package, quiet=1)


def timed(argv: list[str], expect: set[int]) -> tuple[float, float]:
    """Wall time and CPU time (user + system, of that child alone: os.wait4) in seconds.
    CPU time barely moves when other jobs share the machine; wall time is what a user waits."""
    start = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT)
    _pid, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    error = process.stderr.read().decode(errors="replace")
    process.stderr.close()
    code = os.waitstatus_to_exitcode(status)
    if code not in expect:
        sys.exit(f"{' '.join(argv)} exited {code}: {error[-500:]}")
    return seconds, usage.ru_utime + usage.ru_stime


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("plan", nargs="?", type=Path, default=None)
    parser.add_argument("--runs", type=int, default=21, help="runs of each tool (at least 15)")
    parser.add_argument("--console-scripts", action="store_true",
                        help="run the installed planner and yamllint scripts")
    parser.add_argument("--no-compile", action="store_true",
                        help="do not compile planner's byte-code first")
    args = parser.parse_args(argv)
    if not args.no_compile:
        compile_planner()
    plan = (args.plan or default_plan()).resolve()
    runs = max(args.runs, 15)
    planner = command("planner", args.console_scripts) + ["check", str(plan)]
    yamllint = command("yamllint", args.console_scripts) + [str(plan)]

    # warm the file cache and the byte-code of both before timing
    timed(planner, {0, 1})
    timed(yamllint, {0, 1})
    times: dict[str, list[float]] = {"planner": [], "yamllint": []}
    cpu: dict[str, list[float]] = {"planner": [], "yamllint": []}
    for index in range(runs):
        order = [("planner", planner), ("yamllint", yamllint)]
        if index % 2:
            order.reverse()
        for name, argv_ in order:
            wall, used = timed(argv_, {0, 1})
            times[name].append(wall)
            cpu[name].append(used)

    medians = {name: statistics.median(values) for name, values in times.items()}
    cpu_medians = {name: statistics.median(values) for name, values in cpu.items()}
    ratio = medians["planner"] / medians["yamllint"]
    try:
        shown = plan.relative_to(ROOT)
    except ValueError:
        shown = plan
    print(f"file: {shown} ({plan.stat().st_size:,} bytes), {runs} alternated runs each")
    for name in ("planner", "yamllint"):
        values = times[name]
        print(f"{name:9} median {medians[name] * 1000:7.1f} ms   "
              f"min {min(values) * 1000:7.1f} ms   max {max(values) * 1000:7.1f} ms   "
              f"CPU median {cpu_medians[name] * 1000:7.1f} ms")
    print(f"ratio planner/yamllint: {ratio:.2f} (target <= {TARGET}); "
          f"CPU time ratio {cpu_medians['planner'] / cpu_medians['yamllint']:.2f}")
    return 0 if ratio <= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
