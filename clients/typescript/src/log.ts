/**
 * Offline verification of a DevState project's transparency log (docs/CHAIN.md, "The log"): the
 * RFC 6962 / RFC 9162 Merkle tree over the history entries, inclusion and consistency proofs, and
 * checkpoints (C2SP tlog-checkpoint) signed as C2SP signed-notes with Ed25519. No secret is needed:
 * only the project's verifier key (`<origin>+<key id>+<base64(0x01 || public key)>`), pinned once.
 * Hand-written (not written by scripts/generate-clients.sh); Node's own crypto, no other dependency
 * than the `canonicalize` (RFC 8785) package the chain verifier uses.
 *
 *   import { verifyHistoryAgainstCheckpoint, verifyCheckpointUpdate } from '@devstate/client';
 *   const cp = verifyHistoryAgainstCheckpoint(fs.readFileSync('.trae/history.json', 'utf8'), note, verifierKey);
 *   // next time: verifyCheckpointUpdate(cp.note, newerNote, consistencyProof, verifierKey)
 *
 * TrustedHead keeps the last verified checkpoint in a file and accepts only checkpoints proven to
 * extend it (`await new TrustedHead('.devstate-head', verifierKey).check(new LogApi(config), project)`).
 *
 * Every check throws a LogVerificationError whose `reason` says what failed (the reasons of
 * docs/vectors/log.json's negative cases).
 */
import { createHash, createPublicKey, randomBytes, verify as verifySignature } from 'crypto';
import type { KeyObject } from 'crypto';
import * as fs from 'fs';
import * as path from 'path';
import * as canonicalizeModule from 'canonicalize';
import type { LogApi } from './apis/LogApi.js';
import { ResponseError } from './runtime.js';
import { HISTORY_FORMAT } from './verify.js';
import type { HistoryFile } from './verify.js';

type Canonicalize = (input: unknown) => string | undefined;
// The package is CommonJS (module.exports = fn) but types itself as a default export: accept both.
const canonicalize: Canonicalize = typeof (canonicalizeModule as unknown) === 'function'
    ? (canonicalizeModule as unknown as Canonicalize)
    : (canonicalizeModule as unknown as { default: Canonicalize }).default;

export type LogErrorReason =
    | 'malformed'        // a note, checkpoint, key, proof or history that cannot be read
    | 'bad_key'          // a verifier key whose key ID does not match its name and public key
    | 'unknown_key'      // no signature of the verifier key on the note
    | 'bad_signature'    // the verifier key's signature does not verify (the text was changed)
    | 'wrong_origin'     // the checkpoint's origin is not the verifier key's name
    | 'bad_proof'        // a proof of the wrong length, or sizes/indexes out of range
    | 'root_mismatch'    // an inclusion proof, or the entries, give another root
    | 'inconsistent'     // a consistency proof does not join the two roots (a fork)
    | 'rollback'         // a checkpoint smaller than the trusted one
    | 'project_mismatch' // the history's project is not the checkpoint origin's
    | 'too_short'        // the history has fewer entries than the checkpoint's size
    | 'rewritten';       // a TrustedHead refused a checkpoint not proven to extend the trusted one

export class LogVerificationError extends Error {
    readonly reason: LogErrorReason;
    /** The message without its reason. */
    readonly detail: string;

    constructor(reason: LogErrorReason, message: string) {
        // A refusal's message is the one every client and the CLI print word for word: no prefix.
        super(reason === 'rewritten' ? message : `${reason}: ${message}`);
        this.name = 'LogVerificationError';
        this.reason = reason;
        this.detail = message;
    }
}

/** A hash: its bytes, or the standard base64 the API and checkpoints use. */
export type Hash = Uint8Array | string;

export interface LogVerifierKey {
    /** The key name: the origin of the checkpoints it signs, `<log name>/<project>`. */
    name: string;
    /** The 4-byte key ID, lowercase hex. */
    keyId: string;
    /** The 32-byte Ed25519 public key. */
    publicKey: Buffer;
    key: KeyObject;
}

