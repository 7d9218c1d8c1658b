"""subscribe() (devstate_client/events.py) against a local fake SSE server (http.server in a thread;
no DevState needed): parsing, the resume position after a dropped stream, heartbeats, backoff and
Retry-After, fatal statuses, stopping. The last test runs against a live DevState (DEVSTATE_URL;
skipped without it)."""
import json
import os
import socket
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

import devstate_client
from devstate_client import events as events_module
from devstate_client.events import _Parser, subscribe
from devstate_client.exceptions import (ApiException, BadRequestException, ForbiddenException, NotFoundException,
                                        UnauthorizedException)

HMAC = "a" * 64


def wire(seq, **extra):
    return {"project": "p", "seq": seq, "ts": f"2026-11-25T10:00:0{seq % 10}.000000Z", "actor": "a",
            "action": "note", "hmac": HMAC, "state_checksum": None, "checkpoint_size": seq, **extra}


def entry(seq, **extra):
    return f"event: entry\nid: {seq}\ndata: {json.dumps(wire(seq, **extra))}\n\n"


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # chunked bodies, as the service sends them

    def log_message(self, *args):
        pass

    def do_GET(self):
        url = urlsplit(self.path)
        request = {"path": url.path, "query": parse_qs(url.query), "headers": self.headers, "at": time.monotonic()}
        with self.server.lock:
            n = len(self.server.requests)
            self.server.requests.append(request)
        try:
            self.server.handler(self, n)
        except (BrokenPipeError, ConnectionResetError):
            self.server.closed.set()  # the client went away while it was written to
        self.close_connection = True

    # --- what handlers use ---

    def stream(self, content_type="text/event-stream"):
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()

    def chunk(self, data):
        data = data.encode() if isinstance(data, str) else data
        self.wfile.write(b"%x\r\n%s\r\n" % (len(data), data))
        self.wfile.flush()

    def end(self):
        self.wfile.write(b"0\r\n\r\n")
        self.wfile.flush()

    def problem(self, status, **headers):
        body = json.dumps({"type": "urn:devstate:problem:x", "title": "t", "status": status,
                           "detail": f"status {status}"}).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/problem+json")
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def wait_for_close(self):
        """Blocks until the client closes the connection (it sends nothing more on it)."""
        self.connection.settimeout(10)
        try:
            self.rfile.read(1)
        except OSError:
            pass
        self.server.closed.set()


@pytest.fixture
def server():
    srv = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    srv.daemon_threads = True
    srv.lock = threading.Lock()
    srv.requests = []
    srv.closed = threading.Event()
    srv.handler = None
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield srv
    srv.shutdown()
    srv.server_close()


def base(srv):
    return f"http://127.0.0.1:{srv.server_address[1]}"


def take(iterator, n):
    """n events, then leaves the loop (which closes the generator and its connection)."""
    got = []
    for event in iterator:
        got.append(event)
        if len(got) == n:
            break
    iterator.close()
    return got


def config(srv, **kwargs):
    return devstate_client.Configuration(host=base(srv), **kwargs)


def test_parses_the_stream_crlf_cr_lf_multiline_comments_bom_split_bytes(server):
    multi = "\r\n".join("data:" + line for line in json.dumps(wire(2, actor="é 😀"), indent=1).split("\n"))
    body = ("\ufeff: hello\r\n\r\n"
            + entry(1).replace("\n", "\r\n")
            + f"event: entry\r\nid: 2\r\n{multi}\r\n\r\n"
            + 'event: state\nid: 3\ndata: {"not":"an entry"}\n\n'  # a later kind: skipped
            + "data: a message without a name\n\n"                 # the default type "message": skipped
            + f"event: entry\rid: 4\rdata: {json.dumps(wire(4))}\r\r"
            + ": heartbeat\n\n"
            + f"event: entry\nretry: 1\nunknown: field\nid:5\ndata: {json.dumps(wire(5))}\n\n")

    def handler(h, n):
        h.stream()
        for byte in body.encode():  # one byte a chunk: CR and LF, and the bytes of é and 😀, apart
            h.chunk(bytes([byte]))
        h.wait_for_close()

    server.handler = handler
    got = take(subscribe(config(server), "p"), 3)
    assert got == [wire(1), wire(2, actor="é 😀"), wire(4)]
    assert server.closed.wait(5), "leaving the loop closed the connection"
    assert len(server.requests) == 1
    request = server.requests[0]
    assert request["query"] == {"project": ["p"], "after": ["0"]}
    assert request["headers"]["Accept"] == "text/event-stream, application/problem+json"
    assert request["headers"]["Last-Event-ID"] is None


