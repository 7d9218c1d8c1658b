#!/usr/bin/env python3
"""Writes the shared test vectors of the history chain and the state checksum (docs/CHAIN.md).

    clients/python/.venv/bin/python docs/vectors/generate.py           # rewrite the files
    clients/python/.venv/bin/python docs/vectors/generate.py --check   # exit 1 if they would change

Outputs (committed; every verifier - Java, TypeScript, Go, Python - runs them):
  docs/vectors/chains.json           valid and tampered `.trae/history.json` chains with their keys
                                     (kid -> secret) and the expected verification result
  docs/vectors/state-checksums.json  state documents with their RFC 8785 form and checksum

Only the standard library and `rfc8785` (the RFC 8785 implementation the Python client uses) are
needed. Numbers follow RFC 8785: they are IEEE-754 doubles, so integers above 2^53 are signed by
their double value. Some vectors are written with non-canonical number literals (1.50, 1E21, -0.0,
...) so that every verifier has to parse and re-canonicalise them rather than hash file text.
"""
import copy
import hashlib
import hmac
import json
import pathlib
import sys

import rfc8785

HERE = pathlib.Path(__file__).resolve().parent
GENESIS = "0" * 64
SAFE = 2**53 - 1


class Raw:
    """A number written into the vector file exactly as `text` (signed as float(text))."""

    registry = {}

    def __init__(self, text):
        self.text = text
        self.token = f"@@raw{len(Raw.registry)}@@"
        Raw.registry[self.token] = text


def as_doubles(value):
    """The value as RFC 8785 sees it: every number a double."""
    if isinstance(value, Raw):
        return float(value.text)
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, int):
        return value if -SAFE <= value <= SAFE else float(value)
    if isinstance(value, float):
        return value
    if isinstance(value, list):
        return [as_doubles(v) for v in value]
    return {k: as_doubles(v) for k, v in value.items()}


def for_file(value):
    """The value with Raw numbers replaced by their tokens (substituted after json.dumps)."""
    if isinstance(value, Raw):
        return value.token
    if isinstance(value, list):
        return [for_file(v) for v in value]
    if isinstance(value, dict):
        return {k: for_file(v) for k, v in value.items()}
    return value


def jcs(value):
    return rfc8785.dumps(as_doubles(value)).decode("utf-8")


MESSAGE_MEMBERS = ("seq", "ts", "actor", "action", "cp_from", "cp_to", "state_checksum", "metadata", "kid", "hmac_prev")


def message(project, entry):
    msg = {"project": project}
    for member in MESSAGE_MEMBERS:
        msg[member] = entry[member]
    return jcs(msg)


def sign(secret, text):
    return hmac.new(secret.encode("utf-8"), text.encode("utf-8"), hashlib.sha256).hexdigest()


def checksum(document):
    return "sha256:" + hashlib.sha256(jcs(document).encode("utf-8")).hexdigest()


def chain(project, keys, drafts):
    """Signs drafts (dicts without seq/hmac_prev/hmac) into a linked chain."""
    entries, prev = [], GENESIS
    for seq, draft in enumerate(drafts, start=1):
        entry = {
            "seq": seq,
            "ts": draft["ts"],
            "actor": draft["actor"],
            "action": draft["action"],
            "cp_from": draft.get("cp_from"),
            "cp_to": draft.get("cp_to"),
            "state_checksum": draft.get("state_checksum"),
            "metadata": draft.get("metadata"),
            "kid": draft["kid"],
            "hmac_prev": prev,
        }
        entry["hmac"] = sign(keys[entry["kid"]], message(project, entry))
        prev = entry["hmac"]
        entries.append(entry)
    return entries


def history(project, entries):
    return {"format": "devstate-history/1", "project": project, "entries": entries}


def ok_result(entries):
    head = {"seq": entries[-1]["seq"], "hmac": entries[-1]["hmac"]} if entries else None
    return {"ok": True, "verified": len(entries), "head": head, "failure": None}


