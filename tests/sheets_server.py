"""A local stand-in for Google: the Sheets API v4 endpoints gspread uses, and
the OAuth token endpoint, on 127.0.0.1 over a real socket.

- POST /token: the service-account JWT grant (the assertion's RS256 signature
  is verified against the test key's public half), the refresh-token grant and
  the authorization-code grant; hands out FAKE_TOKEN.
- GET /v4/spreadsheets/{key}: spreadsheet metadata (properties, sheets).
- GET /v4/spreadsheets/{key}/values/{range}: values get.
- GET /v4/spreadsheets/{key}/values:batchGet?ranges=...: batch get.

Cells are stored as the sheet displays them; like the real API they come back
as text with valueRenderOption=FORMATTED_VALUE (the default) and as numbers
with UNFORMATTED_VALUE. Trailing empty cells and rows are trimmed, as Google
does. Faults (403, 404, 429, 500, slow answers) are injected with `fail()`.
Every request is logged in `requests` for assertions.
"""

from __future__ import annotations

import json
import re
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, unquote, urlsplit

# Recognisable, so that a test can prove it never reaches output, files or logs.
FAKE_TOKEN = "ya29.FAKE-ACCESS-TOKEN-c0ffee-MUST-NEVER-BE-SHOWN"
FAKE_REFRESH_TOKEN = "1//FAKE-REFRESH-TOKEN-MUST-NEVER-BE-SHOWN"
FAKE_CLIENT_SECRET = "GOCSPX-FAKE-CLIENT-SECRET-MUST-NEVER-BE-SHOWN"
READONLY = "https://www.googleapis.com/auth/spreadsheets.readonly"
# google-auth always addresses its JWT to Google's endpoint, whatever token_uri says.
GOOGLE_TOKEN_AUDIENCE = "https://oauth2.googleapis.com/token"


@dataclass
class Fault:
    path_part: str
    status: int = 500
    times: int = 1
    delay: float = 0.0
    retry_after: str | None = None
    body: dict | None = None
    drip: float = 0.0  # seconds between two bytes of the answer (a server that drips)


@dataclass
class Logged:
    method: str
    path: str
    query: dict
    headers: dict
    body: str = ""


