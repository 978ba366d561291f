"""Who the browser is: extra headers, cookies, HTTP credentials, a saved login (Playwright's
storage-state JSON), user agent, locale and time zone. Both backends and the sitemap fetcher use
one Identity; every value in it that could be a secret goes into secret_values.

The first-time-visitor reset forgets what a page stored, then restores this: the cookies are set
again after every reset, and the saved local storage is written by a script that runs before the
page's own on every new document.
"""
from __future__ import annotations

import base64
import contextlib
import json
import os
import re
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from . import secret_values

HEADER_NAME = re.compile(r"^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,100}$")
COOKIE_NAME = re.compile(r"^[!#$%&'*+.^_`|~0-9A-Za-z-]{1,200}$")
ENV_REFERENCE = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]{0,100})\}")
MAX_STORAGE_STATE_BYTES = 5_000_000


class IdentityError(ValueError):
    """A header, cookie, credential or storage-state file that cannot be used (exit 2)."""


@dataclass
class Identity:
    headers: dict[str, str] = field(default_factory=dict)
    # Playwright's cookie shape: name, value, and url or domain+path (plus optional flags).
    cookies: list[dict] = field(default_factory=list)
    credentials: tuple[str, str] | None = None
    local_storage: dict[str, dict[str, str]] = field(default_factory=dict)  # origin -> name -> value
    user_agent: str | None = None
    locale: str | None = None
    timezone: str | None = None
    storage_state: str | None = None  # the file's name, for the report
    # Cookies given without a domain, set for each of these origins (the audited pages').
    host_only: list[dict] = field(default_factory=list)
    origins: list[str] = field(default_factory=list)

    @property
    def active(self) -> bool:
        return bool(self.headers or self.cookies or self.host_only or self.credentials or self.local_storage
                    or self.user_agent or self.locale or self.timezone)

    def browser_cookies(self) -> list[dict]:
        bound = [dict(c, url=origin + "/") for c in self.host_only for origin in self.origins]
        return [dict(c) for c in self.cookies] + bound

    def describe(self) -> dict:
        """For the report: names only, never a value."""
        out: dict = {}
        if self.headers:
            out["headers"] = sorted(self.headers)
        names = sorted({c["name"] for c in self.cookies + self.host_only})
        if names:
            out["cookies"] = names
        if self.credentials:
            out["http_credentials"] = f"{self.credentials[0]}:{secret_values.MASK}"
        if self.storage_state:
            out["storage_state"] = self.storage_state
        for key in ("user_agent", "locale", "timezone"):
            if getattr(self, key):
                out[key] = getattr(self, key)
        return out

    def basic_auth_header(self) -> str | None:
        if not self.credentials:
            return None
        token = base64.b64encode(f"{self.credentials[0]}:{self.credentials[1]}".encode()).decode()
        secret_values.add(token)
        return f"Basic {token}"

    def add_state(self, state: dict, source: str) -> None:
        """Merge a storage state (a file, or what a login script left) into this identity."""
        cookies = state.get("cookies", [])
        origins = state.get("origins", [])
        if not isinstance(cookies, list) or not isinstance(origins, list):
            raise IdentityError(f"{source}: not a Playwright storage state (cookies and origins must be lists)")
        for cookie in cookies:
            if not isinstance(cookie, dict) or not {"name", "value"} <= set(cookie):
                raise IdentityError(f"{source}: every cookie needs a name and a value")
            clean = {k: cookie[k] for k in ("name", "value", "domain", "path", "expires", "httpOnly",
                                            "secure", "sameSite") if k in cookie}
            if clean.get("expires", -1) in (-1, None) or clean.get("expires", 0) <= 0:
                clean.pop("expires", None)  # a session cookie
            if "domain" not in clean:
                raise IdentityError(f"{source}: cookie {cookie['name']!r} has no domain")
            clean.setdefault("path", "/")
            secret_values.add(str(clean["value"]))
            self.cookies.append(clean)
        for entry in origins:
            if not isinstance(entry, dict) or "origin" not in entry:
                raise IdentityError(f"{source}: every origin needs an 'origin'")
            items = self.local_storage.setdefault(str(entry["origin"]), {})
            for item in entry.get("localStorage", []):
                items[str(item.get("name", ""))] = str(item.get("value", ""))
                secret_values.add(str(item.get("value", "")))

    def storage_script(self) -> str | None:
        """Runs before the page's own scripts in every document: the saved local storage, back."""
        if not self.local_storage:
            return None
        data = json.dumps(self.local_storage)
        return ("(() => { try { const saved = " + data + "[location.origin];"
                " if (saved) for (const [k, v] of Object.entries(saved)) localStorage.setItem(k, v); }"
                " catch (e) {} })();")


