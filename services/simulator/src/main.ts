import { loadSimulatorConfig } from './config/simulator.config';
import { simulatorCommand, toSimulatorOptions } from './cli/simulator-options';
import { beijingDate } from './platforms/beijing-time';
import { Terminal } from './report/terminal';
import { Simulator } from './simulator';

/** The traffic simulator: `node dist/services/simulator/src/main.js --help`. */
async function main(argv: string[]): Promise<number> {
  const command = simulatorCommand(loadSimulatorConfig());
  command.parse(argv);
  const today = beijingDate(new Date());
  const simulator = new Simulator(toSimulatorOptions(command.opts(), today), new Terminal());
  let interrupts = 0;
  const interrupt = () => {
    interrupts += 1;
    if (interrupts > 1) process.exit(130);
    process.stderr.write('\nstopping: finishing the requests in flight (Ctrl-C again quits)\n');
    simulator.interrupt();
  };
  process.on('SIGINT', interrupt).on('SIGTERM', interrupt);
  return simulator.execute();
}

main(process.argv).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`simulator: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
