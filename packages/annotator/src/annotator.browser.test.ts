import { existsSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { _makeWorkspace } from './_test_workspace.js';
import { readMaskPng } from './read-mask-png.js';
import { type Annotator, startAnnotator } from './start-annotator.js';
import { writeMaskPng } from './write-mask-png.js';

const CHROMIUM = '/usr/bin/chromium';
const ARTIFACTS = join(dirname(fileURLToPath(import.meta.url)), '..', 'test-artifacts');
const S = 64;

/** Expected result of a brush stroke, computed independently: every pixel whose centre lies within
 * size/2 of the segment between the two pixel centres (a capsule). */
function capsule(expected: Uint8Array, a: [number, number], b: [number, number], size: number, value: number): void {
  const r2 = (size / 2) ** 2;
  const [ax, ay] = [a[0] + 0.5, a[1] + 0.5];
  const [bx, by] = [b[0] + 0.5, b[1] + 0.5];
  for (let y = 0; y < S; y++) {
    for (let x = 0; x < S; x++) {
      const px = x + 0.5;
      const py = y + 0.5;
      const len2 = (bx - ax) ** 2 + (by - ay) ** 2;
      const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((px - ax) * (bx - ax) + (py - ay) * (by - ay)) / len2));
      const d2 = (px - ax - t * (bx - ax)) ** 2 + (py - ay - t * (by - ay)) ** 2;
      if (d2 <= r2) expected[y * S + x] = value;
    }
  }
}

async function waitFor(cond: () => Promise<boolean>, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await cond()) return true;
    await new Promise((r) => setTimeout(r, 50));
  }
  return cond();
}

