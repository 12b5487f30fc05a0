"""Invariants of the built-in tool catalog (planner/data/catalog.yaml).

The catalog is data: these tests read it with a plain ``yaml.safe_load`` and
check it against the built-in course file, so that anyone who adds a tool
learns at once when an entry breaks a rule.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from pathlib import Path

import pytest
import yaml

from planner.catalog import load_catalog

DATA = Path(__file__).resolve().parent.parent / "planner" / "data"
MIN_TOOLS = 150
MIN_PER_STAGE = 6
KNOWN_KEYS = {"name", "aliases", "misspellings", "hosting", "stages", "storage_kind", "infrastructure",
              "description", "url"}
HOSTING = {"managed", "self-hosted", "both", "library"}


def norm(text: str) -> str:
    """Lower case, accents dropped, only [a-z0-9] kept."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    return re.sub(r"[^a-z0-9]", "", text)


@pytest.fixture(scope="module")
def course() -> dict:
    with open(DATA / "course.yaml", encoding="utf-8") as fh:
        return yaml.safe_load(fh)


@pytest.fixture(scope="module")
def tools() -> list[dict]:
    with open(DATA / "catalog.yaml", encoding="utf-8") as fh:
        data = yaml.safe_load(fh)
    assert isinstance(data, dict) and set(data) == {"tools"}
    assert isinstance(data["tools"], list)
    return data["tools"]


@pytest.fixture(scope="module")
def stage_ids(course) -> list[str]:
    return [s["id"] for s in course["stages"]]


@pytest.fixture(scope="module")
def index(tools) -> dict[str, dict]:
    """Normalised name or alias -> tool."""
    out: dict[str, dict] = {}
    for tool in tools:
        for key in [tool["name"], *tool["aliases"], *tool.get("misspellings", [])]:
            out.setdefault(norm(key), tool)
    return out


def test_enough_tools(tools):
    assert len(tools) >= MIN_TOOLS


def test_entries_are_well_formed(tools):
    for tool in tools:
        name = tool.get("name")
        assert isinstance(name, str) and name.strip() == name and name, tool
        assert set(tool) <= KNOWN_KEYS, (name, set(tool) - KNOWN_KEYS)
        assert isinstance(tool["aliases"], list), name
        assert all(isinstance(a, str) and a.strip() for a in tool["aliases"]), name
        assert all(isinstance(m, str) and m.strip() for m in tool.get("misspellings", [])), name
        assert tool.get("hosting") in HOSTING, (name, tool.get("hosting"))
        assert isinstance(tool["stages"], list) and tool["stages"], name
        assert len(set(tool["stages"])) == len(tool["stages"]), name
        if "url" in tool:
            assert isinstance(tool["url"], str) and tool["url"].startswith("https://"), name


def test_names_unique(tools):
    dupes = [n for n, c in Counter(t["name"] for t in tools).items() if c > 1]
    assert dupes == []


def test_sorted_by_name(tools):
    names = [t["name"] for t in tools]
    assert names == sorted(names, key=str.casefold)


def test_stages_are_course_stages(tools, stage_ids):
    for tool in tools:
        unknown = set(tool["stages"]) - set(stage_ids)
        assert not unknown, (tool["name"], unknown)


def test_every_stage_has_enough_tools(tools, stage_ids):
    counts = Counter(s for t in tools for s in t["stages"])
    thin = {s: counts[s] for s in stage_ids if counts[s] < MIN_PER_STAGE}
    assert thin == {}


def test_names_and_aliases_unique_after_normalisation(tools):
    owner: dict[str, str] = {}
    clashes = []
    for tool in tools:
        for key in [tool["name"], *tool["aliases"], *tool.get("misspellings", [])]:
            n = norm(key)
            assert n, (tool["name"], key)
            if n in owner and owner[n] != tool["name"]:
                clashes.append((key, tool["name"], owner[n]))
            owner.setdefault(n, tool["name"])
    assert clashes == []


def test_descriptions_in_french_and_english(tools):
    for tool in tools:
        desc = tool["description"]
        assert isinstance(desc, dict) and set(desc) == {"fr", "en"}, tool["name"]
        for lang, text in desc.items():
            assert isinstance(text, str) and text.strip(), (tool["name"], lang)
            assert "\n" not in text, (tool["name"], lang)
            assert len(text) <= 110, (tool["name"], lang, len(text))
        assert desc["fr"] != desc["en"], tool["name"]