export interface VerifiedCheckpoint {
    origin: string;
    size: number;
    root: Buffer;
    /** The note that was verified. */
    note: string;
}

const fail = (reason: LogErrorReason, message: string): never => {
    throw new LogVerificationError(reason, message);
};

function sha256(...parts: Uint8Array[]): Buffer {
    const hash = createHash('sha256');
    for (const part of parts) {
        hash.update(part);
    }
    return hash.digest();
}

const LEAF = Uint8Array.of(0x00);
const NODE = Uint8Array.of(0x01);
const ED25519 = 0x01;

function nodeHash(left: Uint8Array, right: Uint8Array): Buffer {
    return sha256(NODE, left, right);
}

function bytesOf(hash: Hash, what: string): Buffer {
    const bytes = typeof hash === 'string' ? decodeBase64(hash, what) : Buffer.from(hash);
    if (bytes.length !== 32) {
        fail('malformed', `${what} is not a 32-byte hash`);
    }
    return bytes;
}

function decodeBase64(text: string, what: string): Buffer {
    if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(text)) {
        fail('malformed', `${what} is not standard base64`);
    }
    return Buffer.from(text, 'base64');
}

function checkSize(value: number, what: string): void {
    if (!Number.isSafeInteger(value) || value < 0) {
        fail('bad_proof', `${what} must be a non-negative integer, not ${value}`);
    }
}

/** The hash of the empty tree: SHA-256 of nothing. */
export const EMPTY_ROOT: Buffer = sha256();

/** The leaf data of an entry: RFC 8785 of the entry with all its members plus `project`. */
export function leafData(entry: object, project: string): string {
    const text = canonicalize({ ...entry, project });
    if (text === undefined) {
        fail('malformed', 'the entry cannot be canonicalised (RFC 8785)');
    }
    return text as string;
}

/** SHA-256(0x00 || leaf data): the entry's leaf hash. */
export function leafHash(entry: object, project: string): Buffer {
    return sha256(LEAF, Buffer.from(leafData(entry, project), 'utf8'));
}

/** The RFC 6962 Merkle tree hash of the leaves (EMPTY_ROOT for none). */
export function rootOf(leafHashes: Hash[]): Buffer {
    if (leafHashes.length === 0) {
        return Buffer.from(EMPTY_ROOT);
    }
    // A compact range: the roots of the perfect subtrees, largest first; merged from the right.
    const stack: { hash: Buffer; size: number }[] = [];
    leafHashes.forEach((leaf, i) => {
        let item = { hash: bytesOf(leaf, `leaf hash ${i}`), size: 1 };
        while (stack.length > 0 && stack[stack.length - 1].size === item.size) {
            const left = stack.pop()!;
            item = { hash: nodeHash(left.hash, item.hash), size: left.size * 2 };
        }
        stack.push(item);
    });
    let root = stack.pop()!.hash;
    while (stack.length > 0) {
        root = nodeHash(stack.pop()!.hash, root);
    }
    return root;
}

const odd = (n: number): boolean => n % 2 === 1;
const half = (n: number): number => Math.floor(n / 2);

function powerOfTwo(n: number): boolean {
    let x = n;
    while (x > 1 && !odd(x)) {
        x = half(x);
    }
    return x === 1;
}

/**
 * Checks that leafHash is the leaf at index of the tree of size leaves whose root is root
 * (RFC 9162 section 2.1.3.2). Throws bad_proof or root_mismatch.
 */
