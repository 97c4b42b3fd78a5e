import { OpsError } from '../ops-error';
import { parseLetterId, platformOf } from './dlq-entry';
import { aDeadLetter } from './dlq-letter.builder';
import { decodedBytes } from './dlq-views';

describe('dlq entries', () => {
  it('reads a letter id as partition and offset', () => {
    expect(parseLetterId('3:1024')).toEqual({ partition: 3, offset: '1024' });
    expect(() => parseLetterId('3-1024')).toThrow(OpsError);
    expect(() => parseLetterId('a:1')).toThrow(OpsError);
  });

  it("takes the platform from the adapter's name, else from the rejected event", () => {
    expect(platformOf(aDeadLetter({ source: 'adapter-jd' }))).toBe('jd');
    const event = Buffer.from('{"platform":"tencent"}').toString('base64');
    expect(platformOf(aDeadLetter({ source: 'statistics', originalValueBase64: event }))).toBe(
      'tencent',
    );
    const junk = Buffer.from([0xff, 0x00]).toString('base64');
    expect(platformOf(aDeadLetter({ source: 'aggregator', originalValueBase64: junk }))).toBeNull();
    expect(platformOf(aDeadLetter({ source: 'adapter-paypal' }))).toBeNull();
  });

  it('decodes the original bytes: JSON indented, other text as is, binary as base64', () => {
    const b64 = (text: string) => Buffer.from(text).toString('base64');
    expect(decodedBytes(b64('{"a":1}'))).toEqual({ encoding: 'utf8', text: '{\n  "a": 1\n}' });
    expect(decodedBytes(b64('out_trade_no=1&sign=x'))).toEqual({
      encoding: 'utf8',
      text: 'out_trade_no=1&sign=x',
    });
    const binary = Buffer.from([0xc3, 0x28]).toString('base64');
    expect(decodedBytes(binary)).toEqual({ encoding: 'base64', text: binary });
  });
});
