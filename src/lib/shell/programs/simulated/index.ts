/**
 * The simulated programs (package managers, toolchains, downloads: their effects are labelled
 * simulated) and the user-management tools (real edits of /etc/passwd and /etc/group), driven by the
 * data catalogues in src/lib/shell/data.
 */
import type { Command } from '../../command.ts';
import { apk } from './apk.ts';
import { apt, aptGet } from './apt-get.ts';
import { astro } from './astro.ts';
import { cargo } from './cargo.ts';
import { curl, wget } from './download.ts';
import { composer } from './composer.ts';
import { compilers } from './gcc.ts';
import { go } from './go.ts';
import { makeCommand } from './make.ts';
import { mvn } from './mvn.ts';
import { node } from './node.ts';
import { groupaddCommand, useraddCommand, usermodCommand } from './shadow-users.ts';
import { addgroup, adduser } from './user-commands.ts';
import { npm, npx } from './npm.ts';
import { php } from './php.ts';
import { pip, pip3 } from './pip.ts';
import { sass } from './sass.ts';
import { sassc } from './sassc.ts';
import { tsc } from './tsc.ts';
import { vite } from './vite.ts';

export const simulatedCommands: readonly Command[] = [
  apk,
  aptGet,
  apt,
  npm,
  npx,
  node,
  tsc,
  vite,
  astro,
  sass,
  sassc,
  php,
  composer,
  go,
  pip,
  pip3,
  cargo,
  mvn,
  ...compilers,
  makeCommand,
  curl,
  wget,
  adduser,
  addgroup,
  useraddCommand,
  groupaddCommand,
  usermodCommand,
];
