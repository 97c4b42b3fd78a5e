import { formatSummary, profileOf, summarizeProfile } from './cpu-profile-summary';
import type { ConsumerFigures } from './consumer-timing';

/**
 * Prints where a service's main thread spent the run (its `--cpu-prof` profile, cut to the
 * run's window), and where the profile is.
 */
export function printProfile(profileDir: string, figures: ConsumerFigures, title: string): void {
  const file = profileOf(profileDir, figures.pid);
  if (file === undefined) {
    console.log(`no CPU profile of process ${figures.pid} in ${profileDir}`);
    return;
  }
  const summary = summarizeProfile(file, [figures.windowUs]);
  console.log(`\n${formatSummary(summary, title)}`);
  console.log(`profile: ${file} (open in Chrome DevTools > Performance, or VS Code)`);
}
