// TrustedHead (src/log.ts) on the shared vectors of docs/vectors/log.json: offline through accept,
// through check with a fake LogApi, and examples/trusted-head.mjs against a local fake server.
const test = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fs = require('node:fs');
const http = require('node:http');
const os = require('node:os');
const path = require('node:path');
const { promisify } = require('node:util');
const { execFile } = require('node:child_process');
const { TrustedHead, LogVerificationError, verifyCheckpointUpdate } = require('../dist/log');
const root = require('../dist');
const { ResponseError } = require('../dist/runtime');

const log = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', '..', 'docs', 'vectors', 'log.json'), 'utf8'));
const vkey = log.key.verifier_key;
const note = (size) => log.checkpoints[size].note;
const proof = (from, to) => log.consistency.find((c) => c.from === from && c.to === to).proof;
const negative = (name) => log.negative.find((c) => c.name === name);
const fork = negative('fork');

const REFUSAL = /^history was rewritten: checkpoint (\d+) does not extend the trusted checkpoint (\d+)(?: \((.+)\))?$/;

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'devstate-head-'));
test.after(() => fs.rmSync(scratch, { recursive: true, force: true }));

// A state file in a fresh directory, holding `held` (a note) when given.
function stateFile(held) {
    const dir = fs.mkdtempSync(path.join(scratch, 'case-'));
    const file = path.join(dir, 'head');
    if (held !== undefined) {
        fs.writeFileSync(file, held);
    }
    return file;
}

// The vectors' other key (seed SHA-256("devstate log vector other key"), PKCS #8 of RFC 8410): it
// signed the other-key note under the same name.
function otherVerifierKey(name) {
    const seed = crypto.createHash('sha256').update('devstate log vector other key').digest();
    const privateKey = crypto.createPrivateKey({ key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]),
        format: 'der', type: 'pkcs8' });
    const x = Buffer.from(crypto.createPublicKey(privateKey).export({ format: 'jwk' }).x, 'base64url');
    const keyId = crypto.createHash('sha256').update(`${name}\n`).update(Uint8Array.of(1)).update(x).digest().subarray(0, 4);
    return `${name}+${keyId.toString('hex')}+${Buffer.concat([Uint8Array.of(1), x]).toString('base64')}`;
}

function rejects(fn, reason) {
    let thrown;
    assert.throws(fn, (error) => {
        assert.ok(error instanceof LogVerificationError, `expected a LogVerificationError, got ${error}`);
        assert.equal(error.reason, reason, error.message);
        thrown = error;
        return true;
    });
    return thrown;
}

// A refusal: reason rewritten, and exactly the shared message for these sizes.
function refusal(error, offered, trusted) {
    assert.ok(error instanceof LogVerificationError, `expected a LogVerificationError, got ${error}`);
    assert.equal(error.reason, 'rewritten', error.message);
    const match = REFUSAL.exec(error.message);
    assert.ok(match, `not the refusal message: ${error.message}`);
    assert.deepEqual([Number(match[1]), Number(match[2])], [offered, trusted]);
    return true;
}

// The state file's bytes and inode: a refusal (or a no-op) must leave both as they were.
const snapshot = (file) => ({ bytes: fs.readFileSync(file, 'utf8'), ino: fs.statSync(file).ino });

test('TrustedHead is exported from the package root', () => {
    assert.equal(root.TrustedHead, TrustedHead);
});

test('a refusal message has no reason prefix; the other reasons keep theirs', () => {
    assert.equal(new LogVerificationError('rewritten', 'history was rewritten: x').message, 'history was rewritten: x');
    const error = new LogVerificationError('rollback', 'smaller');
    assert.deepEqual([error.message, error.detail], ['rollback: smaller', 'smaller']);
});

test('first use: nothing trusted, the offered checkpoint is verified and stored verbatim', () => {
    const file = stateFile();
    const head = new TrustedHead(file, vkey);
    assert.equal(head.trusted(), undefined);
    const accepted = head.accept(note(6), []);
    assert.deepEqual([accepted.origin, accepted.size, accepted.root.toString('base64'), accepted.note],
        [log.origin, 6, log.checkpoints[6].root, note(6)]);
    assert.equal(fs.readFileSync(file, 'utf8'), note(6));
    assert.equal(head.trusted().size, 6);
    assert.deepEqual(fs.readdirSync(path.dirname(file)), ['head'], 'no temporary file is left behind');
});

