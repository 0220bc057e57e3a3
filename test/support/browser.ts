import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { projectRoot } from '../../config';

// The browser is Debian's Chromium: nothing is downloaded (the machines reach npm, PyPI and Debian only).
export const CHROMIUM = '/usr/bin/chromium';

/** Where each test run writes its screenshots (gitignored); a few are copied to docs/screenshots/ by hand. */
export const SCREENSHOT_DIR = path.join(projectRoot, 'test-results', 'screenshots');

/** Page loads and UI waits on two busy cores, with a worker and a Temporal server beside the browser. */
export const UI_TIMEOUT = 30_000;

export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 390, height: 844 };

/** Debian's Chromium, headless; a missing browser is a failure that says how to install it, never a skip. */
export async function launchBrowser(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`The browser tests need Debian's Chromium at ${CHROMIUM}: apt-get install -y chromium fonts-noto-cjk (.ci/run does this when it is missing).`);
  }
  // No sandbox: CI runs as root in a container. /tmp instead of a container's small /dev/shm.
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-dev-shm-usage', '--lang=zh-CN'] });
}

/**
 * A fresh browser profile for one person: their own cookies, local and session storage (the
 * sign-in lives in the tab's session storage), in Beijing time and Chinese like the pages' readers.
 */
export async function newVisitor(browser: Browser, baseURL: string, viewport = DESKTOP): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL, viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
  context.setDefaultTimeout(UI_TIMEOUT);
  context.setDefaultNavigationTimeout(60_000);
  const page = await context.newPage();
  return { context, page };
}

/** Signs in at /signin (as a demo account unless a password is given) and waits until the page it leads to has loaded. */
export async function signIn(page: Page, username: string, password = 'demo-password'): Promise<void> {
  await page.goto('/signin');
  await page.getByLabel('用户名').fill(username);
  await page.getByLabel('密码').fill(password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
  await page.waitForURL((url) => url.pathname !== '/signin');
  await page.waitForLoadState('load');
}

/** Waits for the locator to be visible; throws (naming the locator) if it never is. */
export async function visible(locator: Locator, timeout = UI_TIMEOUT): Promise<Locator> {
  await locator.first().waitFor({ state: 'visible', timeout });
  return locator;
}

/**
 * The whole page as a PNG under test-results/screenshots/<name>.png. With `around`, also
 * <name>-view.png: the viewport scrolled to that element, small enough for the README.
 */
export async function screenshot(page: Page, name: string, { around }: { around?: Locator } = {}): Promise<void> {
  fs.mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
  if (around) {
    // A little room above the element, so its heading is not cut by the window's edge.
    await around.first().evaluate((node) => {
      node.scrollIntoView({ block: 'start' });
      node.ownerDocument.defaultView?.scrollBy(0, -16);
    });
    await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}-view.png`) });
  }
}

/**
 * How far anything on the page scrolls sideways, in CSS pixels: the page itself or any element
 * that scrolls on its own (a wide table in an `overflow-x: auto` wrapper). 0 when nothing does.
 */
export async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate<number>(`(() => {
    const root = document.scrollingElement ?? document.documentElement;
    let most = root.scrollWidth - root.clientWidth;
    for (const node of document.querySelectorAll('body *')) {
      const overflowX = getComputedStyle(node).overflowX;
      if (overflowX === 'auto' || overflowX === 'scroll') most = Math.max(most, node.scrollWidth - node.clientWidth);
    }
    return most;
  })()`);
}

/** A small but well-formed PDF (a few hundred bytes): one empty A4 page, as a scanner would send. */
export function samplePdf(): Buffer {
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>',
  ];
  let body = '%PDF-1.4\n';
  const offsets: number[] = [];
  objects.forEach((object, i) => {
    offsets.push(Buffer.byteLength(body));
    body += `${i + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = Buffer.byteLength(body);
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}
