// state-update: POST /state with a JSON Merge Patch of the agents array and flags, as an actor
// (loadtest/workloads.json).   k6 run k6/state-update.js -e DEVSTATE_URL=http://127.0.0.1:3180
import exec from 'k6/execution';
import { actorHeaders, statePatch } from './lib/data.js';
import { call, prepareProject } from './lib/requests.js';
import { summary } from './lib/summary.js';
import { workload } from './lib/workloads.js';

const w = workload('state-update');
/** @type {import('k6/options').Options} */
export const options = w.options;

export function setup() {
  return prepareProject();
}

export default function () {
  const it = exec.scenario.iterationInTest;
  call('state_update', { body: statePatch(it, w.params.move_cp_every ?? 0), headers: actorHeaders(it) });
}

/** @param {import('./lib/summary.js').SummaryData} data */
export function handleSummary(data) {
  return summary(w, data);
}
