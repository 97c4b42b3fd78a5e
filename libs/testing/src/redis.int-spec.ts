import { connectRedis } from './redis-client';
import { requiredEnv, testRedisPrefix } from './isolation';

describe('Redis round trip on the real server', () => {
  const prefix = testRedisPrefix();
  const connecting = connectRedis(requiredEnv('REDIS_URL'), { keyPrefix: prefix });

  afterAll(async () => {
    const raw = await connectRedis(requiredEnv('REDIS_URL'));
    const keys = await raw.keys(`${prefix}*`);
    if (keys.length > 0) await raw.del(keys);
    raw.destroy();
    (await connecting).destroy();
  });

  it('writes and reads under the test key prefix only', async () => {
    const redis = await connecting;
    await redis.set('greeting', 'hello');
    expect(await redis.get('greeting')).toBe('hello');
    const raw = await connectRedis(requiredEnv('REDIS_URL'));
    try {
      expect(await raw.get(`${prefix}greeting`)).toBe('hello');
      expect(await raw.get('greeting')).toBeNull();
    } finally {
      raw.destroy();
    }
  });

  it('applies a Lua script atomically, as batch consumers will', async () => {
    const redis = await connecting;
    const script = `
      redis.call('INCRBY', KEYS[1], ARGV[1])
      redis.call('SET', KEYS[2], ARGV[2])
      return redis.call('GET', KEYS[1])`;
    const total = await redis.eval(script, { keys: ['total', 'offset'], arguments: ['250', '42'] });
    expect(total).toBe('250');
    expect(await redis.get('offset')).toBe('42');
  });
});
