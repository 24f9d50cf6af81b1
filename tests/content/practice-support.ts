/** Shared by the practice content tests: the validated misconceptions and a demo as an Attempt. */
import { join } from 'node:path';
import { misconceptionSchema, type Misconception } from '../../src/content/schemas/misconception.ts';
import type { Attempt } from '../../src/lib/checks/goals/index.ts';
import { contentDir, yamlFile } from './content-files.ts';

export function loadMisconceptions(): Misconception[] {
  const raw = yamlFile(join(contentDir, 'misconceptions.yaml'));
  if (!Array.isArray(raw)) throw new Error('misconceptions.yaml is not a list');
  return raw.map((entry) => misconceptionSchema.parse(entry));
}

export function demoAttempt(m: Misconception): Attempt {
  const attempt: Attempt = {
    dockerfile: m.demo.dockerfile,
    context: Object.fromEntries(Object.entries(m.demo.context).map(([path, content]) => [path, { content }])),
  };
  if (m.demo.target !== undefined) attempt.target = m.demo.target;
  if (m.demo.buildArgs !== undefined) attempt.buildArgs = m.demo.buildArgs;
  return attempt;
}
