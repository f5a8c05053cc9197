// A picture of the demo's page once it shows a project live: the sidebar, the board and the devtools panel. The
// browser tests save one as an artifact, and `pnpm demo:screenshot` keeps one in docs/ for the README.
import type { Page } from 'playwright-core';

/** The viewport the pictures are taken at. */
// Wide enough for the devtools panel to take a column of its own beside the sidebar and the board (demo.css).
export const SCREENSHOT_VIEWPORT = { width: 1920, height: 1080 } as const;

/**
 * Waits until the page is live with the sidebar, the board and the devtools' workspaces drawn, then saves a PNG of the
 * viewport to `path`.
 */
export async function screenshotLivePage(page: Page, path: string): Promise<void> {
  await page.locator('.connection[data-state="live"]').waitFor();
  await page.locator('.sidebar .row').first().waitFor();
  await page.locator('.board .card').first().waitFor();
  // The panel's code is a chunk of its own; its workspace table fills with the hello.
  await page.getByRole('complementary', { name: 'Livesnap devtools' }).getByRole('rowheader').first().waitFor();
  await page.screenshot({ path, animations: 'disabled' });
}