def failed_result(entries_before, seq, reason, expected, actual):
    head = {"seq": entries_before[-1]["seq"], "hmac": entries_before[-1]["hmac"]} if entries_before else None
    return {"ok": False, "verified": len(entries_before), "head": head,
            "failure": {"seq": seq, "reason": reason, "expected": expected, "actual": actual}}


# --- the chains -------------------------------------------------------------------------------

BASIC_KEYS = {"k1": "test-secret"}
BASIC = chain("default", BASIC_KEYS, [
    {"ts": "2026-11-25T10:00:00.123456Z", "actor": "alice", "action": "note", "cp_to": "CP1-LC",
     "metadata": {"b": [1, 2], "a": "é"}, "kid": "k1"},
    {"ts": "2026-11-25T10:00:01.000000Z", "actor": "alice", "action": "note", "kid": "k1"},
])
# docs/CHAIN.md pins these two hmacs; the vectors must agree with it.
assert BASIC[0]["hmac"] == "5f51f8f9134668f2817bf5d0e06e84e2b3065502ed39b19c75827562d273315d"
assert BASIC[1]["hmac"] == "f8302a5e547178c5c7dbe6d0307cbf3f58e2d30438f05f071a70a2e5c6620268"

STATE_CP1 = {"project": "beamline", "version": "1.0.0", "current_cp": "CP1-LC", "no_drift": True, "agents": [],
             "artifact_checksums": [], "migration_params": {"batch_size": 500}, "updated_at": "2026-11-25T09:00:00Z"}
STATE_CP2 = {"project": "beamline", "version": "1.0.0", "current_cp": "CP2-LC", "no_drift": True,
             "agents": [{"id": "a1", "name": "planner", "task": "split CP2 into tasks", "cp": "CP2-LC",
                         "status": "in_progress"}],
             "artifact_checksums": [{"path": "docs/ARCHITECTURE.md",
                                     "hash": "890cabe271136403326f8252c59cfdd47160fa63fe7a37801d3bffc1dbbf03f3",
                                     "ts": "2026-11-25T09:58:12Z"}],
             "updated_at": "2026-11-25T10:00:00Z"}

MULTI_KEYS = {"k1": "first secret", "k2": "second secret, rotated 2026-11-25", "2026-q4": "çlé ünïcode 🔑"}
MULTI = chain("beamline", MULTI_KEYS, [
    {"ts": "2026-11-25T09:00:00.000001Z", "actor": "ci", "action": "update_state", "cp_to": "CP1-LC",
     "state_checksum": checksum(STATE_CP1), "kid": "k1"},
    {"ts": "2026-11-25T09:30:00.250000Z", "actor": "agent:planner", "action": "cp_transition", "cp_from": "CP1-LC",
     "cp_to": "CP2-LC", "state_checksum": checksum(STATE_CP1), "metadata": {"ticket": "DS-17"}, "kid": "k1"},
    {"ts": "2026-11-25T10:00:00.000000Z", "actor": "ops", "action": "key_rotated",
     "metadata": {"from_kid": "k1", "to_kid": "k2"}, "kid": "k2"},
    {"ts": "2026-11-25T10:00:05.123456Z", "actor": "alice", "action": "update_state", "cp_from": "CP1-LC",
     "cp_to": "CP2-LC", "state_checksum": checksum(STATE_CP2), "metadata": {"reason": "cp2 kickoff"}, "kid": "k2"},
    {"ts": "2026-11-25T10:01:00.999999Z", "actor": "alice", "action": "tombstone",
     "metadata": {"reason": "duplicate", "target_seq": 2}, "kid": "2026-q4"},
    {"ts": "2026-11-25T10:02:00.000000Z", "actor": "ci", "action": "build",
     "metadata": {"run": 42, "nested": {"deeper": {"deepest": [{"z": None, "a": [True, False, []]}, {}]}}},
     "kid": "2026-q4"},
])

