"""TrustedHead (devstate_client.log) on the shared vectors of docs/vectors/log.json: offline through
accept, through check with a fake LogApi, and examples/trusted_head.py against a local fake server."""
import base64
import hashlib
import json
import os
import pathlib
import re
import subprocess
import sys
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import SimpleNamespace
from urllib.parse import parse_qs, urlsplit

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from devstate_client.exceptions import NotFoundException, ServiceException
from devstate_client.log import LogVerificationError, TrustedHead, parse_verifier_key, verify_checkpoint_update

PACKAGE = pathlib.Path(__file__).resolve().parents[1]
LOG = json.loads((PACKAGE.parents[1] / "docs" / "vectors" / "log.json").read_text(encoding="utf-8"))
VKEY = LOG["key"]["verifier_key"]
ORIGIN = LOG["origin"]
NEGATIVE = {case["name"]: case for case in LOG["negative"]}
FORK = NEGATIVE["fork"]
REFUSAL = re.compile(r"history was rewritten: checkpoint (\d+) does not extend the trusted checkpoint (\d+)(?: \((.+)\))?\Z")


def note(size):
    return LOG["checkpoints"][size]["note"]


def proof(m, n):
    return next(c["proof"] for c in LOG["consistency"] if (c["from"], c["to"]) == (m, n))


def other_verifier_key(name):
    """The vectors' other key (seed SHA-256("devstate log vector other key")): it signed the other-key note."""
    seed = hashlib.sha256(b"devstate log vector other key").digest()
    public = Ed25519PrivateKey.from_private_bytes(seed).public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    key_id = hashlib.sha256(name.encode() + b"\n\x01" + public).digest()[:4].hex()
    typed = base64.b64encode(b"\x01" + public).decode()
    return f"{name}+{key_id}+{typed}"


@pytest.fixture
def state_file(tmp_path):
    """A path in a fresh directory; call it with a note to write it there first."""
    def make(held=None):
        directory = tmp_path / f"case-{len(list(tmp_path.iterdir()))}"
        directory.mkdir()
        path = directory / "head"
        if held is not None:
            path.write_bytes(held.encode("utf-8"))
        return path
    return make


def snapshot(path):
    """The state file's bytes and inode: a refusal (or a no-op) must leave both as they were."""
    return path.read_bytes(), os.stat(path).st_ino


def rejects(reason, fn, *args):
    with pytest.raises(LogVerificationError) as error:
        fn(*args)
    assert error.value.reason == reason, str(error.value)
    return error.value


def refused(offered, trusted, fn, *args):
    error = rejects("rewritten", fn, *args)
    match = REFUSAL.match(str(error))
    assert match, f"not the refusal message: {error}"
    assert (int(match[1]), int(match[2])) == (offered, trusted)
    return error


def test_a_refusal_message_has_no_reason_prefix():
    assert str(LogVerificationError("rewritten", "history was rewritten: x")) == "history was rewritten: x"
    error = LogVerificationError("rollback", "smaller")
    assert (str(error), error.detail) == ("rollback: smaller", "smaller")


def test_first_use_stores_the_offered_checkpoint_verbatim(state_file):
    path = state_file()
    head = TrustedHead(path, VKEY)
    assert head.trusted() is None
    accepted = head.accept(note(6), [])
    assert (accepted["origin"], accepted["size"], base64.b64encode(accepted["root"]).decode(), accepted["note"]) == (
        ORIGIN, 6, LOG["checkpoints"][6]["root"], note(6))
    assert path.read_bytes() == note(6).encode("utf-8")
    assert head.trusted()["size"] == 6
    assert os.listdir(path.parent) == ["head"], "no temporary file is left behind"


def test_first_use_creates_the_directory(state_file):
    path = state_file().parent / "a" / "b" / "head"
    TrustedHead(str(path), VKEY).accept(note(3), [])
    assert path.read_text(encoding="utf-8") == note(3)


