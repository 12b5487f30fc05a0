"""Plans for the class-view tests (batch, report, watch): complete, valid, and varied.

Not a test module: the batch, report and watch tests import it to write a small
class of plans into a temporary folder without depending on examples/.
"""

from __future__ import annotations

from pathlib import Path

import yaml

FIRST = ("Ada", "Alan", "Grace", "Edsger", "Barbara", "Donald", "Frances", "John", "Margaret",
         "Ken", "Radia", "Tim", "Hedy", "Claude", "Sophie", "Linus")
LAST = ("Lovelace", "Turing", "Hopper", "Dijkstra", "Liskov", "Knuth", "Allen", "Backus",
        "Hamilton", "Thompson", "Perlman", "Berners-Lee", "Lamarr", "Shannon", "Wilson", "Torvalds")

# Per variant: (tracking tool, deployment tool, infrastructure choice).
VARIANTS = (("MLflow", "BentoML", "cloud"), ("Weights & Biases", "MLflow", "hybrid"),
            ("MLflow", "NVIDIA NIM", "on-premise"), ("Neptune", "MLflow", "serverless"))


def member_names(index: int, size: int = 4) -> list[str]:
    return [f"{FIRST[(index * size + i) % len(FIRST)]} {LAST[(index * size + i) % len(LAST)]}{index}"
            for i in range(size)]


def stage(tools, why, alternatives, **extra):
    entry = {"tools": list(tools), "why": why,
             "alternatives": [{"tool": tool, "reason": reason} for tool, reason in alternatives]}
    entry.update(extra)
    return entry


def plan_data(index: int, team: str | None = None, members=None, minutes: int | None = None,
              language: str = "fr") -> dict:
    """A complete plan; `index` varies the team, its members and a few tool choices."""
    tracking, deployment, infra = VARIANTS[index % len(VARIANTS)]
    names = member_names(index) if members is None else list(members)
    data = {
        "language": language,
        "team": {"name": team or f"Team {index:02d}",
                 "members": [{"name": name, "email": f"m{index}.{number}@example.org",
                              "role": "dev"} for number, name in enumerate(names)]},
        "project": {
            "title": f"Smart meter forecasting {index}",
            "summary": "Forecast household **energy** use from smart meter readings.",
            "problem": "The utility's forecasts are weekly spreadsheets; it needs hourly ones.",
            "objectives": ["Hourly forecasts per household", "Alerts on unusual consumption"],
            "success_metrics": ["MAPE below 10 %", "p95 latency under 200 ms"],
            "scope": {"in": ["Forecasting API"], "out": ["Billing"]},
        },
        "infrastructure": {
            "choice": infra, "providers": ["AWS"],
            "rationale": "Elastic compute for training, a small always-on service.",
            "pros": ["Scales with load", "Managed services"],
            "cons": ["Cost to watch", "Vendor lock-in"],
            "cost": "About 40 $ per month with student credits.",
        },
        "stack": {
            "data-storage": stage(["PostgreSQL"], "Relational readings, modest volume, one server to run.",
                                  [("Snowflake", "Too costly for our volume")], kind="database"),
            "data-preparation": stage(["pandas"], "Known by all members; the data fits in memory.",
                                      [("Spark", "Overkill for a few GB")]),
            "feature-store": stage(["Feast"], "Same features online and offline, at the cost of Redis.",
                                   [("Tecton", "Commercial")]),
            "data-validation": stage(["Great Expectations"], "Declarative tests on every load, with reports.",
                                     [("Pandera", "Fewer reports")]),
            "development-environment": stage(["Jupyter"], "Exploration in notebooks, shared in the repository.",
                                             [("VS Code", "Used later for the service")]),
            "model-training": stage(["scikit-learn"], "Gradient boosting is enough for tabular readings.",
                                    [("H2O AutoML", "Less control")]),
            "experiment-tracking": stage([tracking], "Compare runs and their metrics across the team.",
                                         [("TensorBoard", "Deep learning only")]),
            "model-registry": stage(["MLflow"], "Versions and stages, on the tracking server already run.",
                                    [("DVC", "No stage promotion")]),
            "model-deployment": stage([deployment], "Simple serving behind one REST endpoint, no cluster.",
                                      [("Seldon Core", "Needs Kubernetes")]),
            "monitoring": stage(["Evidently"], "Daily drift reports, self-hosted and free of charge.",
                                [("WhyLabs", "Hosted only")]),
            "orchestration": stage(["GitHub Actions"], "CI is already there with the repository, at no cost.",
                                   [("Airflow", "One more server to run")]),
            "integrated-platform": {"status": "not-applicable",
                                    "reason": "Separate tools teach more."},
        },
        "architecture": {
            # The runtime tools of the stack appear in the architecture (PLN133).
            "summary": f"PostgreSQL keeps the readings, Feast the features; {deployment} serves the "
                       "model and Evidently watches its drift.",
            "components": [{"name": "Ingestion", "role": "reads meters"},
                           {"name": "API", "role": "serves forecasts"}],
            "flows": [{"from": "Ingestion", "to": "API", "label": "features"}],
        },
        "milestones": [
            {"title": "Data pipeline", "due": "2026-10-15", "owner": names[0] if names else ""},
            {"title": "First model", "due": "2026-11-10", "owner": names[-1] if names else ""},
        ],
        "risks": [{"risk": "Data arrives late", "likelihood": "medium", "impact": "high",
                   "mitigation": "Synthetic data first"}],
    }
    # Every member owns a stage (PLN205), round the stack.
    for number, stage_id in enumerate(list(data["stack"])[:len(names)]):
        data["stack"][stage_id]["owner"] = names[number]
    if minutes:
        data["presentation"] = {"minutes": minutes}
    return data


def write_plan(folder: Path, index: int, name: str | None = None, **kwargs) -> Path:
    data = plan_data(index, **kwargs)
    path = Path(folder) / (name or f"team-{index:02d}.yaml")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def write_class(folder: Path, count: int, **kwargs) -> list[Path]:
    return [write_plan(folder, index, **kwargs) for index in range(count)]


BROKEN = "team:\n  name: Broken\n  members: [\n project: {title: x\n"
