import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderKafkaTopics } from './kafka-topics';

/** Writes base/kafka-topics.yaml next to this script's source (run by deploy/k8s/generate-topics). */
const target = join(process.argv[2] ?? join(__dirname, 'base'), 'kafka-topics.yaml');
writeFileSync(target, renderKafkaTopics());
console.log(`wrote ${target}`);
