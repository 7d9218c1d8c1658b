"""The transparency-log vectors of docs/vectors/log.json (written by docs/vectors/loggen with the Go
libraries of the transparency ecosystem) through the offline log verifier (no server needed)."""
import base64
import hashlib
import itertools
import json
import pathlib

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from devstate_client.log import (EMPTY_ROOT, LogVerificationError, leaf_data, leaf_hash, parse_verifier_key, root_of,
                                 verify_checkpoint, verify_checkpoint_update, verify_consistency,
                                 verify_history_against_checkpoint, verify_inclusion)
from devstate_client.verify import verify_history

VECTORS = pathlib.Path(__file__).resolve().parents[3] / "docs" / "vectors"
TEXT = (VECTORS / "log.json").read_text(encoding="utf-8")
LOG = json.loads(TEXT)
VKEY = LOG["key"]["verifier_key"]
CHECKPOINTS = LOG["checkpoints"]


def b64(text):
    return base64.b64decode(text)


def rejects(reason, fn, *args):
    with pytest.raises(LogVerificationError) as error:
        fn(*args)
    assert error.value.reason == reason, str(error.value)


def test_the_history_is_a_valid_hmac_chain():
    result = verify_history(LOG["history"], LOG["hmac_keys"])
    assert result["ok"] and result["verified"] == len(LOG["leaves"]) == 11


@pytest.mark.parametrize("leaf", LOG["leaves"], ids=[f"seq-{leaf['seq']}" for leaf in LOG["leaves"]])
def test_leaf(leaf):
    entry = LOG["history"]["entries"][leaf["index"]]
    assert leaf_data(entry, LOG["project"]) == leaf["leaf_data"]
    assert leaf_hash(entry, LOG["project"]).hex() == leaf["leaf_hash"]


def test_leaves_from_the_file_text_with_its_literals():
    # The file holds non-canonical number literals (2.50, 1e21, 100.0): parsed, they canonicalise the same.
    assert "2.50" in TEXT and "1e21" in TEXT
    history = json.loads(TEXT)["history"]
    assert [leaf_hash(e, "default").hex() for e in history["entries"]] == [leaf["leaf_hash"] for leaf in LOG["leaves"]]


def test_roots_of_every_size():
    leaves = [bytes.fromhex(leaf["leaf_hash"]) for leaf in LOG["leaves"]]
    assert len(CHECKPOINTS) == 12
    for cp in CHECKPOINTS:
        assert base64.b64encode(root_of(leaves[:cp["size"]])).decode() == cp["root"]
        assert base64.b64encode(root_of([base64.b64encode(h).decode() for h in leaves[:cp["size"]]])).decode() == cp["root"]
    assert base64.b64encode(EMPTY_ROOT).decode() == CHECKPOINTS[0]["root"]


def test_verifier_key():
    key = parse_verifier_key(VKEY)
    assert (key.name, key.key_id) == (LOG["origin"], LOG["key"]["key_id"])
    assert base64.b64encode(key.public_key).decode() == LOG["key"]["public_key"]
    rejects("bad_key", parse_verifier_key, VKEY.replace("+" + LOG["key"]["key_id"] + "+", "+00000000+"))
    rejects("malformed", parse_verifier_key, "not a key")


def test_a_verifier_key_whose_base64_holds_a_plus():
    # About every other key has a "+" in its base64: only the first two "+" end the name and the key ID.
    for i in itertools.count():
        private = Ed25519PrivateKey.from_private_bytes(hashlib.sha256(f"plus key {i}".encode()).digest())
        public = private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
        key_id = hashlib.sha256(LOG["origin"].encode() + b"\n\x01" + public).digest()[:4]
        vkey = f"{LOG['origin']}+{key_id.hex()}+{base64.b64encode(bytes([1]) + public).decode()}"
        if vkey.count("+") > 2:
            break
    assert parse_verifier_key(vkey).key_id == key_id.hex()
    text = f"{LOG['origin']}\n3\n{CHECKPOINTS[3]['root']}\n"
    signature = base64.b64encode(key_id + private.sign(text.encode())).decode()
    assert verify_checkpoint(f"{text}\n\u2014 {LOG['origin']} {signature}\n", vkey)["size"] == 3
    rejects("unknown_key", verify_checkpoint, CHECKPOINTS[3]["note"], vkey)


@pytest.mark.parametrize("cp", CHECKPOINTS, ids=[f"size-{cp['size']}" for cp in CHECKPOINTS])
def test_checkpoint(cp):
    verified = verify_checkpoint(cp["note"], VKEY)
    assert (verified["origin"], verified["size"], verified["root"]) == (LOG["origin"], cp["size"], b64(cp["root"]))
    assert cp["note"].startswith(f"{LOG['origin']}\n{cp['size']}\n{cp['root']}\n\n\u2014 {LOG['origin']} ")
    # The whole history verifies against every checkpoint (entries after its size are not covered).
    assert verify_history_against_checkpoint(json.dumps(LOG["history"]), cp["note"], VKEY)["size"] == cp["size"]
    assert verify_history_against_checkpoint(LOG["history"], cp["note"], parse_verifier_key(VKEY))["size"] == cp["size"]


