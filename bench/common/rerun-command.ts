import { currentEnv } from '@donations/config';

/** The command that reruns a bench (`npm run <script>`) with the knobs set in this run. */
export function rerunCommand(knobs: readonly string[], script: string): string {
  const env = currentEnv();
  const set = knobs
    .filter((knob) => env[knob] !== undefined && env[knob] !== '')
    .map((knob) => `${knob}=${env[knob]}`);
  return `eval "$(deploy/local/stack env)" && ${[...set, `npm run ${script}`].join(' ')}`;
}
