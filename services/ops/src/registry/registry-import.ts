import { parse } from 'csv-parse/sync';
import { CampaignRegistration, CampaignRegistrationSchema } from '@donations/contracts';
import { OpsError } from '../ops-error';

/** The columns of a registry CSV (a header row names them; `title` may be left out). */
export const REGISTRY_CSV_COLUMNS = [
  'platform',
  'platformProjectId',
  'campaignId',
  'charityId',
  'title',
] as const;

export type RegistryCsvRow =
  | { line: number; ok: true; entry: CampaignRegistration }
  | { line: number; ok: false; reason: string; message: string };

/** Each data line of a registry CSV, checked against the contract (line numbers from 2). */
export function registryCsvRows(csv: string): RegistryCsvRow[] {
  let records: Record<string, string>[];
  try {
    records = parse(csv, { columns: true, skip_empty_lines: true, trim: true, bom: true });
  } catch (error) {
    throw new OpsError('OPS.INVALID_CSV', (error as Error).message);
  }
  return records.map((record, index) => {
    const line = index + 2;
    const { title, ...rest } = record;
    const parsed = CampaignRegistrationSchema.safeParse({
      ...rest,
      ...(title ? { title } : {}),
    });
    if (parsed.success) return { line, ok: true, entry: parsed.data };
    const issue = parsed.error.issues[0];
    const message = `${issue?.path.join('.') || 'row'}: ${issue?.message ?? 'invalid'}`;
    return { line, ok: false, reason: 'OPS.INVALID_ROW', message };
  });
}