def test_first_use_with_a_proof_is_a_bad_proof(state_file):
    path = state_file()
    rejects("bad_proof", TrustedHead(path, VKEY).accept, note(11), proof(6, 11))
    assert not path.exists()


def test_growth_with_a_valid_proof_replaces_it_for_every_pair_of_sizes(state_file):
    for c in LOG["consistency"]:
        if c["from"] < c["to"]:
            path = state_file(note(c["from"]))
            assert TrustedHead(path, VKEY).accept(note(c["to"]), c["proof"])["size"] == c["to"]
            assert path.read_text(encoding="utf-8") == note(c["to"]), (c["from"], c["to"])


def test_growth_step_by_step_with_a_parsed_key(state_file):
    head = TrustedHead(state_file(), parse_verifier_key(VKEY))
    head.accept(note(0), [])
    head.accept(note(4), [])  # from the empty tree: nothing to prove
    head.accept(note(5), proof(4, 5))
    head.accept(note(11), [base64.b64decode(h) for h in proof(5, 11)])
    assert head.trusted()["size"] == 11


def test_same_size_same_root_is_accepted_without_rewriting_the_file(state_file):
    path = state_file(note(11))
    before = snapshot(path)
    assert TrustedHead(path, VKEY).accept(note(11), [])["size"] == 11
    assert snapshot(path) == before


def test_rollback_is_refused(state_file):
    rollback = NEGATIVE["rollback"]
    path = state_file(rollback["trusted"])
    before = snapshot(path)
    refused(7, 9, TrustedHead(path, VKEY).accept, rollback["note"], [])
    assert snapshot(path) == before


def test_another_root_of_the_same_size_is_refused(state_file):
    path = state_file(note(11))
    before = snapshot(path)
    refused(11, 11, TrustedHead(path, VKEY).accept, FORK["note"], [])
    assert snapshot(path) == before


def test_a_proof_that_does_not_join_the_trusted_root_is_refused(state_file):
    path = state_file(FORK["trusted"])
    before = snapshot(path)
    head = TrustedHead(path, VKEY)
    refused(11, 6, head.accept, FORK["note"], FORK["proof"])
    # the same fork without a proof, and the real checkpoint with the proofs of other sizes
    refused(11, 6, head.accept, FORK["note"], [])
    refused(11, 6, head.accept, note(11), proof(5, 11))
    refused(11, 6, head.accept, note(11), proof(6, 10))
    assert snapshot(path) == before
    # the updater the head builds on says the same (as a fork, not a refusal)
    rejects("inconsistent", verify_checkpoint_update, FORK["trusted"], FORK["note"], FORK["proof"], VKEY)


@pytest.mark.parametrize("held, reason", [
    (NEGATIVE["size-changed"]["note"], "bad_signature"), ("not a note\n", "malformed"),
    (NEGATIVE["other-key"]["note"], "unknown_key"), (NEGATIVE["other-origin"]["note"], "wrong_origin"), ("", "malformed"),
], ids=["size-changed", "not-a-note", "other-key", "other-origin", "empty"])
def test_a_tampered_state_file_is_an_error_not_replaced(state_file, held, reason):
    path = state_file(held)
    before = snapshot(path)
    head = TrustedHead(path, VKEY)
    error = rejects(reason, head.trusted)
    assert str(error).startswith(f"{reason}: the trusted state file {path}: "), str(error)
    rejects(reason, head.accept, note(11), [])
    assert snapshot(path) == before


def test_a_state_file_that_is_not_utf8_is_malformed(state_file):
    path = state_file()
    path.write_bytes(b"\xff\xfe")
    rejects("malformed", TrustedHead(path, VKEY).trusted)


def test_another_pinned_key_does_not_verify_the_state_file(state_file):
    path = state_file(note(6))
    before = snapshot(path)
    other = other_verifier_key(ORIGIN)
    head = TrustedHead(path, other)
    rejects("unknown_key", head.trusted)
    rejects("unknown_key", head.accept, NEGATIVE["other-key"]["note"], proof(6, 11))
    assert snapshot(path) == before
    # the key is real: it verifies its own note
    assert TrustedHead(state_file(), other).accept(NEGATIVE["other-key"]["note"], [])["size"] == 11