export function verifyInclusion(index: number, size: number, leafHash: Hash, proof: Hash[], root: Hash): void {
    checkSize(index, 'index');
    checkSize(size, 'size');
    if (index >= size) {
        fail('bad_proof', `index ${index} is not in a tree of size ${size}`);
    }
    let fn = index;
    let sn = size - 1;
    let r = bytesOf(leafHash, 'leaf hash');
    for (const [i, item] of proof.entries()) {
        const p = bytesOf(item, `proof hash ${i}`);
        if (sn === 0) {
            fail('bad_proof', `the proof has more than ${i} hashes`);
        }
        if (odd(fn) || fn === sn) {
            r = nodeHash(p, r);
            if (!odd(fn)) {
                while (!odd(fn) && fn !== 0) {
                    fn = half(fn);
                    sn = half(sn);
                }
            }
        } else {
            r = nodeHash(r, p);
        }
        fn = half(fn);
        sn = half(sn);
    }
    if (sn !== 0) {
        fail('bad_proof', `the proof has too few hashes (${proof.length})`);
    }
    if (!r.equals(bytesOf(root, 'root'))) {
        fail('root_mismatch', `the proof of index ${index} does not lead to the root of size ${size}`);
    }
}

/**
 * Checks that the tree of size n with root rootN extends the tree of size m with root rootM
 * (RFC 9162 section 2.1.4.2; a tree of size 0 is extended by every tree, with an empty proof).
 * Throws bad_proof or inconsistent.
 */
export function verifyConsistency(m: number, n: number, rootM: Hash, rootN: Hash, proof: Hash[]): void {
    checkSize(m, 'from size');
    checkSize(n, 'to size');
    if (m > n) {
        fail('bad_proof', `size ${m} is larger than size ${n}`);
    }
    const first = bytesOf(rootM, 'from root');
    const second = bytesOf(rootN, 'to root');
    const path = proof.map((item, i) => bytesOf(item, `proof hash ${i}`));
    if (m === n || m === 0) {
        if (path.length > 0) {
            fail('bad_proof', `a proof from size ${m} to ${n} is empty`);
        }
        if (m === n && !first.equals(second)) {
            fail('inconsistent', `two different roots of size ${m}`);
        }
        return;
    }
    if (path.length === 0) {
        fail('bad_proof', 'empty proof');
    }
    if (powerOfTwo(m)) {
        path.unshift(first);
    }
    let fn = m - 1;
    let sn = n - 1;
    while (odd(fn)) {
        fn = half(fn);
        sn = half(sn);
    }
    let fr = path[0];
    let sr = path[0];
    for (const c of path.slice(1)) {
        if (sn === 0) {
            fail('bad_proof', 'the proof has too many hashes');
        }
        if (odd(fn) || fn === sn) {
            fr = nodeHash(c, fr);
            sr = nodeHash(c, sr);
            if (!odd(fn)) {
                while (!odd(fn) && fn !== 0) {
                    fn = half(fn);
                    sn = half(sn);
                }
            }
        } else {
            sr = nodeHash(sr, c);
        }
        fn = half(fn);
        sn = half(sn);
    }
    if (sn !== 0) {
        fail('bad_proof', 'the proof has too few hashes');
    }
    if (!fr.equals(first) || !sr.equals(second)) {
        fail('inconsistent', `the tree of size ${n} does not extend the tree of size ${m}`);
    }
}

function keyIdOf(name: string, publicKey: Uint8Array): Buffer {
    return sha256(Buffer.from(name + '\n', 'utf8'), Uint8Array.of(ED25519), publicKey).subarray(0, 4);
}

const validName = (name: string): boolean => name.length > 0 && !/[\s+]/u.test(name);

