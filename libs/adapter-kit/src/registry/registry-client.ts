import type { z } from 'zod';
import {
  CampaignRegistration,
  CampaignRegistrationResult,
  CampaignRegistrationResultSchema,
  CharityRegistration,
  CharityRegistrationResult,
  CharityRegistrationResultSchema,
  OperatorErrorBodySchema,
} from '@donations/contracts';

/** A refused registration: the operator API's `{code, message}`. */
export class RegistryRequestError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'RegistryRequestError';
  }
}

/**
 * Registers charities and campaigns through an adapter's operator API (`/operator/registry/*`,
 * audited), answers checked against the contracts: how the simulator and the benches register,
 * as an operator's `ops registry` does.
 */
export class RegistryClient {
  constructor(
    private readonly baseUrl: string,
    private readonly token: string,
    private readonly actor: string,
  ) {}

  addCharity(entry: CharityRegistration): Promise<CharityRegistrationResult> {
    return this.post('/operator/registry/charities', CharityRegistrationResultSchema, entry);
  }

  addCampaign(entry: CampaignRegistration): Promise<CampaignRegistrationResult> {
    return this.post('/operator/registry/campaigns', CampaignRegistrationResultSchema, entry);
  }

  private async post<T extends z.ZodType>(
    path: string,
    schema: T,
    body: unknown,
  ): Promise<z.output<T>> {
    const response = await fetch(`${this.baseUrl.replace(/\/+$/, '')}${path}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${this.token}`,
        'x-operator': this.actor,
        'content-type': 'application/json',
      },
      body: JSON.stringify(body),
    });
    const json: unknown = await response.json().catch(() => undefined);
    if (!response.ok) {
      const error = OperatorErrorBodySchema.safeParse(json);
      throw error.success
        ? new RegistryRequestError(error.data.code, error.data.message)
        : new RegistryRequestError(
            'REGISTRY.UNEXPECTED_ANSWER',
            `POST ${path}: ${response.status}`,
          );
    }
    return schema.parse(json);
  }
}
