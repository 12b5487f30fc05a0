"""Stress plans for the deck (issue 9): what a real streaming or fraud-detection plan holds.

Each plan starts from the shipped smart-meter example (a plan `check` accepts) and
grows one dimension to what students write: 18-20 components and 25-30 flows with
cycles and fan-in, 12 objectives and 10 metrics, 10 risks all high/high, 12
overlapping milestones, long justifications, 3 to 5 members, 10 to 20 minutes,
French, English and a CJK name.
"""

from __future__ import annotations

import copy
import datetime as dt
from functools import cache
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
BASE = ROOT / "examples" / "smart-meter-fr.yaml"

COMPONENTS = [
    ("Locust", "simule 10 000 compteurs"), ("Kafka", "file des lectures brutes"),
    ("Spark Streaming", "agrégation par fenêtres"), ("MinIO", "lac de données Parquet"),
    ("Feast", "caractéristiques en ligne"), ("Redis", "magasin en ligne"),
    ("Airflow", "réentraînement hebdomadaire"), ("MLflow", "suivi et registre"),
    ("API de prévision", "prévisions à la demande"), ("Evidently", "rapports de dérive"),
    ("Prometheus", "métriques système"), ("Grafana", "tableaux de bord"),
    ("Great Expectations", "validation des lots"), ("DVC", "versions des jeux"),
    ("PostgreSQL", "métadonnées"), ("Elasticsearch", "journaux indexés"),
    ("Alertmanager", "alertes de garde"), ("Service d'authentification/autorisation", "jetons d'accès"),
    ("Tableau de bord client", "vue des clients"), ("Passerelle temps-réel", "WebSocket vers les clients"),
]
FLOWS = [
    (0, 1, "lectures de compteurs"), (1, 2, "lectures brutes"), (2, 3, "agrégats Parquet"),
    (2, 4, "caractéristiques"), (4, 5, "matérialisation"), (3, 6, "jeux d'entraînement"),
    (6, 7, "essais et modèles"), (7, 2, "modèle champion"), (7, 8, "modèle champion"),
    (5, 8, "caractéristiques en ligne"), (2, 1, "prévisions"), (3, 9, "données du jour"),
    (9, 10, "indicateurs de dérive"), (10, 11, "métriques"), (3, 12, "lots à valider"),
    (12, 6, "lots validés"), (13, 3, "versions"), (6, 13, "instantanés"), (7, 14, "métadonnées"),
    (8, 15, "journaux"), (15, 11, "recherches"), (10, 16, "règles d'alerte"),
    (16, 11, "annotations"), (17, 8, "jetons"), (18, 17, "connexion"), (8, 19, "prévisions"),
    (19, 18, "mises à jour"), (1, 19, "événements"), (11, 16, "silences"), (14, 6, "état des tâches"),
]
LONG_WHY = ("Nous avons comparé les options sur nos propres données pendant deux semaines de "
            "prototypage : celle-ci tient la charge de pointe hivernale, s'exploite avec les "
            "compétences de l'équipe, ne coûte rien pendant la session et garde la porte ouverte "
            "à un déploiement infonuagique géré si le distributeur le demande plus tard, ce qui "
            "compte autant que la performance brute dans notre contexte.")


@cache
def _base() -> dict:
    return yaml.safe_load(BASE.read_text(encoding="utf-8"))


def stress(components=20, flows=30, objectives=12, metrics=10, risks=10, milestones=12,
           members=4, minutes=15, lang="fr", cjk=False, long_text=True) -> dict:
    data = copy.deepcopy(_base())
    data["language"] = lang
    project = data["project"]
    project["objectives"] = [f"Objectif {i + 1} : livrer la fonction numéro {i + 1} du système de prévision "
                             f"avec ses tests et sa documentation" for i in range(objectives)]
    project["success_metrics"] = [f"Métrique {i + 1} : au moins {90 + i % 10} % des prévisions à moins de "
                                  f"{5 + i} % d'erreur absolue sur le jeu de test" for i in range(metrics)]
    names = [f"Membre{i} Équipier{i}" for i in range(members)]
    if cjk:
        names[0] = "山田 太郎"
    data["team"]["members"] = [{"name": name, "email": f"m{i}@etu.example.ca", "github": f"m{i}",
                                "role": "Ingénierie des données et exploitation"} for i, name in enumerate(names)]
    if cjk:
        data["team"]["name"] = "東京チーム"
    for choice in data["stack"].values():
        if isinstance(choice, dict) and "owner" in choice:
            choice["owner"] = names[0]
        if long_text and isinstance(choice, dict) and choice.get("why"):
            choice["why"] = LONG_WHY
    for milestone in data.get("milestones", []):
        if "owner" in milestone:
            milestone["owner"] = names[0]
    presentation = data.setdefault("presentation", {})
    presentation["minutes"] = minutes
    presentation.pop("speakers", None)
    arch = data["architecture"]
    arch["components"] = [{"name": n, "role": r} for n, r in COMPONENTS[:components]]
    arch["flows"] = [{"from": COMPONENTS[a][0], "to": COMPONENTS[b][0], "label": label}
                     for a, b, label in FLOWS[:flows] if a < components and b < components]
    data["risks"] = [{"risk": f"Risque {i + 1} : le serveur du laboratoire tombe en panne pendant la "
                              f"semaine {i + 3}", "likelihood": "high", "impact": "high",
                      "mitigation": f"Plan de reprise {i + 1} : images Docker prêtes sur Calcul Québec",
                      "owner": names[i % members]} for i in range(risks)]
    start = dt.date(2026, 9, 14)
    data["milestones"] = [{"title": f"Jalon {i + 1} : intégration du module {i + 1}",
                           "start": start + dt.timedelta(days=5 * i),
                           "due": start + dt.timedelta(days=5 * i + 20),
                           "owner": names[i % members], "deliverables": [f"Livrable {i + 1}"]}
                          for i in range(milestones)]
    return data


def write(data: dict, path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def huge(components: int, flows: int) -> dict:
    """A plan far past any real one (the denial-of-service probe of issue 16)."""
    data = copy.deepcopy(_base())
    data["architecture"]["components"] = [{"name": f"Composant {i}", "role": "rôle"} for i in range(components)]
    data["architecture"]["flows"] = [{"from": f"Composant {i % components}",
                                      "to": f"Composant {(i * 7 + 1) % components}", "label": f"flux {i}"}
                                     for i in range(flows)]
    return data
