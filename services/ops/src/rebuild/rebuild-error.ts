/** A failed rebuild or generations request as the CLI reports it: a stable code and a message. */
export class RebuildError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'RebuildError';
  }
}
