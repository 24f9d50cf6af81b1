import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { renderMarkdown } from '../../../../src/lib/shell/programs/simulated/markdown.ts';
import { NOT_SIMULATED_STATUS } from '../../../../src/lib/shell/command.ts';
import { AS_ROOT, chmod, type DirNode } from '../../../../src/lib/vfs/index.ts';
import { bytesAt, makeTree, nodeAt, run, textAt } from './harness.ts';

const PHP_ENV = { PHP_VERSION: '8.4.23' };
/** A tree with these programs (executable, of a nominal size) and files. */
const withPrograms = (programs: readonly string[], files: Record<string, string | number>): DirNode => {
  let tree = makeTree({ files: { ...Object.fromEntries(programs.map((p) => [p, 100_000])), ...files } });
  for (const program of programs) {
    const made = chmod(tree, AS_ROOT, program, 0o755);
    if (!made.ok) throw new Error(made.error.message);
    tree = made.value;
  }
  return tree;
};
const withPhp = (files: Record<string, string | number> = {}): DirNode => withPrograms(['/usr/local/bin/php', '/usr/bin/unzip'], files);
const composerJson = JSON.stringify({ require: { php: '^8.2', 'hyde/framework': '^1.7' }, 'require-dev': { 'phpunit/phpunit': '^11.5' } });
// content-hash: Composer 2.5.5's Locker::getContentHash of composerJson (the lock is current)
const lock = JSON.stringify({ 'content-hash': 'd6b941121e6d1b8e199a41efde13af03', packages: [{ name: 'hyde/framework', version: '1.7.0' }, { name: 'symfony/yaml', version: '7.3.3' }], 'packages-dev': [{ name: 'phpunit/phpunit', version: '11.5.42' }] });
const hydeScript = "#!/usr/bin/env php\n<?php\n\n// console\nrequire __DIR__.'/vendor/autoload.php';\n";

