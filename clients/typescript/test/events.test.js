// subscribe() (src/events.ts) against a local fake SSE server (node --test; no DevState needed):
// parsing, the resume position after a dropped stream, heartbeats, backoff and Retry-After, fatal
// statuses, stopping. The last test runs against a live DevState (DEVSTATE_URL; skipped without it).
const test = require('node:test');
const assert = require('node:assert/strict');
const http = require('node:http');
const crypto = require('node:crypto');
const { Configuration, HistoryApi, ResponseError } = require('../dist');
const { subscribe, EVERY_PROJECT } = require('../dist/events');

const HMAC = 'a'.repeat(64);
const wire = (seq, extra = {}) => ({ project: 'p', seq, ts: `2026-11-25T10:00:0${seq % 10}.000000Z`, actor: 'a',
    action: 'note', hmac: HMAC, state_checksum: null, checkpoint_size: seq, ...extra });
const client = (json) => ({ project: json.project, seq: json.seq, ts: json.ts, actor: json.actor, action: json.action,
    hmac: json.hmac, stateChecksum: json.state_checksum, checkpointSize: json.checkpoint_size });
const entry = (seq, extra) => `event: entry\nid: ${seq}\ndata: ${JSON.stringify(wire(seq, extra))}\n\n`;
const SSE = { 'Content-Type': 'text/event-stream' };

// One server for the file; each test sets `handler` (req, res, n = the request's index).
let handler;
let requests = [];
const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    const request = { path: url.pathname, query: Object.fromEntries(url.searchParams), headers: req.headers,
        at: Date.now(), closed: new Promise((resolve) => res.on('close', resolve)) };
    requests.push(request);
    handler(req, res, requests.length - 1, request);
});
let base;
test.before(() => new Promise((resolve) => server.listen(0, '127.0.0.1', () => {
    base = `http://127.0.0.1:${server.address().port}`;
    resolve();
})));
test.after(() => {
    server.closeAllConnections();
    server.close();
});
test.beforeEach(() => {
    requests = [];
});

// Takes n events from the iterable, then leaves the loop (which must close the connection).
async function take(iterable, n) {
    const got = [];
    if (n === 0) {
        return got;
    }
    for await (const event of iterable) {
        got.push(event);
        if (got.length === n) {
            break;
        }
    }
    return got;
}

const problem = (res, status, extraHeaders = {}) => {
    res.writeHead(status, { 'Content-Type': 'application/problem+json', ...extraHeaders });
    res.end(JSON.stringify({ type: 'urn:devstate:problem:x', title: 't', status, detail: `status ${status}` }));
};

test('parses the stream: CRLF/CR/LF, multi-line data, comments, BOM, split bytes; unknown events ignored', async () => {
    const multiLine = JSON.stringify(wire(2, { actor: 'é 😀' }), null, 1).split('\n').map((l) => `data:${l}`).join('\r\n');
    const body = '\uFEFF: hello\r\n\r\n'
        + entry(1).replaceAll('\n', '\r\n')
        + `event: entry\r\nid: 2\r\n${multiLine}\r\n\r\n`
        + 'event: state\nid: 3\ndata: {"not":"an entry"}\n\n' // a later kind: skipped
        + 'data: a message without a name\n\n'                 // the default type "message": skipped
        + `event: entry\rid: 4\rdata: ${JSON.stringify(wire(4))}\r\r`
        + ': heartbeat\n\n'
        + `event: entry\nretry: 1\nunknown: field\nid:5\ndata: ${JSON.stringify(wire(5))}\n\n`;
    handler = (req, res) => {
        res.writeHead(200, SSE);
        // One byte a write: CR and LF, and the bytes of é and 😀, reach the client apart.
        const bytes = Buffer.from(body);
        let i = 0;
        const next = () => {
            if (i < bytes.length) {
                res.write(bytes.subarray(i, ++i));
                setImmediate(next);
            }
        };
        next();
    };
    const got = await take(subscribe({ basePath: base }, 'p'), 3);
    assert.deepEqual(got, [client(wire(1)), client(wire(2, { actor: 'é 😀' })), client(wire(4))]);
    assert.equal(requests.length, 1);
    await requests[0].closed; // leaving the loop closed the connection
    assert.deepEqual(requests[0].query, { project: 'p' });
    assert.equal(requests[0].headers.accept, 'text/event-stream, application/problem+json');
    assert.equal(requests[0].headers['last-event-id'], undefined);
});

test('every chunk boundary (a CR at the end of a chunk, half a UTF-8 character) parses the same', async () => {
    const text = `event: entry\r\nid: 7\r\ndata: ${JSON.stringify(wire(7, { actor: 'é 😀' }))}\r\n\r\n: hb\r\r`
        + `event: entry\rid: 8\rdata: ${JSON.stringify(wire(8))}\r\r`;
    const bytes = new TextEncoder().encode(text);
    for (let cut = 1; cut < bytes.length; cut++) {
        const fetchApi = async () => new Response(new ReadableStream({
            start(controller) {
                controller.enqueue(bytes.slice(0, cut));
                controller.enqueue(bytes.slice(cut));
            },
        }), { headers: SSE });
        const got = await take(subscribe({ basePath: 'http://unused', fetchApi }, 'p'), 2);
        assert.deepEqual(got.map((e) => [e.seq, e.actor]), [[7, 'é 😀'], [8, 'a']], `cut at byte ${cut}`);
    }
});

