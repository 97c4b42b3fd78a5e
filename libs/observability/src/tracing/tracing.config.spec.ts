import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError } from '@donations/config';
import { loadTracingConfig, tracesUrl } from './tracing.config';
import { startTracing, tracingEnabled } from './tracing';

describe('tracing settings', () => {
  it('is off with the endpoint unset or empty (compose passes empty values)', () => {
    expect(loadTracingConfig({}).OTEL_EXPORTER_OTLP_ENDPOINT).toBeUndefined();
    expect(loadTracingConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: '' })).toEqual({});
    expect(startTracing('aggregator', {}).enabled).toBe(false);
    expect(tracingEnabled()).toBe(false);
  });

  it('refuses an endpoint that is not an http(s) URL, naming the setting', () => {
    const load = () => loadTracingConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' });
    expect(load).toThrow(ConfigError);
    expect(load).toThrow(/OTEL_EXPORTER_OTLP_ENDPOINT/);
  });

  it('reads the endpoint from OTEL_EXPORTER_OTLP_ENDPOINT_FILE, as mounted settings come', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tracing-config-'));
    try {
      const file = join(dir, 'endpoint');
      writeFileSync(file, 'http://collector.observability:4318\n');
      expect(loadTracingConfig({ OTEL_EXPORTER_OTLP_ENDPOINT_FILE: file })).toEqual({
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector.observability:4318',
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("posts to the endpoint's /v1/traces, with or without a trailing slash", () => {
    expect(tracesUrl('http://collector:4318')).toBe('http://collector:4318/v1/traces');
    expect(tracesUrl('https://otel.example/base/')).toBe('https://otel.example/base/v1/traces');
  });
});
