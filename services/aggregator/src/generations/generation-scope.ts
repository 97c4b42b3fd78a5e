import type { EntityManager } from 'typeorm';

/**
 * Which generation of the aggregator's state a transaction works on. `enter` runs first in the
 * transaction and points its search_path at the generation's schema (then the service's schema,
 * where the outbox, the topic versions and the shared functions live).
 */
export interface GenerationScope {
  enter(manager: EntityManager): Promise<void>;
}

/**
 * The active generation. With `lock`, the transaction holds aggregator_active_generation FOR
 * SHARE: a switch (FOR UPDATE) waits for it, and batches after the switch see the new generation.
 * Reads take no lock.
 */
export class ActiveGeneration implements GenerationScope {
  constructor(
    private readonly serviceSchema: string,
    private readonly options: { lock: boolean },
  ) {}

  async enter(manager: EntityManager): Promise<void> {
    const rows: { schema_name: string }[] = await manager.query(
      `SELECT schema_name FROM aggregator_active_generation${this.options.lock ? ' FOR SHARE' : ''}`,
    );
    if (rows.length === 0) throw new Error('aggregator_active_generation has no row');
    await setSearchPath(manager, rows[0].schema_name, this.serviceSchema);
  }
}

/** One given generation, active or not (a rebuild writes its generation while it builds). */
export class FixedGeneration implements GenerationScope {
  constructor(
    private readonly schema: string,
    private readonly serviceSchema: string,
  ) {}

  async enter(manager: EntityManager): Promise<void> {
    await setSearchPath(manager, this.schema, this.serviceSchema);
  }
}

/** A rebuild's batch found its generation no longer being built: it was switched in or retired. */
export class GenerationNotBuildingError extends Error {
  constructor(generation: number) {
    super(`generation ${generation} is no longer being built`);
    this.name = 'GenerationNotBuildingError';
  }
}

/**
 * The generation a rebuild builds, fenced: the transaction holds the generation's row FOR SHARE
 * and fails unless it is still `building`. The switch updates that row, so it waits for the
 * rebuild's batches in flight, and a rebuild batch after the switch (another instance's rebuild
 * consumer, say) changes nothing: only the live consumers, with the outbox and the dead letters,
 * write to an active generation.
 */
export class BuildingGeneration implements GenerationScope {
  constructor(
    private readonly generation: number,
    private readonly schema: string,
    private readonly serviceSchema: string,
  ) {}

  async enter(manager: EntityManager): Promise<void> {
    const rows: { state: string }[] = await manager.query(
      'SELECT state FROM aggregator_generations WHERE generation = $1 FOR SHARE',
      [this.generation],
    );
    if (rows[0]?.state !== 'building') throw new GenerationNotBuildingError(this.generation);
    await setSearchPath(manager, this.schema, this.serviceSchema);
  }
}

async function setSearchPath(
  manager: EntityManager,
  schema: string,
  serviceSchema: string,
): Promise<void> {
  await manager.query(
    `SET LOCAL search_path TO ${quoteSchema(schema)}, ${quoteSchema(serviceSchema)}`,
  );
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** A schema name as a quoted identifier; only plain lower-case names are generations' schemas. */
export function quoteSchema(schema: string): string {
  if (!SCHEMA_NAME.test(schema)) throw new Error(`not a generation schema name: ${schema}`);
  return `"${schema}"`;
}

/** The schema of a rebuilt generation: the service's schema with the generation's number. */
export function generationSchema(serviceSchema: string, generation: number): string {
  return quoteSchema(`${serviceSchema}_g${generation}`).slice(1, -1);
}
