import type { Platform } from '@donations/contracts';

/** A webhook as it arrived: the raw bytes are what signatures are verified on. */
export interface WebhookRequest {
  platform: Platform;
  method: string;
  path: string;
  /** Lower-case names, one value each. */
  headers: Readonly<Record<string, string>>;
  rawBody: Buffer;
  receivedAt: Date;
  correlationId: string;
}

/** What goes back to the platform: the protocol decides status, headers and body. */
export interface WebhookAnswer {
  status: number;
  headers?: Record<string, string>;
  body?: string | Record<string, unknown>;
}

export function header(request: WebhookRequest, name: string): string | undefined {
  const value = request.headers[name.toLowerCase()];
  return value === undefined || value === '' ? undefined : value;
}
