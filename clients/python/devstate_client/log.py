"""Offline verification of a DevState project's transparency log (docs/CHAIN.md, "The log"): the
RFC 6962 / RFC 9162 Merkle tree over the history entries, inclusion and consistency proofs, and
checkpoints (C2SP tlog-checkpoint) signed as C2SP signed-notes with Ed25519. No secret is needed,
only the project's verifier key ``<origin>+<key id>+<base64(0x01 || public key)>``, pinned once.
Hand-written: not written by scripts/generate-clients.sh.

    from devstate_client.log import verify_history_against_checkpoint, verify_checkpoint_update
    cp = verify_history_against_checkpoint(open(".trae/history.json").read(), note, verifier_key)
    # next time: verify_checkpoint_update(cp["note"], newer_note, consistency_proof, verifier_key)

:class:`TrustedHead` keeps the last verified checkpoint in a file and accepts only checkpoints proven
to extend it: ``TrustedHead(".devstate-head", verifier_key).check(LogApi(api_client), project)``.

Every check raises :class:`LogVerificationError` whose ``reason`` says what failed (the reasons of
docs/vectors/log.json's negative cases). Hashes are ``bytes`` or the standard base64 text the API
and checkpoints use. Ed25519 comes from ``cryptography``, RFC 8785 from ``rfc8785`` (as the chain
verifier).
"""
from __future__ import annotations

import base64
import binascii
import hashlib
import json
import os
import re
import tempfile
from typing import TYPE_CHECKING, Any, Dict, List, Mapping, Optional, Sequence, Union

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from devstate_client.exceptions import NotFoundException
from devstate_client.verify import HISTORY_FORMAT, _jcs

if TYPE_CHECKING:
    from devstate_client.api.log_api import LogApi

__all__ = [
    "EMPTY_ROOT", "LogVerificationError", "VerifierKey", "leaf_data", "leaf_hash", "root_of", "verify_inclusion",
    "verify_consistency", "parse_verifier_key", "verify_checkpoint", "verify_checkpoint_update",
    "verify_history_against_checkpoint", "TrustedHead",
]

Hash = Union[bytes, bytearray, str]
History = Union[str, bytes, Mapping[str, Any]]

_ED25519 = 0x01
_BASE64 = re.compile(r"(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?\Z")
_SIGNATURE_LINE = re.compile(r"\u2014 (\S+) ([A-Za-z0-9+/=]+)\Z")
_SIZE = re.compile(r"(?:0|[1-9][0-9]*)\Z")

EMPTY_ROOT = hashlib.sha256(b"").digest()
"""The hash of the empty tree: SHA-256 of nothing."""


class LogVerificationError(ValueError):
    """A failed log check. ``reason`` is one of ``malformed``, ``bad_key``, ``unknown_key``,
    ``bad_signature``, ``wrong_origin``, ``bad_proof``, ``root_mismatch``, ``inconsistent``,
    ``rollback``, ``project_mismatch``, ``too_short``, or ``rewritten`` (a :class:`TrustedHead` refused a
    checkpoint not proven to extend the trusted one)."""

    def __init__(self, reason: str, message: str):
        # A refusal's message is the one every client and the CLI print word for word: no prefix.
        super().__init__(message if reason == "rewritten" else f"{reason}: {message}")
        self.reason = reason
        self.detail = message  # the message without its reason


def _fail(reason: str, message: str):
    raise LogVerificationError(reason, message)


def _b64decode(text: str, what: str) -> bytes:
    if not isinstance(text, str) or not _BASE64.match(text):
        _fail("malformed", f"{what} is not standard base64")
    try:
        return base64.b64decode(text, validate=True)
    except binascii.Error:
        _fail("malformed", f"{what} is not standard base64")


def _hash(value: Hash, what: str) -> bytes:
    data = _b64decode(value, what) if isinstance(value, str) else bytes(value)
    if len(data) != 32:
        _fail("malformed", f"{what} is not a 32-byte hash")
    return data


def _node(left: bytes, right: bytes) -> bytes:
    return hashlib.sha256(b"\x01" + left + right).digest()


def _check_size(value: Any, what: str) -> None:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        _fail("bad_proof", f"{what} must be a non-negative integer, not {value!r}")


