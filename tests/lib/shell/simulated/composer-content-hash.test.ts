/**
 * Composer's lock content-hash. Expected hashes were computed by real Composer (Debian 12's composer
 * 2.5.5 under PHP 8.2: `Composer\\Package\\Locker::getContentHash(<composer.json text>)`), and the
 * json_encode texts by PHP 8.2's json_encode; the md5 vectors are RFC 1321's.
 */
import { describe, expect, test } from 'vitest';
import { composerContentHash, phpJsonEncode } from '../../../../src/lib/shell/programs/simulated/composer-content-hash.ts';
import { md5Hex } from '../../../../src/lib/shell/programs/simulated/md5.ts';

describe('md5Hex', () => {
  test.each([
    ['', 'd41d8cd98f00b204e9800998ecf8427e'],
    ['a', '0cc175b9c0f1b6a831c399e269772661'],
    ['abc', '900150983cd24fb0d6963f7d28e17f72'],
    ['message digest', 'f96b697d7cb7938d525a2f31aaf161d0'],
    ['abcdefghijklmnopqrstuvwxyz', 'c3fcd3d76192e4007dfb496cca67e13b'],
    ['ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789', 'd174ab98d277d9f5a5611c2c9f419d9f'],
    ['1234567890'.repeat(8), '57edf4a22be3c955ac49da2e2107b67a'],
  ])('RFC 1321: md5(%j)', (text, digest) => {
    expect(md5Hex(text)).toBe(digest);
  });
});

describe('phpJsonEncode: json_encode($value, 0) of what json_decode($text, true) gives (recorded from PHP 8.2)', () => {
  test.each([
    ['{"emoji":"😀 ünï","ctl":"tab\\tnew\\nline\\u0001","quote":"\\"q\\" \\\\ /","del":"\\u007f"}', '{"emoji":"\\ud83d\\ude00 \\u00fcn\\u00ef","ctl":"tab\\tnew\\nline\\u0001","quote":"\\"q\\" \\\\ \\/","del":"\u007f"}'],
    ['{"n":[1,-2,1.5,0.1,1e-5,0.0001,1e16,1e17,2.5e-10,1.0,100]}', '{"n":[1,-2,1.5,0.1,1.0e-5,0.0001,10000000000000000,1.0e+17,2.5e-10,1,100]}'],
    ['{"list":{"0":"a","1":"b"},"notlist":{"1":"a"},"nested":[{"a":[]},{}],"t":true,"f":false,"z":null}', '{"list":["a","b"],"notlist":{"1":"a"},"nested":[{"a":[]},[]],"t":true,"f":false,"z":null}'],
  ])('%s', (text, encoded) => {
    expect(phpJsonEncode(JSON.parse(text))).toBe(encoded);
  });
});

describe('composerContentHash matches Composer\'s Locker::getContentHash', () => {
  test.each([
  ["the three-stage example's composer.json (indented, with keys that do not count)", "{\n    \"name\": \"example/three-stage-pages\",\n    \"description\": \"The pages of the three-stage example, written in Markdown and built by HydePHP\",\n    \"type\": \"project\",\n    \"require\": {\n        \"php\": \"^8.2\",\n        \"hyde/framework\": \"^1.7\"\n    }\n}\n", '0f482033451b159d58a56f95e0f470e1'],
  ["name and require: `/` is escaped", "{\"name\":\"a/b\",\"require\":{\"php\":\">=8.1\"}}", 'b69ffcca18d652d1bf0757529d0b7827'],
  ["require and require-dev; description and autoload do not count", "{\"require\":{\"monolog/monolog\":\"^3.0\"},\"require-dev\":{\"phpunit/phpunit\":\"^11\"},\"description\":\"ignored\",\"autoload\":{\"psr-4\":{\"App\\\\\":\"src/\"}}}", '92b416ea8d50de982fd9a203a6acf4c9'],
  ["non-ASCII escaped as \\\\u00e9; extra with an empty list; minimum-stability, prefer-stable", "{\"name\":\"acme/caf\u00e9\",\"description\":\"x\",\"extra\":{\"laravel\":{\"dont-discover\":[]},\"branch-alias\":{\"dev-main\":\"1.0-dev\"}},\"minimum-stability\":\"dev\",\"prefer-stable\":true}", '8b90f0b2924f1e36255689d8c4a92631'],
  ["empty objects encode as [] (PHP arrays); repositories with URLs", "{\"name\":\"x/y\",\"extra\":{},\"require\":{},\"repositories\":[{\"type\":\"vcs\",\"url\":\"https://github.com/acme/repo.git\"},{\"packagist.org\":false}]}", '5f36049cf59441c643b254c506b04d8c'],
  ["config.platform counts, config's other keys do not", "{\"name\":\"x/y\",\"config\":{\"platform\":{\"php\":\"8.2.0\",\"ext-intl\":\"1.0\"},\"sort-packages\":true}}", 'adc175fca688ac1d78274dea79662abc'],
  ["config without platform", "{\"name\":\"x/y\",\"config\":{\"sort-packages\":true}}", 'f0f3c385aa0543ca7bb9239c148d4c15'],
  ["config.platform null (isset is false)", "{\"name\":\"x/y\",\"config\":{\"platform\":null}}", 'f0f3c385aa0543ca7bb9239c148d4c15'],
  ["version, a null name, conflict, replace, provide", "{\"version\":\"1.0.0\",\"name\":null,\"conflict\":{\"a/b\":\"<1.0\"},\"replace\":{\"c/d\":\"self.version\"},\"provide\":{\"psr/log-implementation\":\"1.0\"}}", 'f38edee304cbb9a7897eb8f400c2a9af'],
  ["astral characters as surrogate pairs, control characters, quotes, backslash, DEL kept", "{\"extra\":{\"emoji\":\"\ud83d\ude00 \u00fcn\u00ef\",\"ctl\":\"tab\\tnew\\nline\\u0001\",\"quote\":\"\\\"q\\\" \\\\ /\",\"del\":\"\\u007f\"}}", '7bafffdc0208f4cd8989ed7d408d2baf'],
  ["numbers: integers, floats in PHP's exponent form (1.0e-5, 1.0e+17)", "{\"extra\":{\"n\":[1,-2,1.5,0.1,1e-5,0.0001,1e16,1e17,2.5e-10,1.0,100]}}", 'f44fa8123a1ce805f7c3638e5c14e81a'],
  ["objects keyed 0..n-1 become lists, others stay objects; true, false, null", "{\"extra\":{\"list\":{\"0\":\"a\",\"1\":\"b\"},\"notlist\":{\"1\":\"a\"},\"nested\":[{\"a\":[]},{}],\"t\":true,\"f\":false,\"z\":null}}", 'a3a18e0f193235d12df3c32f5331ccd6'],
  ["top-level keys sorted (ksort), nested order kept", "{\"require-dev\":{\"b/b\":\"*\"},\"require\":{\"a/a\":\"*\"},\"name\":\"z/z\",\"prefer-stable\":false}", '2a1f3ff90ae4610fa2ba0d05d15dfb2b'],
  ])('%s', (_why, text, hash) => {
    expect(composerContentHash(JSON.parse(text) as Record<string, unknown>)).toBe(hash);
  });
});
