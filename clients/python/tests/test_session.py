"""SessionApiClient against a local fake server (http.server in a thread; no DevState needed) that
answers writes with canned results and records the DevState-Min-* headers of every request."""
import json
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest

import devstate_client
from devstate_client.exceptions import ApiException
from devstate_client.session import SessionApiClient, SessionNumbers

HMAC = "a" * 64
TS = "2026-11-25T10:00:00.000000Z"
READS = {
    "/v1/devstate/state": {"project": "p", "json": {}, "checksum": "sha256:" + "b" * 64, "version": 1, "updated_at": TS},
    "/v1/devstate/history/search": {"items": [], "next_cursor": None},
    "/v1/devstate/verify": {"ok": True, "verified": 0, "head": None, "failure": None},
    "/v1/devstate/export": {"project": "p", "files": {".trae/history.json": "{}", ".trae/state.json": None}},
}


class FakeServer(ThreadingHTTPServer):
    reply = (200, {})
    requests: list

    def take(self):
        taken, self.requests = self.requests, []
        return taken


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def _answer(self):
        path = urlsplit(self.path).path
        # every value, comma-joined, so that a header sent twice shows
        self.server.requests.append((path, ",".join(self.headers.get_all("DevState-Min-Version") or []),
                                     ",".join(self.headers.get_all("DevState-Min-Seq") or [])))
        length = int(self.headers.get("Content-Length") or 0)
        self.rfile.read(length)
        status, body = (200, READS[path]) if self.command == "GET" else self.server.reply
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json" if status < 300 else "application/problem+json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    do_GET = do_POST = do_PUT = do_DELETE = _answer


@pytest.fixture(scope="module")
def server():
    srv = FakeServer(("127.0.0.1", 0), Handler)
    srv.requests = []
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield srv
    srv.shutdown()
    srv.server_close()


@pytest.fixture
def base(server):
    server.take()
    return f"http://127.0.0.1:{server.server_address[1]}"


def session_for(host):
    return SessionApiClient(devstate_client.Configuration(host=host))


def read_all(server, api, project):
    """Runs the four reads for project; returns the headers they carried."""
    server.take()
    devstate_client.StateApi(api).get_state(project=project)
    devstate_client.HistoryApi(api).search_history(project=project)
    devstate_client.VerifyApi(api).verify_chain(project=project)
    devstate_client.FilesApi(api).export_files(project=project)
    return server.take()


def expected(version="", seq=""):
    return [("/v1/devstate/state", version, ""), ("/v1/devstate/history/search", "", seq),
            ("/v1/devstate/verify", "", seq), ("/v1/devstate/export", "", seq)]


def state_result(version, seq):
    return 200, {"project": "a", "checksum": "sha256:" + "c" * 64, "version": version, "updated_at": TS,
                 "seq": seq, "hmac": HMAC, "log": {"leaf_index": seq - 1, "checkpoint_size": seq}}


def entry_result(seq, **extra):
    return {"project": "a", "seq": seq, "ts": TS, "hmac": HMAC, "new_hmac": HMAC,
            "log": {"leaf_index": seq - 1, "checkpoint_size": seq}, **extra}


def test_reads_carry_the_numbers_of_the_sessions_writes_per_project(server, base):
    api = session_for(base)
    state, history, files = devstate_client.StateApi(api), devstate_client.HistoryApi(api), devstate_client.FilesApi(api)
    assert read_all(server, api, "a") == expected()

    server.reply = state_result(3, 7)
    result = state.update_state({"current_cp": "CP2-LC"}, project="a")
    assert (result.version, result.seq) == (3, 7)  # the answer reached the caller intact
    assert read_all(server, api, "a") == expected("3", "7")
    assert read_all(server, api, "b") == expected()
    assert read_all(server, api, None) == expected()  # `default`
    # The same session object, another base URL: nothing.
    other = session_for(base.replace("127.0.0.1", "localhost"))
    other._session = api._session
    assert read_all(server, other, "a") == expected()

    server.reply = (201, entry_result(8))
    assert history.append_history(devstate_client.AppendRequest(actor="t", action="note"), project="a").seq == 8
    assert read_all(server, api, "a") == expected("3", "8")

    server.reply = (200, entry_result(9, target_seq=8))
    history.tombstone_history_entry(8, project="a")
    assert read_all(server, api, "a") == expected("3", "9")

    server.reply = state_result(4, 10)
    state.replace_state({}, project="a")
    assert read_all(server, api, "a") == expected("4", "10")

    # The import answer has the head seq, not the state version.
    server.reply = (200, {"project": "a", "outcome": "appended", "imported": 2, "head": {"seq": 12, "hmac": HMAC}})
    files.import_files(devstate_client.ImportFiles(files=devstate_client.ImportFilesFiles.from_dict(
        {".trae/history.json": "{}"})), project="a")
    assert read_all(server, api, "a") == expected("4", "12")
    assert api.remembered("a", host=base + "/") == SessionNumbers(4, 12)

    # An answer with lower numbers (a replayed idempotent write) lowers nothing.
    server.reply = state_result(1, 1)
    state.update_state({}, project="a")
    assert api.remembered("a") == SessionNumbers(4, 12)

    # The `default` project: absent and empty are the same.
    server.reply = state_result(2, 2)
    state.update_state({})
    assert read_all(server, api, "") == expected("2", "2")


def test_an_explicit_header_is_never_lowered(server, base):
    api = session_for(base)
    server.reply = state_result(3, 7)
    devstate_client.StateApi(api).update_state({}, project="a")
    server.take()
    devstate_client.StateApi(api).get_state(project="a", dev_state_min_version=5)
    devstate_client.StateApi(api).get_state(project="a", dev_state_min_version=1)
    devstate_client.HistoryApi(api).search_history(project="a", dev_state_min_seq=70)
    devstate_client.VerifyApi(api).verify_chain(project="a", _headers={"devstate-min-seq": "6"})
    devstate_client.FilesApi(api).export_files(project="a", _headers={"devstate-min-seq": "9"})
    assert server.take() == [("/v1/devstate/state", "5", ""), ("/v1/devstate/state", "3", ""),
                             ("/v1/devstate/history/search", "", "70"), ("/v1/devstate/verify", "", "7"),
                             ("/v1/devstate/export", "", "9")]


@pytest.mark.parametrize("status", [400, 409, 412, 422, 500, 503])
def test_failed_writes_record_nothing(server, base, status):
    api = session_for(base)
    server.reply = (status, {"type": "urn:devstate:problem:x", "title": "x", "status": status, "seq": 40})
    with pytest.raises(ApiException) as raised:
        devstate_client.StateApi(api).update_state({}, project="f")
    assert raised.value.status == status
    with pytest.raises(ApiException):
        devstate_client.HistoryApi(api).append_history(devstate_client.AppendRequest(actor="t", action="note"), project="f")
    assert read_all(server, api, "f") == expected()
    assert api.remembered("f") == SessionNumbers()


def test_remember_raises_and_forget_clears(server, base):
    api = session_for(base)
    api.remember("r", version=6, seq=20)
    api.remember("r", version=2)
    assert read_all(server, api, "r") == expected("6", "20")
    api.forget("r")
    assert read_all(server, api, "r") == expected()


def test_without_preload_content_leaves_the_body_unread(server, base):
    api = session_for(base)
    server.reply = state_result(3, 7)
    raw = devstate_client.StateApi(api).update_state_without_preload_content({}, project="a")
    assert json.loads(raw.read())["version"] == 3
    assert api.remembered("a") == SessionNumbers()
