// sessionConsistency() against a local fake server (node --test; no DevState needed): canned write
// answers, and the DevState-Min-* headers of every request recorded.
const test = require('node:test');
const assert = require('node:assert/strict');
const http = require('node:http');
const { Configuration, StateApi, HistoryApi, VerifyApi, FilesApi, ResponseError } = require('../dist');
const { sessionConsistency } = require('../dist/session');

const HMAC = 'a'.repeat(64);
const TS = '2026-11-25T10:00:00.000000Z';
const READS = {
    '/v1/devstate/state': { project: 'p', json: {}, checksum: 'sha256:' + 'b'.repeat(64), version: 1, updated_at: TS },
    '/v1/devstate/history/search': { items: [], next_cursor: null },
    '/v1/devstate/verify': { ok: true, verified: 0, head: null, failure: null },
    '/v1/devstate/export': { project: 'p', files: { '.trae/history.json': '{}', '.trae/state.json': null } },
};

// One fake server for the whole file: `reply` is the answer to the next write.
let reply;
const requests = [];
const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    requests.push({ method: req.method, path: url.pathname, project: url.searchParams.get('project'),
        minVersion: req.headers['devstate-min-version'], minSeq: req.headers['devstate-min-seq'] });
    req.resume();
    req.on('end', () => {
        const { status, body } = req.method === 'GET' ? { status: 200, body: READS[url.pathname] } : reply;
        res.writeHead(status, { 'Content-Type': status < 300 ? 'application/json' : 'application/problem+json' });
        res.end(JSON.stringify(body));
    });
});
let base;
test.before(() => new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    base = `http://127.0.0.1:${server.address().port}`;
    resolve();
})));
test.after(() => server.close());

function apis(session, basePath = base) {
    const config = new Configuration({ basePath, middleware: [session] });
    return { state: new StateApi(config), history: new HistoryApi(config), verify: new VerifyApi(config), files: new FilesApi(config) };
}

// Runs the four reads for project and returns the headers they carried.
async function readHeaders(api, project, extra = {}) {
    requests.length = 0;
    await api.state.getState({ project, ...extra });
    await api.history.searchHistory({ project });
    await api.verify.verifyChain({ project });
    await api.files.exportFiles({ project });
    return requests.map((r) => [r.path, r.minVersion ?? null, r.minSeq ?? null]);
}

const none = [
    ['/v1/devstate/state', null, null], ['/v1/devstate/history/search', null, null],
    ['/v1/devstate/verify', null, null], ['/v1/devstate/export', null, null],
];
const expect = (version, seq) => [
    ['/v1/devstate/state', version, null], ['/v1/devstate/history/search', null, seq],
    ['/v1/devstate/verify', null, seq], ['/v1/devstate/export', null, seq],
];
const stateResult = (project, version, seq) => ({ status: 200,
    body: { project, checksum: 'sha256:' + 'c'.repeat(64), version, updated_at: TS, seq, hmac: HMAC, log: { leaf_index: seq - 1, checkpoint_size: seq } } });

