import { OpsError } from '../ops-error';
import { describeRecords, disclosureOf } from './disclosure.commands';

const options = {
  campaign: 'c-edu',
  kind: 'progress',
  periodStart: '2026-01-01',
  periodEnd: '2026-03-31',
  madeOn: '2026-04-10',
  link: 'https://cishan.chinanpo.gov.cn/a/1',
};

describe('ops registry disclosure add: options', () => {
  it('makes a checked disclosure record of the options', () => {
    expect(disclosureOf(options)).toEqual({
      campaignId: 'c-edu',
      kind: 'progress',
      periodStart: '2026-01-01',
      periodEnd: '2026-03-31',
      madeOn: '2026-04-10',
      link: 'https://cishan.chinanpo.gov.cn/a/1',
    });
  });

  it.each([
    ['a period that ends before it starts', { periodEnd: '2025-12-31' }, /periodEnd/],
    ['a day that does not exist', { madeOn: '2026-02-30' }, /madeOn/],
    ['a link that is not https', { link: 'http://cishan.chinanpo.gov.cn/a/1' }, /link/],
    ['an unknown kind', { kind: 'annual' }, /kind/],
  ])('refuses %s, before sending anything', (_, change, message) => {
    const refused = () => disclosureOf({ ...options, ...change });
    expect(refused).toThrow(OpsError);
    expect(refused).toThrow(message);
  });
});

describe('ops registry disclosure list: text', () => {
  it('shows each disclosure with its period, day and link, and how many', () => {
    const record = { ...disclosureOf(options), recordedAt: '2026-04-10T02:00:00.000Z' };
    expect(describeRecords([record]).split('\n')).toEqual([
      'c-edu  progress 2026-01-01..2026-03-31  made 2026-04-10  https://cishan.chinanpo.gov.cn/a/1',
      '1 disclosures',
    ]);
  });
});