def test_storage_kind_exactly_on_data_storage_tools(tools, course):
    kinds = set(course["storage_kinds"])
    for tool in tools:
        if "data-storage" in tool["stages"]:
            assert tool.get("storage_kind") in kinds, tool["name"]
        else:
            assert "storage_kind" not in tool, tool["name"]


def test_infrastructure_exactly_on_infrastructure_tools(tools, course):
    choices = set(course["infrastructure_choices"])
    for tool in tools:
        if "infrastructure" in tool["stages"]:
            infra = tool.get("infrastructure")
            assert isinstance(infra, list) and infra, tool["name"]
            assert set(infra) <= choices, (tool["name"], set(infra) - choices)
            assert len(set(infra)) == len(infra), tool["name"]
        else:
            assert "infrastructure" not in tool, tool["name"]


def test_every_infrastructure_choice_is_offered_by_some_tool(tools, course):
    offered = {c for t in tools for c in t.get("infrastructure", [])}
    assert set(course["infrastructure_choices"]) <= offered


# The systems the lecture and the course brief name, looked up by name or
# alias as a student would write them, with the stages they must serve.
LECTURE = {
    "Snorkel": ["data-preparation"],
    "Tecton": ["feature-store"],
    "Feast": ["feature-store"],
    "Jupyter": ["development-environment"],
    "JupyterLab": ["development-environment"],
    "H2O AutoML": ["model-training"],
    "MLflow": ["experiment-tracking", "model-registry", "model-deployment"],
    "NVIDIA NIM": ["model-deployment", "llm-serving"],
    "Dataiku": ["integrated-platform"],
    "Databricks": ["integrated-platform", "data-storage"],
    "SageMaker": ["integrated-platform"],
    "Vertex AI": ["integrated-platform"],
    "Azure ML": ["integrated-platform"],
    "Kafka": ["data-preparation"],
    "Spark": ["data-preparation", "model-training"],
    "HDFS": ["data-storage"],
    "Airflow": ["orchestration"],
    "Prometheus": ["monitoring"],
    "Grafana": ["monitoring"],
    "Evidently": ["monitoring"],
    "DVC": ["data-validation"],
    "Great Expectations": ["data-validation"],
    "Label Studio": ["data-preparation"],
    "Weights & Biases": ["experiment-tracking"],
    "scikit-learn": ["model-training"],
    "PyTorch": ["model-training"],
    "TensorFlow": ["model-training"],
    "XGBoost": ["model-training"],
    "Ray": ["model-training"],
    "Optuna": ["model-training"],
    "Ollama": ["llm-serving"],
    "vLLM": ["llm-serving"],
    "LangChain": ["agent-orchestration"],
    "LangGraph": ["agent-orchestration"],
    "LlamaIndex": ["agent-orchestration"],
    "Qdrant": ["vector-store"],
    "Chroma": ["vector-store"],
    "pgvector": ["vector-store"],
    "Pinecone": ["vector-store"],
    "Milvus": ["vector-store"],
    "Weaviate": ["vector-store"],
    "FAISS": ["vector-store"],
    "Snowflake": ["data-storage"],
    "BigQuery": ["data-storage"],
    "Redshift": ["data-storage"],
    "Delta Lake": ["data-storage"],
    "Apache Iceberg": ["data-storage"],
    "MinIO": ["data-storage"],
    "Amazon S3": ["data-storage"],
    "PostgreSQL": ["data-storage"],
    "MongoDB": ["data-storage"],
    "DuckDB": ["data-storage"],
    "Docker": ["model-deployment"],
    "Kubernetes": ["model-deployment", "infrastructure"],
    "GitHub Actions": ["orchestration"],
    "GitLab CI": ["orchestration"],
    "Kubeflow": ["orchestration"],
    "Prefect": ["orchestration"],
    "Dagster": ["orchestration"],
    "BentoML": ["model-deployment"],
    "Seldon Core": ["model-deployment"],
    "KServe": ["model-deployment"],
    "Triton Inference Server": ["model-deployment"],
    "FastAPI": ["model-deployment"],
    "Google Colab": ["development-environment"],
    "VS Code": ["development-environment"],
    "PyCharm": ["development-environment"],
    "AWS": ["infrastructure"],
    "Google Cloud": ["infrastructure"],
    "Azure": ["infrastructure"],
    "OVHcloud": ["infrastructure"],
    "laptop": ["infrastructure"],
    "AWS Lambda": ["infrastructure"],
    "Cloud Run": ["infrastructure"],
    "Azure Functions": ["infrastructure"],
    "Compute Canada": ["infrastructure"],
}


