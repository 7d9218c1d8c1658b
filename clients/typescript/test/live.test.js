// The generated client against a live DevState (DEVSTATE_URL, e.g. http://127.0.0.1:3180); skipped
// without it. DEVSTATE_HMAC_KID/DEVSTATE_HMAC_SECRET (the server's key) enable the offline check of
// the export and the import into a fresh project (the chain is signed again for the new project).
const test = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const { Configuration, StateApi, HistoryApi, VerifyApi, LocksApi, FilesApi, ResponseError } = require('../dist');
const { verifyHistory, stateChecksum, resignHistory, historyOf } = require('../dist');

const url = process.env.DEVSTATE_URL;
const kid = process.env.DEVSTATE_HMAC_KID;
const secret = process.env.DEVSTATE_HMAC_SECRET;

test('live DevState: state, history, search, verify, export/import, locks', { skip: !url && 'DEVSTATE_URL is not set' }, async () => {
    // Logs unexpected error answers, so that a failure says what the server said.
    const logErrors = { post: async ({ init, url: target, response }) => {
        if (!response.ok && response.status !== 409) {
            console.error(`${init.method} ${target} -> ${response.status} ${await response.clone().text()}`);
        }
    } };
    const config = new Configuration({ basePath: url.replace(/\/+$/, ''), middleware: [logErrors] });
    const state = new StateApi(config);
    const history = new HistoryApi(config);
    const verify = new VerifyApi(config);
    const locks = new LocksApi(config);
    const files = new FilesApi(config);
    const project = `ts-${crypto.randomUUID().slice(0, 8)}`;

    // State: replace, then a conditional merge patch with the ETag.
    const first = await state.replaceState({
        project, devStateActor: 'ts-client',
        requestBody: { project, version: '1.0.0', current_cp: 'CP1-LC', no_drift: true, agents: [],
            artifact_checksums: [], updated_at: '2026-11-25T10:00:00Z' },
    });
    assert.equal(first.version, 1);
    const read = await state.getStateRaw({ project });
    const etag = read.raw.headers.get('ETag');
    assert.equal(etag, `"${first.checksum}"`);
    const second = await state.updateState({ project, ifMatch: etag, devStateMetadata: '{"ticket":"T-1"}',
        requestBody: { current_cp: 'CP2-LC' } });
    assert.equal(second.version, 2);
    assert.equal(second.seq, 2);

    // History: append three entries, then page through everything two at a time.
    for (let i = 0; i < 3; i++) {
        const appended = await history.appendHistory({ project,
            appendRequest: { actor: 'ts-client', action: 'note', metadata: { i, ratio: 1.5, text: 'é 😀' } } });
        assert.equal(appended.seq, 3 + i);
    }
    const seen = [];
    let cursor;
    let pages = 0;
    do {
        const page = await history.searchHistory({ project, limit: 2, cursor });
        seen.push(...page.items.map((entry) => entry.seq));
        cursor = page.nextCursor ?? undefined;
        pages++;
    } while (cursor);
    assert.deepEqual(seen, [5, 4, 3, 2, 1]);
    assert.equal(pages, 3);
    const notes = await history.searchHistory({ project, action: 'note', metadata: '{"i":1}' });
    assert.deepEqual(notes.items.map((entry) => entry.seq), [4]);

    // Verify on the server, then export and check the files offline.
    const verified = await verify.verifyChain({ project });
    assert.equal(verified.ok, true);
    assert.equal(verified.verified, 5);
    const exported = await files.exportFiles({ project });
    const historyText = exported.files.traeHistoryJson;
    const stateText = exported.files.traeStateJson;
    assert.equal(stateChecksum(stateText), second.checksum);
    assert.equal(JSON.parse(historyText).entries.length, 5);

    if (kid && secret) {
        assert.deepEqual(verifyHistory(historyText, { [kid]: secret }),
            { ok: true, verified: 5, head: { seq: verified.head.seq, hmac: verified.head.hmac }, failure: null });
        assert.equal(verifyHistory(historyText, { [kid]: 'not the secret' }).failure.reason, 'hmac_mismatch');
        // Import into a fresh project: the project name is signed, so the chain is signed again for it.
        const fresh = `${project}-copy`;
        const moved = resignHistory(historyText, fresh, kid, secret);
        const imported = await files.importFiles({ project: fresh,
            importFiles: { files: { traeHistoryJson: JSON.stringify(moved, null, 2) + '\n', traeStateJson: stateText } } });
        assert.equal(imported.outcome, 'created');
        assert.equal(imported.imported, 5);
        assert.equal((await verify.verifyChain({ project: fresh })).verified, 5);
        assert.equal((await state.getState({ project: fresh })).checksum, second.checksum);
    } else {
        const imported = await files.importFiles({ project,
            importFiles: { files: { traeHistoryJson: historyText, traeStateJson: stateText } } });
        assert.equal(imported.outcome, 'unchanged');
    }

    // Locks, with the values the client returns: acquire; a second acquire is a 409, thrown as the
    // client's ResponseError; renew and release by the returned lockId.
    const lock = await locks.acquireLock({ project, acquireLockRequest: { scope: 'state', ttlSec: 60, owner: 'ts-client' } });
    assert.equal(lock.scope, 'state');
    let conflict;
    try {
        await locks.acquireLock({ project, acquireLockRequest: { scope: 'state', ttlSec: 60, owner: 'other' } });
    } catch (error) {
        conflict = error;
    }
    assert.ok(conflict instanceof ResponseError, `expected a ResponseError, got ${conflict}`);
    assert.equal(conflict.response.status, 409);
    const problem = await conflict.response.json();
    assert.equal(problem.type, 'urn:devstate:problem:conflict');
    assert.equal(problem.holder.owner, 'ts-client');
    const renewed = await locks.renewLock({ project, lockId: lock.lockId, renewLockRequest: { ttlSec: 120 } });
    assert.equal(renewed.lockId, lock.lockId);
    assert.equal(renewed.fencingToken, lock.fencingToken);
    assert.equal(typeof renewed.expiresAt, 'string');
    assert.ok(renewed.expiresAt > lock.expiresAt, `${renewed.expiresAt} after ${lock.expiresAt}`);
    await locks.releaseLock({ project, lockId: renewed.lockId });
    assert.deepEqual((await locks.listLocks({ project })).items, []);
    await assert.rejects(locks.releaseLock({ project, lockId: renewed.lockId }),
        (error) => error instanceof ResponseError && error.response.status === 404);
});

