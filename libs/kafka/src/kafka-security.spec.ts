import { KafkaJSSASLAuthenticationError, KafkaJSConnectionError } from 'kafkajs';
import { credentialsErrorOf, KafkaCredentialsError } from './kafka-credentials';
import { kafkaSecurityOf } from './kafka-security';

/** kafkajs' typings omit the message its error constructors take. */
type ErrorClass = new (message: string) => Error;
const SaslError = KafkaJSSASLAuthenticationError as unknown as ErrorClass;
const ConnectionError = KafkaJSConnectionError as unknown as ErrorClass;

const ca = '-----BEGIN CERTIFICATE-----\nCA\n-----END CERTIFICATE-----';

describe('kafkaSecurityOf', () => {
  it('is PLAINTEXT without SASL when nothing is set', () => {
    expect(kafkaSecurityOf({})).toEqual({});
    expect(kafkaSecurityOf({ KAFKA_SSL: false, KAFKA_SSL_CA: ca })).toEqual({});
  });

  it('gives TLS with the CA, the client certificate and SCRAM credentials', () => {
    expect(
      kafkaSecurityOf({
        KAFKA_SSL: true,
        KAFKA_SSL_CA: ca,
        KAFKA_SSL_CERT: 'cert',
        KAFKA_SSL_KEY: 'key',
        KAFKA_SSL_REJECT_UNAUTHORIZED: true,
        KAFKA_SASL_MECHANISM: 'scram-sha-256',
        KAFKA_SASL_USERNAME: 'statistics',
        KAFKA_SASL_PASSWORD: 'pw',
      }),
    ).toEqual({
      ssl: { ca: [ca], cert: 'cert', key: 'key', rejectUnauthorized: true },
      sasl: { mechanism: 'scram-sha-256', username: 'statistics', password: 'pw' },
    });
  });

  it('trusts the system roots without a CA, and may skip verification when told', () => {
    expect(kafkaSecurityOf({ KAFKA_SSL: true })).toEqual({ ssl: { rejectUnauthorized: true } });
    expect(kafkaSecurityOf({ KAFKA_SSL: true, KAFKA_SSL_REJECT_UNAUTHORIZED: false })).toEqual({
      ssl: { rejectUnauthorized: false },
    });
  });

  it('gives SASL PLAIN (over TLS or not, as the broker wants)', () => {
    expect(
      kafkaSecurityOf({
        KAFKA_SASL_MECHANISM: 'plain',
        KAFKA_SASL_USERNAME: 'u',
        KAFKA_SASL_PASSWORD: 'p',
      }),
    ).toEqual({ sasl: { mechanism: 'plain', username: 'u', password: 'p' } });
  });

  it('refuses a mechanism without credentials (a config not from loadConfig)', () => {
    expect(() => kafkaSecurityOf({ KAFKA_SASL_MECHANISM: 'plain' })).toThrow(
      /KAFKA_SASL_USERNAME and KAFKA_SASL_PASSWORD/,
    );
  });
});

describe('credentialsErrorOf', () => {
  it("names the settings and keeps the broker's answer for a refused login", () => {
    const answer = 'SASL SCRAM SHA512 authentication failed: invalid credentials';
    const error = credentialsErrorOf(new SaslError(answer), 'scram-sha-512');
    expect(error).toBeInstanceOf(KafkaCredentialsError);
    expect((error as Error).message).toBe(
      `KAFKA_SASL_USERNAME / KAFKA_SASL_PASSWORD: the broker refused them (scram-sha-512): ${answer}`,
    );
  });

  it('leaves other errors (a broker that is down) as they are', () => {
    const down = new ConnectionError('Connection error: ECONNREFUSED');
    expect(credentialsErrorOf(down, 'plain')).toBe(down);
  });
});