@dataclass
class FakeGoogle:
    spreadsheets: dict = field(default_factory=dict)   # key -> {"title", "tabs": [(id, title, rows)]}
    forbidden: set = field(default_factory=set)        # keys answered with 403
    faults: list = field(default_factory=list)
    requests: list = field(default_factory=list)
    service_accounts: dict = field(default_factory=dict)  # client_email -> public key PEM
    oauth_clients: dict = field(default_factory=dict)     # client_id -> secret
    codes: set = field(default_factory=set)               # authorization codes accepted
    token_scopes: list = field(default_factory=list)      # scopes asked for, per token grant
    service_disabled: bool = False

    def __post_init__(self):
        self.lock = threading.Lock()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    # -- lifecycle ---------------------------------------------------------
    def start(self) -> FakeGoogle:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    @property
    def url(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def token_uri(self) -> str:
        return self.url + "/token"

    def reset(self) -> None:
        with self.lock:
            self.spreadsheets.clear()
            self.forbidden.clear()
            self.faults.clear()
            self.requests.clear()
            self.token_scopes.clear()
            self.codes.clear()
            self.service_disabled = False

    # -- test set-up -------------------------------------------------------
    def add_spreadsheet(self, key: str, tabs: dict, title: str = "Équipes") -> None:
        """tabs: worksheet title -> rows of displayed strings (or (gid, rows))."""
        entries = []
        for index, (name, rows) in enumerate(tabs.items()):
            gid, rows = rows if isinstance(rows, tuple) else (index * 1000 + 7, rows)
            entries.append((gid, name, rows))
        self.spreadsheets[key] = {"title": title, "tabs": entries}

    def fail(self, path_part: str, status: int = 500, times: int = 1, delay: float = 0.0,
             retry_after: str | None = None, body: dict | None = None, drip: float = 0.0) -> None:
        self.faults.append(Fault(path_part, status, times, delay, retry_after, body, drip))

    def sheet_requests(self) -> list:
        return [entry for entry in self.requests if entry.path.startswith("/v4/")]


def _handler(google: FakeGoogle):
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = "FakeGoogle/1.0"

        def log_message(self, *args):  # quiet
            pass

        def handle(self):
            try:
                super().handle()
            except (BrokenPipeError, ConnectionResetError):
                pass

        # -- plumbing ------------------------------------------------------
        def reply(self, status: int, data, headers: dict | None = None):
            body = json.dumps(data, ensure_ascii=False).encode("utf-8")
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=UTF-8")
                self.send_header("Content-Length", str(len(body)))
                for name, value in (headers or {}).items():
                    self.send_header(name, value)
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass

        def drip(self, pause: float, data) -> None:
            """A 200 answer whose body arrives one byte every `pause` seconds."""
            body = json.dumps(data).encode("utf-8")
            try:
                self.send_response(200)
                self.send_header("Content-Type", "application/json; charset=UTF-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.flush()
                for index in range(len(body)):
                    self.wfile.write(body[index:index + 1])
                    self.wfile.flush()
                    time.sleep(pause)
            except (BrokenPipeError, ConnectionResetError, OSError):
                pass

        def error(self, status: int, message: str, state: str, extra: dict | None = None):
            error = {"code": status, "message": message, "status": state}
            error.update(extra or {})
            self.reply(status, {"error": error})

        def log(self, body: str = "") -> Logged:
            parts = urlsplit(self.path)
            entry = Logged(self.command, unquote(parts.path), parse_qs(parts.query),
                           {name.lower(): value for name, value in self.headers.items()}, body)
            with google.lock:
                google.requests.append(entry)
            return entry

        def fault(self, path: str) -> bool:
            with google.lock:
                fault = next((item for item in google.faults
                              if item.times > 0 and item.path_part in path), None)
                if fault:
                    fault.times -= 1
            if fault is None:
                return False
            if fault.delay:
                time.sleep(fault.delay)
            if fault.drip:
                self.drip(fault.drip, fault.body or {"values": [["x"] * 200]})
                return True
            if fault.status == 200:
                return False  # only slow
            headers = {"Retry-After": fault.retry_after} if fault.retry_after is not None else {}
            body = fault.body or {"error": {"code": fault.status, "message": _REASONS.get(
                fault.status, "Error"), "status": _STATES.get(fault.status, "UNKNOWN")}}
            self.reply(fault.status, body, headers)
            return True

        # -- OAuth token endpoint -------------------------------------------
        def do_POST(self):
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length).decode("utf-8")
            entry = self.log(body)
            if entry.path != "/token":
                return self.error(405, "Method not allowed", "FAILED_PRECONDITION")
            if self.fault(entry.path):
                return
            form = {key: values[0] for key, values in parse_qs(body).items()}
            grant = form.get("grant_type", "")
            if grant == "urn:ietf:params:oauth:grant-type:jwt-bearer":
                return self.jwt_grant(form.get("assertion", ""))
            if grant == "refresh_token":
                if (google.oauth_clients.get(form.get("client_id")) != form.get("client_secret")
                        or form.get("refresh_token") != FAKE_REFRESH_TOKEN):
                    return self.reply(400, {"error": "invalid_grant",
                                            "error_description": "Token has been expired or revoked."})
                google.token_scopes.append(form.get("scope", ""))
                return self.token(form.get("scope") or READONLY)
            if grant == "authorization_code":
                if form.get("code") not in google.codes:
                    return self.reply(400, {"error": "invalid_grant", "error_description": "Bad code"})
                google.token_scopes.append(READONLY)
                return self.token(READONLY, refresh=True)
            return self.reply(400, {"error": "unsupported_grant_type"})

        def jwt_grant(self, assertion: str):
            from google.auth import jwt
            try:
                header = jwt.decode_header(assertion)
                claims = jwt.decode(assertion, verify=False)
                key = google.service_accounts[claims["iss"]]
                claims = jwt.decode(assertion, certs=key, audience=GOOGLE_TOKEN_AUDIENCE)
            except Exception:  # noqa: BLE001 - anything wrong is a refused grant
                return self.reply(400, {"error": "invalid_grant",
                                        "error_description": "Invalid JWT Signature."})
            google.token_scopes.append(claims.get("scope", ""))
            self.server_kid = header.get("kid")
            return self.token(claims.get("scope", ""))

        def token(self, scope: str, refresh: bool = False):
            data = {"access_token": FAKE_TOKEN, "expires_in": 3599, "token_type": "Bearer",
                    "scope": scope}
            if refresh:
                data["refresh_token"] = FAKE_REFRESH_TOKEN
            self.reply(200, data)

        # -- Sheets API v4 --------------------------------------------------
        def do_GET(self):
            entry = self.log()
            path = entry.path
            if not path.startswith("/v4/spreadsheets/"):
                return self.error(404, "Not found", "NOT_FOUND")
            if self.headers.get("Authorization") != f"Bearer {FAKE_TOKEN}":
                return self.error(401, "Request had invalid authentication credentials.",
                                  "UNAUTHENTICATED")
            if self.fault(path):
                return
            match = re.match(r"^/v4/spreadsheets/([^/:]+)(.*)$", path)
            key, rest = match.group(1), match.group(2)
            if google.service_disabled:
                return self.error(403, "Google Sheets API has not been used in project 1234 "
                                  "before or it is disabled.", "PERMISSION_DENIED",
                                  {"details": [{"reason": "SERVICE_DISABLED"}]})
            if key in google.forbidden:
                return self.error(403, "The caller does not have permission", "PERMISSION_DENIED")
            book = google.spreadsheets.get(key)
            if book is None:
                return self.error(404, "Requested entity was not found.", "NOT_FOUND")
            render = (entry.query.get("valueRenderOption") or ["FORMATTED_VALUE"])[0]
            if rest == "":
                return self.reply(200, _metadata(key, book))
            if rest.startswith("/values/"):
                value_range = _values(book, rest[len("/values/"):], render)
                if value_range is None:
                    return self.error(400, f"Unable to parse range: {rest[8:]}", "INVALID_ARGUMENT")
                return self.reply(200, value_range)
            if rest == "/values:batchGet":
                ranges = [_values(book, name, render) for name in entry.query.get("ranges", [])]
                if any(item is None for item in ranges):
                    return self.error(400, "Unable to parse range", "INVALID_ARGUMENT")
                return self.reply(200, {"spreadsheetId": key, "valueRanges": ranges})
            return self.error(404, "Not found", "NOT_FOUND")

        def do_PUT(self):
            self.log()
            self.error(405, "read-only fake", "FAILED_PRECONDITION")

        do_DELETE = do_PATCH = do_PUT

    return Handler


_REASONS = {403: "The caller does not have permission", 404: "Requested entity was not found.",
            429: "Quota exceeded for quota metric 'Read requests'", 500: "Internal error encountered.",
            503: "The service is currently unavailable."}
_STATES = {403: "PERMISSION_DENIED", 404: "NOT_FOUND", 429: "RESOURCE_EXHAUSTED",
           500: "INTERNAL", 503: "UNAVAILABLE"}


def _metadata(key: str, book: dict) -> dict:
    return {
        "spreadsheetId": key,
        "properties": {"title": book["title"], "locale": "fr_CA", "autoRecalc": "ON_CHANGE",
                       "timeZone": "America/Montreal"},
        "sheets": [{"properties": {
            "sheetId": gid, "title": title, "index": index, "sheetType": "GRID",
            "gridProperties": {"rowCount": max(1000, len(rows)),
                               "columnCount": max([26] + [len(row) for row in rows])}}}
            for index, (gid, title, rows) in enumerate(book["tabs"])],
        "spreadsheetUrl": f"https://docs.google.com/spreadsheets/d/{key}/edit",
    }


def _values(book: dict, name: str, render: str):
    """The value range for a range naming a whole worksheet ('Title' or 'Title'!A1:Z)."""
    sheet = name.split("!", 1)[0]
    if sheet.startswith("'") and sheet.endswith("'") and len(sheet) >= 2:
        sheet = sheet[1:-1].replace("''", "'")
    rows = next((rows for _gid, title, rows in book["tabs"] if title == sheet), None)
    if rows is None:
        return None
    values = [[_render(cell, render) for cell in _trim(row)] for row in rows]
    while values and not values[-1]:
        values.pop()
    width = max([len(row) for row in values] + [1])
    result = {"range": f"'{sheet}'!A1:{_column(width)}{max(len(values), 1)}", "majorDimension": "ROWS"}
    if values:
        result["values"] = values
    return result


def _trim(row):
    row = list(row)
    while row and row[-1] in ("", None):
        row.pop()
    return row


def _render(cell, render: str):
    if render == "FORMATTED_VALUE" or not isinstance(cell, str):
        return cell
    if not re.fullmatch(r"-?\d+([.,]\d+)?", cell):
        return cell
    value = float(cell.replace(",", "."))
    return int(value) if value.is_integer() else value


def _column(number: int) -> str:
    letters = ""
    while number:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


# -- the fake accounts; the pytest fixtures are in conftest.py ----------------
SA_EMAIL = "roster-bot@planner-test.iam.gserviceaccount.com"
PRIVATE_KEY_ID = "PKID-FAKE-KEY-ID-MUST-NEVER-BE-SHOWN"
OAUTH_CLIENT_ID = "123-fake.apps.googleusercontent.com"


@dataclass
class KeyPair:
    private_pem: str
    public_pem: str

    def secret_fragments(self) -> list:
        """Pieces of the private key that must never appear anywhere."""
        body = [line for line in self.private_pem.splitlines() if line and "-----" not in line]
        return body[1:-1]


def closed_port() -> int:
    """A local port nothing listens on."""
    import socket
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def service_account_info(google: FakeGoogle, key: KeyPair) -> dict:
    return {
        "type": "service_account",
        "project_id": "planner-test",
        "private_key_id": PRIVATE_KEY_ID,
        "private_key": key.private_pem,
        "client_email": SA_EMAIL,
        "client_id": "100000000000000000001",
        "auth_uri": google.url + "/auth",
        "token_uri": google.token_uri,
        "auth_provider_x509_cert_url": google.url + "/certs",
        "universe_domain": "googleapis.com",
    }


def authorized_user_info(google: FakeGoogle) -> dict:
    return {
        "type": "authorized_user",
        "client_id": OAUTH_CLIENT_ID,
        "client_secret": FAKE_CLIENT_SECRET,
        "refresh_token": FAKE_REFRESH_TOKEN,
        "token_uri": google.token_uri,
        "scopes": [READONLY],
    }


def secrets(key: KeyPair) -> list:
    """Everything that must never be shown: tokens, client secret, key id, key material."""
    return [FAKE_TOKEN, FAKE_REFRESH_TOKEN, FAKE_CLIENT_SECRET, PRIVATE_KEY_ID, "PRIVATE KEY"] \
        + key.secret_fragments()
