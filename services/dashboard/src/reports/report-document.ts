import { isCurrency, LedgerReportView, minorUnitExponent } from '@donations/contracts';

/** Names the registry gives the report's ids (null or missing: shown as the id alone). */
export interface ReportNames {
  readonly charity: string | null;
  /** Campaign id -> title, for the campaign of a campaign report and a charity's campaigns. */
  readonly campaigns: Readonly<Record<string, string>>;
}

/**
 * What an export shows: the ledger's report, the statistics' unique-donor estimate of the whole
 * campaign or charity (null when the statistics are unset or down: "not available"), and names.
 */
export type ReportDocument = LedgerReportView & {
  readonly uniqueDonors: number | null;
  readonly names: ReportNames;
};

export const BEIJING_TIME_ZONE = 'Asia/Shanghai';

/**
 * Minor units (decimal text, any size, maybe negative) as the currency's major units with its
 * digits: "-123405" CNY -> "-1234.05". String arithmetic only, so a figure is exact to the fen
 * whatever its size. A code that is not ISO 4217 (never in the ledger) gets 2 digits.
 */
export function majorText(minor: string, currency: string): string {
  const digits = isCurrency(currency) ? minorUnitExponent(currency) : 2;
  const negative = minor.startsWith('-');
  const magnitude = (negative ? minor.slice(1) : minor).replace(/^0+(?=\d)/, '');
  const sign = negative && /[1-9]/.test(magnitude) ? '-' : '';
  if (digits === 0) return `${sign}${magnitude}`;
  const padded = magnitude.padStart(digits + 1, '0');
  return `${sign}${padded.slice(0, -digits)}.${padded.slice(-digits)}`;
}

const BEIJING = new Intl.DateTimeFormat('en-CA', {
  timeZone: BEIJING_TIME_ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
});

/** An instant as people in China read it: "2026-07-01 00:30:00" (Beijing time, UTC+8). */
export function beijingTime(instant: string | Date): string {
  const parts = Object.fromEntries(
    BEIJING.formatToParts(new Date(instant)).map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

/** The campaign's or the charity's id and its registry name (null: not registered or unread). */
export function subjectOf(document: ReportDocument): { id: string; name: string | null } {
  const name =
    document.scope === 'campaign'
      ? (document.names.campaigns[document.id] ?? null)
      : document.names.charity;
  return { id: document.id, name };
}
