import { randomUUID } from 'node:crypto';
import { StandardWebhookSigner } from '@donations/platform-sim';

/** A JD body as a test sends it: any field may be overridden with a wrong value on purpose. */
export interface JdTestBody {
  eventType: string;
  payload: { orderId: string } & Record<string, unknown>;
}

export const TEST_PIN = 'jd_pin_4242';

export function jdSecret(label: string): string {
  return `whsec_${Buffer.from(`jd-${label}-secret-0123456789abcdef`).toString('base64')}`;
}

export function jdOrderPaid(overrides: Record<string, unknown> = {}): JdTestBody {
  const orderId = typeof overrides.orderId === 'string' ? overrides.orderId : freshId('jd');
  return {
    eventType: 'ORDER_PAID',
    payload: {
      activityId: 'act-1',
      amount: '12.30',
      eventTime: '2026-09-09T10:00:01+08:00',
      pin: TEST_PIN,
      ageRange: '25-34',
      province: 'CN-BJ',
      ...overrides,
      orderId,
    },
  };
}

export function jdOrderRefunded(overrides: Record<string, unknown> = {}): JdTestBody {
  const { payload } = jdOrderPaid({ refundId: freshId('rf'), amount: '2.00', ...overrides });
  return { eventType: 'ORDER_REFUNDED', payload };
}

/** Headers of a request signed with the official Standard Webhooks SDK. */
export function signedHeaders(
  secret: string,
  body: Buffer,
  { id = freshId('msg'), at = new Date() }: { id?: string; at?: Date } = {},
): Record<string, string> {
  return new StandardWebhookSigner(secret).headers(body, id, at);
}

function freshId(prefix: string): string {
  return `${prefix}-${randomUUID()}`;
}
