import { redisConnectionOf } from './redis-connection';

const ca = '-----BEGIN CERTIFICATE-----\nCA\n-----END CERTIFICATE-----';

describe('redisConnectionOf', () => {
  it('is the URL alone without TLS or credentials', () => {
    expect(redisConnectionOf({ REDIS_URL: 'redis://cache:6379', REDIS_TLS: false })).toEqual({
      url: 'redis://cache:6379',
    });
  });

  it('turns REDIS_TLS into a rediss:// URL (node-redis refuses tls on redis://) with the CA', () => {
    expect(
      redisConnectionOf({
        REDIS_URL: 'redis://cache:6380/2',
        REDIS_TLS: true,
        REDIS_TLS_CA: ca,
        REDIS_USERNAME: 'statistics',
        REDIS_PASSWORD: 'pw',
      }),
    ).toEqual({
      url: 'rediss://cache:6380/2',
      username: 'statistics',
      password: 'pw',
      socket: { tls: true, ca },
    });
  });

  it('uses TLS for a rediss:// URL, trusting the system roots without a CA', () => {
    expect(redisConnectionOf({ REDIS_URL: 'rediss://cache:6380' })).toEqual({
      url: 'rediss://cache:6380',
      socket: { tls: true },
    });
  });
});
