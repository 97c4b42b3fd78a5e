/**
 * A rule of the contract was broken by an input. `code` is stable (`AREA.REASON`) so that an HTTP
 * filter, a DLQ reason or a test can switch on it; `message` is for humans and may change.
 * Subclasses narrow `code` to their own union (see MoneyError).
 */
export class ContractError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = new.target.name;
  }
}
