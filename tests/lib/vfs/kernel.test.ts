/**
 * Replays operations whose answers were recorded from the Linux kernel (kernel/record.py, in a
 * chroot): path resolution with symlinks, `.`/`..` and trailing slashes, and permission checks as a
 * user with a supplementary group. The vfs must answer every line as the kernel did.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import {
  AS_ROOT,
  checkAccess,
  chmod,
  chown,
  emptyTree,
  lstat,
  mkdir,
  readdir,
  readFile,
  remove,
  rename,
  resolvePath,
  stat,
  symlink,
  writeFile,
  X_OK,
} from '../../../src/lib/vfs/index.ts';
import type { Access, DirNode, FsResult } from '../../../src/lib/vfs/index.ts';

interface KernelCase {
  name: string;
  lines: string[];
}

function loadCases(file: string): KernelCase[] {
  const text = readFileSync(new URL(`./kernel/${file}`, import.meta.url), 'utf8');
  return text
    .split(/\n(?=## )/)
    .map((block) => {
      const [name = '', ...lines] = block.split('\n').filter((l) => l !== '');
      return { name, lines };
    });
}

const answer = (r: FsResult<unknown>): string => (r.ok ? 'ok' : r.error.code);

/** The vfs's answer to one operation line, and the tree after it. */
function perform(tree: DirNode, access: Access, line: string): { tree: DirNode; answer: string } {
  const [op = '', rest = ''] = [line.slice(0, line.indexOf(' ')), line.slice(line.indexOf(' ') + 1)];
  const [p = '', arg = ''] = rest.split(' ');
  const change = (r: FsResult<DirNode>) => ({ tree: r.ok ? r.value : tree, answer: answer(r) });
  const look = (a: string) => ({ tree, answer: a });
  switch (op) {
    case 'link': {
      const [path = '', target = ''] = rest.split(' -> ');
      return change(symlink(tree, access, target, path));
    }
    case 'stat': {
      const found = stat(tree, access, p);
      if (!found.ok) return look(found.error.code);
      const real = resolvePath(tree, access, p);
      return look(access.cred.uid === 0 && real.ok ? `${found.value.kind} ${real.value}` : found.value.kind);
    }
    case 'lstat': {
      const found = lstat(tree, access, p);
      if (!found.ok) return look(found.error.code);
      const { kind, uid, gid, mode } = found.value;
      return look(`${kind} ${uid}:${gid} ${mode.toString(8)}`);
    }
    case 'dir':
    case 'mkdir':
      return change(mkdir(tree, access, p));
    case 'file':
    case 'write':
      return change(writeFile(tree, access, p, { append: true }));
    case 'read':
      return look(answer(readFile(tree, access, p)));
    case 'listdir':
      return look(answer(readdir(tree, access, p)));
    case 'exec':
      return look(answer(checkAccess(tree, access, p, X_OK)));
    case 'unlink':
    case 'rmdir':
      return change(remove(tree, access, p, { as: op }));
    case 'rename':
      return change(rename(tree, access, p, arg));
    case 'chmod':
      return change(chmod(tree, access, p, Number.parseInt(arg, 8)));
    case 'chown': {
      const [uid, gid] = arg.split(':').map(Number);
      return change(chown(tree, access, p, { ...(uid === undefined ? {} : { uid }), ...(gid === undefined ? {} : { gid }) }));
    }
    case 'chgrp':
      return change(chown(tree, access, p, { gid: Number(arg) }));
    default:
      throw new Error(`unknown operation in a kernel case: ${line}`);
  }
}

/** Every line with the vfs's answer in place of the kernel's. */
function replay(lines: readonly string[]): string[] {
  let tree = emptyTree();
  let access: Access = AS_ROOT;
  return lines.map((line) => {
    if (line.startsWith('as ')) {
      const [uid = 0, gid = 0, group = 0] = line.slice(3).split(':').map(Number);
      access = { cred: { uid, gid, groups: [group] }, cwd: '/' };
      return line;
    }
    const op = line.slice(0, line.lastIndexOf(' => '));
    const done = perform(tree, access, op);
    tree = done.tree;
    return `${op} => ${done.answer}`;
  });
}

describe.each(['paths.cases', 'permissions.cases'])('as the Linux kernel answers: %s', (file) => {
  test.each(loadCases(file).map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(replay(c.lines)).toEqual(c.lines);
  });
});