def expand_env(table, source: str):
    """${NAME} in any string of the config, from the environment; each value is a secret."""
    if isinstance(table, dict):
        return {k: expand_env(v, source) for k, v in table.items()}
    if isinstance(table, list):
        return [expand_env(v, source) for v in table]
    if not isinstance(table, str) or "${" not in table:
        return table

    def value(match: re.Match) -> str:
        name = match.group(1)
        if name not in os.environ:
            raise IdentityError(f"{source}: ${{{name}}} is not set in the environment")
        secret_values.add(os.environ[name])
        return os.environ[name]

    return ENV_REFERENCE.sub(value, table)


def parse_header(text: str) -> tuple[str, str]:
    name, sep, value = str(text).partition(":")
    name = name.strip()
    if not sep:  # the whole text may be the secret: never echo it
        raise IdentityError("--header: expected 'Name: value'")
    if not HEADER_NAME.match(name):
        raise IdentityError(f"--header: expected 'Name: value' with a name of letters, digits and - (got {name[:40]!r})")
    value = value.strip()
    if "\n" in value or "\r" in value:
        raise IdentityError(f"--header {name}: a header value is one line")
    secret_values.add(value)
    return name, value


def parse_cookie(text: str) -> dict:
    """name=value[;domain=host][;path=/p][;secure][;httponly]"""
    first, *attributes = [part.strip() for part in str(text).split(";")]
    name, sep, value = first.partition("=")
    name = name.strip()
    if not sep:  # the whole text may be the secret: never echo it
        raise IdentityError("--cookie: expected name=value[;domain=host]")
    if not COOKIE_NAME.match(name):
        raise IdentityError(f"--cookie: expected name=value[;domain=host] (got a cookie named {name[:40]!r})")
    secret_values.add(value)
    cookie: dict = {"name": name, "value": value}
    for attribute in attributes:
        key, _, val = attribute.partition("=")
        key = key.strip().lower()
        if key == "domain" and val.strip():
            cookie["domain"] = val.strip()
        elif key == "path" and val.strip().startswith("/"):
            cookie["path"] = val.strip()
        elif key == "secure":
            cookie["secure"] = True
        elif key == "httponly":
            cookie["httpOnly"] = True
        elif key:
            raise IdentityError(f"--cookie {name}: unknown attribute {key!r}; use domain, path, secure, httponly")
    if "domain" in cookie:
        cookie.setdefault("path", "/")
    return cookie


def parse_credentials(text: str) -> tuple[str, str]:
    user, sep, password = str(text).partition(":")
    if not sep or not user:
        raise IdentityError("--http-credentials: expected user:password")
    secret_values.add(password)
    return user, password


