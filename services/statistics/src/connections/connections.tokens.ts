export const STATISTICS_CONFIG = Symbol('STATISTICS_CONFIG');
export const REDIS = Symbol('REDIS');
export { KAFKA_ADMIN, KAFKA_CLIENT } from '@donations/kafka';
