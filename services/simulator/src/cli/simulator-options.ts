import { Command } from 'commander';
import { z } from 'zod';
import { Platform, PLATFORMS } from '@donations/contracts';
import { DEFAULT_MIX, TrafficMix } from '../journeys/journey-planner';
import type { SimulatorConfig } from '../config/simulator.config';

/** Everything a run is told, validated. */
export interface SimulatorOptions {
  rate: number;
  durationSeconds: number;
  seed: number;
  burst: number;
  openingAt: number;
  day: string;
  campaigns: number;
  charities: number;
  concurrency: number;
  urls: Record<Platform, string>;
  aggregatorUrl: string;
  /** The statistics service whose figures are checked against the aggregator's; none: not checked. */
  statisticsUrl?: string;
  secretsDir: string;
  brokers: string[];
  topicPrefix: string;
  /** The adapter whose operator API registers the run's campaigns (default: alipay's). */
  registryUrl: string;
  /** The adapters' OPERATOR_TOKEN (default: env, else the secrets dir's dev-secrets.env). */
  operatorToken?: string;
  check: boolean;
  checkTimeoutSeconds: number;
  drainSeconds: number;
  requestTimeoutMs: number;
  retryScale: number;
  summaryFile?: string;
  mix: TrafficMix;
}

const DEFAULT_PORTS: Record<Platform, number> = {
  alipay: 3101,
  tencent: 3102,
  stripe: 3103,
  shuidi: 3104,
  jd: 3105,
};

const positive = z.coerce.number().positive();
const share = z.coerce.number().min(0).max(1);
const count = z.coerce.number().int().min(1);
const url = z.url({ protocol: /^https?$/ });

const RawOptionsSchema = z.object({
  rate: positive,
  duration: positive,
  seed: z.coerce.number().int().min(0).max(0xffffffff).optional(),
  burst: z.coerce.number().min(1),
  openingAt: z.coerce.number().gt(0).lt(1),
  day: z.iso.date().optional(),
  campaigns: count,
  charities: count,
  concurrency: count,
  aggregatorUrl: url,
  statisticsUrl: z.union([url, z.literal(false)]),
  secretsDir: z.string().min(1),
  brokers: z.string().min(1),
  topicPrefix: z.string().regex(/^[a-zA-Z0-9._-]*$/),
  registryUrl: url.optional(),
  operatorToken: z.string().min(16).optional(),
  check: z.boolean(),
  checkTimeout: positive,
  drainTimeout: positive,
  requestTimeout: positive,
  retryScale: positive,
  summaryFile: z.string().min(1).optional(),
  duplicateRate: share,
  refundRate: share,
  lateRate: share,
  malformedRate: share,
  ...Object.fromEntries(PLATFORMS.map((platform) => [`${platform}Url`, url])),
});

