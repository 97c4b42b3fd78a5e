import { Platform, PlatformSchema, PLATFORMS } from '@donations/contracts';
import { OpsError } from '../ops-error';

/** The adapters' HTTP ports of a local run (deploy/local/env/adapter-*.env). */
export const LOCAL_ADAPTER_PORTS: Record<Platform, number> = {
  alipay: 3101,
  tencent: 3102,
  stripe: 3103,
  shuidi: 3104,
  jd: 3105,
};

/**
 * `--adapter shuidi=https://adapters.example/shuidi` (repeatable): each platform's adapter base
 * URL; a platform not given is at its local-run port on 127.0.0.1 (plus HTTP_PORT_OFFSET, a copy
 * run beside another).
 */
export function adapterUrls(values: readonly string[], portOffset = 0): Record<Platform, string> {
  const urls = Object.fromEntries(
    PLATFORMS.map((platform) => [
      platform,
      `http://127.0.0.1:${LOCAL_ADAPTER_PORTS[platform] + portOffset}`,
    ]),
  ) as Record<Platform, string>;
  for (const value of values) {
    const [name, url] = [value.slice(0, value.indexOf('=')), value.slice(value.indexOf('=') + 1)];
    const platform = PlatformSchema.safeParse(name);
    if (!platform.success || !/^https?:\/\/\S+$/.test(url)) {
      throw new OpsError(
        'OPS.INVALID_ARGUMENT',
        `--adapter ${JSON.stringify(value)}: give <platform>=<http(s) URL>, platform one of ${PLATFORMS.join(', ')}`,
      );
    }
    urls[platform.data] = url.replace(/\/+$/, '');
  }
  return urls;
}
