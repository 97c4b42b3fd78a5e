/** Kafka did not acknowledge in time or refused: the caller answers 503 and the sender retries. */
export class KafkaUnavailableError extends Error {
  readonly code = 'KAFKA.UNAVAILABLE';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'KafkaUnavailableError';
  }
}
