// The workload definitions shared with devstate-load: loadtest/workloads.json holds every rate,
// duration, route and threshold; this module turns one workload of it into k6 options.
//
// Environment (k6 run -e NAME=value): PROFILE (full | smoke, default full), RATE (iterations/s),
// DURATION (e.g. 30s), THRESHOLD_SCALE (multiplies every p95 limit), MAX_VUS (default 256).

/**
 * @typedef {{ method: string, path: string, content_type?: string, expect: number[] }} Route
 * @typedef {{ step: string, weight: number }} MixStep
 * @typedef {{ search_limit?: number, verify_window?: number, full_every?: number, move_cp_every?: number,
 *             lock_ttl_sec?: number, mix_stride?: number, mix?: MixStep[] }} Params
 * @typedef {{ rate: number, duration: string }} RateDef
 * @typedef {{ name: string, description: string, full: RateDef, smoke: RateDef,
 *             thresholds: Record<string, number>, params?: Params }} WorkloadDef
 * @typedef {{ warmup: string, threshold_scale: number }} Profile
 * @typedef {{ http_req_failed: string, max_dropped_share: number, profiles: Record<string, Profile>,
 *             routes: Record<string, Route>, workloads: WorkloadDef[] }} Definition
 */

/** @type {Definition} */
export const definition = JSON.parse(open(import.meta.resolve('../../loadtest/workloads.json')));

/** @param {string} text  a duration as k6 and Go write it: 300ms, 3s, 1m30s, or plain seconds */
export function seconds(text) {
  if (/^\d+(\.\d+)?$/.test(text)) {
    return Number(text);
  }
  const units = { ms: 0.001, s: 1, m: 60, h: 3600 };
  let total = 0;
  const parts = text.match(/(\d+(?:\.\d+)?)(ms|s|m|h)/g);
  if (!parts || parts.join('') !== text) {
    throw new Error(`not a duration: ${text}`);
  }
  for (const part of parts) {
    const [, n, unit] = /** @type {RegExpMatchArray} */ (part.match(/(\d+(?:\.\d+)?)(ms|s|m|h)/));
    total += Number(n) * units[/** @type {'ms' | 's' | 'm' | 'h'} */ (unit)];
  }
  return total;
}

/** @param {string} name  positive number from the environment, or undefined when unset */
function envNumber(name) {
  const raw = __ENV[name];
  if (raw === undefined || raw === '') {
    return undefined;
  }
  const n = Number(raw);
  if (!(n > 0)) {
    throw new Error(`${name} must be a positive number, got ${raw}`);
  }
  return n;
}

/**
 * One workload of the definition, with the profile and the environment applied.
 * @param {string} name  the workload's name in loadtest/workloads.json (the script's file name)
 */
export function workload(name) {
  const def = definition.workloads.find((w) => w.name === name);
  if (!def) {
    throw new Error(`workload ${name} is not in loadtest/workloads.json`);
  }
  const profileName = __ENV.PROFILE || 'full';
  const profile = definition.profiles[profileName];
  if (!profile || (profileName !== 'full' && profileName !== 'smoke')) {
    throw new Error(`PROFILE must be full or smoke, got ${profileName}`);
  }
  const rates = profileName === 'smoke' ? def.smoke : def.full;
  const rate = envNumber('RATE') ?? rates.rate;
  const duration = __ENV.DURATION || rates.duration;
  const scale = envNumber('THRESHOLD_SCALE') ?? profile.threshold_scale;
  const maxVUs = envNumber('MAX_VUS') ?? 256;
  const scheduled = Math.max(1, Math.round(rate * seconds(duration)));
  return {
    def,
    params: def.params ?? {},
    profile: profileName,
    rate,
    duration,
    scale,
    scheduled,
    maxVUs,
    options: options(def, rate, duration, scale, scheduled, maxVUs),
  };
}

/**
 * k6 options of a workload: one constant-arrival-rate scenario and the thresholds of the
 * definition. Besides each route's p95, `http_reqs{route:…}` `count>0` and the summary (lib/summary.js)
 * fail a route that drew no request: an unmeasured route cannot claim its target.
 * @param {WorkloadDef} def @param {number} rate @param {string} duration @param {number} scale
 * @param {number} scheduled @param {number} maxVUs
 * @returns {import('k6/options').Options}
 */
function options(def, rate, duration, scale, scheduled, maxVUs) {
  /** @type {Record<string, string[]>} */
  const thresholds = {
    http_req_failed: [definition.http_req_failed],
    // At most max_dropped_share of the scheduled iterations may be dropped (devstate-load's rate<…).
    dropped_iterations: [`count<${definition.max_dropped_share * scheduled}`],
    checks: ['rate==1'],
  };
  for (const [route, limit] of Object.entries(def.thresholds)) {
    thresholds[`http_req_duration{route:${route}}`] = [`p(95)<${limit * scale}`];
    thresholds[`http_req_failed{route:${route}}`] = [definition.http_req_failed];
    thresholds[`http_reqs{route:${route}}`] = ['count>0'];
  }
  return {
    scenarios: {
      [def.name.replace(/-/g, '_')]: {
        executor: 'constant-arrival-rate',
        rate,
        timeUnit: '1s',
        duration,
        // Enough VUs for 50 ms per iteration at the rate up front; k6 adds more up to maxVUs.
        preAllocatedVUs: Math.min(maxVUs, Math.max(2, Math.ceil(rate / 20))),
        maxVUs,
      },
    },
    thresholds,
    summaryTrendStats: ['min', 'avg', 'med', 'p(90)', 'p(95)', 'p(99)', 'max', 'count'],
    setupTimeout: '5m',
  };
}

/**
 * The step of a mixed workload for an iteration: slot (it * stride) mod total visits every slot
 * once per cycle, so a short run still reaches every route (devstate-load picks the same way).
 * @param {Params} params @param {number} it
 */
export function mixStep(params, it) {
  const mix = params.mix ?? [];
  const total = mix.reduce((sum, m) => sum + m.weight, 0);
  let slot = ((it % total) * (params.mix_stride ?? 1)) % total;
  for (const m of mix) {
    if (slot < m.weight) {
      return m.step;
    }
    slot -= m.weight;
  }
  throw new Error('unreachable: slot below the mix total');
}
