// The browser preview on a big register, as an officer opens it: the renderer built by Vite, the
// preview server (web/server.ts) on the bench's register, Debian's Chromium. Measures the first
// contentful paint of the app and the time until the petition list (Alt+3) shows its first rows.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { startPreview } from '../web/server.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export async function measurePreview(dbPath: string): Promise<{ firstPaintMs: number; listRowsMs: number }> {
  if (!fs.existsSync(path.join(ROOT, 'dist/renderer/index.html'))) {
    throw new Error('the renderer is not built (npx vite build)');
  }
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!fs.existsSync(executablePath)) throw new Error(`no Chromium at ${executablePath}`);
  const preview = await startPreview({ dbPath, port: 0, token: 'bench', appVersion: 'bench' });
  // Signed in as the administrator first (on this copy of the register: its first password).
  const origin = new URL(preview.url).origin;
  const call = async (method: string, input: unknown) => {
    const response = await fetch(`${origin}/__api/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-petreg-token': 'bench' }, body: JSON.stringify(input) });
    return (await response.json()) as { ok: boolean; value?: { needsSetup?: boolean } };
  };
  const status = await call('auth.status', null);
  await call(status.value?.needsSetup ? 'auth.setup' : 'auth.signIn', { username: 'admin', password: 'bench-quan-tri-2026' });
  const browser = await chromium.launch({ executablePath });
  try {
    const page = await browser.newPage({ viewport: { width: 1366, height: 800 } });
    await page.goto(preview.url, { waitUntil: 'load' });
    await page.getByRole('navigation').first().waitFor();
    // The paint's entry is queued after the frame is presented, which can be after the navigation
    // is in the DOM: read it through a buffered observer, which also returns one already queued
    // (reading the entries at once found none in one run at 1,000,000, and the table said "—").
    const firstPaintMs = await page.evaluate(
      () =>
        new Promise<number>((resolve) => {
          const timer = setTimeout(() => resolve(Number.NaN), 10_000);
          const observer = new PerformanceObserver((list) => {
            const entry = list.getEntriesByName('first-contentful-paint')[0];
            if (!entry) return;
            observer.disconnect();
            clearTimeout(timer);
            resolve(entry.startTime);
          });
          // This file is typed for Node, whose entry types have no 'paint'; the page has them.
          observer.observe({ type: 'paint' as string, buffered: true } as Parameters<typeof observer.observe>[0]);
        }),
    );
    const started = Date.now();
    await page.keyboard.press('Alt+3');
    await page.getByRole('table', { name: 'Danh sách đơn' }).locator('[data-loaded="true"]').first().waitFor({ timeout: 60_000 });
    const listRowsMs = Date.now() - started;
    return { firstPaintMs, listRowsMs };
  } finally {
    await browser.close();
    await preview.close();
  }
}