def leaf_data(entry: Mapping[str, Any], project: str) -> str:
    """The leaf data of an entry: RFC 8785 of the entry with all its members plus ``project``."""
    return _jcs(dict(entry, project=project)).decode("utf-8")


def leaf_hash(entry: Mapping[str, Any], project: str) -> bytes:
    """SHA-256(0x00 || leaf data): the entry's leaf hash."""
    return hashlib.sha256(b"\x00" + leaf_data(entry, project).encode("utf-8")).digest()


def root_of(leaf_hashes: Sequence[Hash]) -> bytes:
    """The RFC 6962 Merkle tree hash of the leaves (``EMPTY_ROOT`` for none)."""
    if not leaf_hashes:
        return EMPTY_ROOT
    # A compact range: the roots of the perfect subtrees, largest first; merged from the right.
    stack: List[List[Any]] = []
    for i, leaf in enumerate(leaf_hashes):
        item = [_hash(leaf, f"leaf hash {i}"), 1]
        while stack and stack[-1][1] == item[1]:
            left = stack.pop()
            item = [_node(left[0], item[0]), left[1] * 2]
        stack.append(item)
    root = stack.pop()[0]
    while stack:
        root = _node(stack.pop()[0], root)
    return root


def verify_inclusion(index: int, size: int, leaf: Hash, proof: Sequence[Hash], root: Hash) -> None:
    """Checks that ``leaf`` (a leaf hash) is at ``index`` in the tree of ``size`` leaves whose root is
    ``root`` (RFC 9162 section 2.1.3.2). Raises ``bad_proof`` or ``root_mismatch``."""
    _check_size(index, "index")
    _check_size(size, "size")
    if index >= size:
        _fail("bad_proof", f"index {index} is not in a tree of size {size}")
    fn, sn = index, size - 1
    r = _hash(leaf, "leaf hash")
    for i, item in enumerate(proof):
        p = _hash(item, f"proof hash {i}")
        if sn == 0:
            _fail("bad_proof", f"the proof has more than {i} hashes")
        if fn & 1 or fn == sn:
            r = _node(p, r)
            while not fn & 1 and fn != 0:
                fn >>= 1
                sn >>= 1
        else:
            r = _node(r, p)
        fn >>= 1
        sn >>= 1
    if sn != 0:
        _fail("bad_proof", f"the proof has too few hashes ({len(proof)})")
    if r != _hash(root, "root"):
        _fail("root_mismatch", f"the proof of index {index} does not lead to the root of size {size}")


def verify_consistency(m: int, n: int, root_m: Hash, root_n: Hash, proof: Sequence[Hash]) -> None:
    """Checks that the tree of size ``n`` with root ``root_n`` extends the tree of size ``m`` with root
    ``root_m`` (RFC 9162 section 2.1.4.2; a tree of size 0 is extended by every tree, with an empty
    proof). Raises ``bad_proof`` or ``inconsistent``."""
    _check_size(m, "from size")
    _check_size(n, "to size")
    if m > n:
        _fail("bad_proof", f"size {m} is larger than size {n}")
    first, second = _hash(root_m, "from root"), _hash(root_n, "to root")
    path = [_hash(item, f"proof hash {i}") for i, item in enumerate(proof)]
    if m == n or m == 0:
        if path:
            _fail("bad_proof", f"a proof from size {m} to {n} is empty")
        if m == n and first != second:
            _fail("inconsistent", f"two different roots of size {m}")
        return
    if not path:
        _fail("bad_proof", "empty proof")
    if m & (m - 1) == 0:
        path.insert(0, first)
    fn, sn = m - 1, n - 1
    while fn & 1:
        fn >>= 1
        sn >>= 1
    fr = sr = path[0]
    for c in path[1:]:
        if sn == 0:
            _fail("bad_proof", "the proof has too many hashes")
        if fn & 1 or fn == sn:
            fr = _node(c, fr)
            sr = _node(c, sr)
            while not fn & 1 and fn != 0:
                fn >>= 1
                sn >>= 1
        else:
            sr = _node(sr, c)
        fn >>= 1
        sn >>= 1
    if sn != 0:
        _fail("bad_proof", "the proof has too few hashes")
    if fr != first or sr != second:
        _fail("inconsistent", f"the tree of size {n} does not extend the tree of size {m}")


