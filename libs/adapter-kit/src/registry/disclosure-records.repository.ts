import type { DataSource, EntityManager } from 'typeorm';
import type { DisclosureRecord, DisclosureRecordView } from '@donations/contracts';
import { OperatorError } from '../operator/operator.errors';
import { disclosureChange } from './disclosure-change';
import { audit } from './registry-audit';

interface DisclosureRow {
  campaign_id: string;
  kind: DisclosureRecord['kind'];
  period_start: string;
  period_end: string;
  made_on: string;
  link: string;
  recorded_at: Date;
}

const COLUMNS = `campaign_id, kind, to_char(period_start, 'YYYY-MM-DD') AS period_start,
  to_char(period_end, 'YYYY-MM-DD') AS period_end, to_char(made_on, 'YYYY-MM-DD') AS made_on,
  link, recorded_at`;

/**
 * The operators' side of disclosure_records: a charity's 慈善中国 disclosures, listed and
 * recorded (a period recorded again is replaced), each change with a registry_audit row in its
 * transaction.
 */
export class DisclosureRecordsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async list(campaignId: string | undefined): Promise<DisclosureRecordView[]> {
    const rows: DisclosureRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM disclosure_records
       WHERE $1::text IS NULL OR campaign_id = $1
       ORDER BY campaign_id, period_start, kind DESC`,
      [campaignId ?? null],
    );
    return rows.map(viewOf);
  }

  /** Records a disclosure of a registered campaign; the same one again changes nothing. */
  record(wanted: DisclosureRecord, actor: string): Promise<DisclosureRecordView> {
    return this.dataSource.transaction(async (manager) => {
      await requireCampaign(manager, wanted.campaignId);
      const before = await current(manager, wanted);
      const change = disclosureChange(before && recordOf(before), wanted);
      if (before !== undefined && change === 'unchanged') return viewOf(before);
      const [row] = await manager.query<DisclosureRow[]>(
        `INSERT INTO disclosure_records (campaign_id, kind, period_start, period_end, made_on, link)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (campaign_id, kind, period_start) DO UPDATE
           SET period_end = EXCLUDED.period_end, made_on = EXCLUDED.made_on,
               link = EXCLUDED.link, recorded_at = now()
         RETURNING ${COLUMNS}`,
        [
          wanted.campaignId,
          wanted.kind,
          wanted.periodStart,
          wanted.periodEnd,
          wanted.madeOn,
          wanted.link,
        ],
      );
      await audit(manager, {
        actor,
        action: 'disclosure.record',
        subject: `${wanted.campaignId}/${wanted.kind}/${wanted.periodStart}`,
        before: before ? recordOf(before) : null,
        after: wanted,
      });
      return viewOf(row);
    });
  }
}

async function requireCampaign(manager: EntityManager, campaignId: string): Promise<void> {
  const rows = await manager.query<unknown[]>(
    `SELECT 1 FROM campaign_registry WHERE campaign_id = $1 LIMIT 1`,
    [campaignId],
  );
  if (rows.length === 0) {
    throw new OperatorError(
      'REGISTRY.NOT_FOUND',
      `campaign ${campaignId} is not registered: register it before recording its disclosures`,
    );
  }
}

async function current(
  manager: EntityManager,
  key: Pick<DisclosureRecord, 'campaignId' | 'kind' | 'periodStart'>,
): Promise<DisclosureRow | undefined> {
  const [row] = await manager.query<DisclosureRow[]>(
    `SELECT ${COLUMNS} FROM disclosure_records
     WHERE campaign_id = $1 AND kind = $2 AND period_start = $3 FOR UPDATE`,
    [key.campaignId, key.kind, key.periodStart],
  );
  return row;
}

function recordOf(row: DisclosureRow): DisclosureRecord {
  return {
    campaignId: row.campaign_id,
    kind: row.kind,
    periodStart: row.period_start,
    periodEnd: row.period_end,
    madeOn: row.made_on,
    link: row.link,
  };
}

function viewOf(row: DisclosureRow): DisclosureRecordView {
  return { ...recordOf(row), recordedAt: row.recorded_at.toISOString() };
}
