"""Read-your-writes across replicas (hand-written, see .openapi-generator-ignore).

``SessionApiClient`` is the generated ``ApiClient`` plus a memory: per base URL and project, the
highest state ``version`` and history ``seq`` that successful (2xx) writes sent through it returned
(``update_state``, ``replace_state``, ``append_history``, ``tombstone_history_entry``, and the head
``seq`` of ``import_files``, whose answer has no state version). Later reads send them as
``DevState-Min-Version`` (``get_state``) and ``DevState-Min-Seq`` (``search_history``,
``verify_chain``, ``export_files``), so that no replica answers with data older than those writes.
A header the caller set is never lowered (the larger number is sent)::

    with SessionApiClient(devstate_client.Configuration(host="http://localhost:3180")) as api:
        devstate_client.StateApi(api).update_state({"current_cp": "CP2-LC"}, project="demo")
        devstate_client.StateApi(api).get_state(project="demo")  # with DevState-Min-Version

Writes made with the ``*_without_preload_content`` variants are not remembered: their body is
left for the caller to read.
"""
import json
import re
import threading
from typing import Dict, NamedTuple, Optional
from urllib.parse import parse_qs, urlsplit

from devstate_client.api_client import ApiClient

MIN_VERSION = "DevState-Min-Version"
MIN_SEQ = "DevState-Min-Seq"

# The routes that matter, after the base URL's own path.
_ROUTE = re.compile(r"^(.*)/v1/devstate/(state|history|history/search|history/[0-9]+|verify|export|import)$")
_WRITES = {("PUT", "state"), ("POST", "state"), ("POST", "history"), ("DELETE", "history/{seq}"),
           ("POST", "import")}
_READS = {"state": MIN_VERSION, "history/search": MIN_SEQ, "verify": MIN_SEQ, "export": MIN_SEQ}


class SessionNumbers(NamedTuple):
    """What a session remembers for one base URL and project; None: nothing written yet."""
    version: Optional[int] = None
    seq: Optional[int] = None


def _key(base: str, project: Optional[str]) -> str:
    # Absent or empty means `default` on the server too.
    return f"{base} {project or 'default'}"


def _normalize(host: str) -> str:
    parts = urlsplit(host.rstrip("/"))
    return f"{parts.scheme}://{parts.netloc}".lower() + parts.path.rstrip("/")


def _route(method: str, url: str):
    """(key, route name) of a request this cares about, else None."""
    parts = urlsplit(url)
    match = _ROUTE.match(parts.path)
    if not match:
        return None
    name = match.group(2)
    if name.startswith("history/") and name != "history/search":
        name = "history/{seq}"
    base = f"{parts.scheme}://{parts.netloc}".lower() + match.group(1)
    project = parse_qs(parts.query, keep_blank_values=True).get("project", [""])[0]
    return _key(base, project), name, method.upper()


def _as_int(value) -> Optional[int]:
    try:
        return int(str(value).strip())
    except (TypeError, ValueError):
        return None


def _positive(value) -> Optional[int]:
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 1 else None


class SessionApiClient(ApiClient):
    """An ApiClient that sends DevState-Min-Version / DevState-Min-Seq after its own writes."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._session_lock = threading.Lock()
        self._session: Dict[str, SessionNumbers] = {}

    # --- the hooks into the generated client ---

    def call_api(self, method, url, header_params=None, body=None, post_params=None, _request_timeout=None):
        route = _route(method, url)
        if route and route[2] == "GET" and route[1] in _READS:
            header = _READS[route[1]]
            with self._session_lock:
                numbers = self._session.get(route[0], SessionNumbers())
            value = numbers.version if header == MIN_VERSION else numbers.seq
            if value is not None:
                header_params = self._at_least(dict(header_params or {}), header, value)
        response = super().call_api(method, url, header_params=header_params, body=body,
                                    post_params=post_params, _request_timeout=_request_timeout)
        if route and (route[2], route[1]) in _WRITES:
            response.devstate_session_route = route  # recorded once read, in response_deserialize
        return response

    def response_deserialize(self, response_data, response_types_map=None):
        result = super().response_deserialize(response_data, response_types_map)  # raises unless 2xx
        route = getattr(response_data, "devstate_session_route", None)
        if route and 200 <= response_data.status <= 299:
            self._record(route, response_data.data)
        return result

    # --- what it remembers ---

    def remembered(self, project: Optional[str] = None, *, host: Optional[str] = None) -> SessionNumbers:
        """The numbers of project (default `default`) at host (default: this client's)."""
        with self._session_lock:
            return self._session.get(self._key_for(project, host), SessionNumbers())

    def remember(self, project: Optional[str] = None, *, version: Optional[int] = None,
                 seq: Optional[int] = None, host: Optional[str] = None) -> None:
        """Raises the numbers (never lowers them), e.g. to carry a session over from elsewhere."""
        self._raise(self._key_for(project, host), SessionNumbers(_positive(version), _positive(seq)))

    def forget(self, project: Optional[str] = None, *, host: Optional[str] = None) -> None:
        """Drops the numbers, e.g. after the database was reset (every read would be a 412)."""
        with self._session_lock:
            self._session.pop(self._key_for(project, host), None)

    # --- internals ---

    def _key_for(self, project, host):
        return _key(_normalize(host or self.configuration.host), project)

    @staticmethod
    def _at_least(headers: dict, header: str, value: int) -> dict:
        explicit = [k for k in headers if k.lower() == header.lower()]
        if any((_as_int(headers[k]) or 0) >= value for k in explicit):
            return headers  # never lower what the caller set
        for k in explicit:
            del headers[k]
        headers[header] = str(value)
        return headers

    def _record(self, route, data: Optional[bytes]) -> None:
        try:
            answer = json.loads(data or b"")
        except ValueError:
            return
        if not isinstance(answer, dict):
            return
        key, name, _ = route
        if name == "state":
            numbers = SessionNumbers(_positive(answer.get("version")), _positive(answer.get("seq")))
        elif name == "import":
            head = answer.get("head")
            numbers = SessionNumbers(None, _positive(head.get("seq")) if isinstance(head, dict) else None)
        else:
            numbers = SessionNumbers(None, _positive(answer.get("seq")))
        self._raise(key, numbers)

    def _raise(self, key: str, numbers: SessionNumbers) -> None:
        with self._session_lock:
            current = self._session.get(key, SessionNumbers())
            version = max(filter(None, (current.version, numbers.version)), default=None)
            seq = max(filter(None, (current.seq, numbers.seq)), default=None)
            if version is not None or seq is not None:
                self._session[key] = SessionNumbers(version, seq)
