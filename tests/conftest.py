"""Shared pytest configuration. Keep each addition small and self-contained."""


def pytest_addoption(parser):
    # Golden files (tests/golden/) are regenerated only on purpose: review the diff.
    parser.addoption("--update-golden", action="store_true", default=False,
                     help="rewrite the golden files from the current output")
