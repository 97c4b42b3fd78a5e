import type { Admin, Consumer, Kafka, Producer } from 'kafkajs';

/**
 * The brokers refused the client's SASL credentials. Not retried: kafkajs gives up at once
 * (KafkaJSSASLAuthenticationError is non-retriable) and so does the service, exiting at boot
 * with this message instead of a consumer or producer failing later without naming a setting.
 */
export class KafkaCredentialsError extends Error {
  readonly code = 'KAFKA.SASL_AUTHENTICATION_FAILED';

  constructor(
    readonly mechanism: string,
    brokerAnswer: string,
    options?: ErrorOptions,
  ) {
    super(
      `KAFKA_SASL_USERNAME / KAFKA_SASL_PASSWORD: the broker refused them (${mechanism}): ${brokerAnswer}`,
      options,
    );
    this.name = 'KafkaCredentialsError';
  }
}

/** The KafkaCredentialsError for a kafkajs SASL failure; any other error as it was. */
export function credentialsErrorOf(error: unknown, mechanism: string): unknown {
  if (error instanceof Error && error.name === 'KafkaJSSASLAuthenticationError') {
    return new KafkaCredentialsError(mechanism, error.message, { cause: error });
  }
  return error;
}

type Connectable = Admin | Consumer | Producer;

function translating<T extends Connectable>(client: T, mechanism: string): T {
  const connect = client.connect.bind(client);
  client.connect = () =>
    connect().catch((error: unknown) => {
      throw credentialsErrorOf(error, mechanism);
    });
  return client;
}

/**
 * The client with every admin, consumer and producer it makes failing `connect()` with a
 * KafkaCredentialsError when the brokers refuse the credentials: whichever connects first at
 * boot (the consumer of a service, the admin of a boot check or of `ops`) names the setting.
 */
export function withCredentialsErrors(kafka: Kafka, mechanism: string): Kafka {
  const admin = kafka.admin.bind(kafka);
  const consumer = kafka.consumer.bind(kafka);
  const producer = kafka.producer.bind(kafka);
  kafka.admin = (config) => translating(admin(config), mechanism);
  kafka.consumer = (config) => translating(consumer(config), mechanism);
  kafka.producer = (config) => translating(producer(config), mechanism);
  return kafka;
}
