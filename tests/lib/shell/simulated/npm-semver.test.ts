import { describe, expect, test } from 'vitest';
import { satisfiesRange } from '../../../../src/lib/shell/programs/simulated/npm-semver.ts';

/** Each row: range, versions it accepts, versions it refuses (as node-semver 7 answers `satisfies`). */
const cases: [string, string[], string[]][] = [
  ['>=18', ['18.0.0', '24.21.0'], ['17.9.9']],
  ['>= 10.0.0', ['10.0.0', '22.1.0'], ['9.11.2']],
  ['>= 10.x', ['10.0.0'], ['9.0.0']],
  ['^22.20 || ^24.12 || >=25', ['22.20.0', '22.23.2', '24.12.0', '25.0.0'], ['22.12.0', '23.0.0', '24.11.1', '20.19.0']],
  ['^20.19.0 || >=22.12.0', ['20.19.0', '20.20.2', '22.12.0'], ['20.18.9', '21.0.0', '22.11.0']],
  ['^10 || ^12 || ^13.7 || ^14 || >=15.0.1', ['13.7.0', '15.0.1'], ['13.6.0', '15.0.0', '11.0.0']],
  ['^0.2.3', ['0.2.3', '0.2.9'], ['0.3.0', '0.2.2']],
  ['^0.0.3', ['0.0.3'], ['0.0.4']],
  ['~1.2', ['1.2.0', '1.2.9'], ['1.3.0']],
  ['~1.2.3', ['1.2.3'], ['1.3.0', '1.2.2']],
  ['1.2.x', ['1.2.7'], ['1.3.0']],
  ['>1.2', ['1.3.0'], ['1.2.9']],
  ['<=1.2', ['1.2.9'], ['1.3.0']],
  ['>=1.0.0 <2', ['1.9.9'], ['2.0.0', '0.9.0']],
  ['1.2 - 2.3', ['1.2.0', '2.3.9'], ['2.4.0', '1.1.9']],
  ['*', ['0.0.1', '24.0.0'], []],
  ['', ['1.0.0'], []],
];

describe('satisfiesRange', () => {
  test.each(cases)('%s', (range, accepted, refused) => {
    expect(accepted.map((v) => satisfiesRange(v, range))).toEqual(accepted.map(() => true));
    expect(refused.map((v) => satisfiesRange(v, range))).toEqual(refused.map(() => false));
  });

  test('a range or version npm could not parse satisfies nothing', () => {
    expect([satisfiesRange('22.1.0', 'node 22'), satisfiesRange('22.1', '>=18'), satisfiesRange('latest', '*')]).toEqual([false, false, false]);
  });
});