test('live DevState: signed entries fetched through the client verify offline (ts kept exactly)', { skip: !(url && kid && secret) && 'DEVSTATE_URL, DEVSTATE_HMAC_KID and DEVSTATE_HMAC_SECRET are not all set' }, async () => {
    const config = new Configuration({ basePath: url.replace(/\/+$/, '') });
    const history = new HistoryApi(config);
    const files = new FilesApi(config);
    const project = `ts-ts-${crypto.randomUUID().slice(0, 8)}`;
    // Fraction digits a Date would cut (microseconds) or a time type would rewrite (trailing zeros).
    const stamps = ['2026-11-25T10:00:00.000000Z', '2026-11-25T10:00:07.505244Z', '2026-11-25T10:00:08.100000Z'];
    const unsigned = { format: 'devstate-history/1', project, entries: stamps.map((ts, i) => ({ seq: i + 1, ts,
        actor: 'ts-client', action: 'note', cp_from: null, cp_to: null, state_checksum: null,
        metadata: { i, ratio: 1.5 }, kid, hmac_prev: '', hmac: '' })) };
    const signed = resignHistory(unsigned, project, kid, secret);
    const imported = await files.importFiles({ project, importFiles: { files: { traeHistoryJson: JSON.stringify(signed) } } });
    assert.equal(imported.imported, stamps.length);

    const fetched = (await history.searchHistory({ project })).items;
    const document = historyOf(project, fetched);
    assert.deepEqual(document.entries.map((entry) => entry.ts), stamps);
    assert.deepEqual(verifyHistory(document, { [kid]: secret }),
        { ok: true, verified: stamps.length, head: { seq: 3, hmac: signed.entries[2].hmac }, failure: null });
    assert.equal((await history.getHistoryEntry({ project, seq: 2 })).ts, stamps[1]);
});

test('live DevState: read-your-writes with sessionConsistency (headers reach the service: 412 above the head)', { skip: !url && 'DEVSTATE_URL is not set' }, async () => {
    const { sessionConsistency } = require('../dist');
    const base = url.replace(/\/+$/, '');
    const session = sessionConsistency();
    const sent = []; // the headers as they left, after the session's pre
    const record = { pre: async ({ init }) => { sent.push({ ...init.headers }); } };
    const config = new Configuration({ basePath: base, middleware: [session, record] });
    const state = new StateApi(config);
    const history = new HistoryApi(config);
    const verify = new VerifyApi(config);
    const files = new FilesApi(config);
    const project = `ts-ryw-${crypto.randomUUID().slice(0, 8)}`;

    const written = await state.replaceState({ project, devStateActor: 'ts-client',
        requestBody: { project, version: '1.0.0', current_cp: 'CP1-LC', no_drift: true, agents: [],
            artifact_checksums: [], updated_at: '2026-11-25T10:00:00Z' } });
    const appended = await history.appendHistory({ project, appendRequest: { actor: 'ts-client', action: 'note' } });
    assert.deepEqual(session.get(base, project), { version: written.version, seq: appended.seq });

    // Reads at the remembered numbers succeed, and carried them.
    sent.length = 0;
    assert.equal((await state.getState({ project })).version, written.version);
    assert.equal((await history.searchHistory({ project })).items[0].seq, appended.seq);
    assert.equal((await verify.verifyChain({ project })).verified, appended.seq);
    await files.exportFiles({ project });
    assert.deepEqual(sent.map((h) => h['DevState-Min-Version'] ?? h['DevState-Min-Seq']),
        [String(written.version), String(appended.seq), String(appended.seq), String(appended.seq)]);

    // One above what the service has: 412 for every read, from the session's numbers.
    session.remember(base, project, { version: written.version + 1, seq: appended.seq + 1 });
    for (const read of [() => state.getState({ project }), () => history.searchHistory({ project }),
        () => verify.verifyChain({ project }), () => files.exportFiles({ project })]) {
        await assert.rejects(read(), (error) => error instanceof ResponseError && error.response.status === 412);
    }
    session.forget(base, project);
    assert.equal((await state.getState({ project })).version, written.version);
});
