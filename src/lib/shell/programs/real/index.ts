/** The programs Stagecraft runs for real over the vfs: coreutils, grep, sed, find, tar and the shells. */
import type { Command } from '../../command.ts';
import { chgrp, chmod, chown, stat } from './attributes.ts';
import { awk } from './awk.ts';
import { sha256sum } from './checksum.ts';
import { dd, fallocate, truncate } from './sizes.ts';
import { echo, printf } from './echo.ts';
import { cp, install, ln, mkdir, mktemp, mv, readlink, realpath, rm, rmdir, touch } from './files.ts';
import { find } from './find.ts';
import { grep } from './grep.ts';
import { du, ls } from './listing.ts';
import { sed } from './sed.ts';
import { busyboxProgram, shellPrograms } from './shells.ts';
import {
  basename, colon, date, dirname, env, falseCommand, hostname, id, nproc, printenv, pwd, seq, sleep, trueCommand, uname, which, whoami,
} from './system.ts';
import { tar } from './tar.ts';
import { bracket, test } from './test.ts';
import { cat, cut, head, sort, tail, tee, tr, uniq, wc, xargs } from './text.ts';

export { dashEcho } from './echo.ts';

export const realCommands: readonly Command[] = [
  ...shellPrograms, busyboxProgram,
  echo, printf, test, bracket, trueCommand, falseCommand, colon, pwd,
  cat, wc, head, tail, sort, uniq, tr, cut, tee, xargs, grep, sed, awk,
  ls, du, mkdir, touch, rm, rmdir, cp, mv, ln, readlink, realpath, install, mktemp, chmod, chown, chgrp, stat, find, tar,
  id, whoami, env, printenv, sleep, date, hostname, uname, nproc, which, basename, dirname, seq, sha256sum, dd, fallocate, truncate,
];
