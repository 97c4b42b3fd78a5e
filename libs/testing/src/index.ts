export * from './isolation';
export * from './resolve-stack';
export * from './stack-settings';
export * from './wait-for';
