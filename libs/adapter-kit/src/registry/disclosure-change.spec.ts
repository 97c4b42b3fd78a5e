import type { DisclosureRecord } from '@donations/contracts';
import { OperatorError } from '../operator/operator.errors';
import { disclosureChange } from './disclosure-change';

const made: DisclosureRecord = {
  campaignId: 'c-edu',
  kind: 'progress',
  periodStart: '2026-01-01',
  periodEnd: '2026-03-31',
  madeOn: '2026-04-10',
  link: 'https://cishan.chinanpo.gov.cn/a/1',
};

describe('disclosureChange', () => {
  it('creates a disclosure not recorded, and leaves the same one unchanged', () => {
    expect(disclosureChange(undefined, made)).toBe('created');
    expect(disclosureChange(made, { ...made })).toBe('unchanged');
  });

  it('replaces the date, the link or the last day of the period', () => {
    expect(disclosureChange(made, { ...made, madeOn: '2026-04-12' })).toBe('replaced');
    expect(disclosureChange(made, { ...made, link: 'https://cishan.chinanpo.gov.cn/a/2' })).toBe(
      'replaced',
    );
    expect(disclosureChange(made, { ...made, kind: 'final', periodEnd: '2026-08-15' })).toBe(
      'replaced',
    );
  });

  it('refuses a disclosure made before its period began', () => {
    expect(() => disclosureChange(undefined, { ...made, madeOn: '2025-12-31' })).toThrow(
      new OperatorError(
        'OPERATOR.INVALID_REQUEST',
        'madeOn: 2025-12-31 is before the period it discloses (from 2026-01-01)',
      ),
    );
  });
});
