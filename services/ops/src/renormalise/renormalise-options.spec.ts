import { Command } from 'commander';
import { OpsError } from '../ops-error';
import { registerRenormaliseCommand } from './renormalise.command';
import { inRange, RenormaliseOptions, selectionOf } from './renormalise-options';
import type { OpsContext } from '../ops-context';

const now = new Date('2026-12-06T10:00:00.000Z');

/** Parses `ops renormalise <args>` without running it: the options commander hands the action. */
function parse(...args: string[]): RenormaliseOptions {
  const program = new Command('ops').exitOverride().configureOutput({ writeErr: () => undefined });
  registerRenormaliseCommand(program, {} as OpsContext);
  const command = program.commands.find((candidate) => candidate.name() === 'renormalise')!;
  command.exitOverride().action(() => undefined);
  program.parse(['renormalise', ...args], { from: 'user' });
  return command.opts<RenormaliseOptions>();
}

describe('renormalise options', () => {
  it('reads the platform, the range as ISO, dates or ages, and --dry-run', () => {
    const options = parse(
      '--platform',
      'shuidi',
      '--from',
      '7d',
      '--to',
      '2026-12-06T17:30:00+08:00',
      '--dry-run',
    );
    expect(options).toMatchObject({ platform: 'shuidi', dryRun: true });
    expect(selectionOf(options, now)).toEqual({
      platform: 'shuidi',
      from: new Date('2026-11-29T10:00:00.000Z'),
      to: new Date('2026-12-06T09:30:00.000Z'),
    });
  });

  it('takes every time when no range is given', () => {
    expect(selectionOf(parse('--platform', 'jd'), now)).toEqual({
      platform: 'jd',
      from: undefined,
      to: undefined,
    });
  });

  it('requires one known platform', () => {
    expect(() => parse()).toThrow(/--platform/);
    expect(() => parse('--platform', 'paypal')).toThrow(/paypal is not one of/);
  });

  it('refuses a range that ends before it starts, and a time it cannot read', () => {
    expect(() => selectionOf({ platform: 'shuidi', from: '1h', to: '2h' }, now)).toThrow(
      new OpsError('OPS.INVALID_ARGUMENT', '--from must be before --to'),
    );
    expect(() => selectionOf({ platform: 'shuidi', from: 'yesterday' }, now)).toThrow(
      /is not a time/,
    );
  });

  it('selects records received at or after --from and before --to', () => {
    const selection = selectionOf({ platform: 'shuidi', from: '2h', to: '1h' }, now);
    expect(inRange(selection, '2026-12-06T08:00:00.000Z')).toBe(true);
    expect(inRange(selection, '2026-12-06T07:59:59.999Z')).toBe(false);
    expect(inRange(selection, '2026-12-06T16:59:59.999+08:00')).toBe(true);
    expect(inRange(selection, '2026-12-06T09:00:00.000Z')).toBe(false);
  });
});
