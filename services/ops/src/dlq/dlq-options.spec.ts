import { Command } from 'commander';
import { instantValue } from '../cli-values';
import { OpsError } from '../ops-error';
import { DlqFilterOptions, filterOf, withFilterOptions } from './dlq-options';

const now = new Date('2026-12-06T10:00:00.000Z');

function parse(...args: string[]): DlqFilterOptions {
  const command = withFilterOptions(new Command('list').exitOverride()).configureOutput({
    writeErr: () => undefined,
  });
  command.parse(args, { from: 'user' });
  return command.opts<DlqFilterOptions>();
}

describe('dlq filter options', () => {
  it('reads comma lists and repeated options, and times as ISO, dates or ages', () => {
    const options = parse(
      '--platform',
      'shuidi,jd',
      '--platform',
      'alipay',
      '--reason',
      'WEBHOOK.UNKNOWN_CAMPAIGN',
      '--source',
      'adapter-jd, aggregator',
      '--since',
      '2h',
      '--until',
      '2026-12-06T17:30:00+08:00',
    );
    expect(filterOf(options, [], now)).toEqual({
      ids: [],
      platforms: ['shuidi', 'jd', 'alipay'],
      reasons: ['WEBHOOK.UNKNOWN_CAMPAIGN'],
      sources: ['adapter-jd', 'aggregator'],
      since: new Date('2026-12-06T08:00:00.000Z'),
      until: new Date('2026-12-06T09:30:00.000Z'),
      all: false,
    });
  });

  it('refuses an unknown platform', () => {
    expect(() => parse('--platform', 'paypal')).toThrow(/paypal is not one of/);
  });

  it('includes re-driven letters when they are named by id, and checks the ids', () => {
    expect(filterOf({}, ['1:7'], now)).toMatchObject({ ids: ['1:7'], all: true });
    expect(() => filterOf({}, ['seven'], now)).toThrow(OpsError);
  });

  it.each([
    ['30m', '2026-12-06T09:30:00.000Z'],
    ['7d', '2026-11-29T10:00:00.000Z'],
    ['2026-12-01', '2026-12-01T00:00:00.000Z'],
    ['2026-12-01T08:00:00Z', '2026-12-01T08:00:00.000Z'],
  ])('reads the time %s', (value, iso) => {
    expect(instantValue(value, now).toISOString()).toBe(iso);
  });

  it.each(['yesterday', '2026-12-01T08:00:00', '5w'])('refuses the time %s', (value) => {
    expect(() => instantValue(value, now)).toThrow(OpsError);
  });
});