/** Reads a note verifier key `<name>+<8 hex key ID>+<base64(0x01 || 32-byte Ed25519 key)>`. */
export function parseVerifierKey(vkey: string): LogVerifierKey {
    // The name and the key ID end at the first two '+': the base64 key may hold '+' itself.
    const parts = typeof vkey === 'string' ? /^([^+]*)\+([^+]*)\+(.*)$/.exec(vkey.trim())?.slice(1) ?? [] : [];
    if (parts.length !== 3 || !validName(parts[0]) || !/^[0-9a-f]{8}$/.test(parts[1])) {
        return fail('malformed', 'not a verifier key <name>+<key id>+<base64 key>');
    }
    const [name, keyId, encoded] = parts;
    const typed = decodeBase64(encoded, 'the verifier key');
    if (typed.length !== 33 || typed[0] !== ED25519) {
        return fail('malformed', 'the verifier key is not an Ed25519 key');
    }
    const publicKey = Buffer.from(typed.subarray(1));
    if (keyIdOf(name, publicKey).toString('hex') !== keyId) {
        return fail('bad_key', `key ID ${keyId} does not belong to ${name} and this public key`);
    }
    const key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: publicKey.toString('base64url') }, format: 'jwk' });
    return { name, keyId, publicKey, key };
}

/** Reads the three lines of a checkpoint's text (extension lines after them are allowed). */
function parseCheckpointText(text: string): { origin: string; size: number; root: Buffer } {
    const lines = text.split('\n');
    if (lines.length < 4 || lines[0] === '' || !/^(0|[1-9][0-9]*)$/.test(lines[1])) {
        return fail('malformed', 'not a checkpoint (origin, size, root)');
    }
    const size = Number(lines[1]);
    if (!Number.isSafeInteger(size)) {
        return fail('malformed', `checkpoint size ${lines[1]} is too large`);
    }
    return { origin: lines[0], size, root: bytesOf(lines[2], 'the checkpoint root') };
}

/**
 * Verifies a checkpoint note against a pinned verifier key: the key's signature, then the origin
 * (it must be the key's name). Returns the checkpoint; throws malformed, bad_key, unknown_key,
 * bad_signature or wrong_origin.
 */
export function verifyCheckpoint(note: string, vkey: string | LogVerifierKey): VerifiedCheckpoint {
    const verifier = typeof vkey === 'string' ? parseVerifierKey(vkey) : vkey;
    if (typeof note !== 'string' || !note.endsWith('\n')) {
        return fail('malformed', 'a signed note ends with a newline');
    }
    const split = note.lastIndexOf('\n\n');
    if (split < 0) {
        return fail('malformed', 'a signed note has a blank line before its signatures');
    }
    const text = note.slice(0, split + 1);
    const signatures = note.slice(split + 2, -1).split('\n');
    let signed = false;
    for (const line of signatures) {
        const match = /^\u2014 (\S+) ([A-Za-z0-9+/=]+)$/u.exec(line);
        if (!match) {
            return fail('malformed', `not a signature line: ${JSON.stringify(line)}`);
        }
        const [, name, encoded] = match;
        const signature = decodeBase64(encoded, 'a signature');
        if (signature.length < 5) {
            return fail('malformed', 'a signature line without a signature');
        }
        if (name !== verifier.name || signature.subarray(0, 4).toString('hex') !== verifier.keyId) {
            continue;
        }
        if (!verifySignature(null, Buffer.from(text, 'utf8'), verifier.key, signature.subarray(4))) {
            return fail('bad_signature', `the signature of ${verifier.name}+${verifier.keyId} does not verify`);
        }
        signed = true;
    }
    if (!signed) {
        return fail('unknown_key', `the note has no signature of ${verifier.name}+${verifier.keyId}`);
    }
    const checkpoint = parseCheckpointText(text);
    if (checkpoint.origin !== verifier.name) {
        return fail('wrong_origin', `checkpoint origin ${checkpoint.origin} is not ${verifier.name}`);
    }
    return { ...checkpoint, note };
}

/**
 * Verifies that `offered` (a newer checkpoint) extends `trusted` (one kept from an earlier
 * verification), both signed by vkey, with the consistency proof from trusted's size to
 * offered's. Returns the offered checkpoint, to keep; throws rollback for a smaller log,
 * inconsistent for a fork, or what verifyCheckpoint throws.
 */
