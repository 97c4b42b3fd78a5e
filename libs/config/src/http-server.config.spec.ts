import { z } from 'zod';
import { ConfigError } from './config.errors';
import { HttpServerEnvSchema, httpServerLimits } from './http-server.config';
import { loadConfig } from './load-config';

const schema = z.object(HttpServerEnvSchema.shape);

describe('HTTP server settings', () => {
  it('has defaults that bound slow clients and keep statement uploads possible', () => {
    expect(httpServerLimits(loadConfig(schema, {}))).toEqual({
      headersTimeoutMs: 10_000,
      requestTimeoutMs: 300_000,
      keepAliveTimeoutMs: 5_000,
      maxConnections: 10_000,
      checkIntervalMs: 1_000,
    });
  });

  it('reads milliseconds from the environment and checks them often enough', () => {
    const env = {
      HTTP_HEADERS_TIMEOUT_MS: '400',
      HTTP_REQUEST_TIMEOUT_MS: '9000',
      HTTP_KEEP_ALIVE_TIMEOUT_MS: '1500',
      HTTP_MAX_CONNECTIONS: '100',
    };
    expect(httpServerLimits(loadConfig(schema, env))).toEqual({
      headersTimeoutMs: 400,
      requestTimeoutMs: 9_000,
      keepAliveTimeoutMs: 1_500,
      maxConnections: 100,
      checkIntervalMs: 400,
    });
  });

  it('lists every value that is not a positive whole number', () => {
    const env = {
      HTTP_HEADERS_TIMEOUT_MS: '0',
      HTTP_REQUEST_TIMEOUT_MS: 'soon',
      HTTP_KEEP_ALIVE_TIMEOUT_MS: '1.5',
      HTTP_MAX_CONNECTIONS: '-1',
    };
    expect(() => loadConfig(schema, env)).toThrow(ConfigError);
    try {
      loadConfig(schema, env);
    } catch (error) {
      const keys = (error as ConfigError).problems.map((problem) => problem.split(':')[0]);
      expect(keys.sort()).toEqual(Object.keys(env).sort());
    }
  });

  it('refuses headers that may take longer than the whole request', () => {
    expect(() =>
      httpServerLimits({ HTTP_HEADERS_TIMEOUT_MS: 20_000, HTTP_REQUEST_TIMEOUT_MS: 10_000 }),
    ).toThrow(/HTTP_HEADERS_TIMEOUT_MS: must not exceed HTTP_REQUEST_TIMEOUT_MS/);
  });
});
