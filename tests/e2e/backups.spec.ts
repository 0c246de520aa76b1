import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { startPreview, tempDbPath } from './preview.ts';
import { AppPage } from './pages/app.ts';

test('backups: the overview warns until a folder is set; back up now; restore at the next start', async ({ page }) => {
  test.setTimeout(120_000);
  await page.setViewportSize({ width: 1366, height: 800 });
  const dbPath = tempDbPath();
  const folder = path.join(path.dirname(dbPath), 'sao-luu');
  let preview = await startPreview(dbPath, '2026-03-16T09:00:00+07:00');
  const app = new AppPage(page);
  await app.open(preview.url);
  const overviewStatus = page.getByRole('region', { name: 'Tình trạng sao lưu' });
  await expect(overviewStatus).toContainText('Chưa chọn thư mục sao lưu');

  await page.keyboard.press('Alt+6');
  await expect(page.getByRole('heading', { name: 'Sao lưu' })).toBeVisible();
  // A relative folder is refused in plain Vietnamese.
  await page.getByLabel('Thư mục sao lưu').fill('sao-luu');
  await page.getByRole('button', { name: 'Lưu thư mục' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'đường dẫn đầy đủ' })).toBeVisible();
  await page.getByLabel('Thư mục sao lưu').fill(folder);
  await page.getByRole('button', { name: 'Lưu thư mục' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Đã lưu thư mục sao lưu.' })).toBeVisible();
  await page.getByRole('button', { name: 'Sao lưu ngay' }).click();
  await expect(page.getByRole('status').filter({ hasText: /Đã sao lưu và kiểm tra: so-tiep-cong-dan-2026-03-16T02-00-00Z\.sqlite/ })).toBeVisible();
  expect(fs.existsSync(path.join(folder, 'so-tiep-cong-dan-2026-03-16T02-00-00Z.sqlite'))).toBe(true);
  const table = page.getByRole('table', { name: 'Các bản sao lưu' });
  await expect(table).toContainText('16/03/2026');
  await page.getByRole('button', { name: 'Khôi phục…' }).click();
  await page.getByRole('button', { name: 'Xác nhận khôi phục' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'sẽ thay sổ hiện tại khi khởi động lại' })).toBeVisible();
  await page.getByRole('heading', { name: 'Sao lưu' }).scrollIntoViewIfNeeded();
  await app.screenshot('backups');

  // The overview now says when the last good backup was made.
  await page.keyboard.press('Alt+1');
  await expect(overviewStatus).toContainText(/Lần sao lưu tốt gần nhất: 09:00 16\/03\/2026/);

  // The next start carries out the restore; the replaced register is kept aside.
  await preview.stop();
  preview = await startPreview(dbPath, '2026-03-16T09:30:00+07:00');
  await app.open(preview.url);
  expect(fs.readdirSync(path.dirname(dbPath)).some((f) => f.startsWith('register.sqlite.replaced-'))).toBe(true);
  await preview.stop();
});
