export * from './common.config';
export * from './config.errors';
export * from './load-config';