test('a dropped stream resumes with Last-Event-ID after 0.5 s: an event cut off is sent again, none twice', async () => {
    handler = (req, res, n) => {
        res.writeHead(200, SSE);
        if (n === 0) {
            // Entries 1 and 2, then 3 without its empty line, and the connection breaks.
            res.write(entry(1) + entry(2) + entry(3).slice(0, -1));
            setTimeout(() => res.destroy(), 50);
        } else if (n === 1) {
            res.end(': heartbeat\n\n'); // the server ends it (as on a restart), having sent nothing new
        } else {
            res.write(entry(3) + entry(4));
        }
    };
    const got = await take(subscribe({ basePath: base }, 'p', { after: 0 }), 4);
    assert.deepEqual(got.map((e) => e.seq), [1, 2, 3, 4]);
    assert.equal(requests.length, 3);
    assert.deepEqual(requests.map((r) => [r.query.after, r.headers['last-event-id']]),
        [['0', undefined], ['0', '2'], ['0', '2']]);
    // Each connection delivered something, so each reconnect waited the first delay.
    for (const i of [1, 2]) {
        const waited = requests[i].at - requests[i - 1].at;
        assert.ok(waited >= 450 && waited < 1500, `reconnect ${i} after ${waited} ms`);
    }
});

test('heartbeats keep a connection; silence longer than idleTimeout replaces it', async () => {
    handler = (req, res, n) => {
        res.writeHead(200, SSE);
        if (n === 0) {
            res.write(entry(1));
            let beats = 0;
            const timer = setInterval(() => {
                res.write(': heartbeat\n\n');
                if (++beats === 8) {
                    clearInterval(timer); // then nothing: a half-open connection, as far as the client knows
                }
            }, 100);
            res.on('close', () => clearInterval(timer));
        } else {
            res.write(entry(2));
        }
    };
    const got = await take(subscribe({ basePath: base }, 'p', { idleTimeout: 400 }), 2);
    assert.deepEqual(got.map((e) => e.seq), [1, 2]);
    assert.equal(requests.length, 2);
    const held = requests[1].at - requests[0].at;
    // 8 heartbeats (0.8 s), 0.4 s of silence, then the 0.5 s delay.
    assert.ok(held >= 1600 && held < 3500, `first connection replaced after ${held} ms`);
    assert.equal(requests[1].headers['last-event-id'], '1');
});

for (const status of [400, 401, 403, 404]) {
    test(`${status} is fatal: the iterator throws the ResponseError, with the problem unread`, async () => {
        handler = (req, res) => problem(res, status);
        let thrown;
        try {
            await take(subscribe({ basePath: base }, 'p', { after: 1 }), 1);
        } catch (error) {
            thrown = error;
        }
        assert.ok(thrown instanceof ResponseError, `expected a ResponseError, got ${thrown}`);
        assert.equal(thrown.response.status, status);
        assert.equal((await thrown.response.json()).detail, `status ${status}`);
        assert.equal(requests.length, 1);
    });
}

test('a 200 that is not an event stream is fatal', async () => {
    handler = (req, res) => {
        res.writeHead(200, { 'Content-Type': 'text/html' });
        res.end('<html>a login page</html>');
    };
    await assert.rejects(take(subscribe({ basePath: base }, 'p'), 1),
        (error) => error instanceof ResponseError && /expected text\/event-stream, got text\/html/.test(error.message));
});

test('the feed of every project is refused', async () => {
    await assert.rejects(take(subscribe({ basePath: base }, EVERY_PROJECT), 1), /live only/);
    assert.equal(requests.length, 0);
});

test('an entry whose data is not JSON is an error', async () => {
    handler = (req, res) => {
        res.writeHead(200, SSE);
        res.write('event: entry\nid: 1\ndata: {not json\n\n');
    };
    await assert.rejects(take(subscribe({ basePath: base }, 'p'), 1), /entry event \(id 1\) whose data is not JSON/);
    await requests[0].closed;
});

