// ide-day: an IDE's day in one mix — state reads (half conditional), searches, appends, merge
// patches, verify windows, lock + release pairs, entry reads; the steps and their weights are in
// loadtest/workloads.json.   k6 run k6/ide-day.js -e DEVSTATE_URL=http://127.0.0.1:3180
import exec from 'k6/execution';
import { actorHeaders, appendBody, searchQuery, statePatch } from './lib/data.js';
import { call, prepareProject } from './lib/requests.js';
import { summary } from './lib/summary.js';
import { mixStep, workload } from './lib/workloads.js';

const w = workload('ide-day');
/** @type {import('k6/options').Options} */
export const options = w.options;
const p = w.params;

// Each VU keeps the newest ETag it has seen, as an IDE does.
let etag = '';

export function setup() {
  return prepareProject();
}

/** @param {ReturnType<typeof prepareProject>} data */
export default function (data) {
  const it = exec.scenario.iterationInTest;
  etag = etag || data.etag;
  switch (mixStep(p, it)) {
    case 'state_read':
      call('state_read');
      break;
    case 'state_read_cond': {
      const res = call('state_read_cond', { headers: { 'If-None-Match': etag } });
      if (res.status === 200) {
        etag = String(res.headers.Etag || etag);
      }
      break;
    }
    case 'search':
      call('search', { query: searchQuery(it, p.search_limit ?? 20) });
      break;
    case 'append':
      call('append', { body: appendBody(it) });
      break;
    case 'state_update': {
      const res = call('state_update', { body: statePatch(it, p.move_cp_every ?? 0), headers: actorHeaders(it) });
      if (res.status === 200) {
        etag = String(res.headers.Etag || etag);
      }
      break;
    }
    case 'verify_window': {
      const size = p.verify_window ?? 100;
      call('verify_window', { query: { from: String(Math.max(1, data.head - size + 1)), limit: String(size) } });
      break;
    }
    case 'lock': {
      // An agent leases its own task scope (scope "state" would make concurrent plain updates 423).
      const body = JSON.stringify({ scope: `task-${it}`, ttl_sec: p.lock_ttl_sec ?? 60, owner: `agent:${it % 8}`, reason: 'ide-day' });
      const res = call('lock_acquire', { body });
      if (res.status === 201) {
        const lock = /** @type {{ lock_id?: string }} */ (res.json());
        if (lock.lock_id) {
          call('lock_release', { vars: { lock_id: lock.lock_id } });
        }
      }
      break;
    }
    case 'history_get':
      call('history_get', { vars: { seq: 1 + Math.floor(Math.random() * Math.max(data.head, 1)) } });
      break;
    default:
      throw new Error(`ide-day: unknown mix step ${mixStep(p, it)}`);
  }
}

/** @param {import('./lib/summary.js').SummaryData} data */
export function handleSummary(data) {
  return summary(w, data);
}
