import { expect, test } from '@playwright/test';
import { startPreview, tempDbPath } from './preview.ts';
import { AppPage } from './pages/app.ts';

test('settings: bad input refused; a save survives a restart of the preview', async ({ page }) => {
  const dbPath = tempDbPath();
  let preview = await startPreview(dbPath);
  const app = new AppPage(page);
  await app.open(preview.url);
  await page.keyboard.press('Alt+6');
  await expect(page.getByRole('heading', { name: 'Cài đặt' })).toBeVisible();

  // Refused: empty board name and a prefix with a space.
  await page.getByLabel('Tên Ban').fill('');
  await page.getByLabel('Phiếu chuyển đơn').fill('PC BTCD');
  await page.getByRole('button', { name: /Lưu cài đặt/ }).click();
  await expect(page.getByText('Tên Ban không được để trống')).toBeVisible();
  await expect(page.getByText(/Ký hiệu văn bản chỉ gồm chữ, số/)).toBeVisible();

  await page.getByLabel('Tên Ban').fill('Ban Tiếp công dân tỉnh Quảng Ngãi (thử)');
  await page.getByLabel('Phiếu chuyển đơn').fill('PCĐ-BTCD');
  await page.getByLabel('Họ và tên người ký').fill('Nguyễn Thị Hường');
  await page.getByLabel('Chức vụ người ký').fill('PHÓ TRƯỞNG BAN');
  await page.keyboard.press('Control+S');
  await expect(page.getByRole('status')).toHaveText('Đã lưu cài đặt.');
  await expect(page.getByRole('banner')).toContainText('Ban Tiếp công dân tỉnh Quảng Ngãi (thử)');
  await app.screenshot('settings');

  // Restart the preview on the same register file: the values are still there.
  await preview.stop();
  preview = await startPreview(dbPath);
  await app.open(preview.url);
  await page.keyboard.press('Alt+6');
  await expect(page.getByLabel('Tên Ban')).toHaveValue('Ban Tiếp công dân tỉnh Quảng Ngãi (thử)');
  await expect(page.getByLabel('Phiếu chuyển đơn')).toHaveValue('PCĐ-BTCD');
  await expect(page.getByLabel('Họ và tên người ký')).toHaveValue('Nguyễn Thị Hường');
  await expect(page.getByLabel('Chức vụ người ký')).toHaveValue('PHÓ TRƯỞNG BAN');
  await preview.stop();
});

test('settings: choosing another province adds its communes to the directory', async ({ page }) => {
  const preview = await startPreview(tempDbPath());
  const app = new AppPage(page);
  await app.open(preview.url);
  await page.keyboard.press('Alt+6');
  await page.getByRole('combobox', { name: 'Tỉnh, thành phố' }).click();
  await page.getByRole('option', { name: /Tỉnh Lào Cai/ }).click();
  await page.getByRole('button', { name: /Lưu cài đặt/ }).click();
  await expect(page.getByRole('status')).toHaveText('Đã lưu cài đặt.');
  await page.keyboard.press('Alt+4');
  await page.getByRole('textbox', { name: 'Tìm cơ quan' }).fill('sa pa');
  await expect(page.getByRole('table', { name: 'Danh bạ cơ quan' })).toContainText('UBND phường Sa Pa');
  await preview.stop();
});

test('the bridge refuses API calls without the per-run token', async ({ request }) => {
  const preview = await startPreview(tempDbPath());
  const origin = new URL(preview.url).origin;
  const refused = await request.post(`${origin}/__api/settings.get`, { data: null });
  expect(refused.status()).toBe(403);
  expect((await refused.json()).error.code).toBe('FORBIDDEN');
  const token = new URL(preview.url).hash.replace('#token=', '');
  const wrongHost = await request.post(`${origin}/__api/settings.get`, { data: null, headers: { 'x-petreg-token': token, host: 'evil.example' } });
  expect(wrongHost.status()).toBe(403);
  const ok = await request.post(`${origin}/__api/settings.get`, { data: null, headers: { 'x-petreg-token': token } });
  expect((await ok.json()).ok).toBe(true);
  await preview.stop();
});
