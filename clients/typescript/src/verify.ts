/**
 * Offline verification of a DevState history chain (`.trae/history.json`) and the state checksum
 * (`.trae/state.json`), exactly as docs/CHAIN.md specifies. Hand-written: not overwritten by
 * scripts/generate-clients.sh (see .openapi-generator-ignore).
 *
 *   import { verifyHistory, stateChecksum } from '@devstate/client';
 *   const result = verifyHistory(fs.readFileSync('.trae/history.json', 'utf8'), { k1: process.env.HMAC_SECRET! });
 *   if (!result.ok) console.error(result.failure);   // { seq, reason, expected, actual }
 *
 * Entries fetched through the client (`searchHistory`, `getHistoryEntry`) verify too, with
 * `verifyHistory(historyOf(project, entries), keys)`: every signed member, `ts` included, is kept
 * exactly as the service sent it.
 */
import { createHash, createHmac, timingSafeEqual } from 'crypto';
// RFC 8785 (JCS) by one of the RFC's authors; numbers are serialised in their ECMAScript form.
import * as canonicalizeModule from 'canonicalize';
import { HistoryEntryToJSON } from './models/HistoryEntry.js';
import type { HistoryEntry } from './models/HistoryEntry.js';

type Canonicalize = (input: unknown) => string | undefined;
// The package is CommonJS (module.exports = fn) but types itself as a default export: accept both.
const canonicalize: Canonicalize = typeof (canonicalizeModule as unknown) === 'function'
    ? (canonicalizeModule as unknown as Canonicalize)
    : (canonicalizeModule as unknown as { default: Canonicalize }).default;

export const HISTORY_FORMAT = 'devstate-history/1';
export const GENESIS_HMAC = '0'.repeat(64);

export type FailureReason = 'hmac_mismatch' | 'prev_mismatch' | 'seq_gap' | 'unknown_kid';

export interface ChainFileEntry {
    seq: number;
    ts: string;
    actor: string;
    action: string;
    cp_from: string | null;
    cp_to: string | null;
    state_checksum: string | null;
    metadata: { [key: string]: unknown } | null;
    kid: string;
    hmac_prev: string;
    hmac: string;
}

export interface HistoryFile {
    format: string;
    project: string;
    entries: ChainFileEntry[];
}

export interface ChainFailure {
    seq: number;
    reason: FailureReason;
    /** As GET /v1/devstate/verify: null for hmac_mismatch and unknown_kid. */
    expected: string | null;
    actual: string | null;
}

export interface ChainVerification {
    ok: boolean;
    /** Entries that passed before the first failure. */
    verified: number;
    head: { seq: number; hmac: string } | null;
    failure: ChainFailure | null;
}

/** kid -> secret (the secret's UTF-8 bytes are the HMAC-SHA256 key). */
export type Keys = { [kid: string]: string } | Map<string, string>;

function jcs(value: unknown): string {
    const text = canonicalize(value);
    if (text === undefined) {
        throw new Error('value cannot be canonicalised (RFC 8785)');
    }
    return text;
}

/** The canonical message an entry's hmac is computed over (every member but hmac, plus project). */
export function entryMessage(project: string, entry: Omit<ChainFileEntry, 'hmac'> | ChainFileEntry): string {
    return jcs({
        project,
        seq: entry.seq,
        ts: entry.ts,
        actor: entry.actor,
        action: entry.action,
        cp_from: entry.cp_from ?? null,
        cp_to: entry.cp_to ?? null,
        state_checksum: entry.state_checksum ?? null,
        metadata: entry.metadata ?? null,
        kid: entry.kid,
        hmac_prev: entry.hmac_prev,
    });
}

/** Lowercase hex HMAC-SHA256 of the entry's message under secret. */
export function entryHmac(project: string, entry: Omit<ChainFileEntry, 'hmac'> | ChainFileEntry, secret: string): string {
    return createHmac('sha256', Buffer.from(secret, 'utf8')).update(entryMessage(project, entry), 'utf8').digest('hex');
}

function secretOf(keys: Keys, kid: string): string | undefined {
    if (keys instanceof Map) {
        return keys.get(kid);
    }
    return Object.prototype.hasOwnProperty.call(keys, kid) ? keys[kid] : undefined;
}

