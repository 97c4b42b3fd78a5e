/** The value whose weight `roll` (in [0, 1)) falls on; the weights add up to 1. */
export function pick<T>(weighted: readonly (readonly [T, number])[], roll: number): T {
  let left = roll;
  for (const [value, weight] of weighted) {
    if (left < weight) return value;
    left -= weight;
  }
  return weighted[weighted.length - 1][0];
}

/** The last `size` items added, in a ring. */
export class Recent<T> {
  private readonly items: T[] = [];
  private nextSlot = 0;

  constructor(private readonly size: number) {}

  add(item: T): void {
    this.items[this.nextSlot] = item;
    this.nextSlot = (this.nextSlot + 1) % this.size;
  }

  /** One of them, chosen by `roll` in [0, 1); undefined while empty. */
  any(roll: number): T | undefined {
    return this.items[Math.floor(roll * this.items.length)];
  }
}
