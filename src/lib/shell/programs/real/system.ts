/** Programs about the process and the system: ids, environment, time, names, PATH lookups. */
import { checkAccess, stat, X_OK } from '../../../vfs/index.ts';
import type { Command, CommandContext } from '../../command.ts';
import { badOption, busybox, complain, groupName, groups, parseOptions, userName, users } from './support.ts';

export const trueCommand: Command = { name: 'true', run: () => 0 };
export const falseCommand: Command = { name: 'false', run: () => 1 };
export const colon: Command = { name: ':', run: () => 0 };

export const pwd: Command = {
  name: 'pwd',
  run(_args, ctx) {
    ctx.stdout.write(`${ctx.cwd}\n`);
    return 0;
  },
};

/** The running user's ids: `uid=1000(node) gid=1000(node) groups=1000(node)`. */
export const id: Command = {
  name: 'id',
  run(args, ctx) {
    const opts = parseOptions(args, { flags: 'ugGnr', long: { user: 'u', group: 'g', groups: 'G', name: 'n', real: 'r' } });
    if (opts.unknown !== undefined) return badOption(ctx, opts.unknown);
    const { cred, fs } = ctx;
    let uid = cred.uid;
    let gid = cred.gid;
    let extra = cred.groups;
    const who = opts.operands[0];
    if (who !== undefined) {
      const user = lookupUser(ctx, who);
      if (user === undefined) return complain(ctx, busybox(ctx) ? `unknown user ${who}` : `'${who}': no such user`);
      ({ uid, gid } = user);
      extra = user.groups;
    }
    const name = (n: number, lookup: (fs: typeof ctx.fs, n: number) => string | undefined): string => {
      const text = lookup(fs, n);
      return text === undefined ? String(n) : `${n}(${text})`;
    };
    const allGroups = [gid, ...extra.filter((g) => g !== gid)];
    const plain = (n: number, lookup: (fs: typeof ctx.fs, n: number) => string | undefined): string =>
      opts.flags.has('n') ? (lookup(fs, n) ?? String(n)) : String(n);
    if (opts.flags.has('u')) ctx.stdout.write(`${plain(uid, userName)}\n`);
    else if (opts.flags.has('g')) ctx.stdout.write(`${plain(gid, groupName)}\n`);
    else if (opts.flags.has('G')) ctx.stdout.write(`${allGroups.map((g) => plain(g, groupName)).join(' ')}\n`);
    else {
      // BusyBox lists getgroups() as it is, and nothing when it is empty; GNU id puts the gid first.
      const shown = busybox(ctx) && who === undefined ? extra : allGroups;
      const list = shown.length > 0 ? ` groups=${shown.map((g) => name(g, groupName)).join(',')}` : '';
      ctx.stdout.write(`uid=${name(uid, userName)} gid=${name(gid, groupName)}${list}\n`);
    }
    return 0;
  },
};

/** `id NAME`: the user's ids from /etc/passwd and its supplementary groups from /etc/group. */
function lookupUser(ctx: CommandContext, who: string): { uid: number; gid: number; groups: number[] } | undefined {
  const user = users(ctx.fs).find((u) => u.name === who || String(u.uid) === who);
  if (user === undefined) return undefined;
  return { uid: user.uid, gid: user.gid, groups: groups(ctx.fs).filter((g) => g.members.includes(user.name)).map((g) => g.gid) };
}

export const whoami: Command = {
  name: 'whoami',
  run(_args, ctx) {
    const name = userName(ctx.fs, ctx.cred.uid);
    if (name === undefined) return complain(ctx, busybox(ctx) ? `unknown uid ${ctx.cred.uid}` : `cannot find name for user ID ${ctx.cred.uid}`);
    ctx.stdout.write(`${name}\n`);
    return 0;
  },
};

