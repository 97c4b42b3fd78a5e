import { Command } from 'commander';
import { registerDevSecretsCommand } from './dev-secrets/dev-secrets.commands';
import { registerDlqCommands } from './dlq/dlq.commands';
import { registerGenerationsCommands } from './generations/generations.commands';
import { registerLagCommand } from './lag/lag.command';
import { defaultContext, OpsContext } from './ops-context';
import { Output } from './output';
import { registerRebuildCommands } from './rebuild/rebuild.command';
import { registerRegistryCommands } from './registry/registry.commands';
import { registerRenormaliseCommand } from './renormalise/renormalise.command';
import { registerStackCommands } from './stack/stack.commands';
import { registerStatementCommands } from './statements/import-statement.command';
import { registerVerifyCommand } from './verify/verify.command';

/**
 * The operators' CLI, every command registered: `ops --help`. `context` replaces the process's
 * environment and output (tests run commands in-process).
 */
export function buildProgram(
  makeContext: (output: Output, json: () => boolean) => OpsContext = defaultContext,
  write?: (text: string) => void,
): { program: Command; output: Output } {
  const program = new Command('ops')
    .description('Donation aggregator operations')
    .option('--json', 'machine-readable output: one JSON document on stdout');
  const json = () => Boolean(program.opts<{ json?: boolean }>().json);
  const output = new Output(json, write);
  const context = makeContext(output, json);
  registerStackCommands(program, output);
  registerStatementCommands(program, output);
  registerDevSecretsCommand(program, output);
  registerRebuildCommands(program, output);
  registerDlqCommands(program, context);
  registerRegistryCommands(program, context);
  registerVerifyCommand(program, context);
  registerGenerationsCommands(program, output);
  registerLagCommand(program, context);
  registerRenormaliseCommand(program, context);
  return { program, output };
}
