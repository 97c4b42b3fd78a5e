import type { RenormaliseRequest } from '@donations/contracts';
import type { RawEntry } from './raw-records';
import { BATCH_BYTES, BATCH_RECORDS, batchesOf, renormaliseRecords } from './renormalise-run';

const entry = (id: number, bodyBytes = 16): RawEntry => ({
  id: `0:${id}`,
  record: {
    platform: 'shuidi',
    receivedAt: '2026-12-06T02:00:02.000Z',
    method: 'POST',
    path: '/webhooks/shuidi',
    headers: { 'content-type': 'application/json' },
    bodyBase64: 'A'.repeat(bodyBytes),
    correlationId: `c-${id}`,
    outcome: { status: 'accepted' },
  },
});
const noProgress = { advance: () => undefined, stop: () => undefined };

describe('renormalise run', () => {
  it('batches in order by count and by size, a record too large for one going alone', () => {
    const many = Array.from({ length: BATCH_RECORDS * 2 + 1 }, (_, i) => entry(i));
    expect(batchesOf(many).map((batch) => batch.length)).toEqual([BATCH_RECORDS, BATCH_RECORDS, 1]);
    const large = [entry(1, BATCH_BYTES / 2), entry(2, BATCH_BYTES / 2), entry(3, BATCH_BYTES * 2)];
    expect(batchesOf(large).map((batch) => batch.map((e) => e.id))).toEqual([
      ['0:1'],
      ['0:2'],
      ['0:3'],
    ]);
    expect(batchesOf(many).flat()).toEqual(many);
  });

  it('sends the kept requests and says how far it got when the adapter fails', async () => {
    const sent: RenormaliseRequest[] = [];
    const entries = Array.from({ length: BATCH_RECORDS + 1 }, (_, i) => entry(i));
    const failing = renormaliseRecords(
      entries,
      (request) => {
        sent.push(request);
        if (sent.length === 2) return Promise.reject(new Error('HTTP 503'));
        return Promise.resolve({
          dryRun: false,
          results: request.records.map(() => ({ outcome: 'mapped', emitted: false, events: [] })),
        });
      },
      noProgress,
    );
    await expect(failing).rejects.toThrow(
      `HTTP 503 (after ${BATCH_RECORDS} of ${BATCH_RECORDS + 1} records; running it again is safe)`,
    );
    expect(sent[0].records[0]).toEqual({
      bodyBase64: entries[0].record.bodyBase64,
      headers: { 'content-type': 'application/json' },
      receivedAt: '2026-12-06T02:00:02.000Z',
      correlationId: 'c-0',
      acceptedWhenReceived: true,
    });
  });
});
