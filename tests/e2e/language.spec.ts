// No English and no internal codes on any screen, and no date in month/day order, with the
// browser started in English (--lang=en-US) as on an officer's English Windows.
import { expect, test, type Page } from '@playwright/test';
import { AppPage } from './pages/app.ts';
import { startPreview, tempDbPath, type Preview } from './preview.ts';

test.use({
  locale: 'en-US',
  launchOptions: {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--no-sandbox', '--lang=en-US', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  },
});
test.setTimeout(180_000);

let preview: Preview;
test.beforeAll(async () => {
  preview = await startPreview(tempDbPath());
});
test.afterAll(async () => {
  await preview.stop();
});

/** A Vietnamese syllable written without tone marks (onset, 1–3 vowels, coda): "tinh", "quang", "in". */
const VIETNAMESE_SYLLABLE = /^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnprstvx])?[aeiouy]{1,3}(ng|nh|ch|[cmnpt])?$/;
/** Key names, file formats and the date format hint; acronyms in capitals are codes of forms (TCD, XLD, CCCD, UBND). */
// Codes and names that are not words: the tờ trình type code (TTr), the first administrator's user name, the default backup folder,
// the database server's name and its password file (Cài đặt › Nơi lưu sổ), the command line's --db option.
const ALLOWED = new Set(['ctrl', 'alt', 'esc', 'enter', 'tab', 'shift', 'space', 'excel', 'pdf', 'csv', 'json', 'ttr', 'admin', 'saoluu', 'dd', 'mm', 'yyyy', 'postgresql', 'pgpass', 'db']);
/** Proper names of communes in the directory, in the languages of Vietnam's ethnic minorities (Ia Pxi, Đắk Wa…). */
const PROPER_NAMES = new Set(['bla', 'mar', 'pxi', 'wa', 'rve', 'braih']);

export function foreignWords(text: string): string[] {
  const bad = new Set<string>();
  for (const token of text.split(/[^\p{L}\p{N}_]+/u)) {
    if (!/^[A-Za-z_]+$/.test(token) || token.length < 2) continue;
    if (token.includes('_')) bad.add(token);
    else if (token === token.toUpperCase()) continue;
    else if (ALLOWED.has(token.toLowerCase()) || PROPER_NAMES.has(token.toLowerCase()) || VIETNAMESE_SYLLABLE.test(token.toLowerCase())) continue;
    else bad.add(token);
  }
  return [...bad];
}

function monthFirstDates(text: string): string[] {
  return [...text.matchAll(/\b(\d{2})\/(\d{2})\/(\d{4})\b/g)].filter((m) => Number(m[2]) > 12).map((m) => m[0]);
}

async function scan(page: Page, screen: string): Promise<string[]> {
  await page.waitForTimeout(300);
  const text = await page.locator('body').innerText();
  const placeholders = await page.locator('input[placeholder]').evaluateAll((els) => els.map((e) => (e as HTMLInputElement).placeholder).join(' '));
  expect(await page.locator('input[type="date"]').count(), `${screen}: native date input`).toBe(0);
  expect(monthFirstDates(text), `${screen}: month-first dates`).toEqual([]);
  // File paths (Cài đặt › Thông tin kỹ thuật) and server addresses (postgres://…) are not words.
  return foreignWords(`${text} ${placeholders}`.replace(/(^|\s)\/\S+/g, ' ').replace(/postgres(ql)?:\/\/\S+/gi, ' ')).map((w) => `${screen}: ${w}`);
}

test('every screen speaks Vietnamese with dates day first, in an English browser', async ({ page }) => {
  const app = new AppPage(page);
  await app.open(preview.url);
  // Some work to show: a petition classified and forwarded, a session with a visit, a holiday.
  await page.evaluate(async () => {
    type Envelope<T> = { ok: true; value: T } | { ok: false; error: { message: string } };
    const call = async <T,>(p: Promise<unknown>): Promise<T> => {
      const e = (await p) as Envelope<T>;
      if (!e.ok) throw new Error(e.error.message);
      return e.value;
    };
    const api = (globalThis as unknown as { api: Record<string, Record<string, (input?: unknown) => Promise<unknown>>> }).api;
    const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    const session = await call<{ id: number }>(api.sessions!.openToday!({ kind: 'regular' }));
    await call(api.visits!.save!({ sessionId: session.id, persons: 1, citizen: { fullName: 'Nguyễn Văn Đức' }, matter: 'complaint', content: 'Khiếu nại về đất', outcome: 'petition_received' }));
    const p = await call<{ id: number }>(
      api.petitions!.create!({ receivedOn: today, channel: 'post', kind: 'complaint', field: 'land', petitioners: [{ fullName: 'Võ Thị Mai' }], summary: 'Khiếu nại về đền bù' }),
    );
    const agencies = await call<{ id: number; active: boolean }[]>(api.agencies!.list!({}));
    await call(api.workflow!.classify!({ petitionId: p.id, eligible: true, on: today }));
    await call(api.workflow!.decide!({ petitionId: p.id, action: 'forward', agencyId: agencies.find((a) => a.active)!.id, on: today }));
    await call(api.holidays!.upsert!({ date: `${today.slice(0, 4)}-12-31`, name: 'Nghỉ cuối năm' }));
  });
  const found: string[] = [];
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Tổng quan' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Nhật ký thay đổi gần đây' })).toContainText(/Đơn \d{4}\/000001/);
  found.push(...(await scan(page, 'Tổng quan')));
  for (const [key, heading] of [
    ['Alt+0', 'Việc cần làm'],
    ['Alt+2', 'Tiếp công dân'],
    ['Alt+3', 'Đơn thư'],
    ['Alt+4', 'Danh bạ cơ quan'],
    ['Alt+5', 'Thống kê'],
    ['Alt+6', 'Cài đặt'],
    ['Alt+7', 'Vụ việc'],
    ['Alt+8', 'Báo cáo theo biểu mẫu'],
  ] as const) {
    await page.keyboard.press(key);
    await expect(page.getByRole('heading', { name: heading, exact: true })).toBeVisible();
    found.push(...(await scan(page, heading)));
  }
  await page.keyboard.press('Alt+3');
  await page.keyboard.press('Alt+N');
  await expect(page.getByRole('form', { name: 'Nhập đơn' })).toBeVisible();
  found.push(...(await scan(page, 'Nhập đơn')));
  await page.keyboard.press('Alt+3');
  const search = page.getByRole('textbox', { name: 'Tìm đơn' });
  await search.fill('Võ Thị Mai');
  await expect(page.getByTestId('petition-total')).toHaveText('1 đơn');
  await search.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: /^Đơn số/ })).toBeVisible();
  found.push(...(await scan(page, 'Chi tiết đơn')));
  await page.screenshot({ path: 'test-results/e2e/language-detail.png', fullPage: true });
  expect(found).toEqual([]);
});

test('the word filter itself: flags English and codes, passes Vietnamese without tone marks', () => {
  expect(foreignWords('Mã anonymous, finally_decided, export, statistics #12, Nothing found')).toEqual(['anonymous', 'finally_decided', 'export', 'statistics', 'Nothing', 'found']);
  expect(foreignWords('Tinh Quang Ngai, Ban Tiep cong dan, in phieu, TCD, XLD, Ctrl+S, dd/mm/yyyy')).toEqual([]);
  expect(monthFirstDates('11/30/2026 và 30/11/2026')).toEqual(['11/30/2026']);
});
