/** chmod mode operands: octal (`755`, `0644`, `4755`) and symbolic (`u+x`, `go-w`, `a=rX`, `+x`). */

const UMASK = 0o022;

/**
 * The new permission bits for `spec` applied to `current`; undefined when `spec` is not a mode.
 * `X` adds execute only to directories and to files already executable by someone.
 */
export function parseMode(spec: string, current: number, isDir: boolean): number | undefined {
  if (/^[0-7]{1,4}$/.test(spec)) {
    const value = parseInt(spec, 8);
    // GNU chmod keeps a directory's setuid/setgid bits unless the octal mode has 5 digits or sets them.
    return isDir && spec.length <= 3 ? value | (current & 0o6000) : value;
  }
  let mode = current;
  for (const clause of spec.split(',')) {
    const m = /^([ugoa]*)((?:[-+=][rwxXstugo]*)+)$/.exec(clause);
    if (m === null) return undefined;
    const who = m[1] as string;
    const mask = who === '' ? 0o7777 & ~UMASK : whoMask(who);
    const whoBits = who === '' || who.includes('a') ? 'ugo' : who;
    for (const action of (m[2] as string).match(/[-+=][rwxXstugo]*/g) ?? []) {
      const op = action[0] as string;
      let bits = 0;
      for (const p of action.slice(1)) {
        if (p === 'r') bits |= 0o444;
        else if (p === 'w') bits |= 0o222;
        else if (p === 'x') bits |= 0o111;
        else if (p === 'X') bits |= isDir || (mode & 0o111) !== 0 ? 0o111 : 0;
        else if (p === 's') bits |= (whoBits.includes('u') ? 0o4000 : 0) | (whoBits.includes('g') ? 0o2000 : 0);
        else if (p === 't') bits |= 0o1000;
        else bits |= copyFrom(mode, p);
      }
      const applied = bits & (mask | 0o7000) & (who === '' ? ~UMASK : 0o7777) & whoMask(whoBits);
      if (op === '+') mode |= applied;
      else if (op === '-') mode &= ~applied;
      else mode = (mode & ~whoMask(whoBits)) | applied;
    }
  }
  return mode & 0o7777;
}

/** The permission bits (with their special bit) that u, g, o stand for. */
function whoMask(who: string): number {
  let mask = 0;
  if (who.includes('u') || who.includes('a')) mask |= 0o4700;
  if (who.includes('g') || who.includes('a')) mask |= 0o2070;
  if (who.includes('o') || who.includes('a')) mask |= 0o1007;
  return mask;
}

/** `g=u`: the rwx of one class, spread to all classes (then masked by who). */
function copyFrom(mode: number, from: string): number {
  const shift = from === 'u' ? 6 : from === 'g' ? 3 : 0;
  const rwx = (mode >> shift) & 7;
  return (rwx << 6) | (rwx << 3) | rwx;
}