UNICODE_KEYS = {"k1": "unicode-secret"}
UNICODE = chain("unicode.test", UNICODE_KEYS, [
    {"ts": "2026-11-25T11:00:00.000000Z", "actor": "Zoë Ångström", "action": "note", "cp_to": "CP1-ÉTÉ",
     "metadata": {"€": "euro", "\r": "carriage return", "10": "ten", "1": "one", "😀": "emoji (surrogate pair)",
                  "\ufb33": "hebrew dalet with dagesh (sorts after the emoji in UTF-16)", "ö": "o-umlaut",
                  "ab": "ab"}, "kid": "k1"},
    {"ts": "2026-11-25T11:00:01.000000Z", "actor": "агент-7", "action": "review",
     "metadata": {"text": "quote \" backslash \\ slash / tab \t newline \n control \u001f del \u007f",
                  "separators": "\u2028\u2029", "rtl": "שלום עולם", "cjk": "状态与审计", "astral": "𝄞 𝕏 🧪",
                  "combining": "e\u0301 vs \u00e9"}, "kid": "k1"},
])

NUMBERS_KEYS = {"num": "numbers-secret"}
NUMBER_METADATA = {
    "big_exponent": Raw("1E21"),
    "just_below": Raw("1e20"),
    "one_and_a_half": Raw("1.50"),
    "negative_zero": Raw("-0"),
    "negative_zero_float": Raw("-0.0"),
    "tiny": Raw("1e-7"),
    "small": Raw("0.000001"),
    "max_safe": 9007199254740991,
    "above_safe": 9007199254740993,
    "two_pow_64": 18446744073709551616,
    "min_safe": -9007199254740991,
    "float_int": Raw("100.0"),
    "sum": 0.1 + 0.2,
    "min_subnormal": Raw("5e-324"),
    "max_double": Raw("1.7976931348623157e308"),
    "negative": Raw("-1.25E-3"),
    "list": [Raw("1.0"), Raw("2.50"), Raw("3e0"), Raw("-4E+2"), 333333333.33333329, 1e-27],
}
NUMBERS = chain("numbers", NUMBERS_KEYS, [
    {"ts": "2026-11-25T12:00:00.000000Z", "actor": "calc", "action": "measure", "metadata": NUMBER_METADATA,
     "kid": "num"},
    {"ts": "2026-11-25T12:00:00.000001Z", "actor": "calc", "action": "measure",
     "metadata": {"nested": {"values": [Raw("1e21"), Raw("1.5"), Raw("-0"), Raw("1e-7"), 4294967296]}},
     "kid": "num"},
])


def reordered(entry, order):
    return {k: entry[k] for k in order}


def case(name, description, keys, project, entries, expected, include_messages=False):
    c = {"name": name, "description": description, "keys": keys,
         "history": history(project, entries), "expected": expected}
    if include_messages:
        c["messages"] = [message(project, e) for e in entries]
    return c


