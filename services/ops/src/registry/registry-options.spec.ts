import { makeUscc } from '@donations/contracts';
import { adapterUrls } from '../adapters/adapter-urls';
import { OpsError } from '../ops-error';
import { registrationOf } from './registry.commands';

const charity = makeUscc('53100000500021676');

describe('ops registry campaigns add: options', () => {
  const options = { platform: 'shuidi' as const, project: 'p-1', campaign: 'c-1', charity };

  it('makes a checked registration of the options', () => {
    expect(registrationOf({ ...options, title: '助学' })).toEqual({
      platform: 'shuidi',
      platformProjectId: 'p-1',
      campaignId: 'c-1',
      charityId: charity,
      title: '助学',
    });
  });

  it('refuses a USCC whose check character is wrong, before sending anything', () => {
    const wrong = `${charity.slice(0, 17)}${charity[17] === '0' ? '1' : '0'}`;
    expect(() => registrationOf({ ...options, charity: wrong })).toThrow(OpsError);
  });
});

describe('--adapter', () => {
  it('gives each platform its local-run adapter unless told another URL', () => {
    const urls = adapterUrls(['shuidi=https://ops.example/shuidi/']);
    expect(urls.shuidi).toBe('https://ops.example/shuidi');
    expect(urls.alipay).toBe('http://127.0.0.1:3101');
  });

  it.each(['shuidi', 'paypal=http://x', 'jd=ftp://x'])('refuses %s', (value) => {
    expect(() => adapterUrls([value])).toThrow(OpsError);
  });
});