describe.runIf(existsSync(CHROMIUM))('annotator page in headless Chromium', () => {
  let ws: string;
  let srv: Annotator;
  let browser: Browser;
  const pageErrors: string[] = [];
  const prediction = new Uint8Array(S * S).map((_, i) => (i % S < S / 2 ? 1 : 2));
  const premade = new Uint8Array(S * S).map((_, i) => (i < (S * S) / 2 ? 0 : 255));

  beforeAll(async () => {
    ws = await _makeWorkspace({ n: 3, size: S, classes: ['background', 'hair', 'skin'] });
    await writeMaskPng(join(ws, 'masks', '000001.png'), { width: S, height: S, data: premade });
    srv = await startAnnotator({ workspace: ws, predict: async () => ({ width: S, height: S, data: prediction }) });
    // playwright gives every launch a fresh temp user-data-dir (it refuses --user-data-dir in args)
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    });
    await mkdir(ARTIFACTS, { recursive: true });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await srv?.close();
    await rm(ws, { recursive: true, force: true });
  });

  async function open(hash: string, query = ''): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1100, height: 700 } });
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    page.on('console', (m) => {
      if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) pageErrors.push(m.text());
    });
    await page.goto(`${srv.url}${query}#${hash}`);
    await page.waitForSelector(`body[data-ready="${hash}"]`, { timeout: 10_000 });
    return page;
  }

  /** Drags the mouse from pixel a to pixel b (pixel centres) of the mask canvas. */
  async function stroke(page: Page, a: [number, number], b: [number, number]): Promise<void> {
    const box = await page.locator('#mask').boundingBox();
    if (!box) throw new Error('no #mask box');
    const at = (p: [number, number]) => [box.x + ((p[0] + 0.5) * box.width) / S, box.y + ((p[1] + 0.5) * box.height) / S] as const;
    await page.mouse.move(...at(a));
    await page.mouse.down();
    await page.mouse.move(...at(b), { steps: 12 });
    await page.mouse.up();
  }

  async function saved(page: Page): Promise<void> {
    await page.keyboard.press('Control+s');
    await page.waitForSelector('#save-state[data-state="saved"]', { timeout: 10_000 });
  }

  it('paints two classes, undoes a third stroke, saves, and the PNG holds exactly those pixels', async () => {
    const page = await open('000000');
    expect(await page.locator('#samples li').count()).toBe(3);
    expect(await page.locator('#samples li[data-id="000001"] .state').textContent()).toMatch(/✓ 50%/);
    expect(await page.locator('#samples li[data-id="000000"] .state').textContent()).toBe('—');
    expect(await page.locator('#classes li').allTextContents()).toEqual(['1background', '2hair', '3skin', '0ignore (255)']);

    await page.fill('#size', '5');
    await page.locator('#mask').hover();
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('2'); // class 1, hair, by key
    await stroke(page, [10, 10], [50, 10]);
    await page.locator('#classes li[data-value="2"]').click(); // class 2, skin, by the palette
    await stroke(page, [10, 30], [50, 30]);
    await page.keyboard.press('1'); // class 0, background: a vertical stroke across the skin one...
    await stroke(page, [30, 20], [30, 60]);
    await page.keyboard.press('Control+z'); // ...undone
    await saved(page);

    const expected = new Uint8Array(S * S).fill(255);
    capsule(expected, [10, 10], [50, 10], 5, 1);
    capsule(expected, [10, 30], [50, 30], 5, 2);
    const mask = await readMaskPng(join(ws, 'masks', '000000.png'));
    expect([mask.width, mask.height]).toEqual([S, S]);
    // the painted region, exactly: column 30 across both strokes
    expect(Array.from(mask.data.filter((_, i) => i % S === 30 && i < 36 * S && i >= 5 * S))).toEqual(
      [255, 255, 255, 1, 1, 1, 1, 1, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 255, 2, 2, 2, 2, 2, 255, 255, 255],
    );
    // the undone stroke is gone: nothing of class 0 anywhere
    expect(mask.data.includes(0)).toBe(false);
    // and the whole mask is exactly the two capsules
    const diff = mask.data.reduce((n, v, i) => n + (v === expected[i] ? 0 : 1), 0);
    expect(diff).toBe(0);
    expect(await page.locator('#samples li[data-id="000000"]').getAttribute('class')).toMatch(/annotated/);

    await page.locator('#mask').hover({ position: { x: 5, y: 5 } });
    await page.screenshot({ path: join(ARTIFACTS, 'annotator-e2e.png') });
    await page.close();
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it('polygon fill and flood fill paint the exact pixels', async () => {
    const page = await open('000000');
    const box = await page.locator('#mask').boundingBox();
    if (!box) throw new Error('no box');
    const at = (x: number, y: number) => [box.x + (x * box.width) / S, box.y + (y * box.height) / S] as const;
    await page.keyboard.press('p');
    await page.keyboard.press('3'); // skin
    for (const [x, y] of [[40, 40], [60, 40], [60, 60], [40, 60]]) await page.mouse.click(...at(x, y));
    await page.keyboard.press('Enter');
    await page.keyboard.press('f');
    await page.keyboard.press('2'); // hair: flood the skin square just made...
    await page.mouse.click(...at(50.5, 50.5));
    await saved(page);
    const mask = await readMaskPng(join(ws, 'masks', '000000.png'));
    // polygon (40,40)-(60,60): pixel centres 40.5..59.5 -> pixels 40..59; the flood fill made them hair,
    // and stopped at the skin stroke's edge, which it did not touch (it is not connected)
    for (let y = 0; y < S; y++) {
      for (let x = 0; x < S; x++) {
        if (x >= 40 && x < 60 && y >= 40 && y < 60) expect(mask.data[y * S + x], `(${x},${y})`).toBe(1);
      }
    }
    expect(mask.data[39 * S + 45]).toBe(255);
    expect(mask.data[60 * S + 45]).toBe(255);
    expect(mask.data[30 * S + 30]).toBe(2);
    await page.close();
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it('loads the existing mask, offers the prediction as an undoable starting mask', async () => {
    const page = await open('000000');
    await page.keyboard.press('ArrowRight');
    await page.waitForSelector('body[data-ready="000001"]');
    expect(await page.locator('#predict').isVisible()).toBe(true);
    await page.locator('#predict').click();
    await page.waitForSelector('#message:has-text("Prediction loaded")'); // the fetch is asynchronous
    await saved(page);
    expect(Array.from((await readMaskPng(join(ws, 'masks', '000001.png'))).data)).toEqual(Array.from(prediction));
    await page.keyboard.press('Control+z');
    await saved(page);
    expect(Array.from((await readMaskPng(join(ws, 'masks', '000001.png'))).data)).toEqual(Array.from(premade));
    await page.keyboard.press('Control+y');
    await saved(page);
    expect(Array.from((await readMaskPng(join(ws, 'masks', '000001.png'))).data)).toEqual(Array.from(prediction));
    await page.close();
    expect(pageErrors).toEqual([]);
  }, 60_000);

  it('shows the server refusal of class ids beyond classes.json on the page and keeps the file', async () => {
    const page = await open('000001');
    const before = await readFile(join(ws, 'masks', '000001.png'));
    const classesFile = join(ws, 'classes.json');
    const classes = await readFile(classesFile, 'utf8');
    await writeFile(classesFile, JSON.stringify({ classes: JSON.parse(classes).classes.slice(0, 2), ignore: 255 }));
    try {
      await page.keyboard.press('3'); // skin (id 2) is no longer in classes.json on disk
      await stroke(page, [20, 20], [22, 22]);
      await page.keyboard.press('Control+s');
      await page.waitForSelector('#save-state[data-state="error"]');
      expect(await page.locator('#message').textContent()).toMatch(
        /^Save failed: mask for sample "000001": class id 2 at pixel \(x=\d+, y=\d+\) is beyond classes\.json \(2 classes: ids 0-1, and 255 = ignore\)$/,
      );
      expect(await page.locator('#message').isVisible()).toBe(true);
      expect((await readFile(join(ws, 'masks', '000001.png'))).equals(before)).toBe(true);
    } finally {
      await writeFile(classesFile, classes);
    }
    await page.close();
  }, 60_000);

  it('never loses a stroke when the page is closed before the autosave', async () => {
    const page = await open('000002', '?autosave=60000'); // a sample no other test touched
    await page.keyboard.press('1'); // background
    await stroke(page, [5, 55], [25, 55]);
    expect(await page.locator('#save-state').getAttribute('data-state')).toBe('unsaved');
    // Closing a tab fires pagehide, whose handler sends the mask with fetch keepalive. Playwright's
    // close() can tear a loaded renderer down before the request leaves it, so the test fires
    // pagehide as the browser does, waits for the server's answer to that PUT (on a loaded machine a
    // close before the answer lost the request in 1 run of 3), then closes.
    const sent = page.waitForRequest((r) => r.method() === 'PUT' && r.url().includes('/api/masks/000002'), { timeout: 20_000 });
    await page.evaluate(() => window.dispatchEvent(new PageTransitionEvent('pagehide', { persisted: false })));
    const req = await sent;
    const res = await req.response();
    expect(res?.status()).toBe(200);
    await page.close();
    const ok = await waitFor(async () => (existsSync(join(ws, 'masks', '000002.png')) && (await readMaskPng(join(ws, 'masks', '000002.png'))).data[55 * S + 15] === 0), 20000);
    expect(ok).toBe(true);
    expect(pageErrors).toEqual([]);
  }, 60_000);
});
