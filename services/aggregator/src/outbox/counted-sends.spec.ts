import { aDonationEvent, DonationCountedV1 } from '@donations/contracts';
import { encodedSizeOf } from '@donations/kafka';
import { countedSends, CountedRow } from './counted-sends';

/** A row of `count` messages of partition `partition`, from offset `from`. */
function aRow(id: number, partition: number, from: number, count: number): CountedRow {
  const messages: DonationCountedV1[] = Array.from({ length: count }, (_, index) => ({
    schemaVersion: 1,
    source: { partition, offset: String(from + index) },
    decision: 'counted',
    event: aDonationEvent({ campaignId: `campaign-${partition}`, amountMinor: index + 1 }),
    takenBack: [],
  }));
  return { id: String(id), source_partition: partition, messages: JSON.stringify(messages) };
}

const sources = (sends: ReturnType<typeof countedSends>) =>
  sends.flat().map((m) => `${m.partition}:${m.value.source.offset}`);
const bytesOf = (send: ReturnType<typeof countedSends>[number]) =>
  send.reduce((sum, message) => sum + encodedSizeOf(message), 0);

describe('countedSends', () => {
  const rows = [aRow(1, 3, 0, 40), aRow(2, 5, 100, 40), aRow(3, 3, 40, 40)];

  it('keeps the rows in one send when they fit, each message to its source partition by campaign', () => {
    const sends = countedSends(rows);
    expect(sends).toHaveLength(1);
    expect(sources(sends)).toEqual([
      ...Array.from({ length: 40 }, (_, i) => `3:${i}`),
      ...Array.from({ length: 40 }, (_, i) => `5:${100 + i}`),
      ...Array.from({ length: 40 }, (_, i) => `3:${40 + i}`),
    ]);
    expect(sends[0][0]).toMatchObject({ key: 'campaign-3', partition: 3 });
  });

  it('cuts the rows into sends under the byte cap, in the same order', () => {
    const cap = 60_000;
    const sends = countedSends(rows, cap);
    expect(sends.length).toBeGreaterThan(1);
    expect(sources(sends)).toEqual(sources(countedSends(rows)));
    for (const send of sends) expect(bytesOf(send)).toBeLessThanOrEqual(cap);
  });

  it('cuts a row larger than the cap message by message', () => {
    const big = aRow(1, 2, 0, 200);
    const cap = 20_000;
    const sends = countedSends([big], cap);
    expect(sends.length).toBeGreaterThan(5);
    expect(sources(sends)).toEqual(Array.from({ length: 200 }, (_, i) => `2:${i}`));
    for (const send of sends) expect(bytesOf(send)).toBeLessThanOrEqual(cap);
  });

  it("puts the row's trace context on each of its messages, and counts it under the cap", () => {
    const traceparent = `00-${'a'.repeat(32)}-${'b'.repeat(16)}-01`;
    const traced = rows.map((row) => ({ ...row, trace_context: JSON.stringify({ traceparent }) }));
    const cap = 60_000;
    const sends = countedSends(traced, cap);
    expect(sends.flat().every((message) => message.headers?.traceparent === traceparent)).toBe(
      true,
    );
    for (const send of sends) expect(bytesOf(send)).toBeLessThanOrEqual(cap);
    expect(countedSends(rows).flat()[0].headers).toBeUndefined();
  });
});
