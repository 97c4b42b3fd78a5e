import { ClientSlots } from './client-slots';

describe('ClientSlots', () => {
  it('gives at most `capacity` slots, and a released one again', () => {
    const slots = new ClientSlots(2);
    const first = slots.take();
    const second = slots.take();
    expect([first, second].every(Boolean)).toBe(true);
    expect(slots.take()).toBeUndefined();
    first?.();
    expect(slots.inUse).toBe(1);
    expect(slots.take()).toBeDefined();
    expect(slots.take()).toBeUndefined();
  });

  it('gives a slot back once, however often its release is called', () => {
    const slots = new ClientSlots(1);
    const release = slots.take();
    release?.();
    release?.();
    expect(slots.inUse).toBe(0);
    expect(slots.take()).toBeDefined();
    expect(slots.take()).toBeUndefined();
  });
});
