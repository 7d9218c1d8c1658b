// Where the load goes and as whom: DEVSTATE_URL (default http://127.0.0.1:3180),
// DEVSTATE_API_TOKEN (sent as a bearer token; a writer token, admin for nothing here) and
// DEVSTATE_PROJECT (default k6-load; the append check counts that project's chain).
export const baseUrl = (__ENV.DEVSTATE_URL || 'http://127.0.0.1:3180').replace(/\/+$/, '');
export const token = __ENV.DEVSTATE_API_TOKEN || '';
export const project = __ENV.DEVSTATE_PROJECT || 'k6-load';
// setup() gives the project at least this many entries (through the API) before the run.
export const minEntries = Number(__ENV.MIN_ENTRIES || 100);
