import type { EntityManager } from 'typeorm';

export interface AuditRecord {
  actor: string;
  action: string;
  /** `shuidi/p-1` for a campaign registration, the USCC for a charity. */
  subject: string;
  platform?: string;
  platformProjectId?: string;
  before: unknown;
  after: unknown;
}

/** One registry_audit row (who, when, what changed), in the change's transaction. */
export function audit(manager: EntityManager, record: AuditRecord): Promise<unknown> {
  return manager.query(
    `INSERT INTO registry_audit
       (actor, action, subject, platform, platform_project_id, before, after)
     VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [
      record.actor,
      record.action,
      record.subject,
      record.platform ?? null,
      record.platformProjectId ?? null,
      record.before === null ? null : JSON.stringify(record.before),
      JSON.stringify(record.after),
    ],
  );
}