/** The CLI: `node dist/services/simulator/src/main.js --help`. */
export function simulatorCommand(env: SimulatorConfig): Command {
  const command = new Command('simulator')
    .description(
      'Plays the platforms on a giving day: signed webhooks to the five adapters, then checks the ' +
        "system's totals (aggregator HTTP and aggregate topics) against its own ground truth",
    )
    .option('--rate <n>', 'donations per second before matching opens (the baseline)', '10')
    .option('--duration <seconds>', 'how long to send traffic', '60')
    .option('--seed <n>', 'seed of the traffic shape (default: random, printed)')
    .option('--burst <factor>', 'rate multiplier when matching opens at 10:00', '20')
    .option(
      '--opening-at <share>',
      'share of the run before 10:00 (the clock starts at 09:58)',
      '0.2',
    )
    .option('--day <YYYY-MM-DD>', 'the giving day, Beijing date (default: today)')
    .option('--campaigns <n>', 'campaigns to register (campaign 0 goes viral)', '24')
    .option('--charities <n>', 'charities the campaigns belong to', '8')
    .option('--concurrency <n>', 'requests in flight at most', '64');
  for (const platform of PLATFORMS) {
    command.option(
      `--${platform}-url <url>`,
      `adapter-${platform}`,
      `http://127.0.0.1:${DEFAULT_PORTS[platform]}`,
    );
  }
  return command
    .option('--aggregator-url <url>', 'the aggregator', 'http://127.0.0.1:3201')
    .option(
      '--statistics-url <url>',
      "the statistics service, whose figures must equal the aggregator's",
      'http://127.0.0.1:3301',
    )
    .option('--no-statistics-url', "leave the statistics' figures unchecked")
    .option(
      '--secrets-dir <dir>',
      'where ops dev-secrets wrote platform-keys.json',
      '.cache/dev-secrets',
    )
    .option('--brokers <list>', 'Kafka brokers for the topic check', env.KAFKA_BROKERS)
    .option('--topic-prefix <prefix>', "the system's topic prefix", env.TOPIC_PREFIX)
    .option('--registry-url <url>', 'the adapter to register campaigns at (default: --alipay-url)')
    .option(
      '--operator-token <token>',
      "the adapters' OPERATOR_TOKEN (default: env, else <secrets-dir>/dev-secrets.env)",
      env.OPERATOR_TOKEN,
    )
    .option('--no-check', 'send traffic only: no comparison with the system at the end')
    .option('--check-timeout <seconds>', 'how long to wait for the totals to match', '120')
    .option(
      '--drain-timeout <seconds>',
      'how long late deliveries and retries may take after the run',
      '60',
    )
    .option('--request-timeout <ms>', 'a platform gives up on an answer after this long', '10000')
    .option('--retry-scale <factor>', "the platforms' retry intervals times this", '0.005')
    .option('--summary-file <path>', 'write the ground truth and the result as JSON')
    .option(
      '--duplicate-rate <share>',
      'notifications sent twice',
      String(DEFAULT_MIX.duplicateRate),
    )
    .option('--refund-rate <share>', 'donations refunded', String(DEFAULT_MIX.refundRate))
    .option('--late-rate <share>', 'donations delivered late', String(DEFAULT_MIX.lateRate))
    .option('--malformed-rate <share>', 'malformed requests', String(DEFAULT_MIX.malformedRate));
}

/** Validates commander's options; lists every bad one. */
export function toSimulatorOptions(raw: Record<string, unknown>, today: string): SimulatorOptions {
  const parsed = RawOptionsSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `--${kebab(String(issue.path[0]))}: ${issue.message}`,
    );
    throw new Error(`invalid options:\n  ${problems.join('\n  ')}`);
  }
  const o = parsed.data;
  const urls = Object.fromEntries(
    PLATFORMS.map((platform) => [
      platform,
      String((o as Record<string, unknown>)[`${platform}Url`]),
    ]),
  ) as Record<Platform, string>;
  return {
    rate: o.rate,
    durationSeconds: o.duration,
    seed: o.seed ?? Math.floor(Math.random() * 0xffffffff),
    burst: o.burst,
    openingAt: o.openingAt,
    day: o.day ?? today,
    campaigns: o.campaigns,
    charities: Math.min(o.charities, o.campaigns),
    concurrency: o.concurrency,
    urls,
    aggregatorUrl: o.aggregatorUrl,
    ...(o.statisticsUrl === false ? {} : { statisticsUrl: o.statisticsUrl }),
    secretsDir: o.secretsDir,
    brokers: o.brokers.split(',').map((broker) => broker.trim()),
    topicPrefix: o.topicPrefix,
    registryUrl: o.registryUrl ?? urls.alipay,
    ...(o.operatorToken === undefined ? {} : { operatorToken: o.operatorToken }),
    check: o.check,
    checkTimeoutSeconds: o.checkTimeout,
    drainSeconds: o.drainTimeout,
    requestTimeoutMs: o.requestTimeout,
    retryScale: o.retryScale,
    summaryFile: o.summaryFile,
    mix: {
      ...DEFAULT_MIX,
      duplicateRate: o.duplicateRate,
      refundRate: o.refundRate,
      lateRate: o.lateRate,
      malformedRate: o.malformedRate,
    },
  };
}

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`);
}
