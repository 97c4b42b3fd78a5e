export * from './common.config';
export * from './config.errors';
export * from './http-server.config';
export * from './load-config';