test('first use creates the state file\'s directory', () => {
    const file = path.join(path.dirname(stateFile()), 'a', 'b', 'head');
    new TrustedHead(file, vkey).accept(note(3), []);
    assert.equal(fs.readFileSync(file, 'utf8'), note(3));
});

test('first use with a proof is a bad proof (there is nothing to prove consistency with)', () => {
    const file = stateFile();
    rejects(() => new TrustedHead(file, vkey).accept(note(11), proof(6, 11)), 'bad_proof');
    assert.equal(fs.existsSync(file), false);
});

test('growth with a valid consistency proof replaces the trusted checkpoint, for every pair of sizes', () => {
    for (const c of log.consistency.filter((c) => c.from < c.to)) {
        const file = stateFile(note(c.from));
        const accepted = new TrustedHead(file, vkey).accept(note(c.to), c.proof);
        assert.equal(accepted.size, c.to);
        assert.equal(fs.readFileSync(file, 'utf8'), note(c.to), `${c.from} -> ${c.to}`);
    }
});

test('growth step by step, with a parsed verifier key', () => {
    const file = stateFile();
    const head = new TrustedHead(file, root.parseVerifierKey(vkey));
    head.accept(note(0), []);
    head.accept(note(4), []); // from the empty tree: nothing to prove
    head.accept(note(5), proof(4, 5));
    head.accept(note(11), proof(5, 11));
    assert.equal(head.trusted().size, 11);
});

test('the same size with the same root is accepted and the state file is not rewritten', () => {
    const file = stateFile(note(11));
    const before = snapshot(file);
    assert.equal(new TrustedHead(file, vkey).accept(note(11), []).size, 11);
    assert.deepEqual(snapshot(file), before);
});

test('rollback: a smaller checkpoint is refused', () => {
    const rollback = negative('rollback');
    const file = stateFile(rollback.trusted);
    const before = snapshot(file);
    assert.throws(() => new TrustedHead(file, vkey).accept(rollback.note, []), (e) => refusal(e, 7, 9));
    assert.deepEqual(snapshot(file), before);
});

test('fork: another root of the same size is refused', () => {
    const file = stateFile(note(11));
    const before = snapshot(file);
    assert.throws(() => new TrustedHead(file, vkey).accept(fork.note, []), (e) => refusal(e, 11, 11));
    assert.deepEqual(snapshot(file), before);
});

test('fork: a larger checkpoint whose proof does not join the trusted root is refused', () => {
    const file = stateFile(fork.trusted);
    const before = snapshot(file);
    const head = new TrustedHead(file, vkey);
    assert.throws(() => head.accept(fork.note, fork.proof), (e) => refusal(e, 11, 6));
    // the same fork without a proof, and the real checkpoint with the proof of other sizes
    assert.throws(() => head.accept(fork.note, []), (e) => refusal(e, 11, 6));
    assert.throws(() => head.accept(note(11), proof(5, 11)), (e) => refusal(e, 11, 6));
    assert.throws(() => head.accept(note(11), proof(6, 10)), (e) => refusal(e, 11, 6));
    assert.deepEqual(snapshot(file), before);
    // the updater the head builds on says the same (as a fork, not a refusal)
    rejects(() => verifyCheckpointUpdate(fork.trusted, fork.note, fork.proof, vkey), 'inconsistent');
});

test('a tampered state file is an error, not replaced', () => {
    for (const [held, reason] of [[negative('size-changed').note, 'bad_signature'], ['not a note\n', 'malformed'],
        [negative('other-key').note, 'unknown_key'], [negative('other-origin').note, 'wrong_origin'], ['', 'malformed']]) {
        const file = stateFile(held);
        const before = snapshot(file);
        const head = new TrustedHead(file, vkey);
        const error = rejects(() => head.trusted(), reason);
        assert.ok(error.message.startsWith(`${reason}: the trusted state file ${file}: `), error.message);
        rejects(() => head.accept(note(11), []), reason);
        assert.deepEqual(snapshot(file), before);
    }
});

