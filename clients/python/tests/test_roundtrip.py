"""Every signed member of a history entry survives the generated model (JSON -> HistoryEntry -> dict)
exactly, so entries fetched through the client still verify (no server needed)."""
import json

import devstate_client

ENTRY = {
    "project": "demo", "seq": 2, "ts": "2026-11-25T10:00:00.000000Z", "actor": "ci", "action": "build",
    "cp_from": None, "cp_to": None, "state_checksum": None, "metadata": {"principal": "ci-writer", "ratio": 1.5, "run": 42},
    "kid": "k1", "hmac_prev": "0" * 64, "hmac": "a" * 64, "tombstoned_by": None,
}


def test_a_history_entry_round_trips_exactly_through_the_generated_model():
    model = devstate_client.HistoryEntry.from_json(json.dumps(ENTRY))
    assert model.ts == ENTRY["ts"]
    assert json.loads(model.to_json()) == ENTRY


def test_a_lock_id_is_the_string_the_lock_routes_take():
    lock = devstate_client.Lock.from_dict({
        "lock_id": "82e34b3f-a0f9-4c9c-90d0-3cc007170e7a", "project": "demo", "scope": "state", "owner": None,
        "reason": None, "fencing_token": 1, "acquired_at": "2026-11-25T10:00:00.000000Z",
        "expires_at": "2026-11-25T10:01:00.000000Z"})
    assert lock.lock_id == "82e34b3f-a0f9-4c9c-90d0-3cc007170e7a"
    # release_lock/renew_lock validate lock_id as a strict str: the model's value must be one.
    assert type(lock.lock_id) is str
