import { randomUUID } from 'node:crypto';
import { ContractError } from '@donations/contracts';
import { KafkaUnavailableError } from '@donations/kafka';
import type { Rejection } from './webhook-protocol';
import { httpStatusOf, WebhookError, WebhookErrorCode } from './webhook.errors';

export interface ClassifiedRejection extends Rejection {
  /** Set for unexpected errors: the id in the answer and in the error log line. */
  errorId?: string;
}

/** Any error thrown while handling a webhook, as the rejection the platform is answered with. */
export function classify(error: unknown): ClassifiedRejection {
  if (error instanceof WebhookError) return rejection(error.code, error.message);
  if (error instanceof KafkaUnavailableError) {
    return rejection('WEBHOOK.UNAVAILABLE', 'events could not be made durable; retry later');
  }
  if (error instanceof ContractError) {
    return rejection(contractCode(error.code), error.message);
  }
  const errorId = randomUUID();
  return { ...rejection('WEBHOOK.INTERNAL_ERROR', `internal error ${errorId}`), errorId };
}

function contractCode(code: string): WebhookErrorCode {
  if (code === 'MONEY.UNKNOWN_CURRENCY') return 'WEBHOOK.UNKNOWN_CURRENCY';
  if (code.startsWith('MONEY.')) return 'WEBHOOK.INVALID_AMOUNT';
  if (code.startsWith('USCC.')) return 'WEBHOOK.INVALID_CHARITY';
  return 'WEBHOOK.INVALID_EVENT';
}

function rejection(code: WebhookErrorCode, message: string): ClassifiedRejection {
  return { code, message, status: httpStatusOf(code) };
}
