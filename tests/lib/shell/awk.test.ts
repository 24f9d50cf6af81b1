/**
 * awk against mawk 1.3.4 (Debian bookworm's /usr/bin/awk): every row was recorded under dash with
 * LC_ALL=C. BusyBox 1.35's awk printed the same for each of them except `^`, which Debian builds
 * without math support.
 */
import { expect, test } from 'vitest';
import { gnuTree, sh } from './fixtures.ts';

const RECORDED: [script: string, status: number, stdout: string][] = [
  ["echo \"a b c\" | awk '{print $2}'", 0, "b\n"],
  ["echo \"a b c\" | awk '{print $NF, NF}'", 0, "c 3\n"],
  ["printf 'root:x:0:0\\nnode:x:1000:1000\\n' | awk -F: '{print $1}'", 0, "root\nnode\n"],
  ["printf 'root:x:0:0\\nnode:x:1000:1000\\n' | awk -F: '$3 >= 1000 {print $1}'", 0, "node\n"],
  ["printf '1\\n2\\n3\\n' | awk '{s+=$1} END {print s}'", 0, "6\n"],
  ["printf 'a\\nb\\nc\\n' | awk 'NR==2'", 0, "b\n"],
  ["printf 'foo 1\\nbar 2\\n' | awk '/bar/ {print $2}'", 0, "2\n"],
  ["printf 'x\\n' | awk 'BEGIN {print \"start\"} {print} END {print \"end\", NR}'", 0, "start\nx\nend 1\n"],
  ["echo \"a b\" | awk '{print $2 \"-\" $1}'", 0, "b-a\n"],
  ["echo \"3 4\" | awk '{print $1 * $2, $1 / $2, $1 % 2, $1 ^ 2}'", 0, "12 0.75 1 9\n"],
  ["echo \"hello world\" | awk '{print length($1), toupper($2), substr($2, 2, 3), index($0, \"o\")}'", 0, "5 WORLD orl 5\n"],
  ["printf 'k=v\\n' | awk -F= '{printf \"%s is %s\\n\", $1, $2}'", 0, "k is v\n"],
  ["printf 'a 1\\nb 2\\na 3\\n' | awk '{c[$1]+=$2} END {print c[\"a\"], c[\"b\"]}'", 0, "4 2\n"],
  ["echo \"a,b,c\" | awk '{n = split($0, parts, \",\"); print n, parts[3]}'", 0, "3 c\n"],
  ["printf '5\\n15\\n' | awk '{if ($1 > 10) print \"big\"; else print \"small\"}'", 0, "small\nbig\n"],
  ["awk 'BEGIN {for (i = 1; i <= 3; i++) print i}'", 0, "1\n2\n3\n"],
  ["awk -v name=world 'BEGIN {print \"hello \" name}'", 0, "hello world\n"],
  ["echo \"a b c\" | awk '{$2 = \"X\"; print}'", 0, "a X c\n"],
  ["echo \"  lead  trail  \" | awk '{print $1 \"|\" $2}'", 0, "lead|trail\n"],
  ["echo \"path/to/file\" | awk -F/ '{print $NF}'", 0, "file\n"],
  ["echo \"x\" | awk '{print NR \": \" $0}'", 0, "1: x\n"],
  ["echo \"abcabc\" | awk '{gsub(/b/, \"B\"); print}'", 0, "aBcaBc\n"],
  ["echo \"1.5 2.25\" | awk '{print $1 + $2}'", 0, "3.75\n"],
  ["printf 'a\\nb\\n' | awk 'END {print NR}'", 0, "2\n"],
  ["echo \"x y\" | awk '{ print ($1 == \"x\") ? \"yes\" : \"no\" }'", 0, "yes\n"],
  ["awk 'BEGIN { printf \"%5.2f|%-4s|%03d\\n\", 3.14159, \"ab\", 7 }'", 0, " 3.14|ab  |007\n"],
  ["echo \"a b\" | awk '{ exit 3 }'; echo $?", 0, "3\n"],
  ["printf 'l1\\nl2\\nl3\\n' | awk 'NR > 1 { next } { print }'", 0, "l1\n"],
  ["echo \"10 20\" | awk '{ print $1 < $2, \"10\" < \"9\", $1 < 9 }'", 0, "1 1 0\n"],
];

test.each(RECORDED)('%s', (script, status, stdout) => {
  const r = sh(script, { fs: gnuTree() });
  expect([r.exitCode, r.stdout, r.stderr]).toEqual([status, stdout, '']);
});

test('unsupported parts say so', () => {
  expect(sh("echo a | awk '{print > \"/tmp/x\"}'", { fs: gnuTree() }).stderr).toBe('awk: output redirection is not simulated by Stagecraft\n');
});