export function verifyCheckpointUpdate(trusted: string, offered: string, proof: Hash[], vkey: string | LogVerifierKey): VerifiedCheckpoint {
    const verifier = typeof vkey === 'string' ? parseVerifierKey(vkey) : vkey;
    const old = verifyCheckpoint(trusted, verifier);
    const next = verifyCheckpoint(offered, verifier);
    if (next.size < old.size) {
        return fail('rollback', `the log had ${old.size} entries, this checkpoint has ${next.size}`);
    }
    verifyConsistency(old.size, next.size, old.root, next.root, proof);
    return next;
}

function parseHistory(history: string | HistoryFile): HistoryFile {
    let file: HistoryFile;
    try {
        file = (typeof history === 'string' ? JSON.parse(history) : history) as HistoryFile;
    } catch (e) {
        return fail('malformed', `the history is not JSON: ${(e as Error).message}`);
    }
    if (file === null || typeof file !== 'object' || file.format !== HISTORY_FORMAT
        || typeof file.project !== 'string' || !Array.isArray(file.entries)) {
        return fail('malformed', `not a ${HISTORY_FORMAT} document ({format, project, entries})`);
    }
    return file;
}

/**
 * Verifies a `.trae/history.json` (its text or parsed value) against a checkpoint: the checkpoint
 * is signed by vkey, its origin is `<log name>/<the history's project>`, and the root of the first
 * `size` entries (in seq order 1, 2, ...) is the checkpoint's root. Entries after `size` (written
 * after the checkpoint) are not covered. Returns the checkpoint; throws project_mismatch,
 * too_short, malformed, root_mismatch or what verifyCheckpoint throws.
 */
export function verifyHistoryAgainstCheckpoint(history: string | HistoryFile, note: string, vkey: string | LogVerifierKey): VerifiedCheckpoint {
    const checkpoint = verifyCheckpoint(note, vkey);
    const file = parseHistory(history);
    if (!checkpoint.origin.endsWith('/' + file.project)) {
        return fail('project_mismatch', `the history of ${file.project} is not the log ${checkpoint.origin}`);
    }
    if (file.entries.length < checkpoint.size) {
        return fail('too_short', `the checkpoint covers ${checkpoint.size} entries, the history has ${file.entries.length}`);
    }
    const leaves = file.entries.slice(0, checkpoint.size).map((entry, i) => {
        if (entry === null || typeof entry !== 'object' || entry.seq !== i + 1) {
            fail('malformed', `entry ${i + 1} of the history is not seq ${i + 1}`);
        }
        return leafHash(entry, file.project);
    });
    if (!rootOf(leaves).equals(checkpoint.root)) {
        return fail('root_mismatch', `the entries do not give the root of the checkpoint of size ${checkpoint.size}`);
    }
    return checkpoint;
}

/** The refusal of a checkpoint that is not proven to extend the trusted one (same text in every client and the CLI). */
function historyRewritten(offeredSize: number, trustedSize: number, detail: string): LogVerificationError {
    return new LogVerificationError('rewritten',
        `history was rewritten: checkpoint ${offeredSize} does not extend the trusted checkpoint ${trustedSize} (${detail})`);
}

/**
 * The checkpoint of one log (origin = the verifier key's name) that this client last verified,
 * kept in `stateFile` as the signed note verbatim (the bytes of the export's `.trae/checkpoint`).
 * A checkpoint replaces it only when proven to extend it: the first one is trusted on first use;
 * later, a smaller one (rollback), another root of the same size (fork) or a larger one whose
 * consistency proof fails is refused with a LogVerificationError of reason `rewritten`, and the
 * state file is left as it was.
 */
export class TrustedHead {
    readonly stateFile: string;
    private readonly verifier: LogVerifierKey;

    constructor(stateFile: string, verifierKey: string | LogVerifierKey) {
        this.stateFile = stateFile;
        this.verifier = typeof verifierKey === 'string' ? parseVerifierKey(verifierKey) : verifierKey;
    }

