/** Human text by default, one JSON document per command with --json. */
export class Output {
  constructor(
    private readonly json: () => boolean,
    private readonly write: (text: string) => void = (text) => process.stdout.write(text),
  ) {}

  result<T>(value: T, describe: (value: T) => string): void {
    this.write(this.json() ? `${JSON.stringify(value)}\n` : `${describe(value)}\n`);
  }

  /** A line of progress on stderr, so that stdout holds the result alone. */
  progress(line: string): void {
    if (!this.json()) process.stderr.write(`${line}\n`);
  }

  error(error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    const code = (error as { code?: unknown }).code;
    process.stderr.write(
      this.json()
        ? `${JSON.stringify({ error: { code: typeof code === 'string' ? code : 'OPS.FAILED', message } })}\n`
        : `ops: ${message}\n`,
    );
  }
}
