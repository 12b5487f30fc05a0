"""The shared Google Sheet, read with gspread, as a grid of text cells.

The request path is gspread's own: a `gspread.Client` over an authorized
`requests` session. What planner adds around it:

- read-only credentials (see `credentials`);
- a timeout on every request, the token request included;
- a bounded retry with backoff on 429 and 5xx (gspread's BackOffHTTPClient
  never gives up), honouring Retry-After;
- formatted values only (what the sheet displays): '00123456' stays text;
- every fault turned into an InputError that names no token or key.

The environment may route the requests elsewhere (see `transport`).
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from urllib.parse import parse_qs, urlsplit

from planner.errors import InputError, UsageError
from planner.i18n import N_, _, ngettext
from planner.roster import transport
from planner.roster.names import fold
from planner.roster.source import SourceGrid
from planner.suggest import did_you_mean

API_ORIGIN = transport.SHEETS_ORIGIN
RETRY_STATUSES = frozenset((429, 500, 502, 503, 504))
MAX_WAIT = 30.0
_KEY = re.compile(r"^[A-Za-z0-9_-]{10,200}$")
_KEY_IN_URL = re.compile(r"/spreadsheets/d/([A-Za-z0-9_-]+)")


@dataclass(frozen=True)
class Options:
    timeout: float = 30.0       # seconds, for each request as a whole (not each read)
    attempts: int = 4           # tries per request on 429 / 5xx
    backoff: float = 1.0        # first wait; doubles at each try (Retry-After wins)
    routes: tuple = ()          # (Google origin, replacement base URL): see `transport`

    @classmethod
    def from_env(cls, timeout: float = 30.0, env=None) -> Options:
        return cls(timeout=timeout, routes=tuple(transport.overrides(env).items()))


@dataclass(frozen=True)
class SheetRef:
    key: str
    gid: int | None = None      # the worksheet a pasted URL points at (#gid=...)


def parse_ref(text: str) -> SheetRef:
    """A sheet's key from its URL (keeping the #gid tab) or the bare key."""
    text = (text or "").strip()
    match = _KEY_IN_URL.search(text)
    if match:
        parts = urlsplit(text)
        gid = parse_qs(parts.fragment).get("gid") or parse_qs(parts.query).get("gid")
        number = int(gid[0]) if gid and gid[0].isdigit() else None
        return SheetRef(match.group(1), number)
    if _KEY.match(text):
        return SheetRef(text)
    raise UsageError(_("'{text}' is neither a Google Sheets address nor a sheet key").format(text=text[:80]),
                     hint=_("copy the address of the sheet from the browser, "
                            "https://docs.google.com/spreadsheets/d/KEY/edit"))


def read_sheet(sheet: str, worksheet: str | None, loaded, options: Options = Options(),
               sleep=time.sleep) -> SourceGrid:
    """The worksheet's displayed values. `loaded` comes from credentials.load()."""
    ref = parse_ref(sheet)
    routes = dict(options.routes)
    import gspread
    import requests
    from google.auth import exceptions as auth_errors
    from google.auth.transport.requests import AuthorizedSession, Request

    # The token requests' own session, as google-auth builds it, plus the override.
    token_session = requests.Session()
    transport.mount(token_session, routes, options.timeout, max_retries=3)
    session = AuthorizedSession(loaded.credentials, refresh_timeout=options.timeout,
                                auth_request=Request(token_session))
    transport.mount(session, routes, options.timeout)
    client = gspread.Client(None, session=session,
                            http_client=_bounded_client(options, sleep))
    client.set_timeout((min(10.0, options.timeout), options.timeout))
    path = f"sheet:{ref.key}"
    host = urlsplit(routes.get(API_ORIGIN, API_ORIGIN)).netloc
    try:
        try:
            spreadsheet = client.open_by_key(ref.key)
            tabs = spreadsheet.worksheets()
            tab = _pick(tabs, worksheet, ref, path)
            path = f"sheet:{ref.key}/{tab.title}"
            values = tab.get(value_render_option=gspread.utils.ValueRenderOption.formatted,
                             return_type=gspread.utils.GridRangeType.ListOfLists)
        except (PermissionError, gspread.exceptions.SpreadsheetNotFound) as exc:
            # gspread turns open_by_key's 403 and 404 into these; the APIError is their cause.
            raise _api_error(exc.__cause__, ref, loaded, options, path) from None
        except gspread.exceptions.APIError as exc:
            raise _api_error(exc, ref, loaded, options, path) from None
        except auth_errors.RefreshError as exc:
            raise _refused(exc, loaded, path) from None
        except auth_errors.TransportError:
            raise InputError(_("cannot reach Google's sign-in service ({token_host})").format(
                token_host=loaded.token_host),
                             path=path, hint=_("check the network connection")) from None
        except requests.exceptions.Timeout:
            raise InputError(_("Google Sheets ({host}) did not answer within {timeout:g} s").format(
                host=host, timeout=options.timeout),
                             path=path, hint=_("try again, or raise --timeout")) from None
        except requests.exceptions.ConnectionError:
            raise InputError(_("cannot connect to Google Sheets ({host})").format(host=host), path=path,
                             hint=_("check the network connection")) from None
        except requests.exceptions.JSONDecodeError:
            raise InputError(_("Google Sheets sent an answer planner cannot read"), path=path,
                             hint=_("is PLANNER_SHEETS_API_URL or a proxy in the way?")) from None
        except requests.exceptions.RequestException as exc:
            raise InputError(_("network error talking to Google Sheets ({name})").format(name=type(exc).__name__),
                             path=path) from None
        except (ValueError, KeyError, TypeError, IndexError):
            raise InputError(_("Google Sheets sent an answer planner cannot read"), path=path,
                             hint=_("is PLANNER_SHEETS_API_URL or a proxy in the way?")) from None
    finally:
        session.close()
        token_session.close()
    grid = [[cell if isinstance(cell, str) else str(cell) for cell in row] for row in values or []]
    return SourceGrid(grid, path, f'Google Sheet {ref.key}, worksheet "{tab.title}"')


