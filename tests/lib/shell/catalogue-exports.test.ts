import { expect, test } from 'vitest';
import apkJson from '../../../src/lib/shell/data/apk-packages.json' with { type: 'json' };
import aptJson from '../../../src/lib/shell/data/apt-packages.json' with { type: 'json' };
import composerJson from '../../../src/lib/shell/data/composer-packages.json' with { type: 'json' };
import downloadJson from '../../../src/lib/shell/data/downloads.json' with { type: 'json' };
import npmJson from '../../../src/lib/shell/data/npm-packages.json' with { type: 'json' };
import toolchainJson from '../../../src/lib/shell/data/toolchains.json' with { type: 'json' };
import * as shell from '../../../src/lib/shell/index.ts';

test('the shell module exposes the package catalogues as the data files hold them', () => {
  expect([
    shell.aptCatalogue,
    shell.apkCatalogue,
    shell.npmCatalogue,
    shell.toolchainCatalogue,
    shell.downloadCatalogue,
    shell.composerCatalogue,
  ]).toEqual([aptJson, apkJson, npmJson, toolchainJson, downloadJson, composerJson]);
});
