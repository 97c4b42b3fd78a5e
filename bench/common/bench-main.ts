import { ServiceProcess } from '@donations/testing';

/** What a bench leaves on the shared stack until it ends: topics, schemas, servers. */
export class CleanUps {
  private readonly steps: (() => Promise<void>)[] = [];
  private running?: Promise<void>;

  /** Runs at the end, last added first. */
  add(step: () => Promise<void>): void {
    this.steps.unshift(step);
  }

  /**
   * Stops every service process still running, then runs the steps; once. A step that fails
   * (the broker is down, say) is reported and the others still run.
   */
  run(): Promise<void> {
    this.running ??= (async () => {
      for (const step of [() => ServiceProcess.stopAll(), ...this.steps]) {
        await step().catch((error: unknown) => console.error('clean-up step failed:', error));
      }
    })();
    return this.running;
  }
}

/**
 * Runs a bench's main: exit code 0 when it returns true, 1 when it returns false or fails.
 * The clean-ups run when it ends and on Ctrl-C or SIGTERM (exit code 130), so that an
 * interrupted run leaves no topics, schemas or processes behind on the shared stack.
 */
export function runBench(main: (cleanUps: CleanUps) => Promise<boolean>): void {
  const cleanUps = new CleanUps();
  const interrupted = () => {
    console.error('interrupted: stopping the processes and cleaning up');
    void cleanUps.run().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted).once('SIGTERM', interrupted);
  main(cleanUps)
    .finally(() => cleanUps.run())
    .then(
      (ok) => {
        process.exitCode = ok ? 0 : 1;
      },
      (error: unknown) => {
        console.error(error);
        process.exitCode = 1;
      },
    )
    .finally(() => process.off('SIGINT', interrupted).off('SIGTERM', interrupted));
}
