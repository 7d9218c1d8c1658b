// log-proofs: the transparency log's proofs (docs/CHAIN.md, "The log"), alternately the inclusion
// proof of a pseudo-random entry in the tree of the head's size and the consistency proof from a
// pseudo-random size to the head's; afterwards the latest inclusion proof of the head entry must
// be one of a tree of exactly the head's size (loadtest/workloads.json).
//   k6 run k6/log-proofs.js -e DEVSTATE_URL=http://127.0.0.1:3180 -e DEVSTATE_PROJECT=…
import { check } from 'k6';
import exec from 'k6/execution';
import { Counter } from 'k6/metrics';
import { call, prepareProject, setupCall } from './lib/requests.js';
import { summary } from './lib/summary.js';
import { workload } from './lib/workloads.js';

const w = workload('log-proofs');
/** @type {import('k6/options').Options} */
export const options = w.options;

// Proofs answered 200, per route: judged in handleSummary (as devstate-load's check does), so the
// workload cannot pass on proofs it never got.
const inclusions = new Counter('log_inclusion_answered');
const consistencies = new Counter('log_consistency_answered');

/** RFC 9162's inclusion proof length of leaf `index` in a tree of `size` leaves. @param {number} index @param {number} size */
function inclusionProofLen(index, size) {
  let n = 0;
  while (size > 1) {
    let k = 1;
    while (k * 2 < size) {
      k *= 2;
    }
    if (index < k) {
      size = k;
    } else {
      index -= k;
      size -= k;
    }
    n++;
  }
  return n;
}

export function setup() {
  const data = prepareProject();
  if (data.head < 1) {
    throw new Error('the project has no entries: there is no tree to prove anything in');
  }
  return data;
}

/** @param {ReturnType<typeof prepareProject>} data */
export default function (data) {
  const head = String(data.head);
  const pick = String(1 + Math.floor(Math.random() * data.head));
  if (exec.scenario.iterationInTest % 2 === 0) {
    if (call('log_inclusion', { query: { seq: pick, size: head } }).status === 200) {
      inclusions.add(1);
    }
  } else if (call('log_consistency', { query: { from: pick, to: head } }).status === 200) {
    consistencies.add(1);
  }
}

/** @param {ReturnType<typeof prepareProject>} data */
export function teardown(data) {
  const res = setupCall('GET', '/v1/devstate/log/proof/inclusion', [200], null, { seq: String(data.head) });
  const p = /** @type {{ seq: number, leaf_index: number, tree_size: number, hashes: string[] }} */ (res.json());
  const ok = check(p, {
    "the log's tree has the head's size": (r) => r.tree_size === data.head && r.seq === data.head
      && r.leaf_index === data.head - 1 && r.hashes.length === inclusionProofLen(data.head - 1, data.head),
  });
  if (!ok) {
    exec.test.fail(`the log's tree is not the head's size: tree_size ${p.tree_size}, head ${data.head}`);
  }
}

/** @param {import('./lib/summary.js').SummaryData} data */
export function handleSummary(data) {
  const inc = data.metrics.log_inclusion_answered?.values.count ?? 0;
  const cons = data.metrics.log_consistency_answered?.values.count ?? 0;
  const answered = {
    name: 'every proof route answered 200 in the measured phase',
    ok: inc > 0 && cons > 0,
    detail: `log_inclusion ${inc}, log_consistency ${cons}`,
  };
  return summary(w, data, [answered]);
}
