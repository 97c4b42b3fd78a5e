import { CPU_PARTIES } from '../common/cpu-usage';
import { CONSUMER_COLUMNS, consumerCells, rate, writeFigures } from '../common/figures-report';
import { rerunCommand } from '../common/rerun-command';
import { AGGREGATOR_KNOBS, AggregateBenchConfig, BENCH_KNOBS } from './aggregate-bench.config';
import type { ConsumerFigures } from './consumer-runs';
import type { DatasetTruth } from '../common/donation-stream';
import type { LoadResult } from '../common/topic-loader';
import type { TotalsCheck } from './totals-check';

/** Issue 12's targets, on the throughput dataset (issue 3 had asked 50,000/s and 0.5). */
export const TARGET_EVENTS_PER_SECOND = 30_000;
export const TARGET_RATIO = 0.11;
/** "Memory must not grow with the number of campaigns": allowed growth of the peak RSS. */
export const RSS_GROWTH_TOLERANCE = 1.25;

export interface DatasetOutcome {
  label: string;
  truth: DatasetTruth;
  load: LoadResult;
  raw: ConsumerFigures;
  aggregator: ConsumerFigures;
  totals: TotalsCheck;
}

const HEADER = [...CONSUMER_COLUMNS, ...CPU_PARTIES];

/** Prints the table, ratios, memory and targets, and the rerun command; writes JSON. */
export function report(
  config: AggregateBenchConfig,
  datasets: readonly DatasetOutcome[],
  outDir: string,
): boolean {
  const [main, memory] = datasets;
  const ratio =
    rate(main.aggregator, main.aggregator.elapsedMs) / rate(main.raw, main.raw.elapsedMs);
  const aggregatorRate = rate(main.aggregator, main.aggregator.elapsedMs);
  const met = aggregatorRate >= TARGET_EVENTS_PER_SECOND && ratio >= TARGET_RATIO;
  const growth = memory
    ? memory.aggregator.memory.peakRssMiB / main.aggregator.memory.peakRssMiB
    : undefined;
  console.log(
    [
      '',
      `${' '.repeat(66)}peak RSS   CPU cores busy, spawn to done`,
      `${'dataset'.padEnd(22)}${'consumer'.padEnd(12)}${HEADER.map((h) => h.padStart(9)).join('')}`,
      ...datasets.flatMap((dataset) => [
        row(dataset.label, dataset.raw),
        row('', dataset.aggregator),
      ]),
      '',
      ...datasets.map((dataset) => describeDataset(dataset)),
      `ratio aggregator/raw (msgs/s, spawn to done): ${datasets.map(ratioOf).join('; ')}`,
      growth === undefined
        ? 'memory run skipped (BENCH_MEMORY_RUN=0)'
        : `aggregator peak RSS: ${main.aggregator.memory.peakRssMiB.toFixed(0)} MiB with ${main.label}, ` +
          `${memory.aggregator.memory.peakRssMiB.toFixed(0)} MiB with ${memory.label} (x${growth.toFixed(2)})`,
      `aggregator RSS, highest in the first / second half of its run: ${datasets.map(halves).join('; ')}`,
      `totals: ${datasets.map((d) => `${d.label} ${d.totals.ok ? 'match the dataset' : d.totals.problems.join('; ')}`).join('; ')}`,
      `target (>= ${TARGET_EVENTS_PER_SECOND} events/s and >= ${TARGET_RATIO} of the raw read rate): ${met ? 'met' : 'NOT met'}` +
        (growth === undefined
          ? ''
          : `; memory flat with campaigns (<= x${RSS_GROWTH_TOLERANCE}): ${growth <= RSS_GROWTH_TOLERANCE ? 'yes' : 'NO'}`),
      '',
      `rerun: ${rerunCommand([...BENCH_KNOBS, ...AGGREGATOR_KNOBS], 'bench:aggregate')}`,
    ].join('\n'),
  );
  writeFigures(outDir, 'aggregate', { config, datasets, ratio, met, growth });
  return datasets.every((dataset) => dataset.totals.ok);
}

function ratioOf(dataset: DatasetOutcome): string {
  const ratio =
    rate(dataset.aggregator, dataset.aggregator.elapsedMs) /
    rate(dataset.raw, dataset.raw.elapsedMs);
  const steady =
    rate(dataset.aggregator, dataset.aggregator.steadyMs) / rate(dataset.raw, dataset.raw.steadyMs);
  return `${dataset.label} ${ratio.toFixed(3)} (steady ${steady.toFixed(3)})`;
}

function halves({ label, aggregator }: DatasetOutcome): string {
  const { firstHalfRssMiB, secondHalfRssMiB } = aggregator.memory;
  return `${label} ${firstHalfRssMiB.toFixed(0)} / ${secondHalfRssMiB.toFixed(0)} MiB`;
}

function describeDataset({ label, truth, load }: DatasetOutcome): string {
  const produced = (load.messages / (load.elapsedMs / 1000)).toFixed(0);
  return (
    `${label}: ${truth.donations} donations, ${truth.refunds} refunds, ${truth.duplicates} ` +
    `duplicates over ${truth.campaigns} campaigns (${[...truth.byCurrency.keys()].join(', ')}); ` +
    `produced in ${(load.elapsedMs / 1000).toFixed(1)} s (${produced} msgs/s)`
  );
}

function row(label: string, figures: ConsumerFigures): string {
  const cells = [
    ...consumerCells(figures),
    ...CPU_PARTIES.map((party) => figures.cpu[party].toFixed(2)),
  ];
  return `${label.padEnd(22)}${figures.consumer.padEnd(12)}${cells.map((c) => c.padStart(9)).join('')}`;
}
