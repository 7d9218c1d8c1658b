// Every signed member of a history entry survives the generated model (JSON -> HistoryEntry ->
// JSON) exactly, so entries fetched through the client still verify (no server needed).
const test = require('node:test');
const assert = require('node:assert/strict');
const { HistoryEntryFromJSON, HistoryEntryToJSON, LockFromJSON, LockToJSON } = require('../dist');

const entry = {
    project: 'demo', seq: 2, ts: '2026-11-25T10:00:07.505240Z', actor: 'ci', action: 'build',
    cp_from: null, cp_to: null, state_checksum: null, metadata: { principal: 'ci-writer', ratio: 1.5, run: 42 },
    kid: 'k1', hmac_prev: '0'.repeat(64), hmac: 'a'.repeat(64), tombstoned_by: null,
};

test('a history entry round-trips exactly through the generated model (ts stays the text it was)', () => {
    const model = HistoryEntryFromJSON(entry);
    assert.equal(typeof model.ts, 'string');
    assert.deepEqual(HistoryEntryToJSON(model), entry);
});

test('a lock round-trips exactly (lock_id and timestamps are strings)', () => {
    const lock = { lock_id: '82e34b3f-a0f9-4c9c-90d0-3cc007170e7a', project: 'demo', scope: 'state', owner: null,
        reason: null, fencing_token: 1, acquired_at: '2026-11-25T10:00:00.000000Z', expires_at: '2026-11-25T10:01:00.000000Z' };
    assert.deepEqual(LockToJSON(LockFromJSON(lock)), lock);
});