def test_an_offered_checkpoint_of_another_key_or_origin_is_an_error_and_nothing_is_stored(state_file):
    path = state_file(note(6))
    before = snapshot(path)
    head = TrustedHead(path, VKEY)
    rejects("unknown_key", head.accept, NEGATIVE["other-key"]["note"], proof(6, 11))
    rejects("wrong_origin", head.accept, NEGATIVE["other-origin"]["note"], proof(6, 11))
    rejects("bad_signature", head.accept, NEGATIVE["size-changed"]["note"], proof(6, 10))
    assert snapshot(path) == before
    fresh = state_file()
    rejects("unknown_key", TrustedHead(fresh, VKEY).accept, NEGATIVE["other-key"]["note"], [])
    assert not fresh.exists()


class FakeLogApi:
    """A LogApi serving the vectors: the latest checkpoint is ``latest``, proofs by size."""

    def __init__(self, latest, proofs=None, error=None):
        self.latest = latest
        self.proofs = LOG["consistency"] if proofs is None else proofs
        self.error = error
        self.calls = []

    def get_checkpoint(self, project=None):
        self.calls.append(("checkpoint", project))
        return self.latest

    def get_consistency_proof(self, var_from, project=None, to=None):
        self.calls.append(("consistency", project, var_from, to))
        found = next((c for c in self.proofs if (c["from"], c["to"]) == (var_from, to)), None)
        if self.error or found is None:
            raise self.error or NotFoundException(status=404, reason="Not Found")
        return SimpleNamespace(var_from=var_from, to=to, hashes=found["proof"])


def test_check_first_use_fetches_the_checkpoint_only(state_file):
    path = state_file()
    api = FakeLogApi(note(6))
    assert TrustedHead(path, VKEY).check(api, "default")["size"] == 6
    assert api.calls == [("checkpoint", "default")]
    assert path.read_text(encoding="utf-8") == note(6)


def test_check_growth_fetches_the_proof_from_the_trusted_size(state_file):
    path = state_file(note(6))
    api = FakeLogApi(note(11))
    assert TrustedHead(path, VKEY).check(api, "default")["size"] == 11
    assert api.calls == [("checkpoint", "default"), ("consistency", "default", 6, 11)]
    assert path.read_text(encoding="utf-8") == note(11)


@pytest.mark.parametrize("held, latest", [(0, 9), (9, 9)], ids=["from-empty", "same-size"])
def test_check_fetches_no_proof_from_the_empty_tree_or_at_the_same_size(state_file, held, latest):
    path = state_file(note(held))
    api = FakeLogApi(note(latest))
    TrustedHead(path, VKEY).check(api, "default")
    assert [call[0] for call in api.calls] == ["checkpoint"]
    assert path.read_text(encoding="utf-8") == note(latest)


@pytest.mark.parametrize("held, api, offered, trusted", [
    (FORK["trusted"], FakeLogApi(FORK["note"], proofs=[{"from": 6, "to": 11, "proof": FORK["proof"]}]), 11, 6),
    (note(11), FakeLogApi(FORK["note"]), 11, 11),
    (NEGATIVE["rollback"]["trusted"], FakeLogApi(NEGATIVE["rollback"]["note"]), 7, 9),
    (note(6), FakeLogApi(note(11), proofs=[]), 11, 6),
], ids=["fork", "same-size-fork", "rollback", "404-for-the-trusted-size"])
def test_check_refuses(state_file, held, api, offered, trusted):
    path = state_file(held)
    before = snapshot(path)
    refused(offered, trusted, TrustedHead(path, VKEY).check, api, "default")
    assert snapshot(path) == before