describe('composer', () => {
  test('install from the lock: Composer\'s lines on stderr, vendor/ with catalogue sizes, the dist cache', () => {
    const tree = withPhp({ '/app/composer.json': composerJson, '/app/composer.lock': lock });
    const r = run(tree, ['composer', 'install'], { cwd: '/app', env: { COMPOSER_ALLOW_SUPERUSER: '1' } });
    expect([r.status, r.stdout]).toEqual([0, '']);
    expect(r.stderr).toBe(
      [
        'Installing dependencies from lock file (including require-dev)',
        'Verifying lock file contents can be installed on current platform.',
        'Package operations: 3 installs, 0 updates, 0 removals',
        '  - Downloading hyde/framework (1.7.0)',
        '  - Downloading symfony/yaml (7.3.3)',
        '  - Downloading phpunit/phpunit (11.5.42)',
        '  - Installing hyde/framework (1.7.0): Extracting archive',
        '  - Installing symfony/yaml (7.3.3): Extracting archive',
        '  - Installing phpunit/phpunit (11.5.42): Extracting archive',
        'Generating autoload files',
        '',
      ].join('\n'),
    );
    expect([bytesAt(r.fs, '/app/vendor/hyde/framework'), bytesAt(r.fs, '/app/vendor/symfony/yaml'), bytesAt(r.fs, '/app/vendor/phpunit/phpunit')]).toEqual([2_200_000, 230_000, 1_900_000]);
    expect(textAt(r.fs, '/app/vendor/autoload.php')).toContain("require_once __DIR__ . '/composer/autoload_real.php';");
    expect(nodeAt(r.fs, '/app/vendor/bin/phpunit')).toMatchObject({ kind: 'file', mode: 0o755 });
    expect(bytesAt(r.fs, '/root/.cache/composer/files')).toBe(Math.round((2_200_000 + 230_000 + 1_900_000) * 0.35));
    expect(r.effects.map((e) => [e.by, e.bytes])).toEqual([['composer install', 4_330_000]]);
    // A second install has nothing to do.
    expect(run(r.fs, ['composer', 'install'], { cwd: '/app', env: { COMPOSER_ALLOW_SUPERUSER: '1' } }).stderr).toContain('Nothing to install, update or remove\n');
  });

  test('--no-dev leaves out packages-dev; --no-cache and COMPOSER_HOME decide the cache; root is warned', () => {
    const tree = withPhp({ '/app/composer.json': composerJson, '/app/composer.lock': lock });
    const r = run(tree, ['composer', 'install', '--no-dev', '--no-cache', '-o'], { cwd: '/app' });
    expect(r.stderr.split('\n').slice(0, 3)).toEqual([
      'Do not run Composer as root/super user! See https://getcomposer.org/root for details',
      'Installing dependencies from lock file',
      'Verifying lock file contents can be installed on current platform.',
    ]);
    expect(r.stderr).toContain('Generating optimized autoload files\n');
    expect([nodeAt(r.fs, '/app/vendor/phpunit'), nodeAt(r.fs, '/root/.cache/composer')]).toEqual([undefined, undefined]);
    const home = run(tree, ['composer', 'install'], { cwd: '/app', env: { COMPOSER_HOME: '/tmp', COMPOSER_ALLOW_SUPERUSER: '1' } });
    expect(bytesAt(home.fs, '/tmp/cache/files')).toBeGreaterThan(0);
    expect(home.stderr).not.toContain('Do not run Composer as root');
  });

  test('without composer.json, without php, with a lock that lacks a requirement: Composer\'s errors', () => {
    const none = run(withPhp(), ['composer', 'install'], { cwd: '/app', env: { COMPOSER_ALLOW_SUPERUSER: '1' } });
    expect([none.status, none.stderr]).toEqual([1, 'Composer could not find a composer.json file in /app\nTo initialize a project, please create a composer.json file. See https://getcomposer.org/basic-usage\n']);
    const noPhp = run(makeTree({ files: { '/app/composer.json': composerJson } }), ['composer', 'install'], { cwd: '/app' });
    expect([noPhp.status, noPhp.stderr]).toEqual([127, "/usr/bin/env: 'php': No such file or directory\n"]);
    const stale = withPhp({ '/app/composer.json': composerJson, '/app/composer.lock': JSON.stringify({ packages: [] }) });
    const r = run(stale, ['composer', 'install', '--no-dev'], { cwd: '/app', env: { COMPOSER_ALLOW_SUPERUSER: '1' } });
    expect(r.status).toBe(4);
    expect(r.stderr).toContain('  Problem 1\n    - Required package "hyde/framework" is not present in the lock file.\n');
  });

  test('without unzip, 7z or the zip extension Composer clones with git, and fails without git', () => {
    const files = { '/app/composer.json': JSON.stringify({ require: { 'symfony/yaml': '^7.3' } }), '/app/composer.lock': JSON.stringify({ 'content-hash': 'fe669030f90f15e422446c4366937571', packages: [{ name: 'symfony/yaml', version: '7.3.3' }] }) };
    const env = { COMPOSER_ALLOW_SUPERUSER: '1' };
    const noGit = run(withPrograms(['/usr/local/bin/php'], files), ['composer', 'install'], { cwd: '/app', env });
    expect([noGit.status, nodeAt(noGit.fs, '/app/vendor')]).toEqual([1, undefined]);
    expect(noGit.stderr.split('\n').slice(2)).toEqual([
      'Package operations: 1 install, 0 updates, 0 removals',
      '  - Installing symfony/yaml (7.3.3)',
      '    Failed to download symfony/yaml from dist: The zip extension and unzip/7z commands are both missing, skipping.',
      '    Now trying to download from source',
      '',
      '  git was not found in your PATH, skipping source download',
      '',
      '',
    ]);
    const git = run(withPrograms(['/usr/local/bin/php', '/usr/bin/git'], files), ['composer', 'install'], { cwd: '/app', env });
    expect(git.status).toBe(0);
    expect(git.stderr).toContain('  - Syncing symfony/yaml (7.3.3) into cache\n  - Installing symfony/yaml (7.3.3): Cloning ');
    expect(bytesAt(git.fs, '/app/vendor/symfony/yaml')).toBe(230_000);
  });

  test('install without a lock resolves through the catalogue and writes composer.lock', () => {
    const tree = withPhp({ '/app/composer.json': JSON.stringify({ require: { 'spatie/yaml-front-matter': '^2.1' } }) });
    const r = run(tree, ['composer', 'install'], { cwd: '/app', env: { COMPOSER_ALLOW_SUPERUSER: '1' } });
    expect(r.stderr.split('\n').slice(0, 8)).toEqual([
      'No composer.lock file present. Updating dependencies to latest instead of installing from lock file. See https://getcomposer.org/install for more information.',
      'Loading composer repositories with package information',
      'Updating dependencies',
      'Lock file operations: 2 installs, 0 updates, 0 removals',
      '  - Locking spatie/yaml-front-matter (2.1.0)',
      '  - Locking symfony/yaml (7.3.3)',
      'Writing lock file',
      'Installing dependencies from lock file (including require-dev)',
    ]);
    const written = JSON.parse(textAt(r.fs, '/app/composer.lock') ?? '{}') as { 'content-hash': string; packages: { name: string }[] };
    expect(written.packages.map((p) => p.name)).toEqual(['spatie/yaml-front-matter', 'symfony/yaml']);
    // recorded: Composer 2.5.5's Locker::getContentHash of this composer.json
    expect(written['content-hash']).toBe('f8f1b8581cc108e75f24e7f58887a705');
  });

  test('require adds the constraint Composer picks and installs', () => {
    const r = run(withPhp(), ['composer', 'require', 'league/commonmark'], { cwd: '/app', env: { COMPOSER_ALLOW_SUPERUSER: '1' } });
    expect(r.status).toBe(0);
    expect(r.stderr.split('\n').slice(0, 3)).toEqual(['Using version ^2.7 for league/commonmark', './composer.json has been created', 'Running composer update league/commonmark']);
    expect(JSON.parse(textAt(r.fs, '/app/composer.json') ?? '{}')).toEqual({ require: { 'league/commonmark': '^2.7' } });
    expect(bytesAt(r.fs, '/app/vendor/league/commonmark')).toBe(1_000_000);
    // recorded: Composer 2.5.5's Locker::getContentHash of the composer.json require wrote
    expect((JSON.parse(textAt(r.fs, '/app/composer.lock') ?? '{}') as { 'content-hash': string })['content-hash']).toBe('e88754dcdc0b34005bb9d86914a2e175');
  });
});

