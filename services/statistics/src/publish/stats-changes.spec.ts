import { aDonationEvent, makeUscc } from '@donations/contracts';
import { StatsChanges } from './stats-changes';

const charityId = makeUscc('53100000500021676');
const at = (occurredAt: string, campaignId = 'campaign-1') =>
  aDonationEvent({ platform: 'jd', campaignId, charityId, occurredAt });

describe('stats changes', () => {
  it('marks the global, platform, charity and campaign overviews and the global minute', () => {
    const changes = new StatsChanges();
    changes.record([at('2024-09-09T02:03:59.000Z'), at('2024-09-09T02:01:00.000Z', 'campaign-2')]);
    const pending = changes.take();
    expect(pending.overviews.sort()).toEqual(
      [
        'global',
        'platform:jd',
        `charity:${charityId}`,
        'campaign:campaign-1',
        'campaign:campaign-2',
      ].sort(),
    );
    expect(pending.minutes).toEqual([
      { scope: 'global', minute: '2024-09-09T02:01:00.000Z' },
      { scope: 'global', minute: '2024-09-09T02:03:00.000Z' },
    ]);
  });

  it('keeps each key once however many events changed it, and forgets what was taken', () => {
    const changes = new StatsChanges();
    changes.record([at('2024-09-09T02:03:01.000Z'), at('2024-09-09T02:03:02.000Z')]);
    expect(changes.size).toBe(5);
    expect(changes.take().minutes).toHaveLength(1);
    expect(changes.size).toBe(0);
    expect(changes.take()).toEqual({ overviews: [], minutes: [] });
  });

  it('takes back what a failed round did not publish, merged with newer changes', () => {
    const changes = new StatsChanges();
    changes.record([at('2024-09-09T02:03:01.000Z')]);
    const failed = changes.take();
    changes.record([at('2024-09-09T02:05:00.000Z', 'campaign-3')]);
    changes.restore(failed);
    const pending = changes.take();
    expect(pending.overviews).toEqual(
      expect.arrayContaining(['campaign:campaign-1', 'campaign:campaign-3']),
    );
    expect(pending.minutes.map((m) => m.minute)).toEqual([
      '2024-09-09T02:03:00.000Z',
      '2024-09-09T02:05:00.000Z',
    ]);
  });
});