/** env [-i] [-u NAME] [NAME=VALUE]... [COMMAND [ARG]...] */
export const env: Command = {
  name: 'env',
  run(args, ctx) {
    let vars: Record<string, string> = { ...ctx.env };
    let i = 0;
    for (; i < args.length; i++) {
      const arg = args[i] as string;
      if (arg === '-i' || arg === '-' || arg === '--ignore-environment') vars = {};
      else if (arg === '-u') delete vars[args[++i] ?? ''];
      else if (arg === '--') {
        i++;
        break;
      } else break;
    }
    for (; i < args.length && /^[^=]+=/.test(args[i] as string); i++) {
      const arg = args[i] as string;
      const eq = arg.indexOf('=');
      vars[arg.slice(0, eq)] = arg.slice(eq + 1);
    }
    const command = args.slice(i);
    if (command.length === 0) {
      for (const [k, v] of Object.entries(vars)) ctx.stdout.write(`${k}=${v}\n`);
      return 0;
    }
    return ctx.exec(command, { env: vars, clearEnv: true });
  },
};

export const printenv: Command = {
  name: 'printenv',
  run(args, ctx) {
    if (args.length === 0) {
      for (const [k, v] of Object.entries(ctx.env)) ctx.stdout.write(`${k}=${v}\n`);
      return 0;
    }
    let status = 0;
    for (const name of args) {
      const value = ctx.env[name];
      if (value === undefined) status = 1;
      else ctx.stdout.write(`${value}\n`);
    }
    return status;
  },
};

/** sleep does not wait: the simulation has no real time. It still checks its operand. */
export const sleep: Command = {
  name: 'sleep',
  run(args, ctx) {
    if (args.length === 0) return complain(ctx, busybox(ctx) ? 'usage: sleep [N]...' : 'missing operand');
    for (const arg of args) {
      if (!/^[0-9]*\.?[0-9]+[smhd]?$/.test(arg) && arg !== 'infinity') return complain(ctx, `invalid time interval '${arg}'`);
    }
    return 0;
  },
};

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number, width = 2, fill = '0'): string => String(n).padStart(width, fill);

