/**
 * At most `capacity` holders at once. `take()` gives a release function (which gives the slot
 * back once, however often it is called), or undefined when every slot is taken.
 */
export class ClientSlots {
  private taken = 0;

  constructor(readonly capacity: number) {}

  get inUse(): number {
    return this.taken;
  }

  take(): (() => void) | undefined {
    if (this.taken >= this.capacity) return undefined;
    this.taken += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.taken -= 1;
    };
  }
}
