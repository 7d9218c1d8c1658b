// state-read-304: conditional reads, GET /state with If-None-Match of the current ETag -> 304
// (loadtest/workloads.json).   k6 run k6/state-read-304.js -e DEVSTATE_URL=http://127.0.0.1:3180
import { call, prepareProject } from './lib/requests.js';
import { summary } from './lib/summary.js';
import { workload } from './lib/workloads.js';

const w = workload('state-read-304');
/** @type {import('k6/options').Options} */
export const options = w.options;

export function setup() {
  return prepareProject();
}

/** @param {ReturnType<typeof prepareProject>} data */
export default function (data) {
  call('state_read_304', { headers: { 'If-None-Match': data.etag } });
}

/** @param {import('./lib/summary.js').SummaryData} data */
export function handleSummary(data) {
  return summary(w, data);
}