def test_every_inclusion_proof():
    assert len(LOG["inclusion"]) == 66
    for p in LOG["inclusion"]:
        index, size, leaf, root = p["index"], p["size"], bytes.fromhex(p["leaf_hash"]), p["root"]
        assert p["leaf_hash"] == LOG["leaves"][index]["leaf_hash"] and root == CHECKPOINTS[size]["root"]
        verify_inclusion(index, size, leaf, [b64(h) for h in p["proof"]], b64(root))
        verify_inclusion(index, size, leaf, p["proof"], root)
        if size > 1:
            other = bytes.fromhex(LOG["leaves"][(index + 1) % size]["leaf_hash"])
            rejects("root_mismatch", verify_inclusion, index, size, other, p["proof"], root)
        if p["proof"]:
            rejects("bad_proof", verify_inclusion, index, size, leaf, p["proof"][1:], root)
        rejects("bad_proof", verify_inclusion, index, size, leaf, p["proof"] + [root], root)
    rejects("bad_proof", verify_inclusion, 11, 11, bytes.fromhex(LOG["leaves"][0]["leaf_hash"]), [],
            CHECKPOINTS[11]["root"])


def test_every_consistency_proof():
    assert len(LOG["consistency"]) == 78
    for p in LOG["consistency"]:
        m, n, proof = p["from"], p["to"], p["proof"]
        assert p["from_root"] == CHECKPOINTS[m]["root"] and p["to_root"] == CHECKPOINTS[n]["root"]
        verify_consistency(m, n, b64(p["from_root"]), b64(p["to_root"]), [b64(h) for h in proof])
        verify_consistency(m, n, p["from_root"], p["to_root"], proof)
        if 0 < m < n:
            rejects("inconsistent", verify_consistency, m, n, p["from_root"], CHECKPOINTS[n - 1]["root"], proof)
            rejects("bad_proof", verify_consistency, m, n, p["from_root"], p["to_root"], proof[1:])
        assert verify_checkpoint_update(CHECKPOINTS[m]["note"], CHECKPOINTS[n]["note"], proof, VKEY)["size"] == n


CHECKS = {
    "checkpoint": lambda c: verify_checkpoint(c["note"], c["verifier_key"]),
    "inclusion": lambda c: verify_inclusion(c["index"], c["size"], bytes.fromhex(c["leaf_hash"]), c["proof"], c["root"]),
    "consistency": lambda c: verify_consistency(c["from"], c["to"], c["from_root"], c["to_root"], c["proof"]),
    "update": lambda c: verify_checkpoint_update(c["trusted"], c["note"], c.get("proof", []), c["verifier_key"]),
    "history": lambda c: verify_history_against_checkpoint(json.dumps(c["history"]), c["note"], c["verifier_key"]),
}


@pytest.mark.parametrize("case", LOG["negative"], ids=[c["name"] for c in LOG["negative"]])
def test_negative_case(case):
    assert case["kind"] in CHECKS
    rejects(case["error"], CHECKS[case["kind"]], case)


def test_the_fork_is_only_exposed_by_the_pinned_checkpoint():
    assert sorted(c["name"] for c in LOG["negative"]) == [
        "fork", "fork-consistency", "history-truncated", "history-vs-fork", "inclusion-flipped", "other-key",
        "other-origin", "rollback", "size-changed"]
    fork = next(c for c in LOG["negative"] if c["name"] == "fork")
    assert verify_history(fork["history"], LOG["hmac_keys"])["ok"]
    assert verify_history_against_checkpoint(fork["history"], fork["note"], VKEY)["size"] == 11
    proof = next(p for p in LOG["consistency"] if (p["from"], p["to"]) == (6, 11))["proof"]
    rejects("inconsistent", verify_checkpoint_update, CHECKPOINTS[6]["note"], fork["note"], proof, VKEY)


def test_another_project_and_malformed_input():
    other = dict(LOG["history"], project="other")
    rejects("project_mismatch", verify_history_against_checkpoint, other, CHECKPOINTS[11]["note"], VKEY)
    rejects("malformed", verify_checkpoint, "no signature\n", VKEY)
    rejects("malformed", verify_checkpoint, CHECKPOINTS[3]["note"].replace("\u2014", "-"), VKEY)
    entries = list(LOG["history"]["entries"])
    entries[0], entries[1] = entries[1], entries[0]
    rejects("malformed", verify_history_against_checkpoint, dict(LOG["history"], entries=entries),
            CHECKPOINTS[2]["note"], VKEY)
    rejects("malformed", verify_history_against_checkpoint, "not json", CHECKPOINTS[2]["note"], VKEY)


def test_the_go_testdata_copy_is_the_same_file():
    copy = VECTORS.parents[1] / "clients" / "go" / "verify" / "testdata" / "log.json"
    assert copy.read_text(encoding="utf-8") == TEXT
