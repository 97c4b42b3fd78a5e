import { TestScheduler } from 'rxjs/testing';
import { coalesce } from './coalesce';

describe('coalesce', () => {
  const scheduler = () => new TestScheduler((actual, expected) => expect(actual).toEqual(expected));

  it('sends the first change at once and merges a burst into one more at the interval end', () => {
    scheduler().run(({ cold, expectObservable }) => {
      const changes = cold('a 9ms bcdefgh 300ms |');
      expectObservable(coalesce(changes, 100)).toBe('a 99ms h 216ms |');
    });
  });

  it('sends at most one change per interval under a steady stream, the last one included', () => {
    scheduler().run(({ cold, expectObservable }) => {
      // A change every 10 ms for 500 ms: 51 changes.
      const marbles = Array.from({ length: 51 }, () => 'x').join(' 9ms ');
      expectObservable(coalesce(cold(marbles), 100)).toBe('x 99ms x 99ms x 99ms x 99ms x 99ms x');
    });
  });

  it('sends nothing when nothing changes', () => {
    scheduler().run(({ cold, expectObservable }) => {
      expectObservable(coalesce(cold('1s |'), 100)).toBe('1s |');
    });
  });
});