test('another pinned key does not verify the state file', () => {
    const file = stateFile(note(6));
    const before = snapshot(file);
    const otherKey = otherVerifierKey(log.origin);
    const head = new TrustedHead(file, otherKey);
    rejects(() => head.trusted(), 'unknown_key');
    rejects(() => head.accept(negative('other-key').note, proof(6, 11)), 'unknown_key');
    assert.deepEqual(snapshot(file), before);
    // the key is real: it verifies its own note
    const own = stateFile();
    assert.equal(new TrustedHead(own, otherKey).accept(negative('other-key').note, []).size, 11);
});

test('an offered checkpoint of another key, or of another origin, is an error and nothing is stored', () => {
    const file = stateFile(note(6));
    const before = snapshot(file);
    const head = new TrustedHead(file, vkey);
    rejects(() => head.accept(negative('other-key').note, proof(6, 11)), 'unknown_key');
    rejects(() => head.accept(negative('other-origin').note, proof(6, 11)), 'wrong_origin');
    rejects(() => head.accept(negative('size-changed').note, proof(6, 10)), 'bad_signature');
    assert.deepEqual(snapshot(file), before);
    const fresh = stateFile();
    rejects(() => new TrustedHead(fresh, vkey).accept(negative('other-key').note, []), 'unknown_key');
    assert.equal(fs.existsSync(fresh), false);
});

// A LogApi serving the vectors: the latest checkpoint is `latest` (a note), proofs by size.
function fakeApi(latest, { proofs = log.consistency, missing = false } = {}) {
    const calls = [];
    return {
        calls,
        async getCheckpoint(request) {
            calls.push(['checkpoint', request]);
            return latest;
        },
        async getConsistencyProof(request) {
            calls.push(['consistency', request]);
            const found = proofs.find((c) => c.from === request.from && c.to === request.to);
            if (missing || !found) {
                throw new ResponseError(new Response('{"detail":"beyond the log"}', { status: 404 }), 'Response returned an error code');
            }
            return { from: found.from, to: found.to, hashes: found.proof };
        },
    };
}

test('check: first use fetches the checkpoint only', async () => {
    const file = stateFile();
    const api = fakeApi(note(6));
    assert.equal((await new TrustedHead(file, vkey).check(api, 'default')).size, 6);
    assert.deepEqual(api.calls, [['checkpoint', { project: 'default' }]]);
    assert.equal(fs.readFileSync(file, 'utf8'), note(6));
});

test('check: growth fetches the proof from the trusted size and stores the new checkpoint', async () => {
    const file = stateFile(note(6));
    const api = fakeApi(note(11));
    assert.equal((await new TrustedHead(file, vkey).check(api, 'default')).size, 11);
    assert.deepEqual(api.calls, [['checkpoint', { project: 'default' }], ['consistency', { project: 'default', from: 6, to: 11 }]]);
    assert.equal(fs.readFileSync(file, 'utf8'), note(11));
});

test('check: no proof is fetched from the empty tree or at the same size', async () => {
    for (const [held, latest] of [[note(0), note(9)], [note(9), note(9)]]) {
        const file = stateFile(held);
        const api = fakeApi(latest);
        await new TrustedHead(file, vkey).check(api, 'default');
        assert.deepEqual(api.calls.map(([name]) => name), ['checkpoint']);
        assert.equal(fs.readFileSync(file, 'utf8'), latest);
    }
});

test('check: a fork, a rollback and a 404 for the trusted size are refused', async () => {
    const cases = [
        [fork.trusted, fakeApi(fork.note, { proofs: [{ from: 6, to: 11, proof: fork.proof }] }), 11, 6],
        [note(11), fakeApi(fork.note), 11, 11],
        [negative('rollback').trusted, fakeApi(negative('rollback').note), 7, 9],
        [note(6), fakeApi(note(11), { missing: true }), 11, 6],
    ];
    for (const [held, api, offered, trusted] of cases) {
        const file = stateFile(held);
        const before = snapshot(file);
        await assert.rejects(new TrustedHead(file, vkey).check(api, 'default'), (e) => refusal(e, offered, trusted));
        assert.deepEqual(snapshot(file), before);
    }
});

