import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { ConsumerFigures } from './consumer-timing';

/** Messages per second over `ms` (the whole run or its steady part). */
export const rate = (figures: ConsumerFigures, ms: number): number =>
  figures.messages / (ms / 1000);

/** Column titles of `consumerCells`. */
export const CONSUMER_COLUMNS = ['messages', 'seconds', 'msgs/s', 'steady/s', 'peak RSS'];

/** A consumer's pass as table cells: messages, seconds, msgs/s, steady/s, peak RSS. */
export function consumerCells(figures: ConsumerFigures): string[] {
  return [
    String(figures.messages),
    (figures.elapsedMs / 1000).toFixed(1),
    rate(figures, figures.elapsedMs).toFixed(0),
    rate(figures, figures.steadyMs).toFixed(0),
    `${figures.memory.peakRssMiB.toFixed(0)} MiB`,
  ];
}

/**
 * Writes a run's figures to `<outDir>/<bench>-<time>.json` (bigints as strings, Maps as objects;
 * the connection URLs of `figures.config` left out) and prints where.
 */
export function writeFigures(
  outDir: string,
  bench: string,
  figures: { config: object } & Record<string, unknown>,
): void {
  const at = new Date().toISOString();
  const file = resolve(outDir, `${bench}-${at.replace(/[:.]/g, '-')}.json`);
  const config = Object.fromEntries(
    Object.entries(figures.config).filter(([key]) => !key.endsWith('_URL')),
  );
  const json = JSON.stringify(
    { at, ...figures, config },
    (_, value: unknown): unknown =>
      typeof value === 'bigint'
        ? value.toString()
        : value instanceof Map
          ? (Object.fromEntries(value) as unknown)
          : value,
    2,
  );
  writeFileSync(file, `${json}\n`);
  console.log(`figures: ${file}`);
}
