"""Where requests to Google go: Google, unless the environment says otherwise.

PLANNER_SHEETS_API_URL (for https://sheets.googleapis.com) and
PLANNER_GOOGLE_OAUTH_URL (for https://oauth2.googleapis.com) send those
requests to another server (a test server, an emulator, a proxy) by mounting
a requests transport adapter on the session: the code above the transport,
gspread's and google-auth's included, is the one used against Google. Plain
http is only allowed to this computer, so a token never crosses a network
unencrypted.
"""

from __future__ import annotations

import os
from urllib.parse import urlsplit

from planner.errors import UsageError

SHEETS_ORIGIN = "https://sheets.googleapis.com"
OAUTH_ORIGIN = "https://oauth2.googleapis.com"
VARIABLES = {SHEETS_ORIGIN: "PLANNER_SHEETS_API_URL", OAUTH_ORIGIN: "PLANNER_GOOGLE_OAUTH_URL"}
_LOOPBACK = frozenset(("127.0.0.1", "::1", "localhost"))


def overrides(env=None) -> dict:
    """Google origin -> the base URL that replaces it, from the environment."""
    env = os.environ if env is None else env
    found = {}
    for origin, variable in VARIABLES.items():
        value = (env.get(variable) or "").strip()
        if value:
            found[origin] = check(value, variable)
    return found


def check(url: str, variable: str) -> str:
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:
        parts, host = None, None
    if parts and ((parts.scheme == "https" and host) or (parts.scheme == "http" and host in _LOOPBACK)):
        return url.rstrip("/")
    raise UsageError(f"{variable} must be an https:// address (or http:// to this computer)")


def mount(session, routes: dict) -> None:
    """Route the session's requests for each Google origin to its replacement."""
    for origin, base in routes.items():
        session.mount(origin + "/", rebase_adapter(origin, base))


def rebase_adapter(origin: str, base: str):
    from requests.adapters import HTTPAdapter

    class RebaseAdapter(HTTPAdapter):
        """Send what is addressed to `origin` (a Google host) to `base` instead."""

        def send(self, request, **kwargs):
            if request.url.startswith(origin + "/"):
                request.url = base + request.url[len(origin):]
            return super().send(request, **kwargs)

    return RebaseAdapter()
