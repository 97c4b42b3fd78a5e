import { encodeOffsets, encodeTarget, markerOf } from './rebuild-marker.codec';
import {
  RebuildMarker,
  rebuildProgress,
  stateHeader,
  statsStateOf,
  targetOf,
  withState,
} from './rebuild-progress';

const target = targetOf([
  { partition: 0, low: '0', high: '100' },
  { partition: 1, low: '40', high: '90' },
  { partition: 2, low: '7', high: '7' },
]);

const marker = (status: RebuildMarker['status']): RebuildMarker => ({
  id: 'r1',
  status,
  startedAt: '2024-09-09T02:00:00.000Z',
  target,
  deadLetteredBelow: new Map([
    [0, '60'],
    [1, '41'],
  ]),
});

describe('rebuild progress', () => {
  it('counts from the earliest offsets to the captured ends; a partition with nothing stored has read nothing', () => {
    expect(rebuildProgress(target, new Map([[0, '30']]))).toEqual({
      consumed: 30,
      total: 150,
      ratio: 0.2,
      caughtUp: false,
    });
  });

  it('is caught up once every partition is stored at or past its captured end (the log grew)', () => {
    expect(
      rebuildProgress(
        target,
        new Map([
          [0, '130'],
          [1, '90'],
        ]),
      ),
    ).toEqual({ consumed: 150, total: 150, ratio: 1, caughtUp: true });
  });

  it('is complete at once for an empty log', () => {
    const empty = targetOf([{ partition: 0, low: '5', high: '5' }]);
    expect(rebuildProgress(empty, new Map())).toEqual({
      consumed: 0,
      total: 0,
      ratio: 1,
      caughtUp: true,
    });
  });

  it('rounds the ratio down, so that it says 1 only when done', () => {
    const one = targetOf([{ partition: 0, low: '0', high: '30000' }]);
    expect(rebuildProgress(one, new Map([[0, '29999']])).ratio).toBe(0.9999);
  });
});

describe('state of the statistics', () => {
  it('is rebuilding with progress while the target is not read', () => {
    expect(statsStateOf(marker('rebuilding'), new Map([[1, '65']]))).toEqual({
      status: 'rebuilding',
      startedAt: '2024-09-09T02:00:00.000Z',
      progress: { consumed: 25, total: 150, ratio: 0.1666 },
    });
  });

  it('is live once the target is read, before the marker says so, and after', () => {
    const done = new Map([
      [0, '100'],
      [1, '90'],
    ]);
    expect(statsStateOf(marker('rebuilding'), done)).toEqual({ status: 'live' });
    expect(statsStateOf(marker('live'), new Map())).toEqual({ status: 'live' });
  });

  it('is rebuilding without progress when the marker is gone with the rest of the state', () => {
    expect(statsStateOf(undefined, new Map([[0, '3']]))).toEqual({
      status: 'rebuilding',
      startedAt: null,
      progress: null,
    });
  });

  it('goes into a header, with the progress where known', () => {
    expect(stateHeader({ status: 'live' })).toBe('live');
    expect(stateHeader(statsStateOf(undefined, new Map()))).toBe('rebuilding');
    expect(stateHeader(statsStateOf(marker('rebuilding'), new Map()))).toBe(
      'rebuilding; consumed=0; total=150',
    );
  });

  it('goes into JSON object bodies only', () => {
    const state = { status: 'live' } as const;
    expect(withState({ scope: 'global' }, state)).toEqual({ scope: 'global', state });
    expect(withState([1, 2], state)).toEqual([1, 2]);
    expect(withState('text', state)).toBe('text');
    expect(withState(null, state)).toBeNull();
    const buffer = Buffer.from('x');
    expect(withState(buffer, state)).toBe(buffer);
  });
});

describe('rebuild marker in Redis', () => {
  it('reads back what was written', () => {
    const hash = {
      id: 'r1',
      status: 'rebuilding',
      startedAt: '2024-09-09T02:00:00.000Z',
      target: encodeTarget(target),
      deadLettered: encodeOffsets(marker('rebuilding').deadLetteredBelow),
    };
    expect(markerOf(hash)).toEqual(marker('rebuilding'));
    expect(hash.target).toBe('{"0":["0","100"],"1":["40","90"],"2":["7","7"]}');
    expect(hash.deadLettered).toBe('{"0":"60","1":"41"}');
  });

  it('reads a marker written before dead letters were tracked as one with none published', () => {
    const { deadLettered: _none, ...older } = {
      id: 'r1',
      status: 'live',
      startedAt: '2024-09-09T02:00:00.000Z',
      target: encodeTarget(target),
      deadLettered: '',
    };
    expect(markerOf(older)?.deadLetteredBelow).toEqual(new Map());
    expect(() => markerOf({ ...older, deadLettered: '{"0":-1}' })).toThrow();
  });

  it('is absent for an empty hash, and refuses a damaged one', () => {
    expect(markerOf({})).toBeUndefined();
    expect(() =>
      markerOf({ id: 'r1', status: 'done', startedAt: '2024-09-09T02:00:00.000Z', target: '{}' }),
    ).toThrow();
    expect(() =>
      markerOf({
        id: 'r1',
        status: 'live',
        startedAt: '2024-09-09T02:00:00.000Z',
        target: '{"0":[1,2]}',
      }),
    ).toThrow();
  });
});