def test_every_read_boundary_parses_the_same():
    text = (f"event: entry\r\nid: 7\r\ndata: {json.dumps(wire(7, actor='é 😀'))}\r\n\r\n: hb\r\r"
            f"event: entry\rid: 8\rdata: {json.dumps(wire(8))}\r\r").encode()
    for cut in range(1, len(text)):
        parser = _Parser("")
        got = parser.feed(text[:cut]) + parser.feed(text[cut:])
        assert [(kind, json.loads(data)["seq"], json.loads(data)["actor"], event_id)
                for kind, data, event_id in got] == [("entry", 7, "é 😀", "7"), ("entry", 8, "a", "8")], cut
        assert parser.last_id == "8"
    # An event without its empty line is not dispatched, and does not move the position.
    parser = _Parser("4")
    assert parser.feed(entry(5)[:-1].encode()) == [] and parser.last_id == "4"


def test_a_dropped_stream_resumes_with_last_event_id_after_half_a_second(server):
    def handler(h, n):
        h.stream()
        if n == 0:
            # Entries 1 and 2, then 3 without its empty line, and the connection breaks (no last chunk).
            h.chunk(entry(1) + entry(2) + entry(3)[:-1])
            time.sleep(0.05)
        elif n == 1:
            h.chunk(": heartbeat\n\n")  # the server ends it (as on a restart), having sent nothing new
            h.end()
        else:
            h.chunk(entry(3) + entry(4))
            h.wait_for_close()

    server.handler = handler
    got = take(subscribe(config(server), "p", after=0), 4)
    assert [e["seq"] for e in got] == [1, 2, 3, 4]
    assert len(server.requests) == 3
    assert [(r["query"]["after"], r["headers"]["Last-Event-ID"]) for r in server.requests] == [
        (["0"], None), (["0"], "2"), (["0"], "2")]
    # Each connection delivered something, so each reconnect waited the first delay.
    for i in (1, 2):
        waited = server.requests[i]["at"] - server.requests[i - 1]["at"]
        assert 0.45 <= waited < 1.5, f"reconnect {i} after {waited:.3f} s"


def test_heartbeats_keep_a_connection_and_silence_longer_than_idle_timeout_replaces_it(server):
    def handler(h, n):
        h.stream()
        if n == 0:
            h.chunk(entry(1))
            for _ in range(8):
                time.sleep(0.1)
                h.chunk(": heartbeat\n\n")
            h.wait_for_close()  # then nothing: a half-open connection, as far as the client knows
        else:
            h.chunk(entry(2))
            h.wait_for_close()

    server.handler = handler
    got = take(subscribe(config(server), "p", idle_timeout=0.4), 2)
    assert [e["seq"] for e in got] == [1, 2]
    assert len(server.requests) == 2
    held = server.requests[1]["at"] - server.requests[0]["at"]
    # 8 heartbeats (0.8 s), 0.4 s of silence, then the 0.5 s delay.
    assert 1.6 <= held < 3.5, f"first connection replaced after {held:.3f} s"
    assert server.requests[1]["headers"]["Last-Event-ID"] == "1"


@pytest.mark.parametrize("status, exception", [(400, BadRequestException), (401, UnauthorizedException),
                                               (403, ForbiddenException), (404, NotFoundException)])
def test_a_refusal_is_fatal_and_raises_the_typed_exception(server, status, exception):
    server.handler = lambda h, n: h.problem(status)
    with pytest.raises(exception) as raised:
        take(subscribe(config(server), "p", after=1), 1)
    assert raised.value.status == status
    assert json.loads(raised.value.body)["detail"] == f"status {status}"
    assert len(server.requests) == 1


def test_a_200_that_is_not_an_event_stream_is_fatal(server):
    def handler(h, n):
        h.stream("text/html")
        h.chunk("<html>a login page</html>")
        h.end()

    server.handler = handler
    with pytest.raises(ApiException, match="expected text/event-stream, got text/html"):
        take(subscribe(config(server), "p"), 1)


def test_the_feed_of_every_project_is_refused(server):
    with pytest.raises(ValueError, match="live only"):
        take(subscribe(config(server), "*"), 1)
    assert server.requests == []


def test_an_entry_whose_data_is_not_json_is_an_error(server):
    def handler(h, n):
        h.stream()
        h.chunk("event: entry\nid: 1\ndata: {not json\n\n")
        h.wait_for_close()

    server.handler = handler
    with pytest.raises(ValueError, match=r"entry event \(id 1\) whose data is not JSON"):
        take(subscribe(config(server), "p"), 1)


