"""The change feed (``GET /v1/devstate/events``, Server-Sent Events) as a generator of entry events
that survives dropped streams (hand-written, see .openapi-generator-ignore): it reconnects with
``Last-Event-ID``, so every entry comes once, in seq order::

    import threading
    import devstate_client
    from devstate_client.events import subscribe
    stop = threading.Event()  # stop.set() from another thread ends the loop
    for event in subscribe(devstate_client.Configuration(host="http://localhost:3180"), "demo", stop=stop):
        print(event["seq"], event["action"])

The generated ``EventsApi`` builds the request (the configuration's host and token, the client's
default headers) and the ApiClient's urllib3 pool manager sends it (its proxy and TLS settings),
streaming the body; retries are this module's own (urllib3's would sleep on a 429 unstoppably).
"""
from __future__ import annotations

import email.utils
import http.client
import json
import re
import threading
import time
from datetime import datetime, timezone
from typing import Any, Dict, Iterator, List, Optional, Tuple, Union

import urllib3

from devstate_client.api.events_api import EventsApi
from devstate_client.api_client import ApiClient
from devstate_client.configuration import Configuration
from devstate_client.exceptions import ApiException

__all__ = ["subscribe", "EVERY_PROJECT", "FIRST_DELAY", "MAX_DELAY", "IDLE_TIMEOUT"]

#: The project of the feed of every project (admins only), which ``subscribe`` refuses.
EVERY_PROJECT = "*"

#: Seconds before the first reconnect; doubled after each failed one, up to MAX_DELAY.
FIRST_DELAY = 0.5
MAX_DELAY = 10.0
#: Seconds without a byte (the server sends ``: heartbeat`` every 15 s) after which a connection
#: counts as dead and is replaced: a half-open TCP connection would otherwise wait forever.
IDLE_TIMEOUT = 45.0

_EOL = re.compile(rb"\r\n|\r|\n")
_READ = 65536
# Errors of a connection that is worth trying again: refused, reset, timed out, cut off.
_BROKEN = (urllib3.exceptions.HTTPError, http.client.HTTPException, OSError)
# No retries inside urllib3 (subscribe backs off itself, stoppably), but redirects followed.
_RETRIES = urllib3.Retry(total=None, connect=0, read=0, other=0, redirect=10, respect_retry_after_header=False)


class _Parser:
    """The event-stream parser of the WHATWG spec: lines end with CRLF, LF or CR (possibly split
    across reads), ``:`` starts a comment, ``data`` lines join with LF, an empty line dispatches.
    ``last_id`` is the last event ID string: it only changes when an event is dispatched, so an
    event cut off by a dropped stream is asked for again."""

    def __init__(self, last_id: str) -> None:
        self.last_id = last_id
        self._id = last_id
        self._pending = b""
        self._skip_lf = False
        self._first = True
        self._type = ""
        self._data: List[str] = []

    def feed(self, chunk: bytes) -> List[Tuple[str, str, str]]:
        """The events (type, data, id) that chunk completes."""
        out: List[Tuple[str, str, str]] = []
        if not chunk:
            return out
        if self._skip_lf and chunk.startswith(b"\n"):
            chunk = chunk[1:]  # the LF of a CRLF whose CR ended the previous read
        self._skip_lf = False
        text = self._pending + chunk
        start = 0
        for end in _EOL.finditer(text):
            self._line(text[start:end.start()], out)
            start = end.end()
            if end.group() == b"\r" and start == len(text):
                self._skip_lf = True
        self._pending = text[start:]
        return out

    def _line(self, raw: bytes, out: List[Tuple[str, str, str]]) -> None:
        line = raw.decode("utf-8", "replace")  # CR and LF never occur inside a UTF-8 sequence
        if self._first:
            self._first = False
            line = line.removeprefix("\ufeff")
        if line == "":
            self.last_id = self._id
            if self._data:
                out.append((self._type or "message", "\n".join(self._data), self.last_id))
            self._type, self._data = "", []
            return
        if line.startswith(":"):
            return  # a comment: the heartbeat
        field, colon, value = line.partition(":")
        if colon and value.startswith(" "):
            value = value[1:]
        if field == "event":
            self._type = value
        elif field == "data":
            self._data.append(value)
        elif field == "id" and "\0" not in value:
            self._id = value
        # ``retry`` and unknown fields are ignored: the reconnect delays are this client's.


class _Stopper:
    """Watches ``stop`` in a thread and shuts the open stream's socket down when it is set, so that a
    read blocked on a quiet feed returns at once."""

    def __init__(self, stop: threading.Event) -> None:
        self._stop = stop
        self._lock = threading.Lock()
        self._response: Optional[urllib3.BaseHTTPResponse] = None
        self._done = threading.Event()
        threading.Thread(target=self._run, name="devstate-events-stop", daemon=True).start()

    def _run(self) -> None:
        # Polls, because it must also end when the generator does without stop being set.
        while not self._done.is_set():
            if self._stop.wait(0.1):
                with self._lock:
                    if self._response is not None:
                        try:
                            self._response.shutdown()
                        except (OSError, ValueError, RuntimeError):
                            pass  # already closed: nothing blocks on it
                return

    def hold(self, response: Optional[urllib3.BaseHTTPResponse]) -> None:
        with self._lock:
            self._response = response

    def close(self) -> None:
        self._done.set()


