// Hand-written (see .openapi-generator-ignore): not overwritten by scripts/generate-clients.sh.
//
// The change feed (`GET /v1/devstate/events`, Server-Sent Events) as an async iterable of entry
// events that survives dropped streams: it reconnects with `Last-Event-ID`, so every entry comes
// once, in seq order. It reads the response body with fetch (works in Node 20+ and browsers): a
// browser's EventSource cannot send `Authorization`.
//
//   import { Configuration, subscribe } from '@devstate/client';
//   const stop = new AbortController();
//   for await (const event of subscribe(new Configuration({ basePath: 'http://localhost:3180' }), 'demo', { signal: stop.signal })) {
//       console.log(event.seq, event.action);
//   }

import { EventsApi } from './apis/EventsApi.js';
import { EntryEventFromJSON } from './models/EntryEvent.js';
import type { EntryEvent } from './models/EntryEvent.js';
import { Configuration, ResponseError } from './runtime.js';
import type { ConfigurationParameters } from './runtime.js';

export type { EntryEvent };

export interface SubscribeOptions {
    /** Start after this seq (default 0: the whole history first, then the live tail). */
    after?: number;
    /** Aborting it ends the iteration (without an error), also while connecting or waiting to reconnect. */
    signal?: AbortSignal;
    /**
     * Milliseconds without a byte from the server (not even its `: heartbeat`, every 15 s) after
     * which the connection counts as dead and is replaced (default 45000; 0: never). A half-open
     * TCP connection would otherwise wait forever.
     */
    idleTimeout?: number;
}

/**
 * Where and how to connect: a Configuration or its parameters (basePath, accessToken, headers,
 * fetchApi, credentials). Of its middleware only `pre` applies: `post` would be handed a clone of
 * the endless response.
 */
export type SubscribeConfig = Configuration | ConfigurationParameters;

const FIRST_DELAY = 500;
const MAX_DELAY = 10_000;
const DEFAULT_IDLE_TIMEOUT = 45_000;

/** One Server-Sent Event, as dispatched (WHATWG HTML, "Server-sent events"). */
interface ServerSentEvent {
    type: string;
    data: string;
    /** The last event ID string once it was dispatched. */
    id: string;
}

/**
 * The event-stream parser of the WHATWG spec: lines end with CRLF, LF or CR (possibly split across
 * chunks), `:` starts a comment, `data` lines join with LF, an empty line dispatches. `lastId` is
 * the last event ID string: it only changes when an event is dispatched, so an event cut off by a
 * dropped stream is asked for again.
 */
class EventStreamParser {
    lastId: string;
    private pending = '';
    private skipLF = false;
    private type = '';
    private data: string[] = [];
    private idBuffer: string;

    constructor(lastId: string) {
        this.lastId = lastId;
        this.idBuffer = lastId;
    }

    feed(chunk: string, out: ServerSentEvent[]): void {
        if (chunk.length === 0) {
            return;
        }
        let start = 0;
        if (this.skipLF && chunk.charCodeAt(0) === 10) {
            start = 1; // the LF of a CRLF whose CR ended the previous chunk
        }
        this.skipLF = false;
        for (let i = start; i < chunk.length; i++) {
            const c = chunk.charCodeAt(i);
            if (c !== 10 && c !== 13) {
                continue;
            }
            this.line(this.pending + chunk.slice(start, i), out);
            this.pending = '';
            if (c === 13) {
                if (i + 1 === chunk.length) {
                    this.skipLF = true;
                } else if (chunk.charCodeAt(i + 1) === 10) {
                    i++;
                }
            }
            start = i + 1;
        }
        this.pending += chunk.slice(start);
    }

    private line(line: string, out: ServerSentEvent[]): void {
        if (line === '') {
            this.dispatch(out);
            return;
        }
        if (line.startsWith(':')) {
            return; // a comment: the heartbeat
        }
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        let value = colon < 0 ? '' : line.slice(colon + 1);
        if (value.startsWith(' ')) {
            value = value.slice(1);
        }
        if (field === 'event') {
            this.type = value;
        } else if (field === 'data') {
            this.data.push(value);
        } else if (field === 'id' && !value.includes('\0')) {
            this.idBuffer = value;
        }
        // `retry` and unknown fields are ignored: the reconnect delays are this client's.
    }

