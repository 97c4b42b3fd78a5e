import { aDeadLetter, anEntry } from './dlq-letter.builder';
import { DlqFilter, matches, redrivePathOf } from './dlq-selection';

const everything: DlqFilter = { ids: [], sources: [], reasons: [], platforms: [], all: false };

const consumerLetter = aDeadLetter({
  source: 'aggregator',
  reason: 'EVENT.INVALID',
  authenticated: undefined,
  originalTopic: 't1.donations.normalized.v1',
  originalKey: 'campaign-1',
  originalPartition: 3,
  originalOffset: '42',
  originalValueBase64: Buffer.from('{"platform":"alipay"}').toString('base64'),
});

describe('dlq selection', () => {
  const shuidi = anEntry(aDeadLetter(), '0');
  const aggregator = anEntry(consumerLetter, '1');
  const counted = {
    ...anEntry(aDeadLetter({ receivedAt: '2026-12-07T00:00:00.000Z' }), '2'),
    redrive: {
      outcome: 'counted' as const,
      reason: null,
      message: null,
      attempts: 1,
      redrivenAt: '2026-12-07T01:00:00.000Z',
    },
  };
  const all = [shuidi, aggregator, counted];
  const select = (filter: Partial<DlqFilter>) =>
    all.filter((entry) => matches(entry, { ...everything, ...filter })).map((entry) => entry.id);

  it('hides letters re-driven and counted unless --all', () => {
    expect(select({})).toEqual(['0:0', '0:1']);
    expect(select({ all: true })).toEqual(['0:0', '0:1', '0:2']);
  });

  it('filters by source, reason, platform (of the adapter or of the event) and time', () => {
    expect(select({ sources: ['aggregator'] })).toEqual(['0:1']);
    expect(select({ reasons: ['WEBHOOK.UNKNOWN_CAMPAIGN'], all: true })).toEqual(['0:0', '0:2']);
    expect(select({ platforms: ['alipay'] })).toEqual(['0:1']);
    expect(select({ platforms: ['jd'] })).toEqual([]);
    const since = new Date('2026-12-06T12:00:00.000Z');
    expect(select({ since, all: true })).toEqual(['0:2']);
    expect(select({ until: since, all: true })).toEqual(['0:0', '0:1']);
  });

  it('selects by id', () => {
    expect(select({ ids: ['0:1'] })).toEqual(['0:1']);
  });
});

describe('redrivePathOf', () => {
  it("re-drives an authenticated webhook through its platform's adapter", () => {
    expect(redrivePathOf(aDeadLetter(), 'shuidi')).toEqual({ kind: 'adapter', platform: 'shuidi' });
  });

  it.each([
    ['failed authentication', { authenticated: false }, 'OPS.NOT_AUTHENTICATED'],
    [
      'written before authentication was recorded',
      { authenticated: undefined },
      'OPS.NOT_AUTHENTICATED',
    ],
    ['a statement row', { reason: 'STATEMENT.UNKNOWN_CAMPAIGN' }, 'OPS.NOT_A_WEBHOOK'],
  ])('skips a webhook letter %s', (_name, overrides, reason) => {
    expect(redrivePathOf(aDeadLetter(overrides), 'shuidi')).toMatchObject({ kind: 'skip', reason });
  });

  it("re-publishes a consumer's letter to its topic with its key", () => {
    expect(redrivePathOf(consumerLetter, 'alipay')).toEqual({
      kind: 'consumer',
      topic: 't1.donations.normalized.v1',
      key: 'campaign-1',
    });
  });

  it('skips a letter that names no topic, or whose bytes were cut', () => {
    const noTopic = aDeadLetter({ source: 'statistics', originalTopic: undefined });
    expect(redrivePathOf(noTopic, null)).toMatchObject({
      kind: 'skip',
      reason: 'OPS.NOT_REDRIVABLE',
    });
    const cut = { ...consumerLetter, originalTruncated: true };
    expect(redrivePathOf(cut, null)).toMatchObject({ kind: 'skip' });
  });
});
