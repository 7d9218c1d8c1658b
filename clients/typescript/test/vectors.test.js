// The shared vectors of docs/vectors through the offline verifier (node --test; no server needed).
const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('node:fs');
const path = require('node:path');
const { verifyHistory, entryMessage, stateChecksum } = require('../dist/verify');

const vectors = path.join(__dirname, '..', '..', '..', 'docs', 'vectors');
const read = (name) => fs.readFileSync(path.join(vectors, name), 'utf8');

const chains = JSON.parse(read('chains.json'));
for (const vector of chains.cases) {
    test(`chain vector ${vector.name}`, () => {
        assert.deepEqual(verifyHistory(vector.history, vector.keys), vector.expected);
        // The text path and a Map keyring too.
        assert.deepEqual(verifyHistory(JSON.stringify(vector.history), new Map(Object.entries(vector.keys))), vector.expected);
        (vector.messages || []).forEach((message, i) =>
            assert.equal(entryMessage(vector.history.project, vector.history.entries[i]), message));
    });
}

const checksums = JSON.parse(read('state-checksums.json'));
for (const vector of checksums.cases) {
    test(`state checksum vector ${vector.name}`, () => {
        assert.equal(stateChecksum(vector.state), vector.checksum);
        assert.equal(stateChecksum(JSON.stringify(vector.state)), vector.checksum);
    });
}

test('a malformed file is an error, not a verification result', () => {
    assert.throws(() => verifyHistory('{"format":"other","project":"p","entries":[]}', {}));
});
