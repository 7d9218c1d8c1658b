"""The generated client against a live DevState: DEVSTATE_URL (e.g. http://127.0.0.1:3180); skipped
without it. DEVSTATE_HMAC_KID/DEVSTATE_HMAC_SECRET (the server's key) enable the offline check of
the export and the import into a fresh project (the chain is signed again for the new project)."""
import json
import os
import uuid

import pytest

import devstate_client
from devstate_client.exceptions import (ApiException, ConflictException, LockedException, NotFoundException,
                                        PreconditionFailedException)
from devstate_client.verify import history_of, resign_history, state_checksum, verify_history

URL = os.environ.get("DEVSTATE_URL")
KID = os.environ.get("DEVSTATE_HMAC_KID")
SECRET = os.environ.get("DEVSTATE_HMAC_SECRET")

pytestmark = pytest.mark.skipif(not URL, reason="DEVSTATE_URL is not set")


@pytest.fixture
def client():
    with devstate_client.ApiClient(devstate_client.Configuration(host=(URL or "").rstrip("/"))) as api_client:
        yield api_client


def test_live_devstate(client):
    state = devstate_client.StateApi(client)
    history = devstate_client.HistoryApi(client)
    verify = devstate_client.VerifyApi(client)
    locks = devstate_client.LocksApi(client)
    files = devstate_client.FilesApi(client)
    project = "py-" + uuid.uuid4().hex[:8]

    # State: replace, then a conditional merge patch with the ETag.
    first = state.replace_state(
        {"project": project, "version": "1.0.0", "current_cp": "CP1-LC", "no_drift": True, "agents": [],
         "artifact_checksums": [], "updated_at": "2026-11-25T10:00:00Z"},
        project=project, dev_state_actor="py-client")
    assert first.version == 1
    etag = state.get_state_with_http_info(project=project).headers["ETag"]
    assert etag == f'"{first.checksum}"'
    second = state.update_state({"current_cp": "CP2-LC"}, project=project, if_match=etag,
                                dev_state_metadata='{"ticket":"T-1"}')
    assert (second.version, second.seq) == (2, 2)

    # History: append three entries, then page through everything two at a time.
    for i in range(3):
        appended = history.append_history(devstate_client.AppendRequest(
            actor="py-client", action="note", metadata={"i": i, "ratio": 1.5, "text": "é 😀"}), project=project)
        assert appended.seq == 3 + i
    seen, cursor, pages = [], None, 0
    while True:
        page = history.search_history(project=project, limit=2, cursor=cursor)
        seen += [item.seq for item in page.items]
        pages += 1
        cursor = page.next_cursor
        if cursor is None:
            break
    assert (seen, pages) == ([5, 4, 3, 2, 1], 3)
    assert [e.seq for e in history.search_history(project=project, action="note", metadata='{"i":1}').items] == [4]

    # Verify on the server, then export and check the files offline.
    verified = verify.verify_chain(project=project)
    assert verified.ok and verified.verified == 5
    exported = files.export_files(project=project)
    history_text = exported.files.trae_history_json
    state_text = exported.files.trae_state_json
    assert state_checksum(state_text) == second.checksum

    if KID and SECRET:
        assert verify_history(history_text, {KID: SECRET}) == {
            "ok": True, "verified": 5, "head": {"seq": 5, "hmac": verified.head.hmac}, "failure": None}
        # Import into a fresh project: the project name is signed, so the chain is signed again for it.
        fresh = project + "-copy"
        moved = json.dumps(resign_history(history_text, fresh, KID, SECRET), indent=2, ensure_ascii=False) + "\n"
        imported = files.import_files(devstate_client.ImportFiles(files=devstate_client.ImportFilesFiles.from_dict(
            {".trae/history.json": moved, ".trae/state.json": state_text})), project=fresh)
        assert (imported.outcome, imported.imported) == ("created", 5)
        assert verify.verify_chain(project=fresh).verified == 5
        assert state.get_state(project=fresh).checksum == second.checksum
    else:
        imported = files.import_files(devstate_client.ImportFiles(files=devstate_client.ImportFilesFiles.from_dict(
            {".trae/history.json": history_text, ".trae/state.json": state_text})), project=project)
        assert imported.outcome == "unchanged"

    # Locks, with the values the client returns: acquire; a second acquire is a 409, raised as
    # ConflictException; renew and release by the returned lock_id.
    lock = locks.acquire_lock(devstate_client.AcquireLockRequest(scope="state", ttl_sec=60, owner="py-client"),
                              project=project)
    with pytest.raises(ConflictException) as conflict:
        locks.acquire_lock(devstate_client.AcquireLockRequest(scope="state", ttl_sec=60), project=project)
    assert isinstance(conflict.value, ApiException) and conflict.value.status == 409
    problem = json.loads(conflict.value.body)
    assert problem["type"] == "urn:devstate:problem:conflict" and problem["holder"]["owner"] == "py-client"
    # While the lock holds scope state, a write without it is a 423, raised as LockedException.
    with pytest.raises(LockedException):
        state.update_state({"current_cp": "CP3-LC"}, project=project)
    renewed = locks.renew_lock(lock.lock_id, project=project, renew_lock_request=devstate_client.RenewLockRequest(ttl_sec=120))
    assert (renewed.lock_id, renewed.fencing_token) == (lock.lock_id, lock.fencing_token)
    assert renewed.expires_at > lock.expires_at
    state.update_state({"current_cp": "CP3-LC"}, project=project, dev_state_lock=renewed.lock_id)
    locks.release_lock(renewed.lock_id, project=project)
    assert locks.list_locks(project=project).items == []
    with pytest.raises(NotFoundException):
        locks.release_lock(renewed.lock_id, project=project)
    # A read above what the service has is a 412, raised as PreconditionFailedException.
    with pytest.raises(PreconditionFailedException):
        state.get_state(project=project, dev_state_min_version=1000)


