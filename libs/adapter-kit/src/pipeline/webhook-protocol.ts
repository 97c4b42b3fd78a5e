import type { WebhookErrorCode } from './webhook.errors';
import type { WebhookAnswer, WebhookRequest } from './webhook-request';

export interface Rejection {
  code: WebhookErrorCode;
  message: string;
  status: number;
}

/**
 * A protocol family (Alipay notify, WeChat Pay v3, Stripe, Standard Webhooks): verifies a request
 * on its raw bytes and says how success and failure are answered. Throws WebhookError.
 */
export interface WebhookProtocol<P> {
  /** Headers kept verbatim on donations.raw and the DLQ (signature material, content type). */
  readonly keptHeaders: readonly string[];
  verify(request: WebhookRequest): P | Promise<P>;
  /**
   * The payload of a request authenticated when it was received (a dead letter being re-driven),
   * without checking its signature or timestamp again. Throws WebhookError.
   */
  decode?(request: WebhookRequest): P | Promise<P>;
  success(): WebhookAnswer;
  failure(rejection: Rejection): WebhookAnswer;
}
