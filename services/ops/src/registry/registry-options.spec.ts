import { makeUscc } from '@donations/contracts';
import { adapterUrls } from '../adapters/adapter-urls';
import { OpsError } from '../ops-error';
import { registrationOf } from './registry.commands';

const charity = makeUscc('53100000500021676');

describe('ops registry campaigns add: options', () => {
  const options = { platform: 'shuidi' as const, project: 'p-1', campaign: 'c-1', charity };

  it('makes a checked registration of the options', () => {
    expect(
      registrationOf({
        ...options,
        name: '助学',
        filing: '53100000500021676A25001',
        starts: '2026-12-01',
        ends: '2026-12-31',
      }),
    ).toEqual({
      platform: 'shuidi',
      platformProjectId: 'p-1',
      campaignId: 'c-1',
      charityId: charity,
      title: '助学',
      filingNumber: '53100000500021676A25001',
      startsOn: '2026-12-01',
      endsOn: '2026-12-31',
    });
  });

  it('refuses a USCC whose check character is wrong, before sending anything', () => {
    const wrong = `${charity.slice(0, 17)}${charity[17] === '0' ? '1' : '0'}`;
    expect(() => registrationOf({ ...options, charity: wrong })).toThrow(OpsError);
  });

  it('makes the merchant id part of a WeChat Pay registration', () => {
    const tencent = { ...options, platform: 'tencent' as const };
    expect(() => registrationOf(tencent)).toThrow(/merchantId: a WeChat Pay campaign names/);
    expect(registrationOf({ ...tencent, merchant: '1900000109' })).toMatchObject({
      merchantId: '1900000109',
    });
    expect(() => registrationOf({ ...options, merchant: '1900000109' })).toThrow(OpsError);
  });

  it('refuses an end before the start, and a day that is not a date', () => {
    expect(() => registrationOf({ ...options, starts: '2026-12-31', ends: '2026-12-01' })).toThrow(
      /endsOn/,
    );
    expect(() => registrationOf({ ...options, starts: '2026-02-30' })).toThrow(/startsOn/);
  });
});

describe('--adapter', () => {
  it('gives each platform its local-run adapter unless told another URL', () => {
    const urls = adapterUrls(['shuidi=https://ops.example/shuidi/']);
    expect(urls.shuidi).toBe('https://ops.example/shuidi');
    expect(urls.alipay).toBe('http://127.0.0.1:3101');
    expect(adapterUrls([], 1000).alipay).toBe('http://127.0.0.1:4101');
  });

  it.each(['shuidi', 'paypal=http://x', 'jd=ftp://x'])('refuses %s', (value) => {
    expect(() => adapterUrls([value])).toThrow(OpsError);
  });
});