def _retry_after(headers: Any) -> Optional[float]:
    """Retry-After in seconds (delay-seconds or an HTTP-date), or None."""
    value = (headers.get("Retry-After") or "").strip()
    if re.fullmatch(r"[0-9]+", value):
        return float(value)
    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=timezone.utc)
    return max(0.0, (when - datetime.now(timezone.utc)).total_seconds())


def _fatal(status: int) -> bool:
    # A request retrying cannot fix (400 position, 401/403 token, 404, 406 ...); 408, 429 and
    # every 5xx are worth retrying.
    return 400 <= status < 500 and status not in (408, 429)


def _entry(data: str, event_id: str) -> Dict[str, Any]:
    try:
        entry = json.loads(data)
    except ValueError:
        raise ValueError(f"the change feed sent an entry event (id {event_id}) whose data is not JSON: {data}") from None
    if not isinstance(entry, dict) or not isinstance(entry.get("seq"), int):
        raise ValueError(f"the change feed sent an entry event (id {event_id}) that is not an entry: {data}")
    return entry


def _close(response: urllib3.BaseHTTPResponse) -> None:
    # close, not drain: the body of a feed has no end. The closed connection goes back to the pool,
    # which replaces it.
    response.close()
    response.release_conn()


def subscribe(api_client_or_configuration: Union[ApiClient, Configuration], project: str, after: int = 0,
              stop: Optional[threading.Event] = None, *,
              idle_timeout: Optional[float] = IDLE_TIMEOUT) -> Iterator[Dict[str, Any]]:
    """The project's change feed: every history entry after ``after`` (as a dict of the
    ``EntryEvent`` members: ``project``, ``seq``, ``ts``, ``actor``, ``action``, ``hmac``,
    ``state_checksum``, ``checkpoint_size``), in seq order, then the new ones as they are
    committed, without end.

    A stream the server ends (restart, a subscriber too far behind) or that breaks is reopened with
    ``Last-Event-ID`` after a backoff (FIRST_DELAY doubling to MAX_DELAY, back to FIRST_DELAY once a
    connection delivers something; a 429's or 503's ``Retry-After`` is waited instead), so no entry
    is missed or repeated. A request the service refuses for good (any 4xx but 408 and 429: a
    malformed position, a missing or unknown token, ...) raises the client's typed
    ``ApiException`` (``BadRequestException``, ``UnauthorizedException``, ...). Events other than
    ``entry`` are skipped. It follows one project: the feed of every project (``"*"``, admins only)
    is live only, with nothing to resume, and raises ``ValueError`` here (read it with any
    Server-Sent Events reader).

    Stop it by setting ``stop`` (a ``threading.Event``; it ends the loop within about 0.1 s, also
    while a quiet stream or a backoff waits, and once a connection attempt in progress is over), by
    leaving the loop, or with ``close()`` on the generator. ``idle_timeout`` (seconds, None: never)
    also bounds how long a connection attempt may wait for the server.
    """
    if project == EVERY_PROJECT:
        raise ValueError('subscribe follows one project and resumes it; the feed of every project ("*") '
                         "is live only, read it with a Server-Sent Events reader")
    api_client = (api_client_or_configuration if isinstance(api_client_or_configuration, ApiClient)
                  else ApiClient(api_client_or_configuration))
    events = EventsApi(api_client)
    timeout = urllib3.Timeout(connect=idle_timeout or None, read=idle_timeout or None)
    stopper = _Stopper(stop) if stop is not None else None
    stopped = stop.is_set if stop is not None else (lambda: False)
    last_id = ""
    delay = FIRST_DELAY
    try:
        while not stopped():
            received, wait = False, None
            method, url, headers, _, _ = events._stream_events_serialize(
                project=project, after=after, last_event_id=None, _request_auth=None, _content_type=None,
                _headers={"Last-Event-ID": last_id} if last_id else None, _host_index=0)
            try:
                response = api_client.rest_client.pool_manager.request(
                    method, url, headers=headers, preload_content=False, timeout=timeout, retries=_RETRIES)
            except _BROKEN:
                response = None
            if response is not None:
                try:
                    content_type = response.headers.get("Content-Type") or ""
                    if _fatal(response.status):
                        text = response.data.decode("utf-8", "replace")
                        ApiException.from_response(http_resp=response, body=text, data=None)  # raises
                    if response.status != 200:
                        wait = _retry_after(response.headers)
                    elif not re.match(r"text/event-stream\s*(;|$)", content_type, re.IGNORECASE):
                        raise ApiException(http_resp=response, body="", reason=(
                            f"expected text/event-stream, got {content_type or 'no content type'}"))
                    else:
                        if stopper is not None:
                            stopper.hold(response)
                        parser = _Parser(last_id)
                        while not stopped():
                            try:
                                chunk = response.read1(_READ)
                            except _BROKEN:
                                break  # broken, idle or shut down by stop: reconnect unless stopped
                            if not chunk:
                                break
                            received = True
                            for kind, data, event_id in parser.feed(chunk):
                                last_id = event_id
                                if kind != "entry":
                                    continue  # kinds this client does not know yet (state, lock)
                                if stopped():
                                    return
                                yield _entry(data, event_id)
                            last_id = parser.last_id  # also a dispatch without data (an id alone) moves it
                finally:
                    if stopper is not None:
                        stopper.hold(None)
                    _close(response)
            if received:
                delay = FIRST_DELAY
            pause = delay if wait is None else wait
            if stop is not None:
                stop.wait(pause)
            else:
                time.sleep(pause)
            delay = min(delay * 2, MAX_DELAY)
    finally:
        if stopper is not None:
            stopper.close()