def build_chains():
    cases = []
    cases.append(case("basic", "The two entries of docs/CHAIN.md.", BASIC_KEYS, "default", BASIC, ok_result(BASIC), True))
    cases.append(case("multi-kid", "Three kids, state updates, a key rotation entry, a tombstone, nested metadata.",
                      MULTI_KEYS, "beamline", MULTI, ok_result(MULTI), True))
    cases.append(case("unicode", "Non-ASCII actors, checkpoints, metadata keys sorted by UTF-16 code units, escapes.",
                      UNICODE_KEYS, "unicode.test", UNICODE, ok_result(UNICODE), True))
    cases.append(case("numbers", "Numbers in non-canonical literals (1E21, 1.50, -0, 1e-7, above 2^53): signed by "
                      "their RFC 8785 (double) form.", NUMBERS_KEYS, "numbers", NUMBERS, ok_result(NUMBERS), True))
    shuffled = [reordered(e, ["hmac", "metadata", "seq", "kid", "ts", "hmac_prev", "action", "actor", "state_checksum",
                              "cp_to", "cp_from"]) for e in MULTI]
    shuffled[5] = dict(shuffled[5], metadata={"run": 42, "nested": {"deeper": {"deepest": [
        {"a": [True, False, []], "z": None}, {}]}}})
    cases.append(case("member-order", "The multi-kid chain with entry and metadata members in another order: "
                      "still valid (the message is canonical).", MULTI_KEYS, "beamline", shuffled, ok_result(MULTI)))
    cases.append(case("empty", "A history without entries.", {"k1": "whatever"}, "empty", [], ok_result([])))

    # --- tampered ---
    edited = copy.deepcopy(MULTI)
    edited[1]["metadata"] = {"ticket": "DS-18"}
    cases.append(case("edited-metadata", "Entry 2's metadata was edited, its hmac kept.", MULTI_KEYS, "beamline",
                      edited, failed_result(MULTI[:1], 2, "hmac_mismatch", None, MULTI[1]["hmac"])))

    edited = copy.deepcopy(MULTI)
    edited[3]["actor"] = "mallory"
    cases.append(case("edited-actor", "Entry 4's actor was edited.", MULTI_KEYS, "beamline", edited,
                      failed_result(MULTI[:3], 4, "hmac_mismatch", None, MULTI[3]["hmac"])))

    edited = copy.deepcopy(NUMBERS)
    edited[0]["metadata"] = dict(edited[0]["metadata"], one_and_a_half=Raw("1.25"))
    cases.append(case("edited-number", "A number in entry 1's metadata changed value (1.50 -> 1.25).", NUMBERS_KEYS,
                      "numbers", edited, failed_result([], 1, "hmac_mismatch", None, NUMBERS[0]["hmac"])))

    cases.append(case("other-project", "The multi-kid chain presented as another project's: the project is signed.",
                      MULTI_KEYS, "beamline-copy", MULTI, failed_result([], 1, "hmac_mismatch", None, MULTI[0]["hmac"])))

    wrong_key = dict(MULTI_KEYS, k2="not the secret")
    cases.append(case("wrong-secret", "The keyring has another secret for k2.", wrong_key, "beamline", MULTI,
                      failed_result(MULTI[:2], 3, "hmac_mismatch", None, MULTI[2]["hmac"])))

    resigned = copy.deepcopy(MULTI)
    forged = dict(resigned[2], metadata={"from_kid": "k1", "to_kid": "evil"})
    forged["hmac"] = sign(MULTI_KEYS["k2"], message("beamline", forged))
    resigned[2] = forged
    cases.append(case("resigned-entry", "Entry 3 was edited and re-signed with the right key, so entry 4 no longer "
                      "links to it.", MULTI_KEYS, "beamline", resigned,
                      failed_result(resigned[:3], 4, "prev_mismatch", forged["hmac"], MULTI[3]["hmac_prev"])))

    spliced = copy.deepcopy(MULTI)
    spliced[4]["hmac_prev"] = "f" * 64
    cases.append(case("bad-prev", "Entry 5's hmac_prev points at nothing.", MULTI_KEYS, "beamline", spliced,
                      failed_result(MULTI[:4], 5, "prev_mismatch", MULTI[3]["hmac"], "f" * 64)))

    cases.append(case("deleted-entry", "Entry 3 was deleted.", MULTI_KEYS, "beamline", MULTI[:2] + MULTI[3:],
                      failed_result(MULTI[:2], 3, "seq_gap", "3", "4")))

    cases.append(case("swapped-entries", "Entries 2 and 3 were swapped.", MULTI_KEYS, "beamline",
                      [MULTI[0], MULTI[2], MULTI[1]] + MULTI[3:], failed_result(MULTI[:1], 2, "seq_gap", "2", "3")))

    cases.append(case("inserted-entry", "A copy of entry 2 was inserted after it.", MULTI_KEYS, "beamline",
                      MULTI[:2] + [MULTI[1]] + MULTI[2:], failed_result(MULTI[:2], 3, "seq_gap", "3", "2")))

    cases.append(case("starts-at-2", "Entry 1 is missing.", MULTI_KEYS, "beamline", MULTI[1:],
                      failed_result([], 1, "seq_gap", "1", "2")))

    no_k2 = {k: v for k, v in MULTI_KEYS.items() if k != "k2"}
    cases.append(case("unknown-kid", "The keyring lacks k2, which signed entry 3.", no_k2, "beamline", MULTI,
                      failed_result(MULTI[:2], 3, "unknown_kid", None, "k2")))

    return {
        "description": "Shared vectors of the DevState history chain (docs/CHAIN.md). Each case: the keys "
                       "(kid -> secret, UTF-8 bytes are the HMAC key), a .trae/history.json document, and the "
                       "expected result of verifying it from seq 1 ({ok, verified, head, failure}, failure "
                       "{seq, reason, expected, actual} as GET /v1/devstate/verify). Valid cases also list the "
                       "canonical message of every entry. Generated by docs/vectors/generate.py.",
        "cases": cases,
    }


