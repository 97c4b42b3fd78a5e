import { randomBytes } from 'node:crypto';

/**
 * A KRaft cluster id as Kafka makes them: 16 random bytes in base64url, never beginning with '-'
 * (`kafka-storage format -t <id>` would read such an id as an option).
 */
export function newClusterId(random: (size: number) => Buffer = randomBytes): string {
  for (;;) {
    const id = random(16).toString('base64url');
    if (!id.startsWith('-')) return id;
  }
}
