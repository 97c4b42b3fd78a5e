import { newClusterId } from './kraft-cluster-id';

describe('newClusterId', () => {
  it('draws again when the id would begin with "-" (a tool reads such an id as an option)', () => {
    // 0xf8 encodes to '-' as the first base64url character; the second draw does not.
    const draws = [Buffer.alloc(16, 0xf8), Buffer.alloc(16, 0x01)];
    const id = newClusterId(() => draws.shift() ?? Buffer.alloc(16));
    expect(id).toBe(Buffer.alloc(16, 0x01).toString('base64url'));
    expect(draws).toHaveLength(0);
  });

  it('makes 22-character base64url ids that never begin with "-"', () => {
    for (let i = 0; i < 2_000; i++) {
      const id = newClusterId();
      expect(id).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_-]{21}$/);
    }
  });
});
