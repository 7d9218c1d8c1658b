// append: POST /history, one entry with metadata per iteration; afterwards the whole chain must
// verify and hold exactly the entries from before plus every 201 (loadtest/workloads.json).
//   k6 run k6/append.js -e DEVSTATE_URL=http://127.0.0.1:3180 -e DEVSTATE_API_TOKEN=…
import { check } from 'k6';
import exec from 'k6/execution';
import { Counter, Gauge } from 'k6/metrics';
import { appendBody } from './lib/data.js';
import { call, prepareProject, verifyAll } from './lib/requests.js';
import { summary } from './lib/summary.js';
import { workload } from './lib/workloads.js';

const w = workload('append');
/** @type {import('k6/options').Options} */
export const options = w.options;

// The chain count is judged in handleSummary: only there are the VUs' 201s and teardown's
// verification in one place.
const created = new Counter('appends_created');
const headBefore = new Gauge('chain_head_before');
const headAfter = new Gauge('chain_head_after');
const verified = new Gauge('chain_verified');

export function setup() {
  const data = prepareProject();
  headBefore.add(data.head);
  return data;
}

export default function () {
  const res = call('append', { body: appendBody(exec.scenario.iterationInTest) });
  if (res.status === 201) {
    created.add(1);
  }
}

export function teardown() {
  const v = verifyAll();
  verified.add(v.verified);
  headAfter.add(v.head ? v.head.seq : -1);
  const chainOk = check(v, { 'chain verifies to its head': (r) => r.ok && r.head !== null && r.verified === r.head.seq });
  if (!chainOk) {
    exec.test.fail('the chain does not verify after the appends');
  }
}

/** @param {import('./lib/summary.js').SummaryData} data */
export function handleSummary(data) {
  /** @param {string} name */
  const gauge = (name) => data.metrics[name]?.values.value ?? -1;
  const appended = data.metrics.appends_created?.values.count ?? 0;
  const want = gauge('chain_head_before') + appended;
  const got = gauge('chain_head_after');
  const exact = {
    name: 'chain verifies with the exact count',
    ok: got === want && gauge('chain_verified') === want,
    detail: `verified=${gauge('chain_verified')} head=${got} expected=${want} (${gauge('chain_head_before')} before + ${appended} appended)`,
  };
  return summary(w, data, [exact]);
}
