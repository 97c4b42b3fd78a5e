import { DisclosureDueViewSchema, type DisclosureRecordView } from '@donations/contracts';
import {
  beijingDay,
  CampaignSchedule,
  disclosureCalendar,
  requiredDisclosures,
} from './disclosure.rules';

const schedule = (startsOn: string, endsOn: string | null): CampaignSchedule => ({
  campaignId: 'c-edu',
  startsOn,
  endsOn,
});

/** [kind, periodStart, periodEnd, dueOn] of each required disclosure. */
const shape = (schedule: CampaignSchedule, today = '2026-01-01') =>
  requiredDisclosures(schedule, today).map((d) => [d.kind, d.periodStart, d.periodEnd, d.dueOn]);

const record = (overrides: Partial<DisclosureRecordView> = {}): DisclosureRecordView => ({
  campaignId: 'c-edu',
  kind: 'progress',
  periodStart: '2026-01-01',
  periodEnd: '2026-03-31',
  madeOn: '2026-04-10',
  link: 'https://cishan.chinanpo.gov.cn/biz/ma/csmh/a/csmhaDoSort.html?id=1',
  recordedAt: '2026-04-10T02:00:00.000Z',
  ...overrides,
});

describe('requiredDisclosures', () => {
  it('asks only the final disclosure of a campaign shorter than 6 months', () => {
    expect(shape(schedule('2026-01-01', '2026-05-31'))).toEqual([
      ['final', '2026-01-01', '2026-05-31', '2026-08-31'],
    ]);
  });

  it('asks no progress disclosure of exactly 6 months; one day more asks two', () => {
    expect(shape(schedule('2026-01-01', '2026-06-30'))).toEqual([
      ['final', '2026-01-01', '2026-06-30', '2026-09-30'],
    ]);
    expect(shape(schedule('2026-01-01', '2026-07-01'))).toEqual([
      ['progress', '2026-01-01', '2026-03-31', '2026-04-30'],
      ['progress', '2026-04-01', '2026-06-30', '2026-07-30'],
      ['final', '2026-01-01', '2026-07-01', '2026-10-01'],
    ]);
  });

  it('leaves the period a campaign ends in to the final disclosure', () => {
    expect(shape(schedule('2026-01-01', '2026-12-31'))).toEqual([
      ['progress', '2026-01-01', '2026-03-31', '2026-04-30'],
      ['progress', '2026-04-01', '2026-06-30', '2026-07-30'],
      ['progress', '2026-07-01', '2026-09-30', '2026-10-30'],
      ['final', '2026-01-01', '2026-12-31', '2027-03-31'],
    ]);
  });

  it('drops the later periods and moves the final one when a campaign ends early', () => {
    const planned = shape(schedule('2026-01-01', '2026-12-31'));
    const early = shape(schedule('2026-01-01', '2026-08-15'));
    expect(early).toEqual([
      planned[0],
      planned[1],
      ['final', '2026-01-01', '2026-08-15', '2026-11-15'],
    ]);
    expect(shape(schedule('2026-01-01', '2026-05-10'))).toEqual([
      ['final', '2026-01-01', '2026-05-10', '2026-08-10'],
    ]);
  });

  it('adds periods and moves the final one when a campaign is extended', () => {
    const planned = shape(schedule('2026-01-01', '2026-08-15'));
    const extended = shape(schedule('2026-01-01', '2027-03-31'));
    expect(extended).toEqual([
      ...planned.slice(0, 2),
      ['progress', '2026-07-01', '2026-09-30', '2026-10-30'],
      ['progress', '2026-10-01', '2026-12-31', '2027-01-31'],
      ['final', '2026-01-01', '2027-03-31', '2027-06-30'],
    ]);
  });

  it('lists the periods begun so far of a campaign without an end date, and no final one', () => {
    const open = schedule('2026-01-01', null);
    expect(shape(open, '2025-12-31')).toEqual([]);
    expect(shape(open, '2026-07-15')).toEqual([
      ['progress', '2026-01-01', '2026-03-31', '2026-04-30'],
      ['progress', '2026-04-01', '2026-06-30', '2026-07-30'],
      ['progress', '2026-07-01', '2026-09-30', '2026-10-30'],
    ]);
    expect(shape(open, '2026-06-30')).toHaveLength(2);
  });

  it('counts the periods of a month-end start from the start, without drift', () => {
    expect(shape(schedule('2026-01-31', '2027-01-31'))).toEqual([
      ['progress', '2026-01-31', '2026-04-29', '2026-05-29'],
      ['progress', '2026-04-30', '2026-07-30', '2026-08-30'],
      ['progress', '2026-07-31', '2026-10-30', '2026-11-30'],
      ['progress', '2026-10-31', '2027-01-30', '2027-02-28'],
      ['final', '2026-01-31', '2027-01-31', '2027-04-30'],
    ]);
    // Jan 31 to Jul 30 is exactly 6 months: no progress disclosure.
    expect(shape(schedule('2026-01-31', '2026-07-30'))).toHaveLength(1);
    expect(shape(schedule('2026-01-31', '2026-07-31'))).toHaveLength(3);
  });

  it('ends a period and dates a disclosure on Feb 29 only in a leap year', () => {
    expect(shape(schedule('2027-11-30', '2028-08-31')).slice(0, 2)).toEqual([
      ['progress', '2027-11-30', '2028-02-28', '2028-03-28'],
      ['progress', '2028-02-29', '2028-05-29', '2028-06-29'],
    ]);
    expect(shape(schedule('2026-11-30', '2027-08-31')).slice(0, 2)).toEqual([
      ['progress', '2026-11-30', '2027-02-27', '2027-03-27'],
      ['progress', '2027-02-28', '2027-05-29', '2027-06-29'],
    ]);
    expect(shape(schedule('2027-06-01', '2027-11-30'))).toEqual([
      ['final', '2027-06-01', '2027-11-30', '2028-02-29'],
    ]);
    expect(shape(schedule('2026-06-01', '2026-11-30'))).toEqual([
      ['final', '2026-06-01', '2026-11-30', '2027-02-28'],
    ]);
  });
});

