"""Find and load Google credentials, read-only, without ever showing their content.

Where they come from, first found wins:
  1. --credentials FILE
  2. PLANNER_GOOGLE_CREDENTIALS: a path, or the JSON itself
  3. GOOGLE_APPLICATION_CREDENTIALS: a path (Google's own convention)
  4. gspread's files: ~/.config/gspread/service_account.json, then
     ~/.config/gspread/authorized_user.json (%APPDATA%\\gspread on Windows)

A file may hold a service-account key ("type": "service_account"), a user's
authorized OAuth credentials ("type": "authorized_user", as gspread and
`gcloud auth application-default login` write them), or an OAuth client ID
("installed"/"web"), for which the browser sign-in runs once and its result
is kept in gspread's authorized_user.json.

Every message here names the file or variable, never what is in it.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from planner import atomic
from planner.errors import InputError, UsageError
from planner.i18n import _
from planner.limits import CREDENTIALS

ENV_VAR = "PLANNER_GOOGLE_CREDENTIALS"
GOOGLE_ENV_VAR = "GOOGLE_APPLICATION_CREDENTIALS"
SCOPES = ("https://www.googleapis.com/auth/spreadsheets.readonly",)
MAX_BYTES = CREDENTIALS.max_bytes
SIGN_IN_TIMEOUT = 300  # seconds to finish the browser sign-in


@dataclass
class Loaded:
    credentials: object     # google.auth.credentials.Credentials
    kind: str               # "service account" or "Google account"
    origin: str             # where they came from, for messages (never the content)
    account: str | None     # the service account's email, shown in 403 messages
    token_host: str = "oauth2.googleapis.com"


def config_dir(env=None) -> Path | None:
    """gspread's folder, computed now (not at import) so HOME and APPDATA are honoured;
    None for a user with no home folder (HOME unset and no password-file entry: a
    service account running a CI job)."""
    env = os.environ if env is None else env
    if os.name == "nt" and env.get("APPDATA"):
        return Path(env["APPDATA"]) / "gspread"
    try:
        return Path.home() / ".config" / "gspread"
    except (RuntimeError, KeyError, OSError):
        return None


def find(explicit: str | None, env=None) -> tuple[dict, str]:
    """The credentials' parsed JSON and a description of where it came from."""
    env = os.environ if env is None else env
    if explicit:
        origin = _file_origin(explicit)
        return _read_json(Path(explicit), origin), origin
    value = (env.get(ENV_VAR) or "").strip()
    if value:
        if value.startswith("{"):
            origin = _("the {variable} variable").format(variable=ENV_VAR)
            return _parse_json(value, origin), origin
        return _from_variable(value, ENV_VAR)
    value = (env.get(GOOGLE_ENV_VAR) or "").strip()
    if value:
        return _from_variable(value, GOOGLE_ENV_VAR)
    folder = config_dir(env)
    for name in ("service_account.json", "authorized_user.json"):
        candidate = folder / name if folder else None
        if candidate and candidate.is_file():
            return _read_json(candidate, _file_origin(candidate)), _file_origin(candidate)
    saved_key = (_("save a service account key as {path}").format(path=folder / "service_account.json")
                 if folder else _("(no home folder to look in: HOME is not set)"))
    raise UsageError(
        _("no Google credentials found"),
        hint=_("pass --credentials FILE, set {env_var} to a key file's path, or {saved_key}; see "
               "docs/roster.md").format(env_var=ENV_VAR, saved_key=saved_key))


def _file_origin(path) -> str:
    return _("credentials file {path}").format(path=path)


def load(explicit: str | None = None, env=None, tell: Callable[[str], None] | None = None) -> Loaded:
    """The credentials to read sheets with. `tell(text)` shows the user what the browser
    sign-in needs (the command line passes its printer; nothing here prints)."""
    info, origin = find(explicit, env)
    kind = info.get("type")
    if kind == "service_account":
        return _service_account(info, origin)
    if kind == "authorized_user":
        return _authorized_user(info, origin)
    if "installed" in info or "web" in info:
        return _client_id(info, origin, env, tell or (lambda _text: None))
    readable = isinstance(kind, str) and kind.replace("_", "").isalnum() and len(kind) < 40
    shown = f"'{kind}'" if readable else _("missing")
    raise InputError(
        _("{origin} is not a key planner can use (its type is {shown})").format(origin=origin, shown=shown), hint=(
            _("download a service-account key (JSON) from Google Cloud, or an OAuth client ID of type "
              "'Desktop app'; see docs/roster.md")))


def _service_account(info: dict, origin: str) -> Loaded:
    _require(info, ("client_email", "private_key", "token_uri"), _("the service-account key in {origin} "
                                                                   "lacks {keys}"), origin,
             hint=_("download a new JSON key from Google Cloud"))
    from google.oauth2 import service_account
    try:
        credentials = service_account.Credentials.from_service_account_info(info, scopes=list(SCOPES))
    except Exception:  # the library's message could quote the key: never show it
        raise InputError(_("the private key in {origin} cannot be read").format(origin=origin),
                         hint=_("use the JSON key file exactly as Google Cloud gave it")) from None
    return Loaded(credentials, "service account", origin, info["client_email"],
                  _host(info["token_uri"]))