def load_storage_state(path: str) -> dict:
    file = Path(path)
    try:
        if file.stat().st_size > MAX_STORAGE_STATE_BYTES:
            raise IdentityError(f"--storage-state {path}: larger than {MAX_STORAGE_STATE_BYTES // 1_000_000} MB")
        data = json.loads(file.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise IdentityError(f"--storage-state: no such file: {path}") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise IdentityError(f"--storage-state {path} is not a storage-state JSON file: "
                            f"{getattr(error, 'msg', None) or error}") from None
    if not isinstance(data, dict):
        raise IdentityError(f"--storage-state {path}: expected a JSON object with cookies and origins")
    return data


def build(flags: dict, table: dict) -> Identity:
    """Config first, then flags: headers and cookies merge by name (a flag wins), the rest is replaced."""
    identity = Identity()
    headers = dict(table.get("headers") or {})
    for name, value in headers.items():
        identity.headers.update([parse_header(f"{name}: {value}")])
    for text in flags.get("header") or ():
        name, value = parse_header(text)
        identity.headers = {k: v for k, v in identity.headers.items() if k.lower() != name.lower()}
        identity.headers[name] = value
    cookies: dict = {}
    for text in list(table.get("cookies") or []) + list(flags.get("cookie") or ()):
        cookie = parse_cookie(text)
        cookies[(cookie["name"], cookie.get("domain"))] = cookie
    for cookie in cookies.values():
        (identity.cookies if "domain" in cookie else identity.host_only).append(cookie)
    credentials = flags.get("http_credentials") or table.get("http_credentials")
    if credentials:
        identity.credentials = parse_credentials(credentials)
    state = flags.get("storage_state") or table.get("storage_state")
    if state:
        identity.storage_state = str(state)
        identity.add_state(load_storage_state(str(state)), f"--storage-state {state}")
    for key in ("user_agent", "locale", "timezone"):
        value = flags.get(key) or table.get(key)
        if value:
            setattr(identity, key, str(value))
    if identity.locale and not re.match(r"^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$", identity.locale):
        raise IdentityError(f"--locale {identity.locale!r}: expected a language tag such as de-DE")
    if identity.timezone and not re.match(r"^[A-Za-z_]+(/[A-Za-z0-9_+-]+){0,2}$|^UTC$", identity.timezone):
        raise IdentityError(f"--timezone {identity.timezone!r}: expected an IANA time zone such as Europe/Berlin")
    return identity


def bind(identity: Identity, urls: list[str]) -> None:
    """Cookies without a domain belong to the audited pages' own origins."""
    origins = []
    for url in urls:
        parts = urlsplit(url)
        if parts.scheme in ("http", "https") and parts.hostname:
            origin = f"{parts.scheme}://{parts.netloc.rsplit('@', 1)[-1]}"
            if origin not in origins:
                origins.append(origin)
    identity.origins = origins


class _IdentityHandler(urllib.request.BaseHandler):
    """Adds the identity's headers and matching cookies to every sitemap and feed request."""

    handler_order = 400

    def __init__(self, identity: Identity):
        self.identity = identity

    def http_request(self, request):
        host = (urlsplit(request.full_url).hostname or "").lower()
        for name, value in self.identity.headers.items():
            request.add_unredirected_header(name.capitalize(), value)
        if self.identity.user_agent:
            request.add_unredirected_header("User-agent", self.identity.user_agent)
        jar = [c for c in self.identity.cookies if _domain_match(host, c.get("domain", ""))]
        jar += self.identity.host_only
        if jar:
            request.add_unredirected_header("Cookie", "; ".join(f"{c['name']}={c['value']}" for c in jar))
        return request

    https_request = http_request


class _AnyRealm(urllib.request.HTTPPasswordMgr):
    """The same credentials for every challenge, as the browser answers them."""

    def __init__(self, credentials: tuple[str, str]):
        super().__init__()
        self.credentials = credentials

    def find_user_password(self, realm, authuri):
        return self.credentials


def _domain_match(host: str, domain: str) -> bool:
    domain = domain.lower().lstrip(".")
    return bool(domain) and (host == domain or host.endswith("." + domain))


@contextlib.contextmanager
def fetching(identity: Identity | None):
    """Sitemaps and feeds are fetched as the pages are: with the same headers, cookies and credentials."""
    if identity is None or not identity.active:
        yield
        return
    handlers: list = [_IdentityHandler(identity)]
    if identity.credentials:
        handlers.append(urllib.request.HTTPBasicAuthHandler(_AnyRealm(identity.credentials)))
    urllib.request.install_opener(urllib.request.build_opener(*handlers))
    try:
        yield
    finally:
        urllib.request.install_opener(urllib.request.build_opener())