describe('disclosureCalendar', () => {
  const year = schedule('2026-01-01', '2026-12-31');
  const statuses = (records: DisclosureRecordView[], today: string) =>
    disclosureCalendar(year, records, today).map((entry) => entry.status);

  it('is upcoming while the period runs, due until the due date, overdue after it', () => {
    expect(statuses([], '2026-03-31')).toEqual(['upcoming', 'upcoming', 'upcoming', 'upcoming']);
    expect(statuses([], '2026-04-01')[0]).toBe('due');
    expect(statuses([], '2026-04-30')[0]).toBe('due');
    expect(statuses([], '2026-05-01')[0]).toBe('overdue');
    expect(statuses([], '2027-04-01')).toEqual(['overdue', 'overdue', 'overdue', 'overdue']);
  });

  it('is done once recorded, late or not, with the day and the link', () => {
    const onTime = record();
    const late = record({
      periodStart: '2026-04-01',
      periodEnd: '2026-06-30',
      madeOn: '2026-08-20',
    });
    const calendar = disclosureCalendar(year, [onTime, late], '2026-09-01');
    expect(calendar.slice(0, 2)).toEqual([
      expect.objectContaining({ status: 'done', madeOn: '2026-04-10', link: onTime.link }),
      expect.objectContaining({ status: 'done', madeOn: '2026-08-20', dueOn: '2026-07-30' }),
    ]);
    expect(calendar[2]).toMatchObject({ status: 'upcoming', madeOn: null, link: null });
    // What the back office shows is the contract's view, nothing more.
    expect(DisclosureDueViewSchema.array().parse(calendar)).toEqual(calendar);
  });

  it('matches a record by campaign, kind and first day only', () => {
    const others = [
      record({ campaignId: 'c-other' }),
      record({ kind: 'final' }),
      record({ periodStart: '2026-01-02' }),
    ];
    expect(statuses(others, '2026-05-01')[0]).toBe('overdue');
  });

  it('does not count a final disclosure made before the campaign was extended', () => {
    const final = record({ kind: 'final', periodEnd: '2026-08-15', madeOn: '2026-09-01' });
    const extended = schedule('2026-01-01', '2026-12-31');
    expect(disclosureCalendar(extended, [final], '2027-01-10').at(-1)).toMatchObject({
      kind: 'final',
      status: 'due',
      madeOn: null,
    });
    const shortened = schedule('2026-01-01', '2026-08-15');
    expect(disclosureCalendar(shortened, [final], '2027-01-10').at(-1)).toMatchObject({
      status: 'done',
      madeOn: '2026-09-01',
    });
  });

  it('flags the begun periods of a campaign without an end date', () => {
    const open = schedule('2026-01-01', null);
    expect(disclosureCalendar(open, [], '2026-07-15').map((entry) => entry.status)).toEqual([
      'overdue',
      'due',
      'upcoming',
    ]);
  });

  it('turns overdue at midnight Beijing time, 16:00 UTC', () => {
    const on = (instant: string) =>
      disclosureCalendar(year, [], beijingDay(new Date(instant)))[0]?.status;
    expect(on('2026-04-30T15:59:59Z')).toBe('due');
    expect(on('2026-04-30T16:30:00Z')).toBe('overdue');
    expect(on('2026-03-31T16:00:00Z')).toBe('due');
  });
});
