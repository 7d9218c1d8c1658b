/* tslint:disable */
/* eslint-disable */
export * from './FilesApi';
export * from './HealthApi';
export * from './HistoryApi';
export * from './KeysApi';
export * from './LocksApi';
export * from './StateApi';
export * from './VerifyApi';