describe('php', () => {
  test('-v and -r echo; other code and unknown scripts are reported as not simulated', () => {
    expect(run(withPhp(), ['php', '-v'], { env: PHP_ENV }).stdout.split('\n')[0]).toBe('PHP 8.4.23 (cli) (NTS)');
    expect(run(withPhp(), ['php', '-r', 'echo "a\\n", PHP_VERSION . PHP_EOL;'], { env: PHP_ENV }).stdout).toBe('a\n8.4.23\n');
    const code = run(withPhp(), ['php', '-r', 'file_put_contents("x", 1);']);
    expect([code.status, code.stderr]).toEqual([NOT_SIMULATED_STATUS, 'php: php -r \'file_put_contents("x", 1);\' is not simulated by Stagecraft (it does not execute PHP; `php hyde build`, `php -r \'echo …;\'` and `php -v` are simulated)\n']);
    expect(run(withPhp({ '/app/index.php': '<?php echo 1;' }), ['php', 'index.php'], { cwd: '/app' }).status).toBe(NOT_SIMULATED_STATUS);
  });

  test("Composer's installer: php -r copy() downloads it, php composer-setup.php installs, unlink() removes it", () => {
    let tree = withPhp({ '/app/composer.json': JSON.stringify({ require: { 'symfony/yaml': '^7.3' } }) });
    const copied = run(tree, ['php', '-r', "copy('https://getcomposer.org/installer', 'composer-setup.php');"], { cwd: '/app' });
    expect([copied.status, nodeAt(copied.fs, '/app/composer-setup.php')]).toMatchObject([0, { kind: 'file', size: 58000, origin: { by: 'php copy' } }]);
    const setup = run(copied.fs, ['php', 'composer-setup.php', '--install-dir=/usr/local/bin', '--filename=composer'], { cwd: '/app' });
    expect([setup.status, setup.stdout]).toEqual([0, 'All settings correct for using Composer\nDownloading...\n\nComposer (version 2.10.2) successfully installed to: /usr/local/bin/composer\nUse it: php /usr/local/bin/composer\n\n']);
    expect(nodeAt(setup.fs, '/usr/local/bin/composer')).toMatchObject({ size: 3_100_000, mode: 0o755 });
    tree = run(setup.fs, ['php', '-r', "unlink('composer-setup.php');"], { cwd: '/app' }).fs;
    expect(nodeAt(tree, '/app/composer-setup.php')).toBeUndefined();
    // The same installer piped from curl, and composer.phar run through php.
    const piped = run(withPhp({ '/app/composer.json': '{}' }), ['php', '--', '--install-dir=/app'], { cwd: '/app', stdin: '# simulated download of https://getcomposer.org/installer (58000 bytes): Stagecraft has no network\n' });
    expect(nodeAt(piped.fs, '/app/composer.phar')).toMatchObject({ size: 3_100_000 });
    const phar = run(piped.fs, ['php', 'composer.phar', 'install'], { cwd: '/app', env: { COMPOSER_ALLOW_SUPERUSER: '1' } });
    expect([phar.status, phar.stderr]).toEqual([0, 'No composer.lock file present. Updating dependencies to latest instead of installing from lock file. See https://getcomposer.org/install for more information.\nLoading composer repositories with package information\nUpdating dependencies\nLock file operations: 0 installs, 0 updates, 0 removals\nWriting lock file\nInstalling dependencies from lock file (including require-dev)\nNothing to install, update or remove\nGenerating autoload files\n']);
    const hashed = run(withPhp(), ['php', '-r', "if (hash_file('sha384', 'composer-setup.php') === 'x') { echo 'ok'; }"]);
    expect(hashed.status).toBe(NOT_SIMULATED_STATUS);
  });

  test('a missing script: PHP\'s "Could not open input file"', () => {
    const r = run(withPhp(), ['php', 'artisan', 'migrate'], { cwd: '/app' });
    expect([r.status, r.stdout, r.stderr]).toEqual([1, 'Could not open input file: artisan\n', '']);
  });

  test('hyde before composer install: the require of vendor/autoload.php fails as PHP reports it', () => {
    const r = run(withPhp({ '/site/hyde': hydeScript }), ['php', 'hyde', 'build'], { cwd: '/site' });
    expect(r.status).toBe(255);
    expect(r.stderr).toBe(
      "PHP Warning:  require(/site/vendor/autoload.php): Failed to open stream: No such file or directory in /site/hyde on line 5\n" +
        "PHP Fatal error:  Uncaught Error: Failed opening required '/site/vendor/autoload.php' (include_path='.:/usr/local/lib/php') in /site/hyde:5\nStack trace:\n#0 {main}\n  thrown in /site/hyde on line 5\n",
    );
    expect(r.stdout).toBe(
      "\nWarning: require(/site/vendor/autoload.php): Failed to open stream: No such file or directory in /site/hyde on line 5\n" +
        "\nFatal error: Uncaught Error: Failed opening required '/site/vendor/autoload.php' (include_path='.:/usr/local/lib/php') in /site/hyde:5\nStack trace:\n#0 {main}\n  thrown in /site/hyde on line 5\n",
    );
  });

  test('php hyde build renders _pages, _posts and _docs, copies _media and html pages, skips Blade', () => {
    const tree = withPhp({
      '/site/hyde': hydeScript,
      '/site/vendor/autoload.php': '<?php',
      '/site/_site/stale.html': 'old',
      '/site/_pages/index.md': '# Home\n\nSee [the post](posts/hello.html).\n',
      '/site/_pages/about.blade.php': '@extends("layout")',
      '/site/_pages/raw.html': '<p>raw</p>\n',
      '/site/_posts/hello.md': '---\ntitle: "Hello"\n---\n- one\n- two\n',
      '/site/_docs/install.md': '## Install\n\n```sh\ncomposer install\n```\n',
      '/site/_media/app.css': 'body{}',
    });
    const r = run(tree, ['php', 'hyde', 'build'], { cwd: '/site' });
    expect(r.status).toBe(0);
    expect(r.stderr).toBe('  Skipped _pages/about.blade.php: Blade templates are not simulated by Stagecraft\n');
    expect(r.stdout).toBe(
      'Building your static site!\n\nTransferring Media Assets...\n 1/1 [============================] 100%\n\n' +
        'Creating Markdown Pages...\n 2/3 [============================] 100%\n\nCreating Markdown Posts...\n 1/1 [============================] 100%\n\n' +
        'Creating Documentation Pages...\n 1/1 [============================] 100%\n\nYour static site has been built!\nSite files are saved in /site/_site\n',
    );
    expect(nodeAt(r.fs, '/site/_site/stale.html')).toBeUndefined();
    expect(textAt(r.fs, '/site/_site/media/app.css')).toBe('body{}');
    expect(textAt(r.fs, '/site/_site/raw.html')).toBe('<p>raw</p>\n');
    const index = textAt(r.fs, '/site/_site/index.html') ?? '';
    expect(index).toContain('<title>HydePHP - Home</title>\n    <link rel="stylesheet" href="media/app.css">');
    expect(index).toContain('<main>\n<h1>Home</h1>\n<p>See <a href="posts/hello.html">the post</a>.</p>\n</main>');
    const post = textAt(r.fs, '/site/_site/posts/hello.html') ?? '';
    expect(post).toContain('<title>HydePHP - Hello</title>\n    <link rel="stylesheet" href="../media/app.css">');
    expect(post).toContain('<ul>\n<li>one</li>\n<li>two</li>\n</ul>');
    expect(textAt(r.fs, '/site/_site/docs/install.html')).toContain('<h2>Install</h2>\n<pre><code class="language-sh">composer install\n</code></pre>');
    expect(nodeAt(r.fs, '/site/_site/index.html')).toMatchObject({ origin: { simulated: true, by: 'php hyde build' } });
    expect(r.effects.map((e) => e.summary)).toEqual(['rendered 4 pages into /site/_site with a minimal layout (simulated)']);
  });
});

describe('markdown', () => {
  test('inline markup is escaped and converted', () => {
    expect(renderMarkdown('Use `<b>` and **bold**, *em*, ![x](a.png) & more.').html).toBe('<p>Use <code>&lt;b&gt;</code> and <strong>bold</strong>, <em>em</em>, <img src="a.png" alt="x" /> &amp; more.</p>\n');
    expect(renderMarkdown('> quoted\n\n1. a\n2. b\n\n---\n').html).toBe('<blockquote>\n<p>quoted</p>\n</blockquote>\n<ol>\n<li>a</li>\n<li>b</li>\n</ol>\n<hr />\n');
  });

  test('any text renders (no input makes the converter loop)', () => {
    fc.assert(fc.property(fc.string({ unit: fc.constantFrom('#', ' ', '\n', '-', '*', '>', '`', '1', '.', 'a', '_', '~', '[', ']', '(', ')') }), (text) => typeof renderMarkdown(text).html === 'string'));
  });
});
