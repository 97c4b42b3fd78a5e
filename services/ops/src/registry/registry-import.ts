import { parse } from 'csv-parse/sync';
import type { z } from 'zod';
import {
  CampaignRegistration,
  CampaignRegistrationSchema,
  CharityRegistration,
  CharityRegistrationSchema,
} from '@donations/contracts';
import { OpsError } from '../ops-error';

/** The columns of a campaign CSV (a header row names them; the optional ones may be left out). */
export const REGISTRY_CSV_COLUMNS = [
  'platform',
  'platformProjectId',
  'campaignId',
  'charityId',
  'title',
  'filingNumber',
  'startsOn',
  'endsOn',
  'merchantId',
] as const;

/** The columns of a charity CSV. */
export const CHARITY_CSV_COLUMNS = ['uscc', 'name', 'region'] as const;

export type CsvRow<T> =
  | { line: number; ok: true; entry: T }
  | { line: number; ok: false; reason: string; message: string };

export type RegistryCsvRow = CsvRow<CampaignRegistration>;

/** Each data line of a CSV checked against `schema`; empty cells are left out (line numbers from 2). */
export function csvRows<T extends z.ZodType>(csv: string, schema: T): CsvRow<z.output<T>>[] {
  let records: Record<string, string>[];
  try {
    records = parse(csv, { columns: true, skip_empty_lines: true, trim: true, bom: true });
  } catch (error) {
    throw new OpsError('OPS.INVALID_CSV', (error as Error).message);
  }
  return records.map((record, index) => {
    const line = index + 2;
    const given = Object.fromEntries(Object.entries(record).filter(([, value]) => value !== ''));
    const parsed = schema.safeParse(given);
    if (parsed.success) return { line, ok: true, entry: parsed.data };
    const issue = parsed.error.issues[0];
    const message = `${issue?.path.join('.') || 'row'}: ${issue?.message ?? 'invalid'}`;
    return { line, ok: false, reason: 'OPS.INVALID_ROW', message };
  });
}

/** Each data line of a campaign registry CSV, checked against the contract. */
export function registryCsvRows(csv: string): RegistryCsvRow[] {
  return csvRows(csv, CampaignRegistrationSchema);
}

/** Each data line of a charity CSV (uscc,name,region), the USCC's check character checked. */
export function charityCsvRows(csv: string): CsvRow<CharityRegistration>[] {
  return csvRows(csv, CharityRegistrationSchema);
}