test('after its writes, reads of the same project carry the numbers; other projects and URLs get none', async () => {
    const session = sessionConsistency();
    const api = apis(session);
    assert.deepEqual(await readHeaders(api, 'a'), none);

    reply = stateResult('a', 3, 7);
    await api.state.updateState({ project: 'a', requestBody: { current_cp: 'CP2-LC' } });
    assert.deepEqual(await readHeaders(api, 'a'), expect('3', '7'));
    assert.deepEqual(await readHeaders(api, 'b'), none);
    assert.deepEqual(await readHeaders(api, undefined), none); // `default`
    assert.deepEqual(await readHeaders(apis(session, base.replace('127.0.0.1', 'localhost')), 'a'), none);

    reply = { status: 201, body: { project: 'a', seq: 8, ts: TS, hmac: HMAC, new_hmac: HMAC, log: { leaf_index: 7, checkpoint_size: 8 } } };
    await api.history.appendHistory({ project: 'a', appendRequest: { actor: 't', action: 'note' } });
    assert.deepEqual(await readHeaders(api, 'a'), expect('3', '8'));

    reply = { status: 200, body: { project: 'a', seq: 9, ts: TS, hmac: HMAC, new_hmac: HMAC, target_seq: 8, log: { leaf_index: 8, checkpoint_size: 9 } } };
    await api.history.tombstoneHistoryEntry({ project: 'a', seq: 8, devStateActor: 't' });
    assert.deepEqual(await readHeaders(api, 'a'), expect('3', '9'));

    reply = stateResult('a', 4, 10);
    await api.state.replaceState({ project: 'a', requestBody: {} });
    assert.deepEqual(await readHeaders(api, 'a'), expect('4', '10'));

    // The import answer has the head seq, not the state version.
    reply = { status: 200, body: { project: 'a', outcome: 'appended', imported: 2, head: { seq: 12, hmac: HMAC } } };
    await api.files.importFiles({ project: 'a', importFiles: { files: { traeHistoryJson: '{}' } } });
    assert.deepEqual(await readHeaders(api, 'a'), expect('4', '12'));
    assert.deepEqual(session.get(base + '/', 'a'), { version: 4, seq: 12 });

    // The `default` project: absent and empty are the same.
    reply = stateResult('default', 2, 2);
    await api.state.updateState({ requestBody: {} });
    assert.deepEqual(await readHeaders(api, ''), expect('2', '2'));
});

test('a write answering lower numbers (e.g. a replayed idempotent write) lowers nothing', async () => {
    const session = sessionConsistency();
    const api = apis(session);
    reply = stateResult('a', 5, 9);
    await api.state.updateState({ project: 'a', requestBody: {} });
    reply = stateResult('a', 2, 3);
    await api.state.updateState({ project: 'a', requestBody: {} });
    assert.deepEqual(session.get(base, 'a'), { version: 5, seq: 9 });
});

test('an explicit header is never lowered, and is raised to the session number', async () => {
    const session = sessionConsistency();
    const api = apis(session);
    reply = stateResult('a', 3, 7);
    await api.state.updateState({ project: 'a', requestBody: {} });
    requests.length = 0;
    await api.state.getState({ project: 'a', devStateMinVersion: 5 });
    await api.state.getState({ project: 'a', devStateMinVersion: 1 });
    await api.history.searchHistory({ project: 'a', devStateMinSeq: 70 });
    await api.verify.verifyChain({ project: 'a' }, { headers: { 'devstate-min-seq': '9' } });
    await api.files.exportFiles({ project: 'a' }, { headers: new Headers({ 'DevState-Min-Seq': '8' }) });
    assert.deepEqual(requests.map((r) => r.minVersion ?? r.minSeq), ['5', '3', '70', '9', '8']);
});

test('failed writes (4xx, 5xx) record nothing', async () => {
    const session = sessionConsistency();
    const api = apis(session);
    for (const status of [409, 412, 422, 500, 503]) {
        reply = { status, body: { type: 'urn:devstate:problem:x', title: 'x', status, seq: 40, version: 40 } };
        await assert.rejects(api.state.updateState({ project: 'f', requestBody: {} }), ResponseError);
        await assert.rejects(api.history.appendHistory({ project: 'f', appendRequest: { actor: 't', action: 'note' } }), ResponseError);
    }
    assert.deepEqual(await readHeaders(api, 'f'), none);
    assert.deepEqual(session.get(base, 'f'), {});
});

test('remember raises, forget clears', async () => {
    const session = sessionConsistency();
    const api = apis(session);
    session.remember(base, 'r', { version: 6, seq: 20 });
    session.remember(base, 'r', { version: 2 });
    assert.deepEqual(await readHeaders(api, 'r'), expect('6', '20'));
    session.forget(base, 'r');
    assert.deepEqual(await readHeaders(api, 'r'), none);
});