def _authorized_user(info: dict, origin: str) -> Loaded:
    _require(info, ("client_id", "client_secret", "refresh_token"), _("the OAuth credentials in {origin} "
                                                                      "lack {keys}"), origin,
             hint=_("sign in again (see docs/roster.md)"))
    from google.oauth2 import credentials as oauth
    granted = info.get("scopes")
    # Ask for read-only access, unless the sign-in granted other scopes only
    # (asking for a scope that was not granted fails).
    scopes = list(SCOPES) if not granted or SCOPES[0] in granted else None
    try:
        credentials = oauth.Credentials.from_authorized_user_info(info, scopes=scopes)
    except Exception:
        raise InputError(_("the OAuth credentials in {origin} cannot be read").format(origin=origin),
                         hint=_("sign in again (see docs/roster.md)")) from None
    return Loaded(credentials, "Google account", origin, info.get("account") or None,
                  _host(info.get("token_uri") or "https://oauth2.googleapis.com/token"))


def _require(info: dict, keys: tuple, lacks: str, origin: str, hint: str) -> None:
    """The keys must hold text; the message names the missing ones, never a value."""
    missing = [key for key in keys if not isinstance(info.get(key), str) or not info.get(key)]
    if missing:
        raise InputError(lacks.format(origin=origin, keys=", ".join(f"'{key}'" for key in missing)), hint=hint)


def _client_id(info: dict, origin: str, env, tell: Callable[[str], None]) -> Loaded:
    """An OAuth client ID: reuse the saved sign-in, or sign in once in the browser."""
    client = info.get("installed") or info.get("web")
    if not isinstance(client, dict) or not client.get("client_id"):
        raise InputError(_("the OAuth client in {origin} has no client_id").format(origin=origin),
                         hint=_("download the client's JSON again from Google Cloud"))
    folder = config_dir(env)
    saved = folder / "authorized_user.json" if folder else None  # no home: sign in each time
    if saved and saved.is_file():
        try:
            known = json.loads(saved.read_text(encoding="utf-8"))
        except (OSError, ValueError, RecursionError):
            known = None
        if isinstance(known, dict) and known.get("client_id") == client["client_id"]:
            return _authorized_user(known, _file_origin(saved))
    import webbrowser

    from google_auth_oauthlib.flow import InstalledAppFlow

    from planner.roster import transport
    try:
        flow = InstalledAppFlow.from_client_config(info, scopes=list(SCOPES))
    except ValueError:
        raise InputError(_("{origin} is not a valid OAuth client file").format(origin=origin)) from None
    transport.mount(flow.oauth2session, transport.overrides(env))
    try:
        webbrowser.get()
        browser = True
    except webbrowser.Error:
        browser = False
    tell(_("Sign in to Google in your browser to let planner read the sheet.") if browser else
         _("Sign in to Google in your browser to let planner read the sheet (open the address below)."))
    try:
        # The library prints its prompt (the sign-in address): hand it to `tell` instead.
        with contextlib.redirect_stdout(_Relay(tell)):
            credentials = flow.run_local_server(
                port=0, open_browser=browser, timeout_seconds=SIGN_IN_TIMEOUT,
                authorization_prompt_message=_("Sign-in address: {url}"),
                success_message=_("planner may now read the sheet; you can close this tab."))
    except Exception as exc:  # oauthlib's messages may include the code: show its kind only
        raise InputError(_("the Google sign-in did not complete ({name})").format(name=type(exc).__name__),
                         hint=_("run the command again and finish the sign-in in the browser")) from None
    if saved:
        atomic.write_text(saved, credentials.to_json(strip=["token"]))
    return Loaded(credentials, "Google account", origin, None,
                  _host(client.get("token_uri") or "https://oauth2.googleapis.com/token"))


class _Relay(io.TextIOBase):
    """A text stream that passes each whole line written to it to `tell`."""

    def __init__(self, tell: Callable[[str], None]):
        self.show, self.pending = tell, ""

    def writable(self) -> bool:
        return True

    def write(self, text: str) -> int:
        self.pending += text
        *lines, self.pending = self.pending.split("\n")
        for line in lines:
            if line.strip():
                self.show(line)
        return len(text)


def _from_variable(value: str, variable: str) -> tuple[dict, str]:
    """A variable naming a key file. Its value is shown only once it is known to be a path:
    a key pasted into the variable some other way (base64, a bare PEM) must not be echoed."""
    if not os.path.exists(value):  # os.path.exists, unlike Path.exists, never raises
        raise InputError(
            _("the {variable} variable names no existing file").format(variable=variable),
            hint=_("set it to the path of a JSON key file (or to the JSON itself)") if variable == ENV_VAR
            else _("set it to the path of a JSON key file"))
    origin = _("credentials file {path} (from {variable})").format(path=value, variable=variable)
    return _read_json(Path(value), origin), origin


def _read_json(path: Path, origin: str) -> dict:
    try:
        from planner.files import read_bytes
        text = read_bytes(path, origin, MAX_BYTES, what="a key file").decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(_("{origin} is not a JSON key file (it is not UTF-8 text)").format(origin=origin)) from None
    return _parse_json(text, origin)


def _parse_json(text: str, origin: str) -> dict:
    try:
        data = json.loads(text)
    except RecursionError:
        raise InputError(_("{origin} is not a JSON key (its values nest thousands of levels deep)").format(
            origin=origin),
                         hint=_("use the JSON key file exactly as Google gave it")) from None
    except ValueError as exc:
        where = (_(" (line {line}, column {column})").format(line=exc.lineno, column=exc.colno)
                 if isinstance(exc, json.JSONDecodeError) else "")
        raise InputError(_("{origin} is not valid JSON{where}").format(origin=origin, where=where),
                         hint=_("use the JSON key file exactly as Google gave it")) from None
    if not isinstance(data, dict):
        raise InputError(_("{origin} is not a JSON key (it is not an object)").format(origin=origin))
    return data


def _host(uri: str) -> str:
    from urllib.parse import urlsplit
    try:
        return urlsplit(uri).hostname or "the token server"
    except ValueError:
        return "the token server"