class VerifierKey:
    """A parsed note verifier key: ``name`` (the checkpoints' origin), ``key_id`` (8 hex digits),
    ``public_key`` (32 bytes)."""

    def __init__(self, name: str, key_id: str, public_key: bytes):
        self.name = name
        self.key_id = key_id
        self.public_key = public_key
        self._key = Ed25519PublicKey.from_public_bytes(public_key)

    def verify(self, signature: bytes, message: bytes) -> bool:
        try:
            self._key.verify(signature, message)
            return True
        except InvalidSignature:
            return False

    def __repr__(self) -> str:
        return f"VerifierKey({self.name}+{self.key_id})"


def _key_id(name: str, public_key: bytes) -> str:
    return hashlib.sha256(name.encode("utf-8") + b"\n" + bytes([_ED25519]) + public_key).digest()[:4].hex()


def _valid_name(name: str) -> bool:
    return bool(name) and "+" not in name and not any(c.isspace() for c in name)


def parse_verifier_key(vkey: str) -> VerifierKey:
    """Reads a note verifier key ``<name>+<8 hex key ID>+<base64(0x01 || 32-byte Ed25519 key)>``."""
    # The name and the key ID end at the first two "+": the base64 key may hold "+" itself.
    parts = vkey.strip().split("+", 2) if isinstance(vkey, str) else []
    if len(parts) != 3 or not _valid_name(parts[0]) or not re.fullmatch(r"[0-9a-f]{8}", parts[1]):
        _fail("malformed", "not a verifier key <name>+<key id>+<base64 key>")
    name, key_id, encoded = parts
    typed = _b64decode(encoded, "the verifier key")
    if len(typed) != 33 or typed[0] != _ED25519:
        _fail("malformed", "the verifier key is not an Ed25519 key")
    public_key = typed[1:]
    if _key_id(name, public_key) != key_id:
        _fail("bad_key", f"key ID {key_id} does not belong to {name} and this public key")
    return VerifierKey(name, key_id, public_key)


def _checkpoint_text(text: str) -> Dict[str, Any]:
    lines = text.split("\n")
    if len(lines) < 4 or lines[0] == "" or not _SIZE.match(lines[1]):
        _fail("malformed", "not a checkpoint (origin, size, root)")
    return {"origin": lines[0], "size": int(lines[1]), "root": _hash(lines[2], "the checkpoint root")}


def _verifier(vkey: Union[str, VerifierKey]) -> VerifierKey:
    return vkey if isinstance(vkey, VerifierKey) else parse_verifier_key(vkey)


def verify_checkpoint(note: str, vkey: Union[str, VerifierKey]) -> Dict[str, Any]:
    """Verifies a checkpoint note against a pinned verifier key: the key's signature, then the origin
    (it must be the key's name). Returns ``{"origin", "size", "root" (bytes), "note"}``; raises
    ``malformed``, ``bad_key``, ``unknown_key``, ``bad_signature`` or ``wrong_origin``."""
    verifier = _verifier(vkey)
    if isinstance(note, bytes):
        note = note.decode("utf-8")
    if not isinstance(note, str) or not note.endswith("\n"):
        _fail("malformed", "a signed note ends with a newline")
    split = note.rfind("\n\n")
    if split < 0:
        _fail("malformed", "a signed note has a blank line before its signatures")
    text = note[:split + 1]
    signed = False
    for line in note[split + 2:-1].split("\n"):
        match = _SIGNATURE_LINE.match(line)
        if not match:
            _fail("malformed", f"not a signature line: {line!r}")
        name, encoded = match.groups()
        signature = _b64decode(encoded, "a signature")
        if len(signature) < 5:
            _fail("malformed", "a signature line without a signature")
        if name != verifier.name or signature[:4].hex() != verifier.key_id:
            continue
        if not verifier.verify(signature[4:], text.encode("utf-8")):
            _fail("bad_signature", f"the signature of {verifier.name}+{verifier.key_id} does not verify")
        signed = True
    if not signed:
        _fail("unknown_key", f"the note has no signature of {verifier.name}+{verifier.key_id}")
    checkpoint = _checkpoint_text(text)
    if checkpoint["origin"] != verifier.name:
        _fail("wrong_origin", f"checkpoint origin {checkpoint['origin']} is not {verifier.name}")
    checkpoint["note"] = note
    return checkpoint