function sameHex(a: string, b: string): boolean {
    const x = Buffer.from(a, 'utf8');
    const y = Buffer.from(typeof b === 'string' ? b : '', 'utf8');
    return x.length === y.length && timingSafeEqual(x, y);
}

function parseHistory(history: string | HistoryFile): HistoryFile {
    const file = (typeof history === 'string' ? JSON.parse(history) : history) as HistoryFile;
    if (file === null || typeof file !== 'object' || file.format !== HISTORY_FORMAT
        || typeof file.project !== 'string' || !Array.isArray(file.entries)) {
        throw new Error(`not a ${HISTORY_FORMAT} document ({format, project, entries})`);
    }
    return file;
}

/**
 * Verifies a `.trae/history.json` (its text or its parsed value) from seq 1 with the given keys.
 * Returns the first failure, as GET /v1/devstate/verify does. Throws only for a malformed file.
 */
export function verifyHistory(history: string | HistoryFile, keys: Keys): ChainVerification {
    const file = parseHistory(history);
    let expectedSeq = 1;
    let prev = GENESIS_HMAC;
    let head: ChainVerification['head'] = null;
    const fail = (failure: ChainFailure): ChainVerification =>
        ({ ok: false, verified: expectedSeq - 1, head, failure });
    for (const entry of file.entries) {
        if (entry.seq !== expectedSeq) {
            return fail({ seq: expectedSeq, reason: 'seq_gap', expected: String(expectedSeq), actual: String(entry.seq) });
        }
        if (entry.hmac_prev !== prev) {
            return fail({ seq: entry.seq, reason: 'prev_mismatch', expected: prev, actual: entry.hmac_prev });
        }
        const secret = secretOf(keys, entry.kid);
        if (secret === undefined) {
            return fail({ seq: entry.seq, reason: 'unknown_kid', expected: null, actual: entry.kid });
        }
        if (!sameHex(entryHmac(file.project, entry, secret), entry.hmac)) {
            return fail({ seq: entry.seq, reason: 'hmac_mismatch', expected: null, actual: entry.hmac });
        }
        prev = entry.hmac;
        head = { seq: entry.seq, hmac: entry.hmac };
        expectedSeq++;
    }
    return { ok: true, verified: expectedSeq - 1, head, failure: null };
}

/**
 * The `.trae/history.json` document of entries fetched through the client (any order, e.g. the
 * newest-first pages of `searchHistory`), oldest first, for `verifyHistory` and `resignHistory`.
 */
export function historyOf(project: string, entries: HistoryEntry[]): HistoryFile {
    const sorted = [...entries].sort((a, b) => a.seq - b.seq);
    return {
        format: HISTORY_FORMAT,
        project,
        entries: sorted.map((entry) => {
            const { seq, ts, actor, action, cp_from, cp_to, state_checksum, metadata, kid, hmac_prev, hmac } =
                HistoryEntryToJSON(entry) as unknown as ChainFileEntry;
            return { seq, ts, actor, action, cp_from, cp_to, state_checksum, metadata, kid, hmac_prev, hmac };
        }),
    };
}

/** `sha256:` + hex SHA-256 of the RFC 8785 form of a state document (its text or its value). */
export function stateChecksum(state: string | object): string {
    const value = typeof state === 'string' ? JSON.parse(state) : state;
    return 'sha256:' + createHash('sha256').update(jcs(value), 'utf8').digest('hex');
}

/**
 * The same entries signed again, for another project and/or key (for example to move a chain signed
 * with a test key to a fresh project). The result verifies with { [kid]: secret }.
 */
export function resignHistory(history: string | HistoryFile, project: string, kid: string, secret: string): HistoryFile {
    const file = parseHistory(history);
    let prev = GENESIS_HMAC;
    const entries = file.entries.map((entry) => {
        const unsigned = { ...entry, kid, hmac_prev: prev };
        const signed: ChainFileEntry = { ...unsigned, hmac: entryHmac(project, unsigned, secret) };
        prev = signed.hmac;
        return signed;
    });
    return { format: HISTORY_FORMAT, project, entries };
}
