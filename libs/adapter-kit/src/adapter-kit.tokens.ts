export const ADAPTER_OPTIONS = Symbol('ADAPTER_OPTIONS');
export { KAFKA_ADMIN, KAFKA_CLIENT } from '@donations/kafka';
export const WEBHOOK_PROTOCOL = Symbol('WEBHOOK_PROTOCOL');
export const PLATFORM_MAPPING = Symbol('PLATFORM_MAPPING');
export const SERVICE_LOGGER = Symbol('SERVICE_LOGGER');
