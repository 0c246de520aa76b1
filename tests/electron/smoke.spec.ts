// Electron smoke suite: launches the built app (npm run build first; tests/electron/run.ts does)
// on a fresh data folder and checks the window, the navigation and that the agency list loads
// through the real preload -> IPC -> API server path.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

let app: ElectronApplication;
let page: Page;
let dataDir: string;

test.beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'petreg-electron-smoke-'));
  app = await electron.launch({
    args: ['.'],
    cwd: repoRoot,
    env: { ...process.env, PETREG_DATA_DIR: dataDir, ELECTRON_ENABLE_LOGGING: '1' } as Record<string, string>,
  });
  page = await app.firstWindow();
  await page.waitForLoadState('domcontentloaded');
});

test.afterAll(async () => {
  await app?.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test('opens one window titled with the product name, from app://renderer', async () => {
  const titles = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().map((w) => w.getTitle()));
  expect(titles).toEqual(['Sổ tiếp công dân']);
  expect(page.url()).toMatch(/^app:\/\/renderer\//);
  expect(fs.existsSync(path.join(dataDir, 'register.sqlite'))).toBe(true);
});

test('the page has window.api and no Node', async () => {
  const probe = await page.evaluate(() => {
    const g = globalThis as any;
    return {
      api: typeof g.api?.agencies?.list,
      require: typeof g.require,
      process: typeof g.process,
      ipcRenderer: typeof g.ipcRenderer,
    };
  });
  expect(probe).toEqual({ api: 'function', require: 'undefined', process: 'undefined', ipcRenderer: 'undefined' });
});

test('the navigation shows "Cơ quan" and the agency list loads', async () => {
  const nav = page.getByRole('navigation');
  const agencies = nav.getByRole('button', { name: /Cơ quan/ });
  await expect(agencies).toBeVisible();
  await agencies.click();
  const first = await page.evaluate(async () => {
    const envelope = await (globalThis as any).api.agencies.list({});
    return envelope.ok ? (envelope.value[0]?.name as string | undefined) : `error: ${envelope.error.code}`;
  });
  expect(first).toBeTruthy();
  expect(first).not.toMatch(/^error:/);
  const table = page.getByRole('table', { name: 'Danh bạ cơ quan' });
  await expect(table).toBeVisible();
  await expect(table.getByRole('cell', { name: first!, exact: true }).first()).toBeVisible();
});

test('navigating away from the app is refused', async () => {
  const before = page.url();
  await page.evaluate(() => {
    (globalThis as any).location.href = 'https://example.com/';
  });
  await page.waitForTimeout(500);
  expect(page.url()).toBe(before);
  const windows = await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length);
  expect(windows).toBe(1);
});
