// A picture of the demo's page once it shows a project live: the sidebar, the board and the devtools' place. The
// browser tests save one as an artifact, and `pnpm demo:screenshot` keeps one in docs/ for the README.
import type { Page } from 'playwright-core';

/** The viewport the pictures are taken at. */
export const SCREENSHOT_VIEWPORT = { width: 1440, height: 900 } as const;

/** Waits until the page is live with the sidebar and the board drawn, then saves a PNG of the viewport to `path`. */
export async function screenshotLivePage(page: Page, path: string): Promise<void> {
  await page.locator('.connection[data-state="live"]').waitFor();
  await page.locator('.sidebar .row').first().waitFor();
  await page.locator('.board .card').first().waitFor();
  await page.screenshot({ path, animations: 'disabled' });
}
