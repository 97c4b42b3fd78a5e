import { parseStackOutput, settingsFromEnv } from './stack-settings';

describe('stack settings', () => {
  it('reads the settings the stack script prints, ignoring other lines', () => {
    const output = [
      '[kafka] up on 127.0.0.1:9092',
      'export KAFKA_BROKERS=127.0.0.1:9092',
      "export DATABASE_URL='postgres://postgres@127.0.0.1:5432/donations'",
      'REDIS_URL=redis://127.0.0.1:6379',
    ].join('\n');
    expect(parseStackOutput(output)).toEqual({
      KAFKA_BROKERS: '127.0.0.1:9092',
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/donations',
      REDIS_URL: 'redis://127.0.0.1:6379',
    });
  });

  it('names the settings missing from the output', () => {
    expect(() => parseStackOutput('export KAFKA_BROKERS=a:1')).toThrow(/DATABASE_URL, REDIS_URL/);
  });

  it('uses the environment only when all three settings are there', () => {
    expect(settingsFromEnv({ KAFKA_BROKERS: 'a:1', DATABASE_URL: 'postgres://x' })).toBeUndefined();
  });
});
