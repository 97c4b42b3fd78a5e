import { buildProgram } from './program';

/** The operators' CLI: `ops --help` (`npm run ops -- --help` in a checkout). */
async function main(argv: string[]): Promise<void> {
  const { program, output } = buildProgram();
  try {
    await program.parseAsync(argv);
  } catch (error) {
    output.error(error);
    process.exitCode = 1;
  }
}

void main(process.argv);