def verify_checkpoint_update(trusted: str, offered: str, proof: Sequence[Hash],
                             vkey: Union[str, VerifierKey]) -> Dict[str, Any]:
    """Verifies that ``offered`` (a newer checkpoint) extends ``trusted`` (one kept from an earlier
    verification), both signed by ``vkey``, with the consistency proof from trusted's size to
    offered's. Returns the offered checkpoint, to keep; raises ``rollback`` for a smaller log,
    ``inconsistent`` for a fork, or what :func:`verify_checkpoint` raises."""
    verifier = _verifier(vkey)
    old = verify_checkpoint(trusted, verifier)
    new = verify_checkpoint(offered, verifier)
    if new["size"] < old["size"]:
        _fail("rollback", f"the log had {old['size']} entries, this checkpoint has {new['size']}")
    verify_consistency(old["size"], new["size"], old["root"], new["root"], proof)
    return new


def _parse_history(history: History) -> Mapping[str, Any]:
    try:
        document = json.loads(history) if isinstance(history, (str, bytes)) else history
    except ValueError as e:
        _fail("malformed", f"the history is not JSON: {e}")
    if (not isinstance(document, Mapping) or document.get("format") != HISTORY_FORMAT
            or not isinstance(document.get("project"), str) or not isinstance(document.get("entries"), list)):
        _fail("malformed", f"not a {HISTORY_FORMAT} document ({{format, project, entries}})")
    return document


def verify_history_against_checkpoint(history: History, note: str, vkey: Union[str, VerifierKey]) -> Dict[str, Any]:
    """Verifies a ``.trae/history.json`` (text or parsed) against a checkpoint: the checkpoint is
    signed by ``vkey``, its origin is ``<log name>/<the history's project>``, and the root of the
    first ``size`` entries (seq 1, 2, ...) is the checkpoint's root. Entries after ``size`` (written
    after the checkpoint) are not covered. Returns the checkpoint; raises ``project_mismatch``,
    ``too_short``, ``malformed``, ``root_mismatch`` or what :func:`verify_checkpoint` raises."""
    checkpoint = verify_checkpoint(note, vkey)
    document = _parse_history(history)
    project = document["project"]
    if not checkpoint["origin"].endswith("/" + project):
        _fail("project_mismatch", f"the history of {project} is not the log {checkpoint['origin']}")
    entries = document["entries"]
    size = checkpoint["size"]
    if len(entries) < size:
        _fail("too_short", f"the checkpoint covers {size} entries, the history has {len(entries)}")
    leaves = []
    for i, entry in enumerate(entries[:size]):
        seq = entry.get("seq") if isinstance(entry, Mapping) else None
        if isinstance(seq, bool) or seq != i + 1:
            _fail("malformed", f"entry {i + 1} of the history is not seq {i + 1}")
        leaves.append(leaf_hash(entry, project))
    if root_of(leaves) != checkpoint["root"]:
        _fail("root_mismatch", f"the entries do not give the root of the checkpoint of size {size}")
    return checkpoint


def _history_rewritten(offered_size: int, trusted_size: int, detail: str) -> LogVerificationError:
    """The refusal of a checkpoint not proven to extend the trusted one (same text in every client and the CLI)."""
    return LogVerificationError("rewritten", f"history was rewritten: checkpoint {offered_size} does not extend "
                                             f"the trusted checkpoint {trusted_size} ({detail})")


