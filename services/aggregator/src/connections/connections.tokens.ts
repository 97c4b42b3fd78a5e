export const AGGREGATOR_CONFIG = Symbol('AGGREGATOR_CONFIG');
export { KAFKA_ADMIN, KAFKA_CLIENT } from '@donations/kafka';
