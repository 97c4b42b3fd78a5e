import { mutations, seededRandom } from './fuzz';

describe('fuzz mutations', () => {
  const seed = Buffer.from(JSON.stringify({ type: 'donation.paid', data: { amount: 5, id: 'x' } }));

  it('is reproducible from its seed', () => {
    const first = [...mutations(seed, 50, seededRandom(7))];
    const second = [...mutations(seed, 50, seededRandom(7))];
    expect(first).toEqual(second);
  });

  it('mostly produces bodies that differ from the seed', () => {
    const variants = [...mutations(seed, 200)];
    const changed = variants.filter((variant) => !variant.equals(seed));
    expect(changed.length).toBeGreaterThan(180);
  });
});
