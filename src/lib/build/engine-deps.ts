/**
 * What the engine needs from its neighbours, as function types: the Dockerfile parser, the image
 * catalogue and the shell. `build()` wires the real modules; tests and the UI may pass their own.
 */
import type { Result } from '../diagnostics.ts';
import type { ParseResult } from '../dockerfile/index.ts';
import type { BaseImage, ImageRefError } from '../images/index.ts';
import type { Cred, DirNode } from '../vfs/index.ts';

export interface RunRequest {
  /** The full argv: `['/bin/sh', '-c', script]` for shell form, the JSON array for exec form. */
  argv: string[];
  fs: DirNode;
  cred: Cred;
  user: string;
  cwd: string;
  env: Record<string, string>;
}

export interface RunOutcome {
  exitCode: number;
  stdout: string;
  stderr: string;
  fs: DirNode;
  effects: readonly { by: string; summary: string; paths?: readonly string[]; bytes?: number }[];
}

export interface EngineDeps {
  parse(text: string): ParseResult;
  loadImage(ref: string): Result<BaseImage, ImageRefError>;
  run(request: RunRequest): RunOutcome;
}
