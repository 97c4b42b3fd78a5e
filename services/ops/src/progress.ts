import { SingleBar } from 'cli-progress';

/** Progress of long work: a bar on a terminal, plain lines otherwise, nothing with --json. */
export interface Progress {
  advance(count?: number): void;
  stop(): void;
}

export type ProgressFactory = (label: string, total: number) => Progress;

/** Whether a plain line is due: at the end, and at each further tenth of the work. */
export function lineDue(done: number, total: number, lastPrinted: number): boolean {
  if (done >= total) return lastPrinted < total;
  return Math.floor((done * 10) / total) > Math.floor((lastPrinted * 10) / total);
}

export function progressFactory(options: { json: boolean; tty: boolean }): ProgressFactory {
  return (label, total) => {
    if (options.json || total === 0) return { advance: () => undefined, stop: () => undefined };
    return options.tty ? barProgress(label, total) : lineProgress(label, total);
  };
}

function barProgress(label: string, total: number): Progress {
  const bar = new SingleBar({
    format: `${label} [{bar}] {value}/{total} {percentage}% eta {eta_formatted}`,
    stream: process.stderr,
    hideCursor: true,
    clearOnComplete: false,
  });
  bar.start(total, 0);
  return { advance: (count = 1) => bar.increment(count), stop: () => bar.stop() };
}

function lineProgress(label: string, total: number): Progress {
  let done = 0;
  let printed = 0;
  return {
    advance: (count = 1) => {
      done = Math.min(total, done + count);
      if (!lineDue(done, total, printed)) return;
      printed = done;
      process.stderr.write(`${label}: ${done}/${total}\n`);
    },
    stop: () => undefined,
  };
}
