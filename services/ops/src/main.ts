import { Command } from 'commander';
import { Output } from './output';
import { registerStackCommands } from './stack/stack.commands';

/** The operators' CLI: `node dist/services/ops/src/main.js --help`. */
async function main(argv: string[]): Promise<void> {
  const program = new Command('ops')
    .description('Donation aggregator operations')
    .option('--json', 'machine-readable output');
  const output = new Output(() => Boolean(program.opts<{ json?: boolean }>().json));
  registerStackCommands(program, output);
  try {
    await program.parseAsync(argv);
  } catch (error) {
    output.error(error);
    process.exitCode = 1;
  }
}

void main(process.argv);
