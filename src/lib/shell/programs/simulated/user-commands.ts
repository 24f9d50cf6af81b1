/**
 * adduser and addgroup exist in two flavours: BusyBox applets (Alpine, busybox images) and Debian's
 * Perl scripts. The flavour follows the program file: one that resolves to busybox speaks BusyBox.
 */
import type { Command } from '../../command.ts';
import { busyboxAdduser, busyboxAddgroup } from './busybox-users.ts';
import { debianAdduser, debianAddgroup } from './debian-users.ts';

export const adduser: Command = {
  name: 'adduser',
  run: (args, ctx) => (ctx.flavor === 'busybox' ? busyboxAdduser(args, ctx) : debianAdduser(args, ctx)),
};

export const addgroup: Command = {
  name: 'addgroup',
  run: (args, ctx) => (ctx.flavor === 'busybox' ? busyboxAddgroup(args, ctx) : debianAddgroup(args, ctx)),
};
