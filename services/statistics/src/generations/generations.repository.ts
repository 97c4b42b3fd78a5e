import { Inject, Injectable } from '@nestjs/common';
import type { StatsGenerationView } from '@donations/contracts';
import { REDIS } from '../connections/connections.tokens';
import { statsMulti, StatsRedis } from '../stats/stats.commands';
import { GENERATIONS_KEY, generationInfoKey, generationPrefix, HOLD_KEY } from './generation-keys';
import { BEGIN_GENERATION_LUA, RELEASE_HOLD_LUA, SWITCH_GENERATION_LUA } from './generations.lua';

/** A generation as the registry keeps it (without what only a running rebuild knows). */
export type GenerationRecord = Pick<
  StatsGenerationView,
  'generation' | 'keyPrefix' | 'state' | 'createdAt' | 'activatedAt' | 'retiredAt' | 'prunedAt'
>;

/** Where a switch reads: the live consumer's offsets, the shadow's, and the shadow's marker. */
export interface SwitchKeys {
  liveOffsets: string;
  shadowOffsets: string;
  shadowMarker: string;
}

type Hash = Record<string, string>;

/** The generations registry in Redis (see generation-keys.ts) and its scripts. */
@Injectable()
export class GenerationsRepository {
  constructor(@Inject(REDIS) private readonly redis: StatsRedis) {}

  /** Every generation there has been, oldest first; generation 0 is active until a switch. */
  async list(): Promise<GenerationRecord[]> {
    const registry = await this.redis.hGetAll(GENERATIONS_KEY);
    const last = Math.max(Number(registry.next ?? 0), Number(registry.active ?? 0));
    const pipeline = statsMulti(this.redis);
    for (let n = 0; n <= last; n += 1) pipeline.hGetAll(generationInfoKey(n));
    const infos = (await pipeline.execAsPipeline()) as Hash[];
    const active = Number(registry.active ?? 0);
    return infos.flatMap((info, n) => {
      if (Object.keys(info).length === 0 && n !== active) return [];
      return [recordOf(n, n === active ? { ...info, state: 'active' } : info)];
    });
  }

  async find(generation: number): Promise<GenerationRecord | undefined> {
    return (await this.list()).find((record) => record.generation === generation);
  }

  /** Active and building generation numbers. */
  async pointers(): Promise<{ active: number; building: number | undefined }> {
    const [active, building] = await this.redis.hmGet(GENERATIONS_KEY, ['active', 'building']);
    return { active: Number(active ?? 0), building: building ? Number(building) : undefined };
  }

  /** The generation being built: a new one, or the one already building. */
  async begin(at: Date): Promise<number> {
    const generation = await this.redis.eval(BEGIN_GENERATION_LUA, {
      keys: [GENERATIONS_KEY, `${GENERATIONS_KEY}:`],
      arguments: [at.toISOString()],
    });
    return Number(generation);
  }

  /** Holds the live writers for `ms` (expires by itself); false if another hold is in place. */
  async hold(generation: number, ms: number): Promise<boolean> {
    return (await this.redis.set(HOLD_KEY, String(generation), { NX: true, PX: ms })) === 'OK';
  }

  async release(generation: number): Promise<void> {
    await this.redis.eval(RELEASE_HOLD_LUA, { keys: [HOLD_KEY], arguments: [String(generation)] });
  }

  /** 1 switched, 0 not caught up yet, -1 the hold expired (see SWITCH_GENERATION_LUA). */
  async switchIn(
    generation: number,
    replaced: number,
    keys: SwitchKeys,
    at: Date,
  ): Promise<number> {
    const reply = await this.redis.eval(SWITCH_GENERATION_LUA, {
      keys: [
        GENERATIONS_KEY,
        HOLD_KEY,
        keys.liveOffsets,
        keys.shadowOffsets,
        keys.shadowMarker,
        generationInfoKey(replaced),
        generationInfoKey(generation),
      ],
      arguments: [String(generation), String(replaced), at.toISOString()],
    });
    return Number(reply);
  }

  async markPruned(generation: number, at: Date): Promise<void> {
    await this.redis.hSet(generationInfoKey(generation), 'prunedAt', at.toISOString());
  }
}

function recordOf(generation: number, info: Hash): GenerationRecord {
  const state = info.state === 'building' || info.state === 'active' ? info.state : 'retired';
  return {
    generation,
    keyPrefix: generationPrefix(generation),
    state,
    createdAt: info.createdAt ?? null,
    activatedAt: info.activatedAt ?? null,
    retiredAt: info.retiredAt ?? null,
    prunedAt: info.prunedAt ?? null,
  };
}