test('check: another server error is not a refusal, and a bad state file fails before any request', async () => {
    const file = stateFile(note(6));
    const api = fakeApi(note(11));
    api.getConsistencyProof = async () => {
        throw new ResponseError(new Response('', { status: 500 }), 'Response returned an error code');
    };
    await assert.rejects(new TrustedHead(file, vkey).check(api, 'default'), (e) => e instanceof ResponseError && e.response.status === 500);
    assert.equal(fs.readFileSync(file, 'utf8'), note(6));

    const tampered = stateFile(negative('size-changed').note);
    const untouched = fakeApi(note(11));
    await assert.rejects(new TrustedHead(tampered, vkey).check(untouched, 'default'), (e) => e.reason === 'bad_signature');
    assert.deepEqual(untouched.calls, []);
});

// examples/trusted-head.mjs against a fake DevState whose latest checkpoint is `served`.
test('the check program: trusted, refused (exit 7) and failed (exit 1)', async (t) => {
    let served = note(6);
    let proofs = log.consistency;
    const seen = [];
    const server = http.createServer((req, res) => {
        const url = new URL(req.url, 'http://x');
        seen.push([url.pathname, url.searchParams.get('project'), req.headers.authorization ?? null]);
        if (url.pathname === '/v1/devstate/log/checkpoint') {
            res.writeHead(200, { 'Content-Type': 'text/plain; charset=utf-8' });
            return res.end(served);
        }
        const [from, to] = [Number(url.searchParams.get('from')), Number(url.searchParams.get('to'))];
        const found = proofs.find((c) => c.from === from && c.to === to);
        if (url.pathname !== '/v1/devstate/log/proof/consistency' || !found) {
            res.writeHead(404, { 'Content-Type': 'application/problem+json' });
            return res.end(JSON.stringify({ status: 404, detail: 'beyond the log' }));
        }
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify({ from, to, hashes: found.proof }));
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    t.after(() => server.close());

    const file = stateFile();
    const env = { ...process.env, DEVSTATE_URL: `http://127.0.0.1:${server.address().port}/`, DEVSTATE_PROJECT: 'default',
        DEVSTATE_LOG_VERIFIER_KEY: vkey, DEVSTATE_TOKEN: 'viewer-token' };
    const program = path.join(__dirname, '..', 'examples', 'trusted-head.mjs');
    const run = (args = [file], runEnv = env) => promisify(execFile)(process.execPath, [program, ...args], { env: runEnv })
        .then(({ stdout, stderr }) => ({ code: 0, stdout, stderr }), (e) => ({ code: e.code, stdout: e.stdout, stderr: e.stderr }));

    assert.deepEqual(await run(), { code: 0, stdout: `trusted ${log.origin} 6\n`, stderr: '' });
    assert.deepEqual(seen, [['/v1/devstate/log/checkpoint', 'default', 'Bearer viewer-token']]);
    served = note(11);
    assert.deepEqual(await run(), { code: 0, stdout: `trusted ${log.origin} 11\n`, stderr: '' });
    assert.deepEqual(seen[2], ['/v1/devstate/log/proof/consistency', 'default', 'Bearer viewer-token']);

    served = fork.note;
    const refused = await run();
    assert.equal(refused.code, 7);
    assert.equal(refused.stdout, '');
    assert.match(refused.stderr, /^history was rewritten: checkpoint 11 does not extend the trusted checkpoint 11( \(.+\))?\n$/);
    served = note(7);
    assert.match((await run()).stderr, /^history was rewritten: checkpoint 7 does not extend the trusted checkpoint 11( \(.+\))?\n$/);
    assert.equal(fs.readFileSync(file, 'utf8'), note(11));

    // the server's log is now smaller than the trusted one, though its latest checkpoint claims more
    const bigger = stateFile(note(10));
    served = note(11);
    proofs = [];
    const missing = await run([bigger]);
    assert.equal(missing.code, 7);
    assert.match(missing.stderr, /^history was rewritten: checkpoint 11 does not extend the trusted checkpoint 10 \(.+\)\n$/);

    served = negative('other-key').note;
    const failed = await run();
    assert.equal(failed.code, 1);
    assert.match(failed.stderr, /^unknown_key: /);
    const { DEVSTATE_PROJECT: _, ...noProject } = env;
    assert.deepEqual(await run([file], noProject), { code: 1, stdout: '', stderr: 'DEVSTATE_PROJECT is not set\n' });
    assert.equal((await run([])).code, 1);
    assert.equal(fs.readFileSync(file, 'utf8'), note(11));
});
