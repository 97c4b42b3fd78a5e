import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { RegistryClient } from '@donations/adapter-kit';
import { PLATFORMS } from '@donations/contracts';
import type { CampaignCatalog } from './campaign-catalog';

export interface RegistryTarget {
  /** An adapter's base URL: its operator API serves the whole registry. */
  url: string;
  operatorToken: string;
}

/**
 * Registers the run's charities and campaigns through an adapter's operator API, as an operator
 * would with `ops registry` (audited, actor `simulator`): every platform's project id, and for
 * WeChat Pay the sub-merchant too (a refund names only that). Returns how many registrations it
 * sent.
 */
export async function seedCampaignRegistry(
  target: RegistryTarget,
  catalog: CampaignCatalog,
): Promise<number> {
  const client = new RegistryClient(target.url, target.operatorToken, 'simulator');
  let sent = 0;
  for (const charity of catalog.charities) {
    await client.addCharity(charity);
    sent += 1;
  }
  for (const campaign of catalog.campaigns) {
    const { campaignId, charityId, title } = campaign;
    for (const platform of PLATFORMS) {
      await client.addCampaign({
        platform,
        platformProjectId: campaign.projectIds[platform],
        campaignId,
        charityId,
        title,
        ...(platform === 'tencent' ? { merchantId: campaign.tencentSubMchid } : {}),
      });
      sent += 1;
    }
  }
  return sent;
}

/** OPERATOR_TOKEN from `<dir>/dev-secrets.env` (ops dev-secrets writes it beside the keys). */
export function operatorTokenIn(secretsDir: string): string {
  const file = join(secretsDir, 'dev-secrets.env');
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    throw new Error(`cannot read ${file}: give --operator-token or set OPERATOR_TOKEN`);
  }
  const token = /^OPERATOR_TOKEN=(\S+)$/m.exec(text)?.[1];
  if (token === undefined) throw new Error(`${file} has no OPERATOR_TOKEN: run ops dev-secrets`);
  return token;
}
