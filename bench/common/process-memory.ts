import { readFileSync } from 'node:fs';

/** A process's resident memory from /proc/<pid>/status, in MiB. */
export interface MemoryReading {
  /** VmRSS: resident now. */
  rssMiB: number;
  /** VmHWM: the highest resident size so far (the kernel's own peak). */
  peakRssMiB: number;
}

/** Undefined once the process has exited (Linux only, as the project's machines are). */
export function readMemory(pid: number): MemoryReading | undefined {
  let status: string;
  try {
    status = readFileSync(`/proc/${pid}/status`, 'utf8');
  } catch {
    return undefined;
  }
  const kib = (field: string) =>
    Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
  return { rssMiB: kib('VmRSS') / 1024, peakRssMiB: kib('VmHWM') / 1024 };
}

/** The highest readings of a watch, and of each half of it: a leak shows as a later half higher. */
export interface MemoryPeaks extends MemoryReading {
  firstHalfRssMiB: number;
  secondHalfRssMiB: number;
}

/** Samples a process's memory every `intervalMs` until stopped. */
export class MemoryWatch {
  private readonly samples: { atMs: number; rssMiB: number }[] = [];
  private peakRssMiB = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(
    private readonly pid: number,
    intervalMs = 100,
  ) {
    this.timer = setInterval(() => this.sample(), intervalMs);
  }

  /** Takes a last reading and stops: call it before the process exits (VmHWM dies with it). */
  stop(): MemoryPeaks {
    clearInterval(this.timer);
    this.sample();
    const { samples } = this;
    const middle = samples.length === 0 ? 0 : (samples[0].atMs + samples.at(-1)!.atMs) / 2;
    const highest = (list: typeof samples) => Math.max(0, ...list.map(({ rssMiB }) => rssMiB));
    return {
      rssMiB: highest(samples),
      peakRssMiB: this.peakRssMiB,
      firstHalfRssMiB: highest(samples.filter(({ atMs }) => atMs <= middle)),
      secondHalfRssMiB: highest(samples.filter(({ atMs }) => atMs > middle)),
    };
  }

  private sample(): void {
    const reading = readMemory(this.pid);
    if (reading === undefined) return;
    this.samples.push({ atMs: performance.now(), rssMiB: reading.rssMiB });
    this.peakRssMiB = Math.max(this.peakRssMiB, reading.peakRssMiB);
  }
}
