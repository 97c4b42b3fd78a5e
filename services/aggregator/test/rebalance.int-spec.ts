import type { Admin } from 'kafkajs';
import { TOPICS } from '@donations/contracts';
import { uniqueSuffix, waitFor } from '@donations/testing';
import { AggregatorFixture } from './aggregator.fixture';
import { AggregatorInstance } from './aggregator-instance';
import {
  ledgerCounts,
  StoredOffset,
  storedOffsets,
  totalsAndGroundTruth,
} from './aggregator-state.reader';
import { describeGroup, GroupMember, GroupView, stableWith } from './consumer-group.probe';
import { ContinuousPublisher } from './continuous-publisher';
import { generateCrashEvents } from './crash.events';

const SEED = Number(process.env.REBALANCE_SEED ?? 20_240_910);
/** More than the stream needs while the group changes: finish() sends what is left at once. */
const TOTAL = 20_000;
const GROUP_TIMEOUT_MS = 20_000;

describe('aggregator: two instances in one consumer group, rebalances mid-stream', () => {
  let fixture: AggregatorFixture;
  let admin: Admin;
  const instances: AggregatorInstance[] = [];
  const events = generateCrashEvents({
    seed: SEED,
    total: TOTAL,
    campaignPrefix: `rebalance-${uniqueSuffix()}`,
    campaigns: 60,
    charities: 6,
    duplicateShare: 0.1,
    refundedShare: 0.2,
    earlyRefundShare: 0.5,
  });

  beforeAll(async () => {
    fixture = await AggregatorFixture.create();
    admin = fixture.kafka.admin();
    await admin.connect();
  });

  afterAll(async () => {
    await Promise.allSettled(instances.map((instance) => instance.close()));
    await admin?.disconnect();
    await fixture?.close();
  });

  async function startInstance(name: string): Promise<AggregatorInstance> {
    const instance = await AggregatorInstance.start(fixture.config, name);
    instances.push(instance);
    return instance;
  }

  const groupId = () => fixture.config.AGGREGATOR_GROUP_ID;

  /** The group once it is stable with exactly these instances, each holding partitions. */
  function waitForGroupOf(...names: string[]): Promise<GroupView> {
    return waitFor(async () => stableWith(await describeGroup(admin, groupId()), names), {
      timeoutMs: GROUP_TIMEOUT_MS,
      intervalMs: 200,
      description: `group stable with exactly ${names.join(' and ')}`,
    });
  }

  /**
   * Waits until one of the member's partitions has advanced its stored offset twice since the
   * group became stable: the first advance could still be a batch the previous owner started
   * before the rebalance, the second can only be the member's own.
   */
  async function waitUntilAppliedBy(member: GroupMember): Promise<void> {
    const advancedFrom = async (before: Map<number, StoredOffset>, among: number[]) => {
      const now = await storedOffsets(fixture.client, groupId());
      const advanced = among.filter(
        (partition) =>
          (now.get(partition)?.nextOffset ?? 0n) > (before.get(partition)?.nextOffset ?? 0n),
      );
      return advanced.length > 0 ? { now, advanced } : undefined;
    };
    const description = `a partition of ${member.clientId} applied twice`;
    const first = await storedOffsets(fixture.client, groupId());
    const once = await waitFor(() => advancedFrom(first, member.partitions), { description });
    await waitFor(() => advancedFrom(once.now, once.advanced), { description });
  }

  /** Every member of the group applies batches of its own partitions (or the wait times out). */
  async function waitUntilEveryMemberApplies(view: GroupView): Promise<void> {
    await Promise.all(view.members.map((member) => waitUntilAppliedBy(member)));
  }

  it('counts every distinct event once while instances join and leave', async () => {
    const stream = new ContinuousPublisher((batch) => fixture.publish(batch), events.messages, {
      chunk: 25,
      intervalMs: 20,
    });
    const a = await startInstance('aggregator-a');
    await waitUntilEveryMemberApplies(await waitForGroupOf('aggregator-a'));

    await startInstance('aggregator-b');
    const shared = await waitForGroupOf('aggregator-a', 'aggregator-b');
    await waitUntilEveryMemberApplies(shared);

    await a.close();
    await waitUntilEveryMemberApplies(await waitForGroupOf('aggregator-b'));

    await startInstance('aggregator-a2');
    await waitUntilEveryMemberApplies(await waitForGroupOf('aggregator-b', 'aggregator-a2'));

    // The stream ran through every change of the group.
    expect(stream.published).toBeLessThan(events.messages.length);
    await stream.finish();
    await fixture.waitUntilConsumed();

    const totals = await totalsAndGroundTruth(fixture.client, events.distinct);
    expect(totals.campaigns).toEqual(totals.expectedCampaigns);
    expect(totals.charities).toEqual(totals.expectedCharities);
    expect(await ledgerCounts(fixture.client)).toEqual({
      rows: events.distinct.length,
      eventIds: events.distinct.length,
    });
    expect(events.duplicates).toBeGreaterThan(0);
    expect(events.earlyRefunds).toBeGreaterThan(0);
    // While both were in the group they split the partitions: neither held them all.
    const partitions = (await fixture.topicEnds(TOPICS.donationsNormalized)).length;
    const held = shared.members.map((member) => member.partitions.length);
    expect(held.reduce((sum, count) => sum + count, 0)).toBe(partitions);
    expect(Math.max(...held)).toBeLessThan(partitions);
  });
});
