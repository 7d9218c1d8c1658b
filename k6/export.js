// export: GET /export of the whole project, state and history (loadtest/workloads.json).
//   k6 run k6/export.js -e DEVSTATE_URL=http://127.0.0.1:3180
import { call, prepareProject } from './lib/requests.js';
import { summary } from './lib/summary.js';
import { workload } from './lib/workloads.js';

const w = workload('export');
/** @type {import('k6/options').Options} */
export const options = w.options;

export function setup() {
  return prepareProject();
}

export default function () {
  call('export');
}

/** @param {import('./lib/summary.js').SummaryData} data */
export function handleSummary(data) {
  return summary(w, data);
}
