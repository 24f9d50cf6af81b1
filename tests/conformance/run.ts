/**
 * npm run test:docker [-- --report] [-- --recorded] [case ...]
 *
 * Builds every conformance case with the simulator and compares it, aspect by aspect, with what real
 * Docker did: live when a Docker engine answers or can be started (scripts/docker-engine.sh), else the
 * recorded tests/conformance/<case>/observed.json, with a loud notice. Differences listed in
 * tests/conformance/accepted.json are accepted with their reason; every other difference fails the case,
 * and so does an accepted entry that no longer matches anything (the list must only shrink).
 * Ends with the line `N passed, N failed`.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CONFORMANCE_DIR, listCases, type CaseSpec } from './harness/cases.ts';
import { compareCase, type AcceptedDifference, type CaseComparison } from './harness/compare.ts';
import { DockerObserver, engineScript } from './harness/docker.ts';
import { ASPECTS, type CaseObservation } from './harness/observation.ts';
import { loadEngine, SimulatorObserver } from './harness/simulator.ts';
import { holdEngineLock } from './harness/lock.ts';

holdEngineLock();

const args = process.argv.slice(2);
const report = args.includes('--report');
/** Compare with observed.json even when an engine could run (quick checks of the simulator). */
const recordedOnly = args.includes('--recorded');
const only = new Set(args.filter((a) => !a.startsWith('--')));
const cases = listCases().filter((c) => only.size === 0 || only.has(c.name));
const accepted = JSON.parse(readFileSync(join(CONFORMANCE_DIR, 'accepted.json'), 'utf8')) as AcceptedDifference[];

function banner(text: string): void {
  const bar = '!'.repeat(Math.min(100, text.length + 8));
  console.log(`${bar}\n!!! ${text}\n${bar}`);
}

/** Real Docker's observations: live if possible, else recorded. */
async function dockerSide(): Promise<{ observe: (spec: CaseSpec) => CaseObservation; live: boolean; stop: () => void }> {
  const running = !recordedOnly && engineScript('status').status === 0;
  const start = running || recordedOnly ? { status: running ? 0 : 1, output: recordedOnly ? '--recorded given' : '' } : engineScript('start');
  if (start.status === 0) {
    const observer = new DockerObserver();
    return { observe: (spec) => observer.observe(spec), live: true, stop: () => { if (!running) engineScript('stop'); } };
  }
  banner('LIVE DOCKER ENGINE NOT AVAILABLE: comparing with the RECORDED observations (observed.json)');
  console.log(start.output);
  return {
    observe: (spec) => {
      const file = join(spec.dir, 'observed.json');
      if (!existsSync(file)) throw new Error(`${spec.name}: no observed.json (record it: npx node tests/conformance/record.ts ${spec.name})`);
      return JSON.parse(readFileSync(file, 'utf8')) as CaseObservation;
    },
    live: false,
    stop: () => {},
  };
}

function recordedDrift(spec: CaseSpec, live: CaseObservation): boolean {
  const file = join(spec.dir, 'observed.json');
  return existsSync(file) && readFileSync(file, 'utf8') !== `${JSON.stringify(live, null, 2)}\n`;
}

/** A throw on either side is a bug: it fails that case (outcome) instead of ending the run. */
function compareOrCrash(
  spec: CaseSpec,
  observeDocker: (spec: CaseSpec) => CaseObservation,
  simulator: SimulatorObserver,
  used: Set<AcceptedDifference>,
  onReal: (real: CaseObservation) => void,
): CaseComparison {
  let side = 'docker side';
  try {
    const real = observeDocker(spec);
    onReal(real);
    side = 'simulator';
    return compareCase(real, simulator.observe(spec), accepted, used);
  } catch (error) {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    const aspects = ASPECTS.map((aspect) => ({
      aspect,
      status: aspect === 'outcome' ? ('differ' as const) : ('match' as const),
      differences: aspect === 'outcome' ? [`${side} threw: ${message}`] : [],
      accepted: [],
    }));
    return { case: spec.name, ok: false, aspects };
  }
}

function printReport(results: CaseComparison[]): void {
  const width = Math.max(...results.map((r) => r.case.length), 4);
  const cell = (s: string): string => s.padEnd(9);
  console.log(`\n${'case'.padEnd(width)}  ${ASPECTS.map(cell).join(' ')}`);
  for (const r of results) {
    console.log(`${r.case.padEnd(width)}  ${r.aspects.map((a) => cell(a.status === 'differ' ? 'DIFFER' : a.status)).join(' ')}`);
    for (const a of r.aspects) {
      for (const d of a.differences) console.log(`${''.padEnd(width)}    ${a.aspect}: ${d}`);
      for (const d of a.accepted) console.log(`${''.padEnd(width)}    ${a.aspect}: ${d.difference} [accepted: ${d.reason}]`);
    }
  }
  console.log('\nper aspect (match / accepted / differ):');
  for (const aspect of ASPECTS) {
    const statuses = results.map((r) => r.aspects.find((a) => a.aspect === aspect)?.status);
    const count = (s: string): number => statuses.filter((x) => x === s).length;
    console.log(`  ${aspect.padEnd(8)} ${count('match')} / ${count('accepted')} / ${count('differ')}`);
  }
}

async function main(): Promise<number> {
  const loaded = await loadEngine();
  if ('unavailable' in loaded) {
    banner(`SIMULATOR ${loaded.unavailable.toUpperCase()}`);
    console.log(`none of the ${cases.length} cases can be compared until the engine exports build()`);
    console.log(`0 passed, ${cases.length} failed`);
    return 1;
  }
  const simulator = new SimulatorObserver(loaded.engine);
  const docker = await dockerSide();
  const results: CaseComparison[] = [];
  const used = new Set<AcceptedDifference>();
  const drifted: string[] = [];
  let engineName = '';
  try {
    for (const spec of cases) {
      const result = compareOrCrash(spec, docker.observe, simulator, used, (real) => {
        engineName = real.engine;
        if (docker.live && recordedDrift(spec, real)) drifted.push(spec.name);
      });
      results.push(result);
      if (!report) {
        console.log(`${result.ok ? 'ok  ' : 'FAIL'} ${spec.name}`);
        for (const a of result.aspects) for (const d of a.differences) console.log(`       ${a.aspect}: ${d}`);
      }
    }
  } finally {
    docker.stop();
  }
  console.log(`\ncompared with ${engineName} (${docker.live ? 'live' : 'RECORDED, not live'})`);
  if (report) printReport(results);
  if (drifted.length > 0) console.log(`note: live Docker differs from observed.json in ${drifted.length} case(s), re-record: ${drifted.join(' ')}`);
  // An accepted entry nothing matches any more must go, once the rest passes (before that, a case
  // that fails early hides the aspects the entry is about).
  const passed = results.filter((r) => r.ok).length;
  const stale = only.size === 0 ? accepted.filter((e) => !used.has(e)) : [];
  const staleFails = passed === results.length;
  for (const e of stale) {
    console.log(`${staleFails ? 'FAIL' : 'note:'} accepted.json entry matches nothing (remove it once all else passes): ${e.case} ${e.aspect} /${e.match}/`);
  }
  const failed = results.length - passed + (staleFails ? stale.length : 0);
  console.log(`${passed} passed, ${failed} failed`);
  return failed === 0 ? 0 : 1;
}

process.exitCode = await main();
