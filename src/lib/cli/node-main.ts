/** The Node host: real files, the process's streams and exit status. */
import { createHash } from 'node:crypto';
import { lstatSync, mkdirSync, readdirSync, readFileSync, readlinkSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import process from 'node:process';
import type { CliIo } from './io.ts';
import { main } from './main.ts';
import { fsStateHost } from './state/fs-host.ts';
import { sourceStamp } from './state/source-stamp.ts';

const io: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  readFile(path) {
    try {
      return { ok: true, value: readFileSync(resolve(process.cwd(), path), 'utf8') };
    } catch (e) {
      const code = (e as { code?: string }).code;
      const why = code === 'ENOENT' ? 'no such file or directory' : code === 'EISDIR' ? 'is a directory' : String(e);
      return { ok: false, error: `open ${path}: ${why}` };
    }
  },
  cwd: process.cwd(),
  env: process.env,
};

// Folder reading and the --state folder (images, cache) for build/images/history/inspect/rmi.
Object.assign(io, fsStateHost({ readdirSync, lstatSync, readFileSync, readlinkSync, writeFileSync, mkdirSync }, Date.now));

// The build cache is stamped with this simulator (src/lib, code and data), hashed once, on first use.
let stamp: string | undefined;
const simulatorStamp = (): string =>
  (stamp ??= sourceStamp({ readdirSync, lstatSync, readFileSync }, fileURLToPath(new URL('..', import.meta.url)), () => createHash('sha256')));
Object.assign(io, { simulatorStamp });

process.exitCode = await main(process.argv.slice(2), io);
