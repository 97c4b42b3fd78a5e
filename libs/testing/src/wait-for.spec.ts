import { waitFor } from './wait-for';

describe('waitFor', () => {
  it('returns the first truthy value the probe gives', async () => {
    let calls = 0;
    const value = await waitFor(() => (++calls >= 3 ? `after ${calls}` : undefined), {
      intervalMs: 1,
    });
    expect(value).toBe('after 3');
  });

  it('fails with the description and the last error when the time is up', async () => {
    await expect(
      waitFor(
        () => {
          throw new Error('broker down');
        },
        { timeoutMs: 20, intervalMs: 5, description: 'the consumer to join' },
      ),
    ).rejects.toThrow('waiting for the consumer to join; last error: broker down');
  });
});