test('429 waits its Retry-After; 503 and a refused connection back off, doubling', async () => {
    handler = (req, res, n) => {
        if (n === 0) {
            problem(res, 429, { 'Retry-After': '2' });
        } else if (n <= 2) {
            problem(res, 503);
        } else {
            res.writeHead(200, SSE);
            res.write(entry(9));
        }
    };
    const got = await take(subscribe({ basePath: base }, 'p'), 1);
    assert.equal(got[0].seq, 9);
    const gaps = requests.slice(1).map((r, i) => r.at - requests[i].at);
    assert.ok(gaps[0] >= 1950 && gaps[0] < 3000, `Retry-After 2 s honoured: ${gaps[0]} ms`);
    assert.ok(gaps[1] >= 900 && gaps[1] < 1800, `then 1 s (after 0.5 s was used up by the 429): ${gaps[1]} ms`);
    assert.ok(gaps[2] >= 1900 && gaps[2] < 3000, `then 2 s: ${gaps[2]} ms`);

    // Nothing listening: keeps trying (0.5 s, 1 s, ...) until stopped.
    const closed = http.createServer();
    await new Promise((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = closed.address().port;
    await new Promise((resolve) => closed.close(resolve));
    const attempts = [];
    const fetchApi = (url, init) => {
        attempts.push(Date.now());
        return fetch(url, init);
    };
    const stop = new AbortController();
    setTimeout(() => stop.abort(), 1800);
    assert.deepEqual(await take(subscribe({ basePath: `http://127.0.0.1:${port}`, fetchApi }, 'p', { signal: stop.signal }), 1), []);
    assert.equal(attempts.length, 3, `attempts at 0, 0.5 and 1.5 s: ${attempts.map((t) => t - attempts[0])}`);
});

test('the signal stops it: while streaming, and while waiting to reconnect', async () => {
    handler = (req, res, n) => {
        res.writeHead(200, SSE);
        if (n === 0) {
            res.write(entry(1));
        } else {
            res.end();
        }
    };
    const stop = new AbortController();
    const got = [];
    const started = Date.now();
    for await (const event of subscribe({ basePath: base }, 'p', { signal: stop.signal })) {
        got.push(event.seq);
        setTimeout(() => stop.abort(), 100); // while the loop waits for the next event
    }
    assert.deepEqual(got, [1]);
    assert.ok(Date.now() - started < 1000);
    await requests[0].closed;
    assert.equal(requests.length, 1);

    // Aborted during the backoff after an ended stream: no further request.
    requests = [];
    handler = (req, res) => {
        res.writeHead(200, SSE);
        res.end();
    };
    const late = new AbortController();
    setTimeout(() => late.abort(), 100);
    const t0 = Date.now();
    assert.deepEqual(await take(subscribe({ basePath: base }, 'p', { signal: late.signal }), 1), []);
    assert.ok(Date.now() - t0 < 450, 'the backoff was cut short');
    assert.equal(requests.length, 1);

    // Already aborted: nothing is sent.
    requests = [];
    assert.deepEqual(await take(subscribe({ basePath: base }, 'p', { signal: AbortSignal.abort() }), 1), []);
    assert.equal(requests.length, 0);
});

test('a Configuration: its token, headers, base path and pre middleware (not post)', async () => {
    handler = (req, res) => {
        res.writeHead(200, SSE);
        res.write(entry(5));
    };
    let posted = false;
    const tracing = { id: 'span-1', async pre({ url, init }) { return { url, init: { ...init, headers: { ...init.headers, 'X-Span': this.id } } }; } };
    const config = new Configuration({ basePath: base, accessToken: 'secret-token', headers: { 'X-Trace': 't1' },
        middleware: [tracing, { post: async () => { posted = true; } }] });
    const got = await take(subscribe(config, 'proj-a', { after: 4 }), 1);
    assert.equal(got[0].seq, 5);
    assert.equal(posted, false);
    assert.equal(requests[0].headers['x-span'], 'span-1');
    assert.equal(requests[0].headers.authorization, 'Bearer secret-token');
    assert.equal(requests[0].headers['x-trace'], 't1');
    assert.deepEqual(requests[0].query, { project: 'proj-a', after: '4' });
});

const url = process.env.DEVSTATE_URL;

test('live DevState: three entries appended, subscribed from head-3: exactly those seqs, then the live tail', { skip: !url && 'DEVSTATE_URL is not set' }, async () => {
    const config = new Configuration({ basePath: url.replace(/\/+$/, '') });
    const history = new HistoryApi(config);
    const project = `ts-ev-${crypto.randomUUID().slice(0, 8)}`;
    await history.appendHistory({ project, appendRequest: { actor: 'ts-client', action: 'before' } });
    const seqs = [];
    for (let i = 0; i < 3; i++) {
        seqs.push((await history.appendHistory({ project, appendRequest: { actor: 'ts-client', action: 'note', metadata: { i } } })).seq);
    }
    const head = seqs[2];
    const stop = new AbortController();
    const timer = setTimeout(() => stop.abort(), 30_000);
    const got = [];
    try {
        for await (const event of subscribe(config, project, { after: head - 3, signal: stop.signal })) {
            got.push(event);
            if (got.length === 3) {
                // A fourth, live: the next event is it (nothing repeated in between).
                seqs.push((await history.appendHistory({ project, appendRequest: { actor: 'ts-client', action: 'live' } })).seq);
            }
            if (got.length === 4) {
                break;
            }
        }
    } finally {
        clearTimeout(timer);
    }
    assert.deepEqual(got.map((e) => e.seq), seqs);
    assert.deepEqual(got.map((e) => e.action), ['note', 'note', 'note', 'live']);
    for (const event of got) {
        assert.equal(event.project, project);
        assert.equal(event.actor, 'ts-client');
        assert.match(event.hmac, /^[0-9a-f]{64}$/);
        assert.ok(event.checkpointSize >= event.seq);
    }
});
