import type { RedriveAnswer } from '@donations/contracts';
import { OpsError } from '../ops-error';
import type { DlqEntry } from './dlq-entry';
import { aDeadLetter, anEntry } from './dlq-letter.builder';
import { redrive, Redrivers } from './dlq-redrive';
import type { RedriveResult } from './dlq-redrives.repository';

const EVENT_ID = '0b0e7ac4-5b6f-5c4e-9a57-3b8c5f1d2e10';

function recorder() {
  const recorded: { id: string; result: RedriveResult }[] = [];
  return {
    recorded,
    redrives: {
      record: (
        _topic: string,
        place: { partition: number; offset: string },
        result: RedriveResult,
      ) => {
        recorded.push({ id: `${place.partition}:${place.offset}`, result });
        return Promise.resolve();
      },
    },
  };
}

function redrivers(answers: Record<string, RedriveAnswer | Error>): Redrivers & { sent: string[] } {
  const sent: string[] = [];
  return {
    sent,
    adapter: (_platform, entry: DlqEntry) => {
      sent.push(entry.id);
      const answer = answers[entry.id];
      return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer);
    },
    republish: (_topic, _key, entry) => {
      sent.push(entry.id);
      return Promise.resolve();
    },
  };
}

const idle = { advance: () => undefined, stop: () => undefined };

describe('redrive', () => {
  const entries = [
    anEntry(aDeadLetter(), '0'),
    anEntry(aDeadLetter({ reason: 'WEBHOOK.INVALID_AMOUNT' }), '1'),
    anEntry(aDeadLetter({ authenticated: false }), '2'),
    anEntry(aDeadLetter(), '3'),
    anEntry(
      aDeadLetter({
        source: 'aggregator',
        originalTopic: 'donations.normalized.v1',
        originalKey: 'c',
      }),
      '4',
    ),
  ];
  const answers = {
    '0:0': { outcome: 'counted' as const, eventIds: [EVENT_ID] },
    '0:1': { outcome: 'failing' as const, reason: 'WEBHOOK.INVALID_AMOUNT', message: 'negative' },
    '0:3': new OpsError('OPS.ADAPTER_UNREACHABLE', 'cannot reach http://127.0.0.1:3104'),
  };

  it('re-drives each letter in order and records its outcome: counted, failing with its reason, skipped', async () => {
    const { recorded, redrives } = recorder();
    const drivers = redrivers(answers);
    const report = await redrive(entries, { redrivers: drivers, redrives, dryRun: false }, idle);

    expect(drivers.sent).toEqual(['0:0', '0:1', '0:3', '0:4']);
    expect(report.counts).toEqual({ counted: 2, failing: 2, skipped: 1 });
    expect(recorded.map(({ id, result }) => [id, result.outcome, result.reason])).toEqual([
      ['0:0', 'counted', null],
      ['0:1', 'failing', 'WEBHOOK.INVALID_AMOUNT'],
      ['0:2', 'skipped', 'OPS.NOT_AUTHENTICATED'],
      ['0:3', 'failing', 'OPS.ADAPTER_UNREACHABLE'],
      ['0:4', 'counted', null],
    ]);
    expect(report.letters[0]).toMatchObject({ path: 'adapter', eventIds: [EVENT_ID] });
    expect(report.letters[4]).toMatchObject({ path: 'consumer', outcome: 'counted' });
  });

  it('sends and records nothing in a dry run, and says how each letter would go', async () => {
    const { recorded, redrives } = recorder();
    const drivers = redrivers(answers);
    const report = await redrive(entries, { redrivers: drivers, redrives, dryRun: true }, idle);

    expect(drivers.sent).toEqual([]);
    expect(recorded).toEqual([]);
    expect(report.letters.map((letter) => [letter.path, letter.outcome])).toEqual([
      ['adapter', 'would-redrive'],
      ['adapter', 'would-redrive'],
      ['skip', 'skipped'],
      ['adapter', 'would-redrive'],
      ['consumer', 'would-redrive'],
    ]);
  });
});