def _pick(tabs, wanted: str | None, ref: SheetRef, path: str):
    if not tabs:
        raise InputError(_("the spreadsheet has no worksheet"), path=path)
    titles = [tab.title for tab in tabs]
    listed = ", ".join(f"'{title}'" for title in titles)
    if wanted is None:
        if ref.gid is None:
            return tabs[0]
        for tab in tabs:
            if tab.id == ref.gid:
                return tab
        raise InputError(_("the address points at a worksheet (gid={gid}) that no longer exists; the "
                           "worksheets are: {listed}").format(gid=ref.gid, listed=listed), path=path,
                         hint=_("name one with --worksheet"))
    for tab in tabs:
        if tab.title == wanted:
            return tab
    loose = [tab for tab in tabs if fold(tab.title) == fold(wanted)]
    if len(loose) == 1:
        return loose[0]
    raise InputError(_("no worksheet '{wanted}'; the worksheets are: {listed}").format(wanted=wanted, listed=listed),
                     path=path, hint=did_you_mean(wanted, titles))


def _api_error(exc, ref: SheetRef, loaded, options: Options, path: str) -> InputError:
    response = getattr(exc, "response", None)
    status = getattr(response, "status_code", None) or getattr(exc, "code", 0)
    error = getattr(exc, "error", None) or {}
    message = _clean(error.get("message", "")) if isinstance(error, dict) else ""
    if status == 403:
        if _service_disabled(error):
            return InputError(_("the Google Sheets API is not enabled in the Google Cloud project of these "
                                "credentials"), path=path,
                              hint=_("enable it: Google Cloud console, APIs & Services, Library, Google Sheets API"))
        if loaded.account and loaded.kind == "service account":
            return InputError(_("the service account {account} may not read this sheet (HTTP 403)").format(
                account=loaded.account), path=path,
                              hint=_("share the sheet with {account} as a Viewer (Share button in Google "
                                     "Sheets)").format(account=loaded.account))
        return InputError(_("your Google account may not read this sheet (HTTP 403)"), path=path,
                          hint=_("ask the sheet's owner to share it with you"))
    if status == 404:
        return InputError(_("no Google Sheet has the key '{key}' (HTTP 404)").format(key=ref.key), path=path,
                          hint=_("check the address or key; a deleted sheet is not found either"))
    if status == 401:
        return InputError(_("Google did not accept the credentials from {origin} (HTTP 401)").format(
            origin=loaded.origin),
                          path=path)
    tries = ngettext("{count} try", "{count} tries", options.attempts).format(count=options.attempts)
    if status == 429:
        return InputError(_("Google Sheets quota exceeded (HTTP 429), still after {tries}").format(tries=tries),
                          path=path, hint=_("wait a minute and run the command again"))
    if status and status >= 500:
        return InputError(_("Google Sheets failed (HTTP {status}), still after {tries}").format(
            status=status, tries=tries), path=path,
                          hint=_("Google's service is having trouble; try again later"))
    detail = f": {message}" if message else ""
    return InputError(_("Google Sheets refused the request (HTTP {status}){detail}").format(
        status=status, detail=detail), path=path)


def _refused(exc, loaded, path: str) -> InputError:
    text = str(exc.args[0]) if exc.args else ""
    found = re.match(r"^\s*([a-z_]{3,40})\b", text)
    code = found.group(1) if found else ""
    hints = {
        "invalid_grant": N_("the key may have been deleted or disabled, or this computer's clock is "
                            "wrong; for a Google account, sign in again"),
        "invalid_client": N_("the OAuth client id or secret is wrong or was deleted"),
        "invalid_scope": N_("sign in again, granting access to Google Sheets"),
        "unauthorized_client": N_("the OAuth client may not be used this way"),
    }
    shown = f" ({code})" if code else ""
    return InputError(_("Google refused the credentials from {origin}{shown}").format(
        origin=loaded.origin, shown=shown), path=path,
                      hint=_(hints[code]) if code in hints else _("check that the key file is current"))


def _service_disabled(error) -> bool:
    if not isinstance(error, dict):
        return False
    for detail in error.get("details") or ():
        if isinstance(detail, dict) and detail.get("reason") == "SERVICE_DISABLED":
            return True
    return "has not been used in project" in str(error.get("message", ""))


def _clean(text: str) -> str:
    text = re.sub(r"[\x00-\x1f\x7f]+", " ", str(text)).strip()
    text = re.sub(r"(?i)(bearer\s+|ya29\.)[^\s\"']+", "[hidden]", text)
    return text[:200]


def _bounded_client(options: Options, sleep):
    from gspread.exceptions import APIError
    from gspread.http_client import HTTPClient

    class BoundedRetryClient(HTTPClient):
        """gspread's HTTPClient, retrying 429 and 5xx a few times, then giving up."""

        def request(self, *args, **kwargs):
            for attempt in range(1, options.attempts + 1):
                try:
                    return super().request(*args, **kwargs)
                except APIError as exc:
                    status = exc.response.status_code
                    if status not in RETRY_STATUSES or attempt == options.attempts:
                        raise
                    sleep(_wait(exc.response, options.backoff * 2 ** (attempt - 1)))
            raise AssertionError("unreachable")

    return BoundedRetryClient


def _wait(response, default: float) -> float:
    value = (response.headers or {}).get("Retry-After", "")
    try:
        seconds = float(value)
    except (TypeError, ValueError):
        seconds = default
    return max(0.0, min(seconds, MAX_WAIT))
