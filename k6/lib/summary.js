// handleSummary: the summary JSON loadtest/report.py reads, in the shape devstate-load writes
// (one <workload>.json per run, in SUMMARY_DIR, default the current directory), and a short text
// summary on stdout.
import { project } from './config.js';
import { definition, seconds } from './workloads.js';

/**
 * @typedef {{ type: string, values: Record<string, number>, thresholds?: Record<string, { ok: boolean }> }} Metric
 * @typedef {{ name: string, passes: number, fails: number }} Check
 * @typedef {{ metrics: Record<string, Metric>, root_group: { checks: Check[] }, state: { testRunDurationMs: number } }} SummaryData
 * @typedef {{ name: string, ok: boolean, detail: string }} CheckResult
 * @typedef {ReturnType<typeof import('./workloads.js').workload>} Workload
 */

/** @param {number} v */
const round3 = (v) => Math.round(v * 1000) / 1000;

/**
 * @param {Workload} w
 * @param {SummaryData} data  what k6 passes to handleSummary
 * @param {CheckResult[]} [extraChecks]  checks the script derives from its metrics (append: the chain count)
 */
export function summary(w, data, extraChecks = []) {
  const m = data.metrics;
  const elapsedS = data.state.testRunDurationMs / 1000;
  const durationS = seconds(w.duration);
  /** @type {Record<string, unknown>} */
  const routes = {};
  const thresholds = [];
  let requests = 0;
  let failed = 0;
  let ok = true;
  // Every threshold k6 evaluated, including those not listed below (count>0, per-route failures).
  for (const metric of Object.values(m)) {
    for (const t of Object.values(metric.thresholds ?? {})) {
      ok = ok && t.ok;
    }
  }
  for (const route of Object.keys(w.def.thresholds).sort()) {
    const d = m[`http_req_duration{route:${route}}`];
    const f = m[`http_req_failed{route:${route}}`];
    const count = d?.values.count ?? 0;
    const routeFailed = f?.values.passes ?? 0; // a Rate's passes are its true samples: failed requests
    requests += count;
    failed += routeFailed;
    if (count > 0) {
      const v = d.values;
      routes[route] = {
        count,
        failed: routeFailed,
        rate_per_s: round3(count / durationS),
        min_ms: round3(v.min),
        avg_ms: round3(v.avg),
        p50_ms: round3(v.med),
        p90_ms: round3(v['p(90)']),
        p95_ms: round3(v['p(95)']),
        p99_ms: round3(v['p(99)']),
        max_ms: round3(v.max),
        statuses: {}, // k6 keeps no per-status count without a threshold per status
      };
    }
    const limit = w.def.thresholds[route] * w.scale;
    const p95 = count > 0 ? round3(d.values['p(95)']) : -1;
    // No sample fails, as in devstate-load: an unmeasured route cannot claim its target.
    const routeOk = count > 0 && p95 < limit && Object.values(d.thresholds ?? {}).every((t) => t.ok);
    ok = ok && routeOk;
    thresholds.push({ metric: `http_req_duration{route:${route}}`, expr: `p(95)<${limit}`, actual: p95, ok: routeOk });
  }
  const completed = m.iterations?.values.count ?? 0;
  const dropped = m.dropped_iterations?.values.count ?? 0;
  const droppedRate = dropped / w.scheduled;
  const failedRate = requests > 0 ? failed / requests : 0;
  thresholds.unshift(
    { metric: 'http_req_failed', expr: definition.http_req_failed, actual: m.http_req_failed?.values.rate ?? 0,
      ok: Object.values(m.http_req_failed?.thresholds ?? {}).every((t) => t.ok) },
    { metric: 'dropped_iterations', expr: `rate<${definition.max_dropped_share}`, actual: droppedRate,
      ok: droppedRate < definition.max_dropped_share },
  );
  ok = ok && thresholds.every((t) => t.ok);
  const checks = data.root_group.checks
    .map((c) => ({ name: c.name, ok: c.fails === 0, detail: `${c.passes} passed, ${c.fails} failed` }))
    .concat(extraChecks);
  ok = ok && checks.every((c) => c.ok);
  const out = {
    tool: 'k6',
    workload: w.def.name,
    description: w.def.description,
    started: new Date(Date.now() - data.state.testRunDurationMs).toISOString(),
    config: { rate_per_s: w.rate, duration_s: durationS, warmup_s: 0, max_vus: w.maxVUs, project,
      executor: 'constant-arrival-rate', threshold_scale: w.scale, profile: w.profile },
    iterations: { scheduled: w.scheduled, completed, dropped },
    elapsed_s: round3(elapsedS),
    http_reqs: requests,
    http_reqs_per_s: round3(requests / durationS),
    http_req_failed: failed,
    http_req_failed_rate: failedRate,
    routes,
    thresholds,
    checks,
    ok,
  };
  const dir = (__ENV.SUMMARY_DIR || '.').replace(/\/+$/, '');
  return {
    stdout: text(out),
    [`${dir}/${w.def.name}.json`]: JSON.stringify(out, null, 2) + '\n',
  };
}

/** @param {{ workload: string, ok: boolean, thresholds: { metric: string, expr: string, actual: number, ok: boolean }[], checks: CheckResult[] }} s */
function text(s) {
  const lines = [`\n== ${s.workload}: ${s.ok ? 'every threshold and check passed' : 'some thresholds or checks FAILED'}`];
  for (const t of s.thresholds) {
    lines.push(`   ${t.ok ? '✓' : '✗'} ${t.metric} ${t.expr} (actual ${t.actual})`);
  }
  for (const c of s.checks) {
    lines.push(`   ${c.ok ? '✓' : '✗'} check: ${c.name}: ${c.detail}`);
  }
  return lines.join('\n') + '\n';
}
