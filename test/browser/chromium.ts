/**
 * Chromium for the browser tests: Debian's package (PEERPLAN_CHROMIUM names another
 * binary), driven headless by playwright-core. Without it the tests are skipped, with a
 * message saying how to install it; with CI=true they must run (.ci/run installs it because
 * test/browser/needs-chromium exists), and a missing Chromium fails them, saying so.
 */
import { existsSync } from 'node:fs';
import type { Browser } from 'playwright-core';

export const CHROMIUM = process.env.PEERPLAN_CHROMIUM ?? '/usr/bin/chromium';
export const HAVE_CHROMIUM = existsSync(CHROMIUM);
export const IN_CI = process.env.CI === 'true';
export const INSTALL = 'apt-get update && apt-get install -y chromium';
/** Whether the browser tests run here: where Chromium is, and always in CI. */
export const RUN_IN_CHROMIUM = HAVE_CHROMIUM || IN_CI;

if (!RUN_IN_CHROMIUM) console.warn(`[browser tests skipped] ${CHROMIUM} not found. Install Chromium to run them: ${INSTALL}`);

/** A quiet, fresh browser that reaches for nothing on the network of its own accord. */
export const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
];

/** Fails, saying how to install it, where Chromium is missing (in CI: elsewhere the tests are skipped). */
export function requireChromium(): void {
  if (!HAVE_CHROMIUM) throw new Error(`CI=true but ${CHROMIUM} is missing. Install it with: ${INSTALL}`);
}

/** Headless Chromium with FLAGS. */
export async function launchChromium(): Promise<Browser> {
  requireChromium();
  const { chromium } = await import('playwright-core');
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
}
