// verify: GET /verify, mostly a window of the newest entries, every full_every-th iteration the
// whole chain (loadtest/workloads.json).   k6 run k6/verify.js -e DEVSTATE_URL=http://127.0.0.1:3180
import exec from 'k6/execution';
import { call, prepareProject } from './lib/requests.js';
import { summary } from './lib/summary.js';
import { workload } from './lib/workloads.js';

const w = workload('verify');
/** @type {import('k6/options').Options} */
export const options = w.options;

export function setup() {
  return prepareProject();
}

/** @param {ReturnType<typeof prepareProject>} data */
export default function (data) {
  const it = exec.scenario.iterationInTest;
  const every = w.params.full_every ?? 10;
  if (it % every === every - 1) {
    call('verify_full');
  } else {
    const size = w.params.verify_window ?? 1000;
    call('verify_window', { query: { from: String(Math.max(1, data.head - size + 1)), limit: String(size) } });
  }
}

/** @param {import('./lib/summary.js').SummaryData} data */
export function handleSummary(data) {
  return summary(w, data);
}
