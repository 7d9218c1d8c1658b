// The transparency-log vectors of docs/vectors/log.json (written by docs/vectors/loggen with the Go
// libraries of the transparency ecosystem) through the offline log verifier (node --test).
const test = require('node:test');
const assert = require('node:assert/strict');
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const {
    leafData, leafHash, rootOf, verifyInclusion, verifyConsistency, parseVerifierKey, verifyCheckpoint,
    verifyCheckpointUpdate, verifyHistoryAgainstCheckpoint, LogVerificationError, EMPTY_ROOT,
} = require('../dist/log');
const root = require('../dist');
const { verifyHistory } = require('../dist/verify');

const vectors = path.join(__dirname, '..', '..', '..', 'docs', 'vectors');
const text = fs.readFileSync(path.join(vectors, 'log.json'), 'utf8');
const log = JSON.parse(text);
const hex = (h) => Buffer.from(h, 'hex');
const b64 = (h) => Buffer.from(h, 'base64');
const vkey = log.key.verifier_key;

const rejects = (fn, reason) => assert.throws(fn, (error) => {
    assert.ok(error instanceof LogVerificationError, `expected a LogVerificationError, got ${error}`);
    assert.equal(error.reason, reason, error.message);
    return true;
});

test('the log module is exported from the package root', () => {
    assert.equal(root.verifyCheckpoint, verifyCheckpoint);
    assert.equal(root.verifyHistoryAgainstCheckpoint, verifyHistoryAgainstCheckpoint);
});

test('the history of the log vectors is a valid HMAC chain (docs/CHAIN.md rule)', () => {
    assert.equal(verifyHistory(log.history, log.hmac_keys).ok, true);
    assert.equal(verifyHistory(log.history, log.hmac_keys).verified, log.leaves.length);
});

test('leaf data and leaf hashes', () => {
    assert.equal(log.leaves.length, 11);
    log.leaves.forEach((leaf, i) => {
        const entry = log.history.entries[i];
        assert.equal(leafData(entry, log.project), leaf.leaf_data, `leaf ${i}`);
        assert.equal(leafHash(entry, log.project).toString('hex'), leaf.leaf_hash, `leaf ${i}`);
    });
});

test('roots of every size', () => {
    assert.equal(log.checkpoints.length, 12);
    const leaves = log.leaves.map((leaf) => hex(leaf.leaf_hash));
    for (const cp of log.checkpoints) {
        assert.equal(rootOf(leaves.slice(0, cp.size)).toString('base64'), cp.root, `size ${cp.size}`);
        // base64 text is a hash too
        assert.equal(rootOf(leaves.slice(0, cp.size).map((h) => h.toString('base64'))).toString('base64'), cp.root);
    }
    assert.equal(EMPTY_ROOT.toString('base64'), log.checkpoints[0].root);
});

test('the verifier key', () => {
    const key = parseVerifierKey(vkey);
    assert.equal(key.name, log.origin);
    assert.equal(key.keyId, log.key.key_id);
    assert.equal(key.publicKey.toString('base64'), log.key.public_key);
    rejects(() => parseVerifierKey(vkey.replace(`+${log.key.key_id}+`, '+00000000+')), 'bad_key');
    rejects(() => parseVerifierKey('not a key'), 'malformed');
});

// An Ed25519 key from a seed (PKCS #8 of RFC 8410) and its note verifier key.
function keyOf(name, seed) {
    const privateKey = crypto.createPrivateKey({ key: Buffer.concat([Buffer.from('302e020100300506032b657004220420', 'hex'), seed]),
        format: 'der', type: 'pkcs8' });
    const x = Buffer.from(crypto.createPublicKey(privateKey).export({ format: 'jwk' }).x, 'base64url');
    const keyId = crypto.createHash('sha256').update(`${name}\n`).update(Uint8Array.of(1)).update(x).digest().subarray(0, 4);
    return { privateKey, keyId, vkey: `${name}+${keyId.toString('hex')}+${Buffer.concat([Uint8Array.of(1), x]).toString('base64')}` };
}

test('a verifier key whose base64 holds a \'+\' (about every other key)', () => {
    let i = 0;
    let key;
    do {
        key = keyOf(log.origin, crypto.createHash('sha256').update(`plus key ${i++}`).digest());
    } while (key.vkey.split('+').length === 3);
    assert.equal(parseVerifierKey(key.vkey).keyId, key.keyId.toString('hex'));
    const text = `${log.origin}\n3\n${log.checkpoints[3].root}\n`;
    const signature = Buffer.concat([key.keyId, crypto.sign(null, Buffer.from(text), key.privateKey)]).toString('base64');
    const note = `${text}\n\u2014 ${log.origin} ${signature}\n`;
    assert.equal(verifyCheckpoint(note, key.vkey).size, 3);
    rejects(() => verifyCheckpoint(log.checkpoints[3].note, key.vkey), 'unknown_key');
});