    private dispatch(out: ServerSentEvent[]): void {
        this.lastId = this.idBuffer;
        if (this.data.length > 0) {
            out.push({ type: this.type || 'message', data: this.data.join('\n'), id: this.lastId });
        }
        this.type = '';
        this.data = [];
    }
}

// A status that retrying cannot fix: the request itself is refused (400 position, 401/403 token,
// 404, 406 ...). 408 and 429 are worth retrying, as is every 5xx.
const fatalStatus = (status: number) => status >= 400 && status < 500 && status !== 408 && status !== 429;

// Retry-After in milliseconds (delay-seconds or an HTTP-date), or undefined.
function retryAfter(response: Response): number | undefined {
    const value = response.headers.get('Retry-After')?.trim();
    if (!value) {
        return undefined;
    }
    if (/^\d+$/.test(value)) {
        return Number(value) * 1000;
    }
    const date = Date.parse(value);
    return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
    return new Promise((resolve) => {
        if (signal?.aborted) {
            resolve();
            return;
        }
        const done = () => {
            clearTimeout(timer);
            signal?.removeEventListener('abort', done);
            resolve();
        };
        const timer = setTimeout(done, ms);
        signal?.addEventListener('abort', done, { once: true });
    });
}

/** The project of the feed of every project (admins only), which `subscribe` refuses. */
export const EVERY_PROJECT = '*';

/**
 * The project's change feed: every history entry after `options.after`, in seq order, then the
 * new ones as they are committed, without end. A stream the server ends (restart, a subscriber too
 * far behind) or that breaks is reopened with `Last-Event-ID` after a backoff (0.5 s doubling to
 * 10 s, reset once a connection delivers something; a 429's or 503's `Retry-After` is waited
 * instead), so no entry is missed or repeated. A request the service refuses for good (any 4xx
 * but 408 and 429: a malformed position, a missing or unknown token, ...) is thrown as the
 * client's `ResponseError`, body unread. Events other than `entry` are skipped. Stop with
 * `options.signal`, or by leaving the `for await` loop. It follows one project: the feed of every
 * project (`EVERY_PROJECT`, admins only) is live only, with nothing to resume, and is refused here
 * (read it with any Server-Sent Events reader, such as `EventSource`).
 */
export async function* subscribe(config: SubscribeConfig, project: string, options: SubscribeOptions = {}): AsyncGenerator<EntryEvent, void, undefined> {
    // All in one generator, no `yield*`: compiled for ES6 (the tsconfig's target), a delegating
    // generator goes on running after the caller's `break`.
    if (project === EVERY_PROJECT) {
        throw new Error('subscribe follows one project and resumes it; the feed of every project ("*") is live only, read it with a Server-Sent Events reader');
    }
    const { after, signal } = options;
    const idleTimeout = options.idleTimeout ?? DEFAULT_IDLE_TIMEOUT;
    const c = config instanceof Configuration ? config : new Configuration(config);
    // Only the pre middleware: the runtime hands post middleware a clone of the response, and a
    // clone of an endless body that nobody reads buffers all of it.
    const api = new EventsApi(new Configuration({
        basePath: c.basePath, fetchApi: c.fetchApi, accessToken: c.accessToken, headers: c.headers,
        credentials: c.credentials, queryParamsStringify: c.queryParamsStringify,
    })).withPreMiddleware(...c.middleware.filter((m) => m.pre).map((m) => m.pre!.bind(m)));
    let lastId = '';
    let delay = FIRST_DELAY;
    while (!signal?.aborted) {
        const connection = new Connection(signal, idleTimeout);
        let received = false;
        let wait: number | undefined;
        let keep = false;
        try {
            const opened = await connection.open(api, project, after, lastId);
            if ('response' in opened) {
                const reader = opened.response.body!.getReader();
                const decoder = new TextDecoder(); // UTF-8, as the stream must be; drops a leading BOM
                const parser = new EventStreamParser(lastId);
                const events: ServerSentEvent[] = [];
                for (let chunk = await connection.read(reader); chunk; chunk = await connection.read(reader)) {
                    received = true;
                    parser.feed(decoder.decode(chunk, { stream: true }), events);
                    for (const event of events.splice(0)) {
                        lastId = event.id;
                        if (event.type !== 'entry') {
                            continue; // kinds this client does not know yet (state, lock)
                        }
                        yield entryOf(event);
                    }
                    lastId = parser.lastId; // also a dispatch without data (an id alone) moves it
                }
            } else {
                wait = opened.wait;
            }
        } catch (error) {
            keep = error instanceof ResponseError; // a refusal's body stays readable for the caller
            throw error;
        } finally {
            connection.close(keep);
        }
        if (received) {
            delay = FIRST_DELAY;
        }
        await sleep(wait ?? delay, signal);
        delay = Math.min(delay * 2, MAX_DELAY);
    }
}

