import { z } from 'zod';
import {
  CampaignRegistration,
  CampaignRegistrationResult,
  CampaignRegistrationResultSchema,
  CampaignRegistrationUpdate,
  CampaignRegistryView,
  CampaignRegistryViewSchema,
  CharityRegistration,
  CharityRegistrationResult,
  CharityRegistrationResultSchema,
  CharityRegistrationUpdate,
  CharityRegistryView,
  CharityRegistryViewSchema,
  DisclosureRecord,
  DisclosureRecordView,
  DisclosureRecordViewSchema,
  OperatorErrorBodySchema,
  Platform,
  RedriveAnswer,
  RedriveAnswerSchema,
  RedriveRequest,
  RenormaliseAnswer,
  RenormaliseAnswerSchema,
  RenormaliseRequest,
} from '@donations/contracts';
import { OpsError } from '../ops-error';

const CHARITIES = '/operator/registry/charities';
const DISCLOSURES = '/operator/registry/disclosures';

/** An adapter's operators' endpoints (`/operator/*`), presenting the operator token. */
export class OperatorClient {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
    private readonly actor: string,
  ) {}

  redrive(request: RedriveRequest): Promise<RedriveAnswer> {
    return this.call('POST', '/operator/redrive', RedriveAnswerSchema, request);
  }

  renormalise(request: RenormaliseRequest, dryRun: boolean): Promise<RenormaliseAnswer> {
    const path = `/operator/renormalise?dryRun=${dryRun}`;
    return this.call('POST', path, RenormaliseAnswerSchema, request);
  }

  listCampaigns(platform?: Platform): Promise<CampaignRegistryView[]> {
    const query = platform === undefined ? '' : `?platform=${platform}`;
    return this.call(
      'GET',
      `/operator/registry/campaigns${query}`,
      CampaignRegistryViewSchema.array(),
    );
  }

  addCampaign(entry: CampaignRegistration, dryRun: boolean): Promise<CampaignRegistrationResult> {
    const path = `/operator/registry/campaigns?dryRun=${dryRun}`;
    return this.call('POST', path, CampaignRegistrationResultSchema, entry);
  }

  updateCampaign(
    update: CampaignRegistrationUpdate,
    dryRun: boolean,
  ): Promise<CampaignRegistrationResult> {
    const path = `/operator/registry/campaigns?dryRun=${dryRun}`;
    return this.call('PATCH', path, CampaignRegistrationResultSchema, update);
  }

  listCharities(): Promise<CharityRegistryView[]> {
    return this.call('GET', CHARITIES, CharityRegistryViewSchema.array());
  }

  addCharity(entry: CharityRegistration, dryRun: boolean): Promise<CharityRegistrationResult> {
    return this.call(
      'POST',
      `${CHARITIES}?dryRun=${dryRun}`,
      CharityRegistrationResultSchema,
      entry,
    );
  }

  updateCharity(
    update: CharityRegistrationUpdate,
    dryRun: boolean,
  ): Promise<CharityRegistrationResult> {
    const path = `${CHARITIES}?dryRun=${dryRun}`;
    return this.call('PATCH', path, CharityRegistrationResultSchema, update);
  }

  listDisclosures(campaignId: string): Promise<DisclosureRecordView[]> {
    const path = `${DISCLOSURES}?campaignId=${encodeURIComponent(campaignId)}`;
    return this.call('GET', path, DisclosureRecordViewSchema.array());
  }

  recordDisclosure(record: DisclosureRecord): Promise<DisclosureRecordView> {
    return this.call('POST', DISCLOSURES, DisclosureRecordViewSchema, record);
  }

  private async call<T extends z.ZodType>(
    method: 'GET' | 'POST' | 'PATCH',
    path: string,
    schema: T,
    body?: unknown,
  ): Promise<z.output<T>> {
    const url = `${this.baseUrl}${path}`;
    let response: Response;
    try {
      response = await fetch(url, {
        method,
        headers: {
          authorization: `Bearer ${this.token}`,
          'x-operator': this.actor,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      const cause = (error as { cause?: { message?: string } }).cause?.message ?? String(error);
      throw new OpsError('OPS.ADAPTER_UNREACHABLE', `cannot reach ${this.baseUrl}: ${cause}`);
    }
    const json: unknown = await response.json().catch(() => undefined);
    if (!response.ok) {
      const error = OperatorErrorBodySchema.safeParse(json);
      throw error.success
        ? new OpsError(error.data.code, error.data.message)
        : new OpsError('OPS.UNEXPECTED_ANSWER', `${method} ${path}: HTTP ${response.status}`);
    }
    const parsed = schema.safeParse(json);
    if (!parsed.success) {
      throw new OpsError('OPS.UNEXPECTED_ANSWER', `${method} ${path}: not the documented answer`);
    }
    return parsed.data;
  }
}
