/**
 * Records what real Docker does with each conformance case into tests/conformance/<case>/observed.json.
 *   npx node tests/conformance/record.ts [case ...]
 * Starts the engine (scripts/docker-engine.sh) when it is not running, and stops it again afterwards.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { listCases } from './harness/cases.ts';
import { DockerObserver, engineScript } from './harness/docker.ts';
import { holdEngineLock } from './harness/lock.ts';

holdEngineLock();

const only = new Set(process.argv.slice(2));
const cases = listCases().filter((c) => only.size === 0 || only.has(c.name));
const started = performance.now();
const wasRunning = engineScript('status').status === 0;
if (!wasRunning) {
  const start = engineScript('start');
  if (start.status !== 0) {
    console.error(`cannot record: no Docker engine could start\n${start.output}`);
    process.exit(1);
  }
}
const engineReady = performance.now();
const observer = new DockerObserver();
try {
  for (const spec of cases) {
    const t = performance.now();
    const observation = observer.observe(spec);
    writeFileSync(join(spec.dir, 'observed.json'), `${JSON.stringify(observation, null, 2)}\n`);
    const outcome = observation.builds.map((b) => (b.ok ? 'ok' : `failed(${b.error?.kind})`)).join(' ');
    console.log(`${spec.name.padEnd(40)} ${outcome} ${((performance.now() - t) / 1000).toFixed(1)}s`);
  }
} finally {
  if (!wasRunning) engineScript('stop');
}
const seconds = (ms: number): string => (ms / 1000).toFixed(1);
console.log(`recorded ${cases.length} cases: engine start ${seconds(engineReady - started)}s, cases ${seconds(performance.now() - engineReady)}s`);
