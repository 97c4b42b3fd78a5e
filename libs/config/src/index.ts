export * from './common.config';
export * from './config.errors';
export * from './connection-security.config';
export * from './http-server.config';
export * from './load-config';
export * from './redis-connection';
export * from './setting-files';
