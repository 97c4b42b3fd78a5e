import { lineDue } from './progress';

describe('plain progress lines (not a terminal)', () => {
  it('prints at each further tenth and once at the end', () => {
    const printed: number[] = [];
    let last = 0;
    for (let done = 1; done <= 25; done += 1) {
      if (lineDue(done, 25, last)) {
        printed.push(done);
        last = done;
      }
    }
    expect(printed).toEqual([3, 5, 8, 10, 13, 15, 18, 20, 23, 25]);
  });

  it('prints each step of small work, and nothing twice at the end', () => {
    expect(lineDue(1, 3, 0)).toBe(true);
    expect(lineDue(3, 3, 3)).toBe(false);
  });
});
