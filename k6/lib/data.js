// The request bodies, the same documents devstate-load sends (loadtest/workloads.go).

const actors = ['alice', 'bob', 'ci', 'agent:planner', 'agent:coder'];
const actions = ['build', 'test', 'review', 'note', 'cp_transition'];

/** The i-th synthetic history entry. @param {number} i */
export function appendBody(i) {
  const actor = actors[i % actors.length];
  const action = actions[Math.floor(i / 3) % actions.length];
  /** @type {Record<string, unknown>} */
  const body = {
    actor,
    action,
    metadata: {
      run: i,
      ticket: `DS-${i % 500}`,
      files: [`src/main/java/io/devstate/F${i % 97}.java`, 'docs/API.md'],
    },
  };
  if (action === 'cp_transition') {
    body.cp_from = `CP${1 + (Math.floor(i / 5) % 8)}-LC`;
    body.cp_to = `CP${2 + (Math.floor(i / 5) % 8)}-LC`;
  }
  return JSON.stringify(body);
}

/** @param {number} i */
function agents(i) {
  const statuses = ['planned', 'pending', 'in_progress', 'completed', 'blocked'];
  const names = ['planner', 'coder', 'reviewer', 'tester'];
  const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
  return names.map((name, a) => ({
    id: `a${a + 1}`,
    name,
    task: `task ${(i + a) % 40} of the current checkpoint`,
    cp: `CP${3 + (Math.floor(i / 50) % 5)}-LC`,
    status: statuses[(i + a) % statuses.length],
    updated_at: now,
  }));
}

/** A realistic, schema-valid .trae/state.json. @param {string} project */
export function stateDoc(project) {
  const checksums = [];
  for (let k = 0; k < 8; k++) {
    checksums.push({
      path: `docs/artifact-${k}.md`,
      hash: (k * 7919 + 1).toString(16).padStart(64, '0'),
      ts: '2026-11-25T09:58:12Z',
    });
  }
  return JSON.stringify({
    project,
    version: '1.0.0',
    current_cp: 'CP3-LC',
    no_drift: true,
    agents: agents(0),
    artifact_checksums: checksums,
    migration_params: { batch_size: 500, dry_run: false },
    observability_artifacts: { dashboard: 'deploy/observability/devstate.json' },
    updated_at: '2026-11-25T10:00:00Z',
  });
}

/** The i-th merge patch; every moveCpEvery-th also moves current_cp. @param {number} i @param {number} moveCpEvery */
export function statePatch(i, moveCpEvery) {
  /** @type {Record<string, unknown>} */
  const patch = { agents: agents(i), no_drift: i % 7 !== 0, updated_at: new Date().toISOString().replace(/\.\d+Z$/, 'Z') };
  if (moveCpEvery > 0 && i % moveCpEvery === 0) {
    patch.current_cp = `CP${3 + (Math.floor(i / moveCpEvery) % 5)}-LC`;
  }
  return JSON.stringify(patch);
}

/** @param {number} i */
export function actorHeaders(i) {
  return {
    'DevState-Actor': actors[i % actors.length],
    'DevState-Metadata': `{"ticket":"DS-${i % 500}","source":"loadtest"}`,
  };
}

/** Rotates over the newest page and the four filters. @param {number} i @param {number} limit */
export function searchQuery(i, limit) {
  /** @type {Record<string, string>} */
  const q = { limit: String(limit) };
  const k = Math.floor(i / 5);
  switch (i % 5) {
    case 1:
      q.actor = actors[k % actors.length];
      break;
    case 2:
      q.action = actions[k % (actions.length - 1)];
      break;
    case 3:
      q.cp = `CP${2 + (k % 8)}-LC`;
      break;
    case 4:
      q.metadata = `{"ticket":"DS-${k % 500}"}`;
      break;
  }
  return q;
}
