import { z } from 'zod';
import { CampaignIdSchema, ReportPeriodParamSchema, UsccSchema } from '@donations/contracts';
import { ReportError } from './reports.errors';

export const REPORT_FORMATS = ['csv', 'xlsx', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** One export asked for: a campaign's or a charity's report of a period, in a format. */
export interface ReportRequest {
  readonly scope: 'campaign' | 'charity';
  readonly id: string;
  readonly period: string;
  readonly format: ReportFormat;
}

const badRequest = (message: string) => new ReportError('DASHBOARD.BAD_REQUEST', message);

/**
 * `/backoffice/reports/:scope/<id>.<format>?period=`: the file name is split at its last dot,
 * since a campaign id (a 慈善中国 filing number or a platform's project id) may hold dots. The
 * period defaults to the whole campaign.
 */
export function parseReportRequest(scope: string, file: string, period: unknown): ReportRequest {
  if (scope !== 'campaign' && scope !== 'charity') {
    throw badRequest('the scope must be `campaign` or `charity`');
  }
  const dot = file.lastIndexOf('.');
  const format = REPORT_FORMATS.find((known) => known === file.slice(dot + 1));
  if (dot < 1 || format === undefined) {
    throw badRequest('the file must be `<id>.csv`, `<id>.xlsx` or `<id>.html`');
  }
  const id = (scope === 'campaign' ? CampaignIdSchema : UsccSchema).safeParse(file.slice(0, dot));
  if (!id.success) throw badRequest(`the ${scope} id ${z.prettifyError(id.error)}`);
  const parsed = ReportPeriodParamSchema.safeParse(period ?? 'all');
  if (!parsed.success) throw badRequest(`period ${z.prettifyError(parsed.error)}`);
  return { scope, id: id.data, period: parsed.data, format };
}

const CONTENT_TYPES: Record<ReportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  html: 'text/html; charset=utf-8',
};

export const contentTypeOf = (format: ReportFormat): string => CONTENT_TYPES[format];

/**
 * `report-<id>-<period>.<format>`: downloaded (CSV, XLSX) or shown to print (HTML). The plain
 * `filename` keeps only characters safe in any header (others become `_`); `filename*` (RFC
 * 6266/8187) carries the id as it is, which browsers prefer.
 */
export function contentDisposition(request: ReportRequest): string {
  const name = `report-${request.id}-${request.period}.${request.format}`;
  const ascii = name.replace(/[^A-Za-z0-9._-]/g, '_');
  const encoded = encodeURIComponent(name).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  const disposition = request.format === 'html' ? 'inline' : 'attachment';
  return `${disposition}; filename="${ascii}"; filename*=UTF-8''${encoded}`;
}