def test_429_waits_its_retry_after_and_503_and_a_refused_connection_back_off_doubling(server):
    def handler(h, n):
        if n == 0:
            h.problem(429, Retry_After="2")
        elif n <= 2:
            h.problem(503)
        else:
            h.stream()
            h.chunk(entry(9))
            h.wait_for_close()

    server.handler = handler
    assert [e["seq"] for e in take(subscribe(config(server), "p"), 1)] == [9]
    at = [r["at"] for r in server.requests]
    gaps = [b - a for a, b in zip(at, at[1:])]
    assert 1.95 <= gaps[0] < 3, f"Retry-After 2 s honoured: {gaps[0]:.3f}"
    assert 0.9 <= gaps[1] < 1.8, f"then 1 s (0.5 s was used up by the 429): {gaps[1]:.3f}"
    assert 1.9 <= gaps[2] < 3, f"then 2 s: {gaps[2]:.3f}"

    # Nothing listening: keeps trying (0.5 s, 1 s, ...) until stopped.
    probe = socket.socket()
    probe.bind(("127.0.0.1", 0))
    port = probe.getsockname()[1]
    probe.close()
    api = devstate_client.ApiClient(devstate_client.Configuration(host=f"http://127.0.0.1:{port}"))
    attempts = []
    pool = api.rest_client.pool_manager
    request = pool.request

    def counting(*args, **kwargs):
        attempts.append(time.monotonic())
        return request(*args, **kwargs)

    pool.request = counting
    stop = threading.Event()
    threading.Timer(1.8, stop.set).start()
    assert take(subscribe(api, "p", stop=stop), 1) == []
    assert len(attempts) == 3, [round(t - attempts[0], 2) for t in attempts]


def test_stop_ends_it_while_a_quiet_stream_waits_and_during_the_backoff(server):
    def handler(h, n):
        h.stream()
        h.chunk(entry(1))
        h.wait_for_close()

    server.handler = handler
    stop = threading.Event()
    got = []
    started = time.monotonic()
    for event in subscribe(config(server), "p", stop=stop):
        got.append(event["seq"])
        threading.Timer(0.1, stop.set).start()  # while the generator waits for the next event
    assert got == [1]
    assert time.monotonic() - started < 1.5
    assert server.closed.wait(5)
    assert len(server.requests) == 1

    # Stopped during the backoff after an ended stream: no further request.
    server.requests.clear()

    def ends(h, n):
        h.stream()
        h.end()

    server.handler = ends
    late = threading.Event()
    threading.Timer(0.1, late.set).start()
    t0 = time.monotonic()
    assert take(subscribe(config(server), "p", stop=late), 1) == []
    assert time.monotonic() - t0 < 0.45, "the backoff was cut short"
    assert len(server.requests) == 1

    # Already set: nothing is sent.
    server.requests.clear()
    assert take(subscribe(config(server), "p", stop=late), 1) == []
    assert server.requests == []


def test_the_configuration_token_and_an_api_client(server):
    def handler(h, n):
        h.stream()
        h.chunk(entry(5))
        h.wait_for_close()

    server.handler = handler
    assert take(subscribe(config(server, access_token="secret-token"), "proj-a", after=4), 1) == [wire(5)]
    assert server.requests[0]["headers"]["Authorization"] == "Bearer secret-token"
    assert server.requests[0]["query"] == {"project": ["proj-a"], "after": ["4"]}

    api = devstate_client.ApiClient(config(server), header_name="X-Trace", header_value="t1")
    assert take(subscribe(api, "proj-b"), 1) == [wire(5)]
    assert server.requests[1]["headers"]["X-Trace"] == "t1"
    assert server.requests[1]["headers"]["Authorization"] is None


def test_the_public_constants():
    assert (events_module.FIRST_DELAY, events_module.MAX_DELAY, events_module.IDLE_TIMEOUT) == (0.5, 10.0, 45.0)


URL = os.environ.get("DEVSTATE_URL")


@pytest.mark.skipif(not URL, reason="DEVSTATE_URL is not set")
def test_live_three_entries_from_head_minus_3_exactly_those_seqs_then_the_live_tail():
    api = devstate_client.ApiClient(devstate_client.Configuration(host=(URL or "").rstrip("/")))
    history = devstate_client.HistoryApi(api)
    project = "py-ev-" + uuid.uuid4().hex[:8]
    history.append_history(devstate_client.AppendRequest(actor="py-client", action="before"), project=project)
    seqs = [history.append_history(devstate_client.AppendRequest(actor="py-client", action="note", metadata={"i": i}),
                                   project=project).seq for i in range(3)]
    head = seqs[-1]
    stop = threading.Event()
    timer = threading.Timer(30, stop.set)
    timer.start()
    got = []
    try:
        for event in subscribe(api, project, after=head - 3, stop=stop):
            got.append(event)
            if len(got) == 3:
                # A fourth, live: the next event is it (nothing repeated in between).
                seqs.append(history.append_history(devstate_client.AppendRequest(actor="py-client", action="live"),
                                                   project=project).seq)
            if len(got) == 4:
                break
    finally:
        timer.cancel()
    assert [e["seq"] for e in got] == seqs
    assert [e["action"] for e in got] == ["note", "note", "note", "live"]
    for event in got:
        assert event["project"] == project and event["actor"] == "py-client"
        assert len(event["hmac"]) == 64 and event["checkpoint_size"] >= event["seq"]