def build_checksums():
    unicode_state = dict(STATE_CP1, project="unicode", current_cp="CP3-ÉTÉ",
                         agents=[{"id": "😀", "name": "Zoë", "task": "\u2028 line separator", "cp": "CP3-ÉTÉ",
                                  "status": "idle"}],
                         extra={"€": 1, "\r": 2, "\ufb33": 3, "😀": 4, "ö": 5})
    numbers_state = dict(STATE_CP1, project="numbers", migration_params={
        "batch_size": Raw("500.0"), "ratio": Raw("1.50"), "huge": Raw("1E21"), "tiny": Raw("1e-7"),
        "neg_zero": Raw("-0"), "above_safe": 9007199254740993})
    docs = [
        ("chain-md", "The state of docs/CHAIN.md.",
         {"project": "demo", "version": "1.0.0", "current_cp": "CP1-LC", "no_drift": True, "agents": [],
          "artifact_checksums": [], "updated_at": "2026-11-25T10:00:00Z"}),
        ("beamline-cp1", "docs/API.md's first state.", STATE_CP1),
        ("beamline-cp2", "docs/API.md's state after the merge patch.", STATE_CP2),
        ("unicode", "Non-ASCII values and member names.", unicode_state),
        ("numbers", "Non-canonical number literals.", numbers_state),
    ]
    vectors = [{"name": n, "description": d, "state": s, "canonical": jcs(s), "checksum": checksum(s)}
               for n, d, s in docs]
    assert vectors[0]["checksum"] == "sha256:98a9cf074f32e5f75df7fd426a289107153924cf5197851c5998b77f7f4f79e1"
    return {
        "description": "State checksum vectors: checksum = \"sha256:\" + hex(SHA-256(UTF-8(JCS(state)))). "
                       "`canonical` is the RFC 8785 text. Generated by docs/vectors/generate.py.",
        "cases": vectors,
    }


def render(document):
    text = json.dumps(for_file(document), indent=2, ensure_ascii=False) + "\n"
    for token, raw in Raw.registry.items():
        text = text.replace(f'"{token}"', raw)
    json.loads(text)  # still JSON
    return text


def outputs():
    return {"chains.json": render(build_chains()), "state-checksums.json": render(build_checksums())}


def main(argv):
    check = "--check" in argv
    stale = []
    for name, text in outputs().items():
        path = HERE / name
        if check:
            if not path.exists() or path.read_text(encoding="utf-8") != text:
                stale.append(name)
        else:
            path.write_text(text, encoding="utf-8")
    if stale:
        print("docs/vectors out of date: " + ", ".join(stale) + " (run docs/vectors/generate.py)", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
