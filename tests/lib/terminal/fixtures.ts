/** A terminal session over a small multi-stage project, driven through the string-buffer terminal. */
import type { ContextInput } from '../../../src/lib/build/index.ts';
import { createDaemon, type DockerDaemon } from '../../../src/lib/cli/docker/index.ts';
import { createBufferTerminal, startTerminalSession, type BufferTerminal, type TerminalSession, type TerminalSessionOptions } from '../../../src/lib/terminal/index.ts';

export const DOCKERFILE = [
  'FROM alpine:3.20 AS build',
  'WORKDIR /src',
  'COPY . .',
  '',
  'FROM alpine:3.20 AS runtime',
  'RUN adduser -D app',
  'USER app',
  'WORKDIR /app',
  'COPY --from=build /src/hello.sh .',
  'CMD ["sh", "hello.sh"]',
  '',
].join('\n');

export function projectFiles(): Record<string, { content: string }> {
  return {
    Dockerfile: { content: DOCKERFILE },
    'hello.sh': { content: 'echo hello from $(whoami)\n' },
    'src/main.go': { content: 'package main\n' },
    '.dockerignore': { content: '.git\n' },
  };
}

export interface Harness {
  term: BufferTerminal;
  session: TerminalSession;
  daemon: DockerDaemon;
  /** Types each line and Enter, waiting for the command to finish. */
  enter(...lines: string[]): Promise<void>;
  /** Types raw keys and waits. */
  keys(data: string): Promise<void>;
}

export function startHarness(files: ContextInput = projectFiles(), cols = 120, options: TerminalSessionOptions = {}): Harness {
  const daemon = createDaemon({ context: () => files });
  const term = createBufferTerminal({ cols, rows: 24 });
  const session = startTerminalSession(term, daemon, { color: false, ...options });
  const keys = async (data: string): Promise<void> => {
    session.type(data);
    await session.idle();
  };
  return {
    term,
    session,
    daemon,
    keys,
    async enter(...lines) {
      for (const line of lines) await keys(`${line}\r`);
    },
  };
}

export const PROMPT = 'learner@stagecraft:~/project$ ';
