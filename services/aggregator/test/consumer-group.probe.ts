import { Admin, AssignerProtocol } from 'kafkajs';

export interface GroupMember {
  /** The member's Kafka client id (AggregatorInstance names it). */
  clientId: string;
  /** Its assigned partitions of every topic. */
  partitions: number[];
}

export interface GroupView {
  state: string;
  members: GroupMember[];
}

/** The consumer group as the broker describes it: state, members and their assignments. */
export async function describeGroup(admin: Admin, groupId: string): Promise<GroupView> {
  const { groups } = await admin.describeGroups([groupId]);
  const group = groups.find((described) => described.groupId === groupId);
  if (!group) return { state: 'Unknown', members: [] };
  return {
    state: group.state,
    members: group.members.map((member) => ({
      clientId: member.clientId,
      partitions: partitionsOf(member.memberAssignment),
    })),
  };
}

function partitionsOf(encoded: Buffer): number[] {
  if (encoded.length === 0) return [];
  const decoded = AssignerProtocol.MemberAssignment.decode(encoded);
  return Object.values(decoded?.assignment ?? {})
    .flat()
    .sort((a, b) => a - b);
}

/** The group once it is stable with exactly these members, each holding partitions. */
export function stableWith(view: GroupView, clientIds: readonly string[]): GroupView | undefined {
  const names = view.members.map((member) => member.clientId).sort();
  const expected = [...clientIds].sort();
  const same = names.length === expected.length && names.every((name, i) => name === expected[i]);
  const allHold = view.members.every((member) => member.partitions.length > 0);
  return view.state === 'Stable' && same && allHold ? view : undefined;
}
