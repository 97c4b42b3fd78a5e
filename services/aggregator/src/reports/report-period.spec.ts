import { ReportQuerySchema } from './dto/reports.dto';
import { reportPeriodOf } from './report-period';

const at = (instant: string): number => Date.parse(instant);

describe('report periods (Beijing time)', () => {
  it('bounds a quarter by the Beijing midnights of its first day and of the next quarter', () => {
    expect(reportPeriodOf('2026-Q3')).toEqual({
      view: { label: '2026-Q3', from: '2026-07-01', to: '2026-09-30' },
      fromInstant: '2026-07-01T00:00:00+08:00',
      untilInstant: '2026-10-01T00:00:00+08:00',
    });
    expect(reportPeriodOf('2026-Q1').view).toEqual({
      label: '2026-Q1',
      from: '2026-01-01',
      to: '2026-03-31',
    });
  });

  it('ends the fourth quarter at the next New Year in Beijing', () => {
    expect(reportPeriodOf('2026-Q4')).toMatchObject({
      view: { from: '2026-10-01', to: '2026-12-31' },
      untilInstant: '2027-01-01T00:00:00+08:00',
    });
    expect(reportPeriodOf('0999-Q4').untilInstant).toBe('1000-01-01T00:00:00+08:00');
  });

  it('puts 16:30 UTC on 30 June in Q3 and 15:59 UTC on 30 September in Q3 too', () => {
    const q3 = reportPeriodOf('2026-Q3');
    const inQ3 = (instant: string) =>
      at(instant) >= at(q3.fromInstant) && at(instant) < at(q3.untilInstant);
    expect(inQ3('2026-06-30T16:30:00Z')).toBe(true);
    expect(inQ3('2026-06-30T15:59:59Z')).toBe(false);
    expect(inQ3('2026-09-30T15:59:59Z')).toBe(true);
    expect(inQ3('2026-09-30T16:00:00Z')).toBe(false);
  });

  it('leaves `all` unbounded', () => {
    expect(reportPeriodOf('all')).toEqual({
      view: { label: 'all', from: null, to: null },
      fromInstant: '-infinity',
      untilInstant: 'infinity',
    });
  });

  it('accepts `all` and quarters, and refuses anything else', () => {
    for (const period of ['all', '2026-Q1', '2026-Q4', '0001-Q1']) {
      expect([period, ReportQuerySchema.safeParse({ period }).success]).toEqual([period, true]);
    }
    for (const period of [
      '',
      'ALL',
      '2026-Q5',
      '2026-Q0',
      '2026Q3',
      '26-Q3',
      '0000-Q1',
      '2026-07',
    ]) {
      expect([period, ReportQuerySchema.safeParse({ period }).success]).toEqual([period, false]);
    }
    expect(ReportQuerySchema.safeParse({}).success).toBe(false);
    expect(ReportQuerySchema.safeParse({ period: 'all', extra: '1' }).success).toBe(false);
  });
});
