/**
 * Writes random kernel cases (operation lines without answers) for record.py to answer:
 *   npx node tests/lib/vfs/kernel/generate.ts paths 250 11 > tests/lib/vfs/kernel/paths.cases
 *   npx node tests/lib/vfs/kernel/generate.ts permissions 300 12 > tests/lib/vfs/kernel/permissions.cases
 *   sudo python3 tests/lib/vfs/kernel/record.py tests/lib/vfs/kernel/paths.cases   (and permissions)
 * `paths` runs as root over a tangle of symlinks, `.`, `..` and trailing slashes; `permissions` builds
 * owners and modes as root, then acts as uid 1000 (group 1000, supplementary group 50).
 */
import fc from 'fast-check';

const join = (parts: readonly string[], lead: string, trail: boolean): string => lead + parts.join('/') + (trail ? '/' : '');
const rel = fc.array(fc.constantFrom('a', 'b', 'c', '.', '..'), { minLength: 1, maxLength: 4 }).map((p) => join(p, '', false));

function pathCases(): fc.Arbitrary<string[]> {
  const at = fc
    .tuple(fc.array(fc.constantFrom('a', 'b', 'c', '..'), { minLength: 1, maxLength: 3 }), fc.boolean())
    .map(([p, slash]) => join(p, '/', slash));
  const target = fc.oneof(rel, rel.map((r) => `/${r}`), fc.constant('a/'), fc.constant(''));
  const link = fc.tuple(at, target).map(([p, t]) => `link ${p} -> ${t}`);
  const item = fc.oneof(
    at.map((p) => `dir ${p}`),
    at.map((p) => `file ${p}`),
    link,
    link,
    at.map((p) => `unlink ${p}`),
    at.map((p) => `rmdir ${p}`),
    fc.tuple(at, rel).map(([p, q]) => `rename ${p} /${q}`),
  );
  const probe = fc
    .tuple(fc.constantFrom('stat', 'lstat'), rel, fc.boolean())
    .map(([op, p, slash]) => `${op} /${p}${slash ? '/' : ''}`);
  return fc.tuple(fc.array(item, { maxLength: 12 }), fc.array(probe, { minLength: 1, maxLength: 8 })).map(([i, p]) => [...i, ...p]);
}

function permissionCases(): fc.Arbitrary<string[]> {
  const path = fc.array(fc.constantFrom('a', 'b'), { minLength: 1, maxLength: 2 }).map((p) => join(p, '/', false));
  const mode = fc.constantFrom('755', '700', '750', '770', '775', '777', '711', '644', '600', '640', '1777', '2775', '1770', '555', '000', '070', '007', '100', '010');
  const item = fc.oneof(
    path.map((p) => `dir ${p}`),
    path.map((p) => `file ${p}`),
    fc.tuple(path, fc.constantFrom('a', '../b', '/c', 'a/b')).map(([p, t]) => `link ${p} -> ${t}`),
    fc.tuple(path, mode).map(([p, m]) => `chmod ${p} ${m}`),
    fc.tuple(path, fc.constantFrom('0', '1000', '1001'), fc.constantFrom('0', '50', '1000', '1001')).map(([p, u, g]) => `chown ${p} ${u}:${g}`),
  );
  const ops = ['stat', 'lstat', 'lstat', 'lstat', 'read', 'write', 'mkdir', 'unlink', 'rmdir', 'listdir', 'exec'];
  const probe = fc.oneof(
    fc.tuple(fc.constantFrom(...ops), path).map(([op, p]) => `${op} ${p}`),
    fc.tuple(path, path).map(([p, q]) => `rename ${p} ${q}`),
    fc.tuple(path, mode).map(([p, m]) => `chmod ${p} ${m}`),
    fc.tuple(path, fc.constantFrom('0', '50', '1000')).map(([p, g]) => `chgrp ${p} ${g}`),
  );
  return fc
    .tuple(fc.array(item, { maxLength: 16 }), fc.array(probe, { minLength: 1, maxLength: 10 }))
    .map(([i, p]) => [...i, 'as 1000:1000:50', ...p]);
}

const [kind = 'paths', count = '250', seed = '1'] = process.argv.slice(2);
const cases = fc.sample(kind === 'paths' ? pathCases() : permissionCases(), { numRuns: Number(count), seed: Number(seed) });
process.stdout.write(cases.map((lines, i) => [`## ${i + 1}`, ...lines, ''].join('\n')).join('\n'));
