import { Command } from 'commander';
import { registerDevSecretsCommand } from './dev-secrets/dev-secrets.commands';
import { Output } from './output';
import { registerRebuildCommands } from './rebuild/rebuild.command';
import { registerStackCommands } from './stack/stack.commands';
import { registerStatementCommands } from './statements/import-statement.command';

/** The operators' CLI: `node dist/services/ops/src/main.js --help`. */
async function main(argv: string[]): Promise<void> {
  const program = new Command('ops')
    .description('Donation aggregator operations')
    .option('--json', 'machine-readable output');
  const output = new Output(() => Boolean(program.opts<{ json?: boolean }>().json));
  registerStackCommands(program, output);
  registerStatementCommands(program, output);
  registerDevSecretsCommand(program, output);
  registerRebuildCommands(program, output);
  try {
    await program.parseAsync(argv);
  } catch (error) {
    output.error(error);
    process.exitCode = 1;
  }
}

void main(process.argv);
