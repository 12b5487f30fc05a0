"""Shared pytest configuration. Keep each addition small and self-contained."""

import json

import pytest

from sheets_server import (
    FAKE_CLIENT_SECRET,
    OAUTH_CLIENT_ID,
    SA_EMAIL,
    FakeGoogle,
    KeyPair,
    closed_port,
    service_account_info,
)


def pytest_addoption(parser):
    # Golden files (tests/golden/) are regenerated only on purpose: review the diff.
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="rewrite the golden files from the current output")


# -- the local Google (tests/sheets_server.py) for the roster tests ------------

@pytest.fixture(scope="session")
def rsa_key() -> KeyPair:
    """A throwaway RSA key, made for this test run."""
    from cryptography.hazmat.primitives import serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    private = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption()).decode()
    public = key.public_key().public_bytes(serialization.Encoding.PEM,
                                           serialization.PublicFormat.SubjectPublicKeyInfo).decode()
    return KeyPair(private, public)


@pytest.fixture(scope="session")
def _google_server():
    server = FakeGoogle().start()
    yield server
    server.stop()


@pytest.fixture
def google(_google_server, rsa_key, monkeypatch, tmp_path) -> FakeGoogle:
    """The fake Google, reset; the environment points planner at it and nowhere else."""
    _google_server.reset()
    _google_server.service_accounts[SA_EMAIL] = rsa_key.public_pem
    _google_server.oauth_clients[OAUTH_CLIENT_ID] = FAKE_CLIENT_SECRET
    monkeypatch.setenv("PLANNER_SHEETS_API_URL", _google_server.url)
    monkeypatch.setenv("PLANNER_GOOGLE_OAUTH_URL", _google_server.url)
    # A safety net: any https request that escapes the seam fails at once.
    monkeypatch.setenv("HTTPS_PROXY", f"http://127.0.0.1:{closed_port()}")
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("APPDATA", str(tmp_path / "home"))
    for name in ("PLANNER_GOOGLE_CREDENTIALS", "GOOGLE_APPLICATION_CREDENTIALS"):
        monkeypatch.delenv(name, raising=False)
    return _google_server


@pytest.fixture
def sa_file(google, rsa_key, tmp_path):
    path = tmp_path / "service-account.json"
    path.write_text(json.dumps(service_account_info(google, rsa_key), indent=2), encoding="utf-8")
    return path
