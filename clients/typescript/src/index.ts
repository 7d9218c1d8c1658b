/* tslint:disable */
/* eslint-disable */
export * from './runtime.js';
export * from './apis/index.js';
export * from './models/index.js';
export * from './verify.js';
export * from './log.js';
export * from './session.js';
export * from './events.js';