@pytest.mark.parametrize("key, stages", sorted(LECTURE.items()))
def test_lecture_tool_present_in_its_stages(index, key, stages):
    tool = index.get(norm(key))
    assert tool is not None, f"{key} is not in the catalog"
    missing = set(stages) - set(tool["stages"])
    assert not missing, (key, tool["name"], missing)


@pytest.mark.parametrize(
    "spelling, name",
    [
        ("ML Flow", "MLflow"),
        ("mlfow", "MLflow"),
        ("MLFlow Tracking", "MLflow"),
        ("H2O", "H2O AutoML"),
        ("h2o automl", "H2O AutoML"),
        ("H2O.ai", "H2O AutoML"),
        ("NIM", "NVIDIA NIM"),
        ("Nvidia NIMs", "NVIDIA NIM"),
        ("sklearn", "scikit-learn"),
        ("sci-kit learn", "scikit-learn"),
        ("pytroch", "PyTorch"),
        ("tensorflo", "TensorFlow"),
        ("wandb", "Weights & Biases"),
        ("W&B", "Weights & Biases"),
        ("Postgres", "PostgreSQL"),
        ("Hadoop", "HDFS"),
        ("Jupyter Notebook", "JupyterLab"),
        ("Digital Research Alliance of Canada", "Digital Research Alliance of Canada"),
    ],
)
def test_common_spellings_resolve(index, spelling, name):
    tool = index.get(norm(spelling))
    assert tool is not None and tool["name"] == name, spelling


@pytest.mark.parametrize(
    "key, kind",
    [
        ("PostgreSQL", "database"),
        ("MongoDB", "database"),
        ("DuckDB", "database"),
        ("Snowflake", "warehouse"),
        ("BigQuery", "warehouse"),
        ("Redshift", "warehouse"),
        ("HDFS", "lake"),
        ("Amazon S3", "lake"),
        ("MinIO", "lake"),
        ("ADLS", "lake"),
        ("Delta Lake", "lakehouse"),
        ("Apache Iceberg", "lakehouse"),
        ("Apache Hudi", "lakehouse"),
        ("Databricks", "lakehouse"),
    ],
)
def test_storage_kinds_of_known_stores(index, key, kind):
    assert index[norm(key)]["storage_kind"] == kind


@pytest.mark.parametrize(
    "key, choice",
    [
        ("AWS", "cloud"),
        ("Google Cloud", "cloud"),
        ("Azure", "cloud"),
        ("OVHcloud", "cloud"),
        ("laptop", "personal-computer"),
        ("AWS Lambda", "serverless"),
        ("Cloud Run", "serverless"),
        ("Azure Functions", "serverless"),
        ("Compute Canada", "on-premise"),
    ],
)
def test_infrastructure_choices_of_known_providers(index, key, choice):
    assert choice in index[norm(key)]["infrastructure"]


def test_kafka_is_not_a_storage_and_spark_trains(index):
    assert "data-storage" not in index["kafka"]["stages"]
    assert "model-training" in index["spark"]["stages"]


@pytest.mark.parametrize("name, stages", [
    ("Langfuse", {"monitoring", "experiment-tracking"}), ("LangSmith", {"monitoring", "experiment-tracking"}),
    ("Arize Phoenix", {"monitoring", "experiment-tracking"}), ("promptfoo", {"experiment-tracking"}),
    ("Ragas", {"experiment-tracking"}), ("Opik", {"monitoring"}), ("Helicone", {"monitoring"}),
])
def test_llm_prompt_and_evaluation_tools_serve_their_real_stages(name, stages):
    tool = load_catalog().find(name)
    assert tool is not None and stages <= set(tool.stages), (name, tool and tool.stages)


@pytest.mark.parametrize("typed, canonical", [("MLFow", "MLflow"), ("Olama", "Ollama"),
                                              ("Github Action", "GitHub Actions")])
def test_the_misspellings_the_issue_names_are_known_as_misspellings(typed, canonical):
    catalog = load_catalog()
    assert catalog.misspelt(typed).name == canonical
    assert catalog.misspelt("ML Flow") is None and catalog.find("ML Flow").name == "MLflow"


@pytest.mark.parametrize("query", ["prompt management", "gestion des prompts", "dérive des données",
                                   "red teaming"])
def test_search_finds_by_words_of_the_descriptions_in_both_languages(query):
    assert load_catalog().search(query), query
