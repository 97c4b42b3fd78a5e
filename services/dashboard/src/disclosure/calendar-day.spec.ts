import { addDays, addMonths, beijingDay } from './calendar-day';

describe('beijingDay', () => {
  it('is the next day from 16:00 UTC on (00:00 in Beijing)', () => {
    expect(beijingDay(new Date('2026-12-06T15:59:59.999Z'))).toBe('2026-12-06');
    expect(beijingDay(new Date('2026-12-06T16:00:00.000Z'))).toBe('2026-12-07');
    expect(beijingDay(new Date('2026-12-06T16:30:00.000Z'))).toBe('2026-12-07');
  });

  it('turns the year and a leap day at Beijing midnight', () => {
    expect(beijingDay(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
    expect(beijingDay(new Date('2028-02-28T16:00:00Z'))).toBe('2028-02-29');
    expect(beijingDay(new Date('2028-02-29T16:00:00Z'))).toBe('2028-03-01');
  });
});

describe('addMonths', () => {
  it('keeps the day of the month, or gives the last day of a shorter month', () => {
    expect(addMonths('2026-01-15', 3)).toBe('2026-04-15');
    expect(addMonths('2026-01-31', 3)).toBe('2026-04-30');
    expect(addMonths('2026-11-30', 3)).toBe('2027-02-28');
    expect(addMonths('2027-11-30', 3)).toBe('2028-02-29');
    expect(addMonths('2028-02-29', 12)).toBe('2029-02-28');
  });

  it('counts from the given day, not from a clamped one (no drift)', () => {
    expect(addMonths('2026-01-31', 6)).toBe('2026-07-31');
    expect(addMonths(addMonths('2026-01-31', 3), 3)).toBe('2026-07-30');
  });

  it('goes back with a negative count, across a year', () => {
    expect(addMonths('2026-02-28', -3)).toBe('2025-11-28');
  });
});

describe('addDays', () => {
  it('crosses months, years and leap days', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(addDays('2027-03-01', -1)).toBe('2027-02-28');
  });

  it('refuses text that is not a day', () => {
    expect(() => addDays('2026-1-5', 1)).toThrow(RangeError);
  });
});