    /**
     * The trusted checkpoint, verified again with the pinned key, or undefined when the state file
     * does not exist. A state file that does not verify throws (it is never silently replaced).
     */
    trusted(): VerifiedCheckpoint | undefined {
        let note: string;
        try {
            note = fs.readFileSync(this.stateFile, 'utf8');
        } catch (e) {
            if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
                return undefined;
            }
            throw e;
        }
        try {
            return verifyCheckpoint(note, this.verifier);
        } catch (e) {
            if (e instanceof LogVerificationError) {
                throw new LogVerificationError(e.reason, `the trusted state file ${this.stateFile}: ${e.detail}`);
            }
            throw e;
        }
    }

    /**
     * Verifies `offeredNote` and, with `proof` (the consistency proof from the trusted size to its
     * size; empty when nothing is trusted yet, the trusted size is 0 or the sizes are equal), that it
     * extends the trusted checkpoint; then stores it and returns it. Offline: no request is made.
     */
    accept(offeredNote: string, proof: Hash[]): VerifiedCheckpoint {
        return this.acceptOver(this.trusted(), offeredNote, proof);
    }

    /**
     * Fetches the latest checkpoint of `project` and, when it is larger than the trusted one, the
     * consistency proof from the trusted size (a 404 there means the server's log is smaller: a
     * refusal), then accepts it as `accept` does.
     */
    async check(api: Pick<LogApi, 'getCheckpoint' | 'getConsistencyProof'>, project: string): Promise<VerifiedCheckpoint> {
        // Read the state file first: a bad one fails before any request, and one read serves the whole check.
        const trusted = this.trusted();
        const offeredNote = await api.getCheckpoint({ project });
        const offered = verifyCheckpoint(offeredNote, this.verifier);
        let proof: Hash[] = [];
        if (trusted !== undefined && trusted.size > 0 && offered.size > trusted.size) {
            try {
                proof = (await api.getConsistencyProof({ project, from: trusted.size, to: offered.size })).hashes;
            } catch (e) {
                if (e instanceof ResponseError && e.response.status === 404) {
                    throw historyRewritten(offered.size, trusted.size, `the server has no tree of size ${trusted.size} to prove it from`);
                }
                throw e;
            }
        }
        return this.acceptOver(trusted, offeredNote, proof);
    }

    private acceptOver(trusted: VerifiedCheckpoint | undefined, offeredNote: string, proof: Hash[]): VerifiedCheckpoint {
        const offered = verifyCheckpoint(offeredNote, this.verifier);
        if (trusted === undefined) {
            if (proof.length > 0) {
                fail('bad_proof', 'no checkpoint is trusted yet, so there is nothing to prove consistency with');
            }
        } else {
            if (offered.size < trusted.size) {
                throw historyRewritten(offered.size, trusted.size, 'the log got smaller');
            }
            if (offered.size === trusted.size && !offered.root.equals(trusted.root)) {
                throw historyRewritten(offered.size, trusted.size, 'another root for the same size');
            }
            try {
                verifyConsistency(trusted.size, offered.size, trusted.root, offered.root, proof);
            } catch (e) {
                if (e instanceof LogVerificationError) {
                    throw historyRewritten(offered.size, trusted.size, e.message);
                }
                throw e;
            }
        }
        if (trusted?.note !== offered.note) {
            this.store(offered.note);
        }
        return offered;
    }

    /** Writes the note to a temporary file next to the state file, then renames it over: never half a note. */
    private store(note: string): void {
        const dir = path.dirname(this.stateFile);
        fs.mkdirSync(dir, { recursive: true });
        const temporary = path.join(dir, `.${path.basename(this.stateFile)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
        try {
            const fd = fs.openSync(temporary, 'wx', 0o644);
            try {
                fs.writeFileSync(fd, note, 'utf8');
                fs.fsyncSync(fd);
            } finally {
                fs.closeSync(fd);
            }
            fs.renameSync(temporary, this.stateFile);
        } catch (e) {
            fs.rmSync(temporary, { force: true });
            throw e;
        }
    }
}
