"""Offline verification of a DevState history chain (``.trae/history.json``) and the state
checksum (``.trae/state.json``), exactly as docs/CHAIN.md specifies. Hand-written: not overwritten
by scripts/generate-clients.sh (see .openapi-generator-ignore).

    from devstate_client.verify import verify_history, state_checksum
    result = verify_history(open(".trae/history.json").read(), {"k1": os.environ["HMAC_SECRET"]})
    if not result["ok"]:
        print(result["failure"])   # {"seq", "reason", "expected", "actual"}

Entries fetched through the client (``search_history``, ``get_history_entry``) verify too, with
``verify_history(history_of(project, entries), keys)``: the client keeps every signed member, ``ts``
included, as the text the service sent.
"""
from __future__ import annotations

import hashlib
import hmac
import json
from typing import Any, Dict, Iterable, List, Mapping, Optional, Union

import rfc8785

__all__ = [
    "HISTORY_FORMAT", "GENESIS_HMAC", "entry_message", "entry_hmac", "verify_history", "state_checksum",
    "resign_history", "history_of",
]

HISTORY_FORMAT = "devstate-history/1"
GENESIS_HMAC = "0" * 64
_SAFE = 2**53 - 1
_MESSAGE_MEMBERS = ("seq", "ts", "actor", "action", "cp_from", "cp_to", "state_checksum", "metadata", "kid",
                    "hmac_prev")

History = Union[str, bytes, Mapping[str, Any]]


def _as_doubles(value: Any) -> Any:
    """RFC 8785 numbers are IEEE-754 doubles: integers beyond 2^53 are signed by their double value."""
    if isinstance(value, bool) or value is None or isinstance(value, (str, float)):
        return value
    if isinstance(value, int):
        return value if -_SAFE <= value <= _SAFE else float(value)
    if isinstance(value, (list, tuple)):
        return [_as_doubles(v) for v in value]
    if isinstance(value, Mapping):
        return {k: _as_doubles(v) for k, v in value.items()}
    return value


def _jcs(value: Any) -> bytes:
    return rfc8785.dumps(_as_doubles(value))


def entry_message(project: str, entry: Mapping[str, Any]) -> str:
    """The canonical message an entry's hmac is computed over (every member but hmac, plus project)."""
    message: Dict[str, Any] = {"project": project}
    for member in _MESSAGE_MEMBERS:
        message[member] = entry.get(member)
    return _jcs(message).decode("utf-8")


def entry_hmac(project: str, entry: Mapping[str, Any], secret: str) -> str:
    """Lowercase hex HMAC-SHA256 of the entry's message; the secret's UTF-8 bytes are the key."""
    return hmac.new(secret.encode("utf-8"), entry_message(project, entry).encode("utf-8"), hashlib.sha256).hexdigest()


def _parse(history: History) -> Mapping[str, Any]:
    document = json.loads(history) if isinstance(history, (str, bytes)) else history
    if (not isinstance(document, Mapping) or document.get("format") != HISTORY_FORMAT
            or not isinstance(document.get("project"), str) or not isinstance(document.get("entries"), list)):
        raise ValueError(f"not a {HISTORY_FORMAT} document ({{format, project, entries}})")
    return document


def verify_history(history: History, keys: Mapping[str, str]) -> Dict[str, Any]:
    """Verifies a ``.trae/history.json`` (text or parsed) from seq 1 with keys (kid -> secret).

    Returns ``{"ok", "verified", "head", "failure"}`` like ``GET /v1/devstate/verify``; ``failure`` is
    the first failed check, ``{"seq", "reason", "expected", "actual"}``, reason one of
    ``hmac_mismatch``, ``prev_mismatch``, ``seq_gap``, ``unknown_kid``. Raises ValueError only for a
    malformed document.
    """
    document = _parse(history)
    project = document["project"]
    expected_seq, prev = 1, GENESIS_HMAC
    head: Optional[Dict[str, Any]] = None

    def fail(seq: int, reason: str, expected: Optional[str], actual: Optional[str]) -> Dict[str, Any]:
        return {"ok": False, "verified": expected_seq - 1, "head": head,
                "failure": {"seq": seq, "reason": reason, "expected": expected, "actual": actual}}

    for entry in document["entries"]:
        seq = entry.get("seq")
        if isinstance(seq, bool) or not isinstance(seq, (int, float)) or seq != expected_seq:
            return fail(expected_seq, "seq_gap", str(expected_seq), str(seq))
        if entry.get("hmac_prev") != prev:
            return fail(expected_seq, "prev_mismatch", prev, entry.get("hmac_prev"))
        kid = entry.get("kid")
        if kid not in keys:
            return fail(expected_seq, "unknown_kid", None, kid)
        actual = entry.get("hmac")
        if not isinstance(actual, str) or not hmac.compare_digest(entry_hmac(project, entry, keys[kid]).encode(),
                                                                   actual.encode()):
            return fail(expected_seq, "hmac_mismatch", None, actual)
        prev = actual
        head = {"seq": expected_seq, "hmac": actual}
        expected_seq += 1
    return {"ok": True, "verified": expected_seq - 1, "head": head, "failure": None}


def state_checksum(state: Union[str, bytes, Mapping[str, Any]]) -> str:
    """``sha256:`` + hex SHA-256 of the RFC 8785 form of a state document (text or parsed)."""
    document = json.loads(state) if isinstance(state, (str, bytes)) else state
    return "sha256:" + hashlib.sha256(_jcs(document)).hexdigest()


def resign_history(history: History, project: str, kid: str, secret: str) -> Dict[str, Any]:
    """The same entries signed again for ``project`` with one key, e.g. to move a chain signed with a
    test key into a fresh project. The result verifies with ``{kid: secret}``."""
    document = _parse(history)
    prev, entries = GENESIS_HMAC, []  # type: str, List[Dict[str, Any]]
    for entry in document["entries"]:
        signed = dict(entry, kid=kid, hmac_prev=prev)
        signed["hmac"] = entry_hmac(project, signed, secret)
        prev = signed["hmac"]
        entries.append(signed)
    return {"format": HISTORY_FORMAT, "project": project, "entries": entries}


def history_of(project: str, entries: Iterable[Any]) -> Dict[str, Any]:
    """The ``.trae/history.json`` document of entries fetched through the client (``HistoryEntry``
    models or their dicts, in any order: search pages are newest first), oldest first, for
    ``verify_history`` and ``resign_history``."""
    rows = [entry.to_dict() if hasattr(entry, "to_dict") else dict(entry) for entry in entries]
    rows.sort(key=lambda row: row["seq"])
    members = _MESSAGE_MEMBERS + ("hmac",)
    return {"format": HISTORY_FORMAT, "project": project,
            "entries": [{member: row.get(member) for member in members} for row in rows]}
