// state-read: full-body reads of the state, GET /state -> 200 (rate, duration and the p95 limit:
// loadtest/workloads.json).   k6 run k6/state-read.js -e DEVSTATE_URL=http://127.0.0.1:3180
import { call, prepareProject } from './lib/requests.js';
import { summary } from './lib/summary.js';
import { workload } from './lib/workloads.js';

const w = workload('state-read');
/** @type {import('k6/options').Options} */
export const options = w.options;

export function setup() {
  return prepareProject();
}

export default function () {
  call('state_read');
}

/** @param {import('./lib/summary.js').SummaryData} data */
export function handleSummary(data) {
  return summary(w, data);
}
