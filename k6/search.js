// search: GET /history/search, rotating over the newest page and the actor, action, cp and
// metadata filters (loadtest/workloads.json).   k6 run k6/search.js -e DEVSTATE_URL=http://127.0.0.1:3180
import exec from 'k6/execution';
import { searchQuery } from './lib/data.js';
import { call, prepareProject } from './lib/requests.js';
import { summary } from './lib/summary.js';
import { workload } from './lib/workloads.js';

const w = workload('search');
/** @type {import('k6/options').Options} */
export const options = w.options;

export function setup() {
  return prepareProject();
}

export default function () {
  call('search', { query: searchQuery(exec.scenario.iterationInTest, w.params.search_limit ?? 50) });
}

/** @param {import('./lib/summary.js').SummaryData} data */
export function handleSummary(data) {
  return summary(w, data);
}