for (const cp of log.checkpoints) {
    test(`checkpoint of size ${cp.size}`, () => {
        const verified = verifyCheckpoint(cp.note, vkey);
        assert.equal(verified.origin, log.origin);
        assert.equal(verified.size, cp.size);
        assert.equal(verified.root.toString('base64'), cp.root);
        assert.ok(cp.note.startsWith(`${log.origin}\n${cp.size}\n${cp.root}\n\n\u2014 ${log.origin} `));
        // The whole history verifies against every checkpoint (entries after its size are not covered).
        assert.equal(verifyHistoryAgainstCheckpoint(JSON.stringify(log.history), cp.note, vkey).size, cp.size);
        assert.equal(verifyHistoryAgainstCheckpoint(log.history, cp.note, parseVerifierKey(vkey)).size, cp.size);
    });
}

test('every inclusion proof', () => {
    assert.equal(log.inclusion.length, 66);
    for (const p of log.inclusion) {
        assert.equal(p.leaf_hash, log.leaves[p.index].leaf_hash);
        assert.equal(p.root, log.checkpoints[p.size].root);
        verifyInclusion(p.index, p.size, hex(p.leaf_hash), p.proof.map(b64), b64(p.root));
        verifyInclusion(p.index, p.size, hex(p.leaf_hash), p.proof, p.root);
        // The same proof for another leaf, or with a hash missing, fails.
        const other = log.leaves[(p.index + 1) % p.size];
        if (p.size > 1) {
            rejects(() => verifyInclusion(p.index, p.size, hex(other.leaf_hash), p.proof, p.root), 'root_mismatch');
        }
        if (p.proof.length > 0) {
            rejects(() => verifyInclusion(p.index, p.size, hex(p.leaf_hash), p.proof.slice(1), p.root), 'bad_proof');
        }
        rejects(() => verifyInclusion(p.index, p.size, hex(p.leaf_hash), [...p.proof, p.root], p.root), 'bad_proof');
    }
    rejects(() => verifyInclusion(11, 11, hex(log.leaves[0].leaf_hash), [], log.checkpoints[11].root), 'bad_proof');
});

test('every consistency proof', () => {
    assert.equal(log.consistency.length, 78);
    for (const p of log.consistency) {
        assert.equal(p.from_root, log.checkpoints[p.from].root);
        assert.equal(p.to_root, log.checkpoints[p.to].root);
        verifyConsistency(p.from, p.to, b64(p.from_root), b64(p.to_root), p.proof.map(b64));
        verifyConsistency(p.from, p.to, p.from_root, p.to_root, p.proof);
        if (p.from > 0 && p.from < p.to) {
            rejects(() => verifyConsistency(p.from, p.to, p.from_root, log.checkpoints[p.to - 1].root, p.proof),
                'inconsistent');
            rejects(() => verifyConsistency(p.from, p.to, p.from_root, p.to_root, p.proof.slice(1)), 'bad_proof');
        }
        // The checkpoints with the proof: an update from the smaller to the larger.
        assert.equal(verifyCheckpointUpdate(log.checkpoints[p.from].note, log.checkpoints[p.to].note, p.proof, vkey).size,
            p.to);
    }
});

const CHECKS = {
    checkpoint: (c) => verifyCheckpoint(c.note, c.verifier_key),
    inclusion: (c) => verifyInclusion(c.index, c.size, hex(c.leaf_hash), c.proof, c.root),
    consistency: (c) => verifyConsistency(c.from, c.to, c.from_root, c.to_root, c.proof),
    update: (c) => verifyCheckpointUpdate(c.trusted, c.note, c.proof || [], c.verifier_key),
    history: (c) => verifyHistoryAgainstCheckpoint(JSON.stringify(c.history), c.note, c.verifier_key),
};

for (const c of log.negative) {
    test(`negative case ${c.name}: ${c.error}`, () => {
        assert.ok(CHECKS[c.kind], `unknown kind ${c.kind}`);
        rejects(() => CHECKS[c.kind](c), c.error);
    });
}

test('the negative cases cover what docs/vectors/README.md lists', () => {
    assert.deepEqual(log.negative.map((c) => c.name).sort(), ['fork', 'fork-consistency', 'history-truncated',
        'history-vs-fork', 'inclusion-flipped', 'other-key', 'other-origin', 'rollback', 'size-changed']);
    const fork = log.negative.find((c) => c.name === 'fork');
    // The fork is self-consistent: its HMAC chain verifies with the key, and its own checkpoint matches it.
    assert.equal(verifyHistory(fork.history, log.hmac_keys).ok, true);
    assert.equal(verifyHistoryAgainstCheckpoint(fork.history, fork.note, vkey).size, 11);
    // It is only the pinned older checkpoint that exposes it.
    const proof = log.consistency.find((p) => p.from === 6 && p.to === 11).proof;
    rejects(() => verifyCheckpointUpdate(log.checkpoints[6].note, fork.note, proof, vkey), 'inconsistent');
});

test('a history of another project, a malformed note', () => {
    const other = { ...log.history, project: 'other' };
    rejects(() => verifyHistoryAgainstCheckpoint(other, log.checkpoints[11].note, vkey), 'project_mismatch');
    rejects(() => verifyCheckpoint('no signature\n', vkey), 'malformed');
    rejects(() => verifyCheckpoint(log.checkpoints[3].note.replace('\u2014', '-'), vkey), 'malformed');
    const swapped = log.history.entries.slice();
    [swapped[0], swapped[1]] = [swapped[1], swapped[0]];
    rejects(() => verifyHistoryAgainstCheckpoint({ ...log.history, entries: swapped }, log.checkpoints[2].note, vkey),
        'malformed');
});
