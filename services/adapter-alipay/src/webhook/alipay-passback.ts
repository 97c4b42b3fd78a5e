import { z } from 'zod';
import { CampaignRef, WebhookError } from '@donations/adapter-kit';

/** Where passback_params points: a campaign and charity, or a project for the registry. */
export type PassbackTarget = { campaign: CampaignRef } | { projectId: string };

const CampaignSchema = z.object({
  campaignId: z.string().min(1).max(64),
  charityId: z.string().min(1).max(32),
});
const ProjectSchema = z.object({ projectId: z.string().min(1).max(128) });

/**
 * Reads the merchant's passback_params (公用回传参数, URL-encoded by the merchant and returned
 * as it was sent): a JSON object `{"campaignId","charityId"}` or `{"projectId"}`. Anything else
 * (absent, not JSON, other keys) is not ours and leaves the campaign to the registry; a JSON
 * object naming our keys with bad values is a malformed notify.
 */
export function passbackTarget(passback: string | undefined): PassbackTarget | undefined {
  const json = passback === undefined ? undefined : decodeJson(passback);
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return undefined;
  if ('campaignId' in json || 'charityId' in json) {
    return { campaign: parsed(CampaignSchema, json) };
  }
  if ('projectId' in json) return { projectId: parsed(ProjectSchema, json).projectId };
  return undefined;
}

function decodeJson(passback: string): unknown {
  try {
    const text = passback.startsWith('{')
      ? passback
      : decodeURIComponent(passback.replace(/\+/g, ' '));
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function parsed<T>(schema: z.ZodType<T>, json: object): T {
  const result = schema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new WebhookError(
      'WEBHOOK.MALFORMED_BODY',
      `passback_params.${issue.path.join('.')}: ${issue.message}`,
    );
  }
  return result.data;
}
