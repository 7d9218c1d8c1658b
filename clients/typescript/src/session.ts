// Hand-written (see .openapi-generator-ignore): not overwritten by scripts/generate-clients.sh.
//
// Read-your-writes across replicas: a Middleware that remembers, per base URL and project, the
// highest state `version` and history `seq` its own successful writes returned, and sends them as
// `DevState-Min-Version` / `DevState-Min-Seq` on later reads, so that a replica never answers with
// data older than those writes (the server reads the database instead, or answers 412 when the
// number is above what the database has).
//
//   import { Configuration, StateApi, sessionConsistency } from '@devstate/client';
//   const session = sessionConsistency();
//   const config = new Configuration({ basePath: 'http://localhost:3180', middleware: [session] });

import type { FetchParams, Middleware, RequestContext, ResponseContext } from './runtime.js';

/** What a session remembers for one base URL and project (absent: nothing written yet). */
export interface SessionNumbers {
    version?: number;
    seq?: number;
}

/** The middleware, plus access to what it remembers. */
export interface SessionConsistency extends Middleware {
    /** The numbers remembered for basePath (as given to Configuration) and project (default `default`). */
    get(basePath: string, project?: string): SessionNumbers;
    /** Raises the remembered numbers (never lowers them), e.g. to carry a session over from elsewhere. */
    remember(basePath: string, project: string | undefined, numbers: SessionNumbers): void;
    /** Forgets a project's numbers (e.g. after its database was reset: every read would be a 412). */
    forget(basePath: string, project?: string): void;
}

const MIN_VERSION = 'DevState-Min-Version';
const MIN_SEQ = 'DevState-Min-Seq';

// The routes this cares about, after the base URL's own path. Writes whose answer carries the
// numbers: PUT/POST state (version, seq), POST history (seq), DELETE history/{seq} (the
// tombstone's seq), POST import (head.seq; the answer has no state version). Reads that take the
// headers: GET state (version), GET history/search, verify, export (seq).
const ROUTE = /^(.*)\/v1\/devstate\/(state|history|history\/search|history\/\d+|verify|export|import)$/;

type Route = { base: string; project: string; method: string; name: string };

function route(url: string, init: RequestInit): Route | undefined {
    let parsed: URL;
    try {
        parsed = new URL(url);
    } catch {
        return undefined;
    }
    const match = ROUTE.exec(parsed.pathname);
    if (!match) {
        return undefined;
    }
    const name = match[2].startsWith('history/') && match[2] !== 'history/search' ? 'history/{seq}' : match[2];
    return {
        base: parsed.origin + match[1],
        // Absent or empty means `default` on the server too.
        project: parsed.searchParams.get('project') || 'default',
        method: (init.method || 'GET').toUpperCase(),
        name,
    };
}

function isWrite(r: Route): boolean {
    return (r.name === 'state' && (r.method === 'PUT' || r.method === 'POST'))
        || (r.name === 'history' && r.method === 'POST')
        || (r.name === 'history/{seq}' && r.method === 'DELETE')
        || (r.name === 'import' && r.method === 'POST');
}

// The header a read takes, if any.
function readHeader(r: Route): typeof MIN_VERSION | typeof MIN_SEQ | undefined {
    if (r.method !== 'GET') {
        return undefined;
    }
    if (r.name === 'state') {
        return MIN_VERSION;
    }
    return r.name === 'history/search' || r.name === 'verify' || r.name === 'export' ? MIN_SEQ : undefined;
}

function normalizeBase(basePath: string): string {
    const parsed = new URL(basePath);
    return parsed.origin + parsed.pathname.replace(/\/+$/, '');
}

const positive = (n: unknown): n is number => typeof n === 'number' && Number.isSafeInteger(n) && n >= 1;

// Returns init with header set to value unless the caller already asked for as much or more,
// keeping the shape of init.headers (the generated code passes a plain object).
function withAtLeast(init: RequestInit, header: string, value: number): RequestInit {
    const headers = init.headers;
    const lower = header.toLowerCase();
    if (headers instanceof Headers) {
        if (Number(headers.get(header)) >= value) {
            return init; // never lower what the caller set
        }
        const copy = new Headers(headers);
        copy.set(header, String(value));
        return { ...init, headers: copy };
    }
    if (Array.isArray(headers)) {
        if (headers.some(([k, v]) => k.toLowerCase() === lower && Number(v) >= value)) {
            return init;
        }
        const kept = headers.filter(([k]) => k.toLowerCase() !== lower);
        return { ...init, headers: [...kept, [header, String(value)]] };
    }
    const object = (headers || {}) as Record<string, string>;
    const copy: Record<string, string> = {};
    for (const k of Object.keys(object)) {
        if (k.toLowerCase() !== lower) {
            copy[k] = object[k];
        } else if (Number(object[k]) >= value) {
            return init;
        }
    }
    copy[header] = String(value);
    return { ...init, headers: copy };
}

/**
 * A Middleware for Configuration.middleware (or api.withMiddleware) giving read-your-writes
 * across replicas for everything sent through it. One session may serve several base URLs and
 * projects; share it between the API objects whose writes later reads must see.
 */
export function sessionConsistency(): SessionConsistency {
    const seen = new Map<string, SessionNumbers>();
    const key = (base: string, project: string) => `${base} ${project}`;
    const raise = (k: string, numbers: SessionNumbers) => {
        const current = seen.get(k) || {};
        const next = { ...current };
        if (positive(numbers.version) && !(current.version! >= numbers.version)) next.version = numbers.version;
        if (positive(numbers.seq) && !(current.seq! >= numbers.seq)) next.seq = numbers.seq;
        seen.set(k, next);
    };

    return {
        async pre({ url, init }: RequestContext): Promise<FetchParams | void> {
            const r = route(url, init);
            const header = r && readHeader(r);
            if (!r || !header) {
                return;
            }
            const numbers = seen.get(key(r.base, r.project));
            const value = header === MIN_VERSION ? numbers?.version : numbers?.seq;
            if (value === undefined) {
                return;
            }
            return { url, init: withAtLeast(init, header, value) };
        },

        async post({ url, init, response }: ResponseContext): Promise<Response | void> {
            const r = route(url, init);
            // Only a write the server accepted (2xx) wrote anything.
            if (!r || !isWrite(r) || !response.ok) {
                return;
            }
            let body: any;
            try {
                body = await response.json(); // a clone: the caller's response stays unread
            } catch {
                return;
            }
            if (body && typeof body === 'object') {
                raise(key(r.base, r.project), {
                    version: r.name === 'state' ? body.version : undefined,
                    seq: r.name === 'import' ? body.head?.seq : body.seq,
                });
            }
        },

        get(basePath: string, project?: string): SessionNumbers {
            return { ...seen.get(key(normalizeBase(basePath), project || 'default')) };
        },

        remember(basePath: string, project: string | undefined, numbers: SessionNumbers): void {
            raise(key(normalizeBase(basePath), project || 'default'), numbers);
        },

        forget(basePath: string, project?: string): void {
            seen.delete(key(normalizeBase(basePath), project || 'default'));
        },
    };
}
