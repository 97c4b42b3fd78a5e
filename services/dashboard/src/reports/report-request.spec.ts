import { CHARITY_ID } from '../../test/reports.builders';
import { contentDisposition, parseReportRequest } from './report-request';
import { reportStatusOf } from './report-error.filter';
import { REPORT_ERROR_CODES, upstreamCode } from './reports.errors';

const USCC = CHARITY_ID;
const WRONG_CHECK = `${USCC.slice(0, 17)}${USCC.endsWith('0') ? '1' : '0'}`;

function refusal(scope: string, file: string, period?: unknown): unknown {
  try {
    parseReportRequest(scope, file, period);
  } catch (error) {
    return error;
  }
  throw new Error('the request was accepted');
}

describe('parseReportRequest', () => {
  it('reads scope, id, format and period, the whole campaign by default', () => {
    expect(parseReportRequest('charity', `${USCC}.xlsx`, '2026-Q3')).toEqual({
      scope: 'charity',
      id: USCC,
      period: '2026-Q3',
      format: 'xlsx',
    });
    expect(parseReportRequest('campaign', 'C.2026.001.csv', undefined)).toEqual({
      scope: 'campaign',
      id: 'C.2026.001',
      period: 'all',
      format: 'csv',
    });
  });

  it.each([
    ['an unknown scope', 'donor', `${USCC}.csv`, 'all'],
    ['no format', 'charity', USCC, 'all'],
    ['an unknown format', 'charity', `${USCC}.pdf`, 'all'],
    ['no id', 'campaign', '.csv', 'all'],
    ['a USCC with a wrong check character', 'charity', `${WRONG_CHECK}.csv`, 'all'],
    ['a campaign id too long', 'campaign', `${'c'.repeat(65)}.csv`, 'all'],
    ['a month for a period', 'campaign', 'C-1.csv', '2026-07'],
    ['a fifth quarter', 'campaign', 'C-1.csv', '2026-Q5'],
    ['a repeated period', 'campaign', 'C-1.csv', ['all', 'all']],
  ])('refuses %s with DASHBOARD.BAD_REQUEST', (_name, scope, file, period) => {
    expect(refusal(scope, file, period)).toMatchObject({ code: 'DASHBOARD.BAD_REQUEST' });
  });
});

describe('contentDisposition', () => {
  it('names the file report-<id>-<period>, downloaded or shown inline', () => {
    const request = { scope: 'charity', id: USCC, period: '2026-Q3' } as const;
    expect(contentDisposition({ ...request, format: 'xlsx' })).toBe(
      `attachment; filename="report-${USCC}-2026-Q3.xlsx"; filename*=UTF-8''report-${USCC}-2026-Q3.xlsx`,
    );
    expect(contentDisposition({ ...request, format: 'html' })).toMatch(/^inline; /);
  });

  it('keeps a header-safe fallback for an id with Chinese, quotes or semicolons', () => {
    const header = contentDisposition({
      scope: 'campaign',
      id: '春蕾"计划";x',
      period: 'all',
      format: 'csv',
    });
    expect(header).toBe(
      `attachment; filename="report-_______x-all.csv"; filename*=UTF-8''report-${encodeURIComponent('春蕾"计划";x')}-all.csv`,
    );
  });
});

describe('the exports error codes', () => {
  it('map each upstream failure to a gateway status', () => {
    expect(reportStatusOf(upstreamCode('unset'))).toBe(503);
    expect(reportStatusOf(upstreamCode('unreachable'))).toBe(502);
    expect(reportStatusOf(upstreamCode('timeout'))).toBe(504);
    expect(reportStatusOf(upstreamCode('failed'))).toBe(502);
  });

  it('give every code a 4xx or 5xx status', () => {
    for (const code of REPORT_ERROR_CODES) {
      expect(reportStatusOf(code)).toBeGreaterThanOrEqual(400);
    }
  });
});
