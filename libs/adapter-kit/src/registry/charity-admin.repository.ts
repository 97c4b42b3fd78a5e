import type { DataSource, EntityManager } from 'typeorm';
import type {
  CharityRegistration,
  CharityRegistrationResult,
  CharityRegistrationUpdate,
  CharityRegistryView,
} from '@donations/contracts';
import { charityChange, updatedCharity } from './charity-change';
import { audit } from './registry-audit';

interface CharityRow {
  uscc: string;
  name: string;
  region: string;
  created_at: Date;
  updated_at: Date;
}

/** The operators' side of `charities`: list, add and update, each change audited. */
export class CharityAdminRepository {
  constructor(private readonly dataSource: DataSource) {}

  async list(): Promise<CharityRegistryView[]> {
    const rows: CharityRow[] = await this.dataSource.query(
      `SELECT uscc, name, region, created_at, updated_at FROM charities ORDER BY uscc`,
    );
    return rows.map((row) => ({
      uscc: row.uscc,
      name: row.name,
      region: row.region,
      createdAt: row.created_at.toISOString(),
      updatedAt: row.updated_at.toISOString(),
    }));
  }

  add(
    wanted: CharityRegistration,
    actor: string,
    dryRun: boolean,
  ): Promise<CharityRegistrationResult> {
    return this.dataSource.transaction(async (manager) => {
      const before = await current(manager, wanted.uscc);
      const change = charityChange(before, wanted);
      if (change === 'created' && !dryRun) {
        await manager.query(`INSERT INTO charities (uscc, name, region) VALUES ($1, $2, $3)`, [
          wanted.uscc,
          wanted.name,
          wanted.region,
        ]);
        await audit(manager, auditOf(actor, 'charity.add', null, wanted));
      }
      return { change, dryRun, entry: wanted, before: before ?? null };
    });
  }

  update(
    update: CharityRegistrationUpdate,
    actor: string,
    dryRun: boolean,
  ): Promise<CharityRegistrationResult> {
    return this.dataSource.transaction(async (manager) => {
      const before = await current(manager, update.uscc);
      const { change, entry } = updatedCharity(before, update);
      if (change === 'updated' && !dryRun) {
        await manager.query(
          `UPDATE charities SET name = $2, region = $3, updated_at = now() WHERE uscc = $1`,
          [entry.uscc, entry.name, entry.region],
        );
        await audit(manager, auditOf(actor, 'charity.update', before ?? null, entry));
      }
      return { change, dryRun, entry, before: before ?? null };
    });
  }
}

function auditOf(
  actor: string,
  action: string,
  before: CharityRegistration | null,
  after: CharityRegistration,
) {
  return { actor, action, subject: after.uscc, before, after };
}

async function current(
  manager: EntityManager,
  uscc: string,
): Promise<CharityRegistration | undefined> {
  const [row] = await manager.query<CharityRow[]>(
    `SELECT uscc, name, region FROM charities WHERE uscc = $1 FOR UPDATE`,
    [uscc],
  );
  return row && { uscc: row.uscc, name: row.name, region: row.region };
}