def test_check_another_server_error_is_not_a_refusal_and_a_bad_state_file_fails_first(state_file):
    path = state_file(note(6))
    with pytest.raises(ServiceException):
        TrustedHead(path, VKEY).check(FakeLogApi(note(11), error=ServiceException(status=500, reason="boom")), "default")
    assert path.read_text(encoding="utf-8") == note(6)

    untouched = FakeLogApi(note(11))
    rejects("bad_signature", TrustedHead(state_file(NEGATIVE["size-changed"]["note"]), VKEY).check, untouched, "default")
    assert untouched.calls == []


@pytest.fixture
def fake_devstate():
    """A fake DevState log: ``served`` is the latest checkpoint note, ``proofs`` the consistency proofs."""
    world = SimpleNamespace(served=note(6), proofs=LOG["consistency"], seen=[])

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            url = urlsplit(self.path)
            query = {k: v[0] for k, v in parse_qs(url.query).items()}
            world.seen.append((url.path, query.get("project"), self.headers.get("Authorization")))
            if url.path == "/v1/devstate/log/checkpoint":
                return self._send(200, "text/plain; charset=utf-8", world.served)
            found = next((c for c in world.proofs if (str(c["from"]), str(c["to"])) == (query.get("from"), query.get("to"))),
                         None)
            if url.path != "/v1/devstate/log/proof/consistency" or found is None:
                return self._send(404, "application/problem+json", json.dumps({"status": 404, "detail": "beyond the log"}))
            self._send(200, "application/json", json.dumps({"from": found["from"], "to": found["to"], "hashes": found["proof"]}))

        def _send(self, status, content_type, body):
            data = body.encode("utf-8")
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    world.url = f"http://127.0.0.1:{server.server_address[1]}/"
    yield world
    server.shutdown()
    server.server_close()


def test_the_check_program(fake_devstate, state_file):
    path = state_file()
    env = dict(os.environ, DEVSTATE_URL=fake_devstate.url, DEVSTATE_PROJECT="default", DEVSTATE_LOG_VERIFIER_KEY=VKEY,
               DEVSTATE_TOKEN="viewer-token")

    def run(args=(str(path),), run_env=env):
        done = subprocess.run([sys.executable, str(PACKAGE / "examples" / "trusted_head.py"), *args], env=run_env,
                              capture_output=True, text=True, timeout=60)
        return done.returncode, done.stdout, done.stderr

    assert run() == (0, f"trusted {ORIGIN} 6\n", "")
    assert fake_devstate.seen == [("/v1/devstate/log/checkpoint", "default", "Bearer viewer-token")]
    fake_devstate.served = note(11)
    assert run() == (0, f"trusted {ORIGIN} 11\n", "")
    assert fake_devstate.seen[2] == ("/v1/devstate/log/proof/consistency", "default", "Bearer viewer-token")

    fake_devstate.served = FORK["note"]
    code, out, err = run()
    assert (code, out) == (7, "")
    assert REFUSAL.match(err.rstrip("\n")) and err.startswith(
        "history was rewritten: checkpoint 11 does not extend the trusted checkpoint 11"), err
    fake_devstate.served = note(7)
    code, _, err = run()
    assert code == 7 and err.startswith("history was rewritten: checkpoint 7 does not extend the trusted checkpoint 11")
    assert path.read_text(encoding="utf-8") == note(11)

    # the server's log is now smaller than the trusted one, though its latest checkpoint claims more
    bigger = state_file(note(10))
    fake_devstate.served, fake_devstate.proofs = note(11), []
    code, _, err = run([str(bigger)])
    assert code == 7 and err.startswith("history was rewritten: checkpoint 11 does not extend the trusted checkpoint 10 ("), err

    fake_devstate.served = NEGATIVE["other-key"]["note"]
    code, _, err = run()
    assert code == 1 and err.startswith("unknown_key: "), err
    assert run(run_env={k: v for k, v in env.items() if k != "DEVSTATE_PROJECT"}) == (1, "", "DEVSTATE_PROJECT is not set\n")
    assert run([])[0] == 1
    assert path.read_text(encoding="utf-8") == note(11)
