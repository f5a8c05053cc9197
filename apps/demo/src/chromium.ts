// Debian's Chromium driven by playwright-core, for the browser tests and `pnpm demo:screenshot`: never a downloaded
// browser (TOOLCHAIN.md), and no network beyond what the page itself opens.
import { type Browser, chromium } from 'playwright-core';

export const CHROMIUM_PATH = '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A headless Chromium; throws what to install when it is missing. */
export async function launchChromium(): Promise<Browser> {
  try {
    return await chromium.launch({ executablePath: CHROMIUM_PATH, args: CHROMIUM_ARGS });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new Error(`Chromium did not start from ${CHROMIUM_PATH} (apt-get install -y chromium): ${message}`);
  }
}
