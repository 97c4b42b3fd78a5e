export const ADAPTER_OPTIONS = Symbol('ADAPTER_OPTIONS');
export const KAFKA_CLIENT = Symbol('KAFKA_CLIENT');
export const KAFKA_ADMIN = Symbol('KAFKA_ADMIN');
export const WEBHOOK_PROTOCOL = Symbol('WEBHOOK_PROTOCOL');
export const PLATFORM_MAPPING = Symbol('PLATFORM_MAPPING');
export const SERVICE_LOGGER = Symbol('SERVICE_LOGGER');
