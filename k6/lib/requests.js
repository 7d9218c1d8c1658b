// Requests on the routes of loadtest/workloads.json: each is tagged {route: …} (the thresholds'
// sub-metrics) and counts as failed (http_req_failed) when its status is not one the route expects.
import http from 'k6/http';
import { baseUrl, minEntries, project, token } from './config.js';
import { definition } from './workloads.js';
import { appendBody, stateDoc } from './data.js';

/** @param {string} path @param {Record<string, string>} query */
function url(path, query = {}) {
  const params = Object.entries({ ...query, project })
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join('&');
  return `${baseUrl}${path}?${params}`;
}

/**
 * @typedef {{ vars?: Record<string, string | number>, query?: Record<string, string>, body?: string,
 *             headers?: Record<string, string> }} CallOptions
 */

/**
 * Sends one request of a route.
 * @param {string} route  a route of workloads.json
 * @param {CallOptions} [opts]  values for the path's {seq}/{lock_id}, query, body, extra headers
 */
export function call(route, opts = {}) {
  const r = definition.routes[route];
  if (!r) {
    throw new Error(`route ${route} is not in loadtest/workloads.json`);
  }
  const path = r.path.replace(/\{(\w+)\}/g, (_, name) => encodeURIComponent(String(opts.vars?.[name])));
  return send(route, r.method, url(path, opts.query), opts.body ?? null, r.expect, {
    ...(r.content_type ? { 'Content-Type': r.content_type } : {}),
    ...(opts.headers ?? {}),
  });
}

/**
 * @param {string} route @param {string} method @param {string} target @param {string | null} body
 * @param {number[]} expect @param {Record<string, string>} headers
 */
function send(route, method, target, body, expect, headers) {
  /** @type {Record<string, string>} */
  const all = { Accept: 'application/json', ...headers };
  if (token) {
    all.Authorization = `Bearer ${token}`;
  }
  return http.request(method, target, body, {
    headers: all,
    tags: { route },
    responseCallback: http.expectedStatuses(...expect),
  });
}

/**
 * setup()'s and teardown()'s own requests, tagged route=setup so no route threshold counts them.
 * @param {string} method @param {string} path @param {number[]} expect @param {string | null} [body] @param {Record<string, string>} [query] */
export function setupCall(method, path, expect, body = null, query = {}) {
  /** @type {Record<string, string>} */
  const headers = body ? { 'Content-Type': 'application/json', 'DevState-Actor': 'loadtest-setup' } : {};
  const res = send('setup', method, url(path, query), body, expect, headers);
  if (!expect.includes(res.status)) {
    throw new Error(`setup: ${method} ${path}: HTTP ${res.status} ${String(res.body).slice(0, 300)}`);
  }
  return res;
}

/** The newest entry's seq (0 for an empty chain). */
export function readHead() {
  const res = setupCall('GET', '/v1/devstate/history/search', [200], null, { limit: '1' });
  const items = /** @type {{ items: { seq: number }[] }} */ (res.json()).items;
  return items.length ? items[0].seq : 0;
}

/** The whole chain's verification, as GET /verify reports it. */
export function verifyAll() {
  const res = setupCall('GET', '/v1/devstate/verify', [200]);
  return /** @type {{ ok: boolean, verified: number, head: { seq: number } | null }} */ (res.json());
}

/**
 * Gives the project a state and at least MIN_ENTRIES entries (as devstate-load run does), and
 * returns what the iterations start from: the head seq and the state's ETag.
 */
export function prepareProject() {
  if (setupCall('GET', '/v1/devstate/state', [200, 404]).status === 404) {
    setupCall('PUT', '/v1/devstate/state', [200], stateDoc(project));
  }
  for (let i = readHead() + 1; i <= minEntries; i++) {
    setupCall('POST', '/v1/devstate/history', [201], appendBody(i));
  }
  const state = setupCall('GET', '/v1/devstate/state', [200]);
  return { head: readHead(), etag: String(state.headers.Etag || state.headers.ETag || '') };
}
