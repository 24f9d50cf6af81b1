/** The Node host: real files, the process's streams and exit status. */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import process from 'node:process';
import type { CliIo } from './io.ts';
import { main } from './main.ts';

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

process.exitCode = await main(process.argv.slice(2), io);