@pytest.mark.skipif(not (KID and SECRET), reason="DEVSTATE_HMAC_KID/DEVSTATE_HMAC_SECRET are not set")
def test_live_signed_entries_round_trip_exactly(client):
    """Entries whose ts the service stores as signed (imported, with fraction digits a datetime would
    rewrite), fetched through the client, verify offline with the client's own verifier."""
    history = devstate_client.HistoryApi(client)
    files = devstate_client.FilesApi(client)
    project = "py-ts-" + uuid.uuid4().hex[:8]
    stamps = ["2026-11-25T10:00:00.000000Z", "2026-11-25T10:00:07.505240Z", "2026-11-25T10:00:08.100000Z"]
    unsigned = {"format": "devstate-history/1", "project": project, "entries": [
        {"seq": i + 1, "ts": ts, "actor": "py-client", "action": "note", "cp_from": None, "cp_to": None,
         "state_checksum": None, "metadata": {"i": i, "ratio": 1.5}, "kid": KID, "hmac_prev": "", "hmac": ""}
        for i, ts in enumerate(stamps)]}
    signed = resign_history(unsigned, project, KID, SECRET)
    imported = files.import_files(devstate_client.ImportFiles(files=devstate_client.ImportFilesFiles.from_dict(
        {".trae/history.json": json.dumps(signed)})), project=project)
    assert imported.imported == len(stamps)

    fetched = history.search_history(project=project).items
    document = history_of(project, fetched)
    assert [entry["ts"] for entry in document["entries"]] == stamps
    assert verify_history(document, {KID: SECRET})["ok"] is True
    assert history.get_history_entry(2, project=project).ts == stamps[1]


def test_live_read_your_writes_with_session_api_client():
    """Reads through SessionApiClient after its own writes succeed and carry the numbers; one above
    what the service has, every read is a 412 (the headers reach it)."""
    from devstate_client.session import SessionApiClient, SessionNumbers

    with SessionApiClient(devstate_client.Configuration(host=(URL or "").rstrip("/"))) as api:
        sent = []  # the DevState-Min-* values as they left
        request = api.rest_client.request

        def recording(method, url, headers=None, **kwargs):
            sent.extend(str(v) for k, v in (headers or {}).items() if k.lower().startswith("devstate-min-"))
            return request(method, url, headers=headers, **kwargs)

        api.rest_client.request = recording
        state, history = devstate_client.StateApi(api), devstate_client.HistoryApi(api)
        verify, files = devstate_client.VerifyApi(api), devstate_client.FilesApi(api)
        project = "py-ryw-" + uuid.uuid4().hex[:8]

        written = state.replace_state(
            {"project": project, "version": "1.0.0", "current_cp": "CP1-LC", "no_drift": True, "agents": [],
             "artifact_checksums": [], "updated_at": "2026-11-25T10:00:00Z"},
            project=project, dev_state_actor="py-client")
        appended = history.append_history(devstate_client.AppendRequest(actor="py-client", action="note"),
                                          project=project)
        assert api.remembered(project) == SessionNumbers(written.version, appended.seq)

        reads = [
            (lambda: state.get_state_with_http_info(project=project), written.version),
            (lambda: history.search_history_with_http_info(project=project), appended.seq),
            (lambda: verify.verify_chain_with_http_info(project=project), appended.seq),
            (lambda: files.export_files_with_http_info(project=project), appended.seq),
        ]
        for read, number in reads:
            sent.clear()
            assert read().status_code == 200
            assert sent == [str(number)]

        api.remember(project, version=written.version + 1, seq=appended.seq + 1)
        for read, _ in reads:
            with pytest.raises(ApiException) as raised:
                read()
            assert raised.value.status == 412
        api.forget(project)
        assert state.get_state(project=project).version == written.version