class TrustedHead:
    """The checkpoint of one log (origin = the verifier key's name) that this client last verified, kept
    in ``state_file`` as the signed note verbatim (the bytes of the export's ``.trae/checkpoint``). A
    checkpoint replaces it only when proven to extend it: the first one is trusted on first use; later,
    a smaller one (rollback), another root of the same size (fork) or a larger one whose consistency
    proof fails is refused with a :class:`LogVerificationError` of reason ``rewritten``, and the state
    file is left as it was. Checkpoints are dicts ``{"origin", "size", "root" (bytes), "note"}``."""

    def __init__(self, state_file: Union[str, "os.PathLike[str]"], verifier_key: Union[str, VerifierKey]):
        self.state_file = os.fspath(state_file)
        self._verifier = _verifier(verifier_key)

    def trusted(self) -> Optional[Dict[str, Any]]:
        """The trusted checkpoint, verified again with the pinned key, or ``None`` when the state file does
        not exist. A state file that does not verify raises (it is never silently replaced)."""
        try:
            with open(self.state_file, "rb") as f:
                data = f.read()
        except FileNotFoundError:
            return None
        try:
            return verify_checkpoint(data.decode("utf-8"), self._verifier)
        except UnicodeDecodeError:
            _fail("malformed", f"the trusted state file {self.state_file}: not UTF-8")
        except LogVerificationError as e:
            raise LogVerificationError(e.reason, f"the trusted state file {self.state_file}: {e.detail}") from None

    def accept(self, offered_note: str, proof: Sequence[Hash]) -> Dict[str, Any]:
        """Verifies ``offered_note`` and, with ``proof`` (the consistency proof from the trusted size to its
        size; empty when nothing is trusted yet, the trusted size is 0 or the sizes are equal), that it
        extends the trusted checkpoint; then stores it and returns it. Offline: no request is made."""
        return self._accept_over(self.trusted(), offered_note, proof)

    def check(self, log_api: "LogApi", project: str) -> Dict[str, Any]:
        """Fetches the latest checkpoint of ``project`` through ``log_api`` (a
        :class:`devstate_client.LogApi`) and, when it is larger than the trusted one, the consistency
        proof from the trusted size (a 404 there means the server's log is smaller: a refusal), then
        accepts it as :meth:`accept` does."""
        # Read the state file first: a bad one fails before any request, and one read serves the whole check.
        trusted = self.trusted()
        offered_note = log_api.get_checkpoint(project=project)
        offered = verify_checkpoint(offered_note, self._verifier)
        proof: Sequence[Hash] = []
        if trusted is not None and 0 < trusted["size"] < offered["size"]:
            try:
                proof = log_api.get_consistency_proof(var_from=trusted["size"], project=project,
                                                      to=offered["size"]).hashes
            except NotFoundException:
                raise _history_rewritten(offered["size"], trusted["size"],
                                         f"the server has no tree of size {trusted['size']} to prove it from") from None
        return self._accept_over(trusted, offered_note, proof)

    def _accept_over(self, trusted: Optional[Dict[str, Any]], offered_note: str,
                     proof: Sequence[Hash]) -> Dict[str, Any]:
        offered = verify_checkpoint(offered_note, self._verifier)
        if trusted is None:
            if proof:
                _fail("bad_proof", "no checkpoint is trusted yet, so there is nothing to prove consistency with")
        else:
            if offered["size"] < trusted["size"]:
                raise _history_rewritten(offered["size"], trusted["size"], "the log got smaller")
            if offered["size"] == trusted["size"] and offered["root"] != trusted["root"]:
                raise _history_rewritten(offered["size"], trusted["size"], "another root for the same size")
            try:
                verify_consistency(trusted["size"], offered["size"], trusted["root"], offered["root"], proof)
            except LogVerificationError as e:
                raise _history_rewritten(offered["size"], trusted["size"], str(e)) from None
        if trusted is None or trusted["note"] != offered["note"]:
            self._store(offered["note"])
        return offered

    def _store(self, note: str) -> None:
        """Writes the note to a temporary file next to the state file, then renames it over: never half a note."""
        directory = os.path.dirname(os.path.abspath(self.state_file))
        os.makedirs(directory, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=directory, prefix=f".{os.path.basename(self.state_file)}.", suffix=".tmp")
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(note.encode("utf-8"))
                f.flush()
                os.fsync(f.fileno())
            os.chmod(temporary, 0o644)
            os.replace(temporary, self.state_file)
        except BaseException:
            try:
                os.unlink(temporary)
            except FileNotFoundError:
                pass
            raise
