/**
 * Saves a full-page PNG of every page at 375 and 1280 px wide, in both themes, into screenshots/
 * (`npm run screenshots`, after `astro build`). For looking at, not for comparing.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { launchBrowser, pageName, sitePaths, startPreview } from './harness.ts';

const outDir = join(import.meta.dirname, '..', '..', 'screenshots');
mkdirSync(outDir, { recursive: true });

const preview = await startPreview();
const session = await launchBrowser();
try {
  for (const colorScheme of ['light', 'dark'] as const) {
    for (const width of [375, 1280]) {
      const context = await session.browser.newContext({ colorScheme, viewport: { width, height: 800 } });
      const page = await context.newPage();
      for (const path of sitePaths()) {
        await page.goto(`${preview.origin}${path}`, { waitUntil: 'networkidle' });
        const file = join(outDir, `${pageName(path)}-${width}-${colorScheme}.png`);
        await page.screenshot({ path: file, fullPage: true });
        console.log(file);
      }
      await context.close();
    }
  }
} finally {
  await session.close();
  await preview.stop();
}
