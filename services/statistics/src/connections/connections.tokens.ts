export const STATISTICS_CONFIG = Symbol('STATISTICS_CONFIG');
export const KAFKA_CLIENT = Symbol('KAFKA_CLIENT');
export const KAFKA_ADMIN = Symbol('KAFKA_ADMIN');
export const REDIS = Symbol('REDIS');
