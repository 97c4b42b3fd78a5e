import type { Platform } from '@donations/contracts';
import type { DonationPlan, Notification } from '../journeys/journey.types';

/** A notification's bytes, built once: a retry or a duplicate re-sends exactly these. */
export interface PreparedMessage {
  body: Buffer;
  /** What stays the same on a re-send besides the body (webhook-id, for Standard Webhooks). */
  messageId: string;
}

/**
 * One platform's side of its webhook protocol: the messages it sends, signed the way it signs
 * them, and what it takes for success.
 */
export interface PlatformSim {
  readonly platform: Platform;
  /** The adapter's webhook path. */
  readonly path: string;
  prepare(plan: DonationPlan, notification: Notification): PreparedMessage;
  /** A payment message whose body is broken (not JSON, or an unknown status), still signed. */
  brokenBody(plan: DonationPlan): PreparedMessage;
  /** The headers of one attempt: the signature is made when the request goes out, at `at`. */
  sign(message: PreparedMessage, at: Date): Record<string, string>;
  /** Whether an answer is the protocol's success (Alipay retries anything but the body `success`). */
  isSuccess(status: number, body: string): boolean;
}