function entryOf(event: ServerSentEvent): EntryEvent {
    let data: unknown;
    try {
        data = JSON.parse(event.data);
    } catch {
        throw new Error(`the change feed sent an entry event (id ${event.id}) whose data is not JSON: ${event.data}`);
    }
    if (typeof data !== 'object' || data === null || typeof (data as { seq?: unknown }).seq !== 'number') {
        throw new Error(`the change feed sent an entry event (id ${event.id}) that is not an entry: ${event.data}`);
    }
    return EntryEventFromJSON(data);
}

// One request and its stream. The caller's signal, the idle timer (running while it waits for the
// server) and the caller leaving its loop (close) all end it through one AbortController.
class Connection {
    private readonly controller = new AbortController();
    private readonly abort = () => this.controller.abort();
    private idle: ReturnType<typeof setTimeout> | undefined;

    constructor(private readonly signal: AbortSignal | undefined, private readonly idleTimeout: number) {
        signal?.addEventListener('abort', this.abort, { once: true });
    }

    /**
     * The event stream, or how long to wait before the next try (the network, an abort, the idle
     * timer, 408, 429, 5xx). Throws the ResponseError of a refusal, and for a 200 that is not an
     * event stream.
     */
    async open(api: EventsApi, project: string, after: number | undefined, lastId: string): Promise<{ response: Response } | { wait?: number }> {
        let response: Response;
        this.watch();
        try {
            response = (await api.streamEventsRaw({ project, after }, async ({ init }) => ({
                signal: this.controller.signal,
                headers: {
                    ...init.headers,
                    Accept: 'text/event-stream, application/problem+json',
                    ...(lastId !== '' ? { 'Last-Event-ID': lastId } : {}),
                },
            }))).raw;
        } catch (error) {
            if (!(error instanceof ResponseError)) {
                return {};
            }
            if (fatalStatus(error.response.status)) {
                throw error;
            }
            const wait = retryAfter(error.response);
            await error.response.body?.cancel().catch(() => undefined);
            return { wait };
        } finally {
            this.unwatch();
        }
        const type = response.headers.get('Content-Type') ?? '';
        if (!/^text\/event-stream\s*(;|$)/i.test(type)) {
            await response.body?.cancel().catch(() => undefined);
            throw new ResponseError(response, `expected text/event-stream, got ${type || 'no content type'}`);
        }
        if (!response.body) {
            throw new Error('this fetch gives no response body stream, which the change feed needs');
        }
        return { response };
    }

    /** The next bytes; undefined when the stream ended, broke, was aborted or stayed idle. */
    async read(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<Uint8Array | undefined> {
        this.watch();
        try {
            const { done, value } = await reader.read();
            return done ? undefined : value;
        } catch {
            return undefined;
        } finally {
            this.unwatch();
        }
    }

    /** Ends the request (unless keep: a refusal whose body the caller may read). */
    close(keep: boolean): void {
        this.unwatch();
        this.signal?.removeEventListener('abort', this.abort);
        if (!keep) {
            this.controller.abort();
        }
    }

    private watch(): void {
        if (this.idleTimeout > 0) {
            this.idle = setTimeout(this.abort, this.idleTimeout);
        }
    }

    private unwatch(): void {
        clearTimeout(this.idle);
    }
}
