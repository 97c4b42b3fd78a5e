import { MAX_REPORT_QUARTERS, quarterOf, reportPeriods, spanOf } from './report-periods';

describe('report periods', () => {
  it('names the quarter of a day', () => {
    expect(['2026-01-01', '2026-03-31', '2026-04-01', '2026-12-31'].map(quarterOf)).toEqual([
      '2026-Q1',
      '2026-Q1',
      '2026-Q2',
      '2026-Q4',
    ]);
  });

  it('offers all, then every quarter of the span newest first, across a year end', () => {
    expect(reportPeriods({ from: '2025-11-20', to: '2026-04-02' })).toEqual([
      'all',
      '2026-Q2',
      '2026-Q1',
      '2025-Q4',
    ]);
  });

  it('offers one quarter for a span inside it, and only all without a span', () => {
    expect(reportPeriods({ from: '2026-07-01', to: '2026-07-01' })).toEqual(['all', '2026-Q3']);
    expect(reportPeriods(null)).toEqual(['all']);
  });

  it('bounds a long span to the newest quarters', () => {
    const periods = reportPeriods({ from: '2010-01-01', to: '2026-12-31' });

    expect(periods).toHaveLength(MAX_REPORT_QUARTERS + 1);
    expect(periods[1]).toBe('2026-Q4');
  });

  it('spans the days given, ignoring the unknown ones', () => {
    expect(spanOf([null, '2026-05-01', '2025-12-31', null])).toEqual({
      from: '2025-12-31',
      to: '2026-05-01',
    });
    expect(spanOf([null])).toBeNull();
  });
});
