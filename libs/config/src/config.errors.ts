/** Thrown at boot when the environment does not satisfy a service's config schema. */
export class ConfigError extends Error {
  readonly code = 'CONFIG.INVALID';

  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}
