/** A failed ops command as the CLI reports it: a stable code (a service's, or OPS.*) and why. */
export class OpsError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'OpsError';
  }
}
