/** Where the simulator writes: the terminal (progress redrawn in place) or a log (lines). */
export class Terminal {
  private drawn = 0;

  constructor(private readonly stream: NodeJS.WriteStream = process.stdout) {}

  get interactive(): boolean {
    return this.stream.isTTY;
  }

  line(text = ''): void {
    this.drawn = 0;
    this.stream.write(`${text}\n`);
  }

  /** Replaces the block drawn last (on a TTY); elsewhere prints the block's first line only. */
  block(lines: readonly string[]): void {
    if (!this.interactive) {
      this.line(lines[0]);
      return;
    }
    const up = this.drawn > 0 ? `\x1b[${this.drawn}F\x1b[J` : '';
    this.stream.write(`${up}${lines.join('\n')}\n`);
    this.drawn = lines.length;
  }
}
