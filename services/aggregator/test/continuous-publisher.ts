import { setTimeout as pause } from 'node:timers/promises';
import type { DonationEventV1 } from '@donations/contracts';

export interface ContinuousPublisherOptions {
  /** Messages per send. */
  chunk: number;
  /** Pause between sends: the pace of the stream while the test changes the group. */
  intervalMs: number;
}

/**
 * Publishes `messages` in order, a chunk at a time at a steady pace, in the background, until
 * finish() sends the rest at once. Every message is published exactly as given, once.
 */
export class ContinuousPublisher {
  private sent = 0;
  private finishing = false;
  private readonly loop: Promise<void>;

  constructor(
    private readonly publish: (events: readonly DonationEventV1[]) => Promise<void>,
    private readonly messages: readonly DonationEventV1[],
    private readonly options: ContinuousPublisherOptions,
  ) {
    this.loop = this.run();
    // finish() awaits and rethrows a failed send; this keeps it from being unhandled meanwhile.
    this.loop.catch(() => undefined);
  }

  /** How many messages are in Kafka so far. */
  get published(): number {
    return this.sent;
  }

  /** Sends what is left without pausing and resolves once every message is in Kafka. */
  async finish(): Promise<void> {
    this.finishing = true;
    await this.loop;
  }

  private async run(): Promise<void> {
    while (this.sent < this.messages.length) {
      const size = this.finishing ? 2_000 : this.options.chunk;
      const next = this.messages.slice(this.sent, this.sent + size);
      await this.publish(next);
      this.sent += next.length;
      if (!this.finishing) await pause(this.options.intervalMs);
    }
  }
}
