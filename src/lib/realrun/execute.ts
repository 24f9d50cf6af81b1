/**
 * `startRealRun`: drives a plan through a RealContainer. Mounts the files, replays the steps with a
 * BuildKit-style header each (marked as real), shows the real files of the final stage's copies
 * beside the simulated ones, prints the notes and starts the program.
 *
 * Expected failures never throw; they end the run with a line and an exit code:
 * - mounting fails: 125 (docker run's "the container could not be created");
 * - a step's command exits non-zero: that code (the replay stops there, as a failed build would);
 * - a step cannot be carried out (a copy fails, a spawn is refused): 1 (docker build's failure code);
 * - the program cannot be started (spawn refused): 126 (docker run's "command cannot be invoked");
 * - Ctrl-C (kill) during the replay: the step's code, or 130 when it reports 0 or none ran; during
 *   the program: the program's own code.
 */
import { copyListing } from './listing.ts';
import type { RealCommand, RealContainer, RealProcess, RealRunHandle, RealRunIo, RealRunPlan, RealStep } from './types.ts';

export const EXIT_MOUNT_FAILED = 125;
export const EXIT_STEP_FAILED = 1;
export const EXIT_START_FAILED = 126;
export const EXIT_INTERRUPTED = 130;

const REAL = '(real, in a WebContainer)';

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

const shown = (c: RealCommand): string => [c.command, ...c.args].join(' ');

class RealRun {
  private current: RealProcess | null = null;
  private killed = false;
  private vertex = 0;
  private readonly plan: RealRunPlan;
  private readonly container: RealContainer;
  private readonly io: RealRunIo;

  constructor(plan: RealRunPlan, container: RealContainer, io: RealRunIo) {
    this.plan = plan;
    this.container = container;
    this.io = io;
  }

  input(data: string): void {
    this.current?.write(data);
  }

  kill(): void {
    this.killed = true;
    this.current?.kill();
  }

  private line(text: string): void {
    this.io.write(`${text}\n`);
  }

  /** Runs one process to its end; null when it could not be spawned (the line is written). */
  private async spawn(command: RealCommand): Promise<number | null> {
    let process: RealProcess;
    try {
      process = await this.container.spawn(command, { cols: this.io.cols, rows: this.io.rows });
    } catch (e) {
      this.line(`could not start \`${shown(command)}\` in ${command.cwd}: ${message(e)}`);
      return null;
    }
    this.current = process;
    process.onOutput((text) => this.io.write(text));
    // A kill that came while the spawn was pending reaches the process now.
    if (this.killed) process.kill();
    const code = await process.exit;
    this.current = null;
    return code;
  }

  private interrupted(code: number): number {
    this.line('interrupted (Ctrl-C)');
    return code === 0 ? EXIT_INTERRUPTED : code;
  }

  /** One step; the exit code that ends the run, or null to go on. */
  private async step(step: RealStep): Promise<number | null> {
    if (step.kind === 'skip') {
      this.line(`skipped ${step.label}: ${step.why}`);
      return null;
    }
    this.vertex += 1;
    const suffix = step.kind === 'context' ? '(files from the build context, mounted)' : REAL;
    this.line(`#${this.vertex} ${step.label}  ${suffix}`);
    switch (step.kind) {
      case 'context':
        try {
          await this.container.mount(step.files);
        } catch (e) {
          this.line(`ERROR: mounting the files of ${step.label} failed: ${message(e)}`);
          return EXIT_STEP_FAILED;
        }
        return null;
      case 'copy':
        try {
          await this.container.copy(step.from, step.to);
        } catch (e) {
          this.line(`ERROR: ${step.label}: copying ${step.from} to ${step.to} failed: ${message(e)}`);
          return EXIT_STEP_FAILED;
        }
        await this.listCopy(step);
        return null;
      case 'run':
        for (const command of step.commands) {
          const code = await this.spawn(command);
          if (this.killed) return this.interrupted(code ?? 0);
          if (code === null) return EXIT_STEP_FAILED;
          if (code !== 0) {
            this.line(`ERROR: ${step.label} failed: \`${shown(command)}\` exited with code ${code} (the replay stops here, as the build would)`);
            return code;
          }
        }
        return null;
    }
  }

  private async listCopy(step: Extract<RealStep, { kind: 'copy' }>): Promise<void> {
    // A folder copy's entry has the step's `to`; a file copy's has its parent and lists only that file.
    const simulated = this.plan.simulatedCopies.find((c) => c.line === step.line && (c.to === step.to || (step.to.startsWith(`${c.to}/`) && c.files.every((f) => f.path === step.to.slice(c.to.length + 1)))));
    if (simulated === undefined) return;
    const only = simulated.to === step.to ? null : step.to.slice(simulated.to.length + 1);
    let real: { path: string; size: number }[];
    try {
      real = await this.container.listFiles(simulated.to);
    } catch (e) {
      this.line(`  (the real files of ${simulated.to} cannot be listed: ${message(e)})`);
      return;
    }
    const kept = only === null ? real : real.filter((f) => f.path === only);
    for (const text of copyListing(step.to, kept, simulated.files)) this.line(text);
  }

  async run(): Promise<number> {
    try {
      await this.container.mount(this.plan.files);
    } catch (e) {
      this.line(`ERROR: mounting the files failed: ${message(e)}`);
      return EXIT_MOUNT_FAILED;
    }
    for (const step of this.plan.steps) {
      if (this.killed) return this.interrupted(0);
      const end = await this.step(step);
      if (end !== null) return end;
    }
    for (const note of this.plan.notes) this.line(`note: ${note}`);
    if (this.killed) return this.interrupted(0);
    this.line(`starting \`${shown(this.plan.start)}\` in ${this.plan.start.cwd} ${REAL}`);
    const code = await this.spawn(this.plan.start);
    return code ?? EXIT_START_FAILED;
  }
}

export function startRealRun(plan: RealRunPlan, container: RealContainer, io: RealRunIo): Promise<RealRunHandle> {
  const run = new RealRun(plan, container, io);
  const exit = run.run().catch((e: unknown) => {
    io.write(`ERROR: the real run stopped: ${message(e)}\n`);
    return EXIT_STEP_FAILED;
  });
  return Promise.resolve({ input: (data) => run.input(data), kill: () => run.kill(), exit });
}
