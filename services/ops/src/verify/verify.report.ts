import { compareFigures, Difference, VerifySource } from './compare.fold';
import { Figures } from './figures';
import type { LedgerFigures } from './ledger.fold';
import type { ActiveGeneration } from './verify.repository';

/** One source's figures by kind; `skipped` says why a source was not compared. */
export type SourceFigures =
  { readonly campaigns: Figures; readonly charities: Figures } | { readonly skipped: string };

export interface VerifyInput {
  readonly generation: ActiveGeneration;
  /** `--campaign`: that campaign and its charities only. */
  readonly campaignId: string | null;
  readonly ledger: LedgerFigures;
  readonly sources: Readonly<Record<VerifySource, SourceFigures>>;
}

export interface VerifyReport {
  readonly generation: ActiveGeneration;
  readonly campaignId: string | null;
  readonly checked: { readonly campaigns: number; readonly charities: number };
  /** Per source: `compared`, or why it was skipped. */
  readonly sources: Readonly<Record<VerifySource, string>>;
  readonly differences: readonly Difference[];
}

const SOURCES: readonly VerifySource[] = ['totals-table', 'aggregate-topic', 'statistics'];

export interface CheckedKeys {
  readonly campaigns: readonly string[];
  readonly charities: readonly string[];
}

/**
 * The keys to check: those the ledger, the totals tables or the topics know (a key a source has
 * and the ledger has not is a difference too); with `--campaign`, that campaign and the
 * charities its events or its totals row name (the ledger's and the tables' charities, which
 * were read for it alone). Sorted. Pure.
 */
export function checkedKeys(
  campaignId: string | null,
  ledger: LedgerFigures,
  tables: SourceFigures,
  topics: SourceFigures,
): CheckedKeys {
  const of = (kind: 'campaigns' | 'charities', withTopics: boolean) => [
    ...new Set([
      ...ledger[kind].keys(),
      ...('skipped' in tables ? [] : tables[kind].keys()),
      ...(!withTopics || 'skipped' in topics ? [] : topics[kind].keys()),
    ]),
  ];
  return {
    campaigns: campaignId === null ? of('campaigns', true).sort() : [campaignId],
    charities: of('charities', campaignId === null).sort(),
  };
}

/** Every difference of every compared source from the ledger, over the checked keys. Pure. */
export function verifyReport(input: VerifyInput): VerifyReport {
  const { ledger, sources, campaignId } = input;
  const keys = checkedKeys(campaignId, ledger, sources['totals-table'], sources['aggregate-topic']);
  const differences = SOURCES.flatMap((source) => {
    const figures = sources[source];
    if ('skipped' in figures) return [];
    return [
      ...compareFigures(source, 'campaign', keys.campaigns, ledger.campaigns, figures.campaigns),
      ...compareFigures(source, 'charity', keys.charities, ledger.charities, figures.charities),
    ];
  });
  return {
    generation: input.generation,
    campaignId,
    checked: { campaigns: keys.campaigns.length, charities: keys.charities.length },
    sources: Object.fromEntries(
      SOURCES.map((source) => {
        const figures = sources[source];
        return [source, 'skipped' in figures ? `skipped: ${figures.skipped}` : 'compared'];
      }),
    ) as Record<VerifySource, string>,
    differences,
  };
}

/** The report as an operator reads it: one line per difference, then a summary line. */
export function describeReport(report: VerifyReport): string {
  const lines = report.differences.map(
    (d) => `${d.source} ${d.kind} ${d.key} ${d.field}: ledger ${d.expected}, found ${d.found}`,
  );
  const { campaigns, charities } = report.checked;
  const skipped = Object.entries(report.sources)
    .filter(([, state]) => state !== 'compared')
    .map(([source, state]) => `; ${source} ${state}`)
    .join('');
  const compared = Object.entries(report.sources)
    .filter(([, state]) => state === 'compared')
    .map(([source]) => source)
    .join(', ');
  const outcome =
    report.differences.length === 0
      ? 'no difference'
      : `${report.differences.length} difference${report.differences.length === 1 ? '' : 's'}`;
  lines.push(
    `${outcome}: ${campaigns} campaigns and ${charities} charities of generation ` +
      `${report.generation.generation} checked against ${compared}${skipped}`,
  );
  return lines.join('\n');
}
