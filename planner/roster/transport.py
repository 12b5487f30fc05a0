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
from planner.i18n import _

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
    raise UsageError(_("{variable} must be an https:// address (or http:// to this computer)").format(
        variable=variable))


def mount(session, routes: dict, deadline: float | None = None, max_retries: int = 0) -> None:
    """Route the session's requests for each Google origin to its replacement and, with
    `deadline`, bound every request's total time (connection, headers and body)."""
    if deadline is not None:
        for scheme in ("https://", "http://"):
            session.mount(scheme, adapter(deadline=deadline, max_retries=max_retries))
    for origin, base in routes.items():
        session.mount(origin + "/", adapter(origin, base, deadline, max_retries))


def adapter(origin: str | None = None, base: str | None = None, deadline: float | None = None,
            max_retries: int = 0):
    """A requests adapter that sends what is addressed to `origin` (a Google host) to
    `base`, and gives up on a request that has not fully arrived after `deadline` seconds.

    requests' own timeout bounds each socket read, so a server that drips a byte a
    second would hold a pull for hours; the request runs in a daemon thread that the
    caller stops waiting for at the deadline (the process exits soon after; the
    session's close() drops the connection).
    """
    import threading

    import requests
    from requests.adapters import HTTPAdapter

    class RoutedAdapter(HTTPAdapter):
        def send(self, request, **kwargs):
            if origin and base and request.url.startswith(origin + "/"):
                request.url = base + request.url[len(origin):]
            if deadline is None:
                return super().send(request, **kwargs)
            outcome: dict = {}

            def fetch():
                try:
                    response = super(RoutedAdapter, self).send(request, **kwargs)
                    if not kwargs.get("stream"):
                        _ = response.content  # the whole body, within the deadline
                    outcome["response"] = response
                except BaseException as exc:  # handed to the waiting thread as is
                    outcome["error"] = exc

            worker = threading.Thread(target=fetch, name="planner-request", daemon=True)
            worker.start()
            worker.join(deadline)
            if worker.is_alive():
                raise requests.exceptions.ReadTimeout(
                    f"no complete answer within {deadline:g} s", request=request)
            if "error" in outcome:
                raise outcome["error"]
            return outcome["response"]

    return RoutedAdapter(max_retries=max_retries)