/** strftime for the fields people put in Dockerfiles (always UTC: containers default to it). */
export function formatDate(ms: number, format: string): string {
  const d = new Date(ms);
  return format.replace(/%([a-zA-Z%])/g, (all, c: string) => {
    switch (c) {
      case 'Y': return String(d.getUTCFullYear());
      case 'y': return pad(d.getUTCFullYear() % 100);
      case 'm': return pad(d.getUTCMonth() + 1);
      case 'd': return pad(d.getUTCDate());
      case 'e': return pad(d.getUTCDate(), 2, ' ');
      case 'H': return pad(d.getUTCHours());
      case 'M': return pad(d.getUTCMinutes());
      case 'S': return pad(d.getUTCSeconds());
      case 's': return String(Math.floor(ms / 1000));
      case 'F': return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
      case 'T': return `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
      case 'a': return DAYS[d.getUTCDay()] as string;
      case 'b': case 'h': return MONTHS[d.getUTCMonth()] as string;
      case 'j': return pad(Math.floor((ms - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86_400_000) + 1, 3);
      case 'Z': return 'UTC';
      case 'z': return '+0000';
      case 'n': return '\n';
      case 't': return '\t';
      case '%': return '%';
      default: return all;
    }
  });
}

export const date: Command = {
  name: 'date',
  run(args, ctx) {
    let format = '%a %b %e %H:%M:%S %Z %Y';
    for (const arg of args) {
      if (arg.startsWith('+')) format = arg.slice(1);
      else if (arg === '-I' || arg === '--iso-8601') format = '%F';
      else if (arg === '-R' || arg === '--rfc-2822' || arg === '--rfc-email') format = '%a, %d %b %Y %T +0000';
      else if (arg !== '-u' && arg !== '--utc') return complain(ctx, `invalid option '${arg}' (Stagecraft's date knows +FORMAT, -u, -I, -R)`);
    }
    ctx.stdout.write(`${formatDate(ctx.now, format)}\n`);
    return 0;
  },
};

export const hostname: Command = {
  name: 'hostname',
  run(_args, ctx) {
    ctx.stdout.write(`${ctx.hostname}\n`);
    return 0;
  },
};

/** Kernel release reported by `uname -r`: the Linux of Docker Desktop's VM is typical. */
const KERNEL = '6.10.14-linuxkit';

export const uname: Command = {
  name: 'uname',
  run(args, ctx) {
    const opts = parseOptions(args, { flags: 'asnrvmpio', long: { all: 'a', 'kernel-name': 's', 'nodename': 'n', 'kernel-release': 'r', machine: 'm' } });
    if (opts.unknown !== undefined) return badOption(ctx, opts.unknown);
    const fields: Record<string, string> = {
      s: 'Linux', n: ctx.hostname, r: KERNEL, v: '#1 SMP PREEMPT_DYNAMIC', m: 'x86_64', p: 'unknown', i: 'unknown', o: 'GNU/Linux',
    };
    const wanted = opts.flags.has('a') ? ['s', 'n', 'r', 'v', 'm', 'o'] : ['s', 'n', 'r', 'v', 'm', 'p', 'i', 'o'].filter((f) => opts.flags.has(f));
    if (busybox(ctx) && opts.flags.has('a')) fields['o'] = 'Linux';
    ctx.stdout.write(`${(wanted.length === 0 ? ['s'] : wanted).map((f) => fields[f]).join(' ')}\n`);
    return 0;
  },
};

export const nproc: Command = {
  name: 'nproc',
  run(_args, ctx) {
    ctx.stdout.write('4\n');
    return 0;
  },
};

/** which NAME...: the first executable of that name on PATH. */
export const which: Command = {
  name: 'which',
  run(args, ctx) {
    let status = 0;
    for (const name of args.filter((a) => !a.startsWith('-'))) {
      const candidates = name.includes('/') ? [name] : (ctx.env['PATH'] ?? '').split(':').map((dir) => `${dir}/${name}`);
      const found = candidates.find((p) => {
        const node = stat(ctx.fs, ctx.access, p);
        return node.ok && node.value.kind === 'file' && checkAccess(ctx.fs, ctx.access, p, X_OK).ok;
      });
      if (found === undefined) status = 1;
      else ctx.stdout.write(`${found}\n`);
    }
    return status;
  },
};

export const basename: Command = {
  name: 'basename',
  run(args, ctx) {
    const operands = args.filter((a) => a !== '--');
    const path = operands[0];
    if (path === undefined) return complain(ctx, 'missing operand');
    const trimmed = path.replace(/\/+$/, '');
    let base = trimmed === '' ? (path === '' ? '' : '/') : trimmed.slice(trimmed.lastIndexOf('/') + 1);
    const suffix = operands[1];
    if (suffix !== undefined && base !== suffix && base.endsWith(suffix)) base = base.slice(0, -suffix.length);
    ctx.stdout.write(`${base}\n`);
    return 0;
  },
};

export const dirname: Command = {
  name: 'dirname',
  run(args, ctx) {
    const path = args.find((a) => a !== '--');
    if (path === undefined) return complain(ctx, 'missing operand');
    const trimmed = path.replace(/\/+$/, '');
    const slash = trimmed.lastIndexOf('/');
    let dir = slash === -1 ? '.' : trimmed.slice(0, slash).replace(/\/+$/, '');
    if (dir === '' && (slash !== -1 || path.startsWith('/'))) dir = '/';
    ctx.stdout.write(`${dir}\n`);
    return 0;
  },
};

/** seq [FIRST [INCREMENT]] LAST, with -s SEPARATOR and -w. */
export const seq: Command = {
  name: 'seq',
  run(args, ctx) {
    const opts = parseOptions(args, { flags: 'w', values: 's', long: { separator: 's', 'equal-width': 'w' }, negativeNumbers: true });
    const nums = opts.operands.map(Number);
    if (nums.length === 0 || nums.length > 3 || nums.some((n) => Number.isNaN(n))) {
      return complain(ctx, nums.length === 0 ? 'missing operand' : `invalid floating point argument: '${opts.operands.find((o) => Number.isNaN(Number(o))) ?? ''}'`);
    }
    const [first, step, last] = nums.length === 1 ? [1, 1, nums[0] as number] : nums.length === 2 ? [nums[0] as number, 1, nums[1] as number] : (nums as [number, number, number]);
    if (step === 0) return complain(ctx, "invalid Zero increment value: '0'");
    const sep = opts.values.get('s')?.[0] ?? '\n';
    const width = String(Math.max(Math.abs(first), Math.abs(last))).length;
    let count = 0;
    for (let n = first; step > 0 ? n <= last : n >= last; n += step) {
      ctx.stdout.write((count++ === 0 ? '' : sep) + (opts.flags.has('w') ? String(n).padStart(width, '0') : String(n)));
    }
    if (count > 0) ctx.stdout.write('\n');
    return 0;
  },
};
