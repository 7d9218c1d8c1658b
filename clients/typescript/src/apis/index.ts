/* tslint:disable */
/* eslint-disable */
export * from './EventsApi.js';
export * from './FilesApi.js';
export * from './HealthApi.js';
export * from './HistoryApi.js';
export * from './KeysApi.js';
export * from './LocksApi.js';
export * from './LogApi.js';
export * from './ProjectsApi.js';
export * from './StateApi.js';
export * from './VerifyApi.js';
