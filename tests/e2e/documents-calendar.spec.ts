import { expect, test } from '@playwright/test';
import { startPreview, tempDbPath } from './preview.ts';
import { AppPage } from './pages/app.ts';

test('the reception register 03/TCD prints from its screen', async ({ page }) => {
  const preview = await startPreview(tempDbPath(), '2026-07-06T09:00:00+07:00');
  const app = new AppPage(page);
  await app.open(preview.url);
  await page.keyboard.press('Alt+2');
  await page.getByRole('button', { name: 'Sổ tiếp công dân (mẫu 03/TCD)' }).click();
  await expect(page.getByRole('heading', { name: 'Sổ tiếp công dân', level: 2 })).toBeVisible();
  await expect(page.getByText('Mẫu số 03/TCD (Nghị định 154/2026/NĐ-CP)')).toBeVisible();
  await expect(page.getByRole('table', { name: 'Sổ tiếp công dân mẫu 03/TCD' }).getByRole('columnheader', { name: 'Ghi chú' })).toBeVisible();
  await page.getByRole('button', { name: 'In sổ' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('Sổ tiếp công dân (mẫu 03/TCD)');
  const sheet = dialog.frameLocator('iframe');
  await expect(sheet.getByRole('heading', { name: 'SỔ TIẾP CÔNG DÂN' })).toBeVisible();
  await expect(sheet.getByText(/^\(Từ ngày \d{2}\/\d{2}\/\d{4} đến ngày \d{2}\/\d{2}\/\d{4}\)$/)).toBeVisible();
  await expect(sheet.getByRole('columnheader', { name: '(13)' })).toBeVisible();
  await app.screenshot('register-03-print');
  await preview.stop();
});

test('holiday import: a bad file is refused; a good one previews the moved deadlines, then confirms', async ({ page }) => {
  const preview = await startPreview(tempDbPath(), '2027-02-01T09:00:00+07:00');
  const app = new AppPage(page);
  await app.open(preview.url);
  // A petition received on 8 February 2027 (due on 22 February by the defaults).
  const registerNo = await page.evaluate(async () => {
    const api = (globalThis as unknown as { api: Record<string, Record<string, (input?: unknown) => Promise<{ ok: boolean; value?: { registerNo: string } }>>> }).api;
    const done = await api.petitions!.create!({ receivedOn: '2027-02-01', channel: 'post', kind: 'complaint', field: 'land', summary: 'Khiếu nại thử' });
    if (!done.ok) throw new Error(JSON.stringify(done));
    return done.value!.registerNo;
  });
  await page.keyboard.press('Alt+6');
  const input = page.locator('input[type="file"][accept*=".json"]');

  await input.setInputFiles({ name: 'lich-sai.csv', mimeType: 'text/csv', buffer: Buffer.from('2027-02-12;nghi\n') });
  await expect(page.getByRole('alert').filter({ hasText: 'Tệp không nhập được' })).toContainText('lich-sai.csv');

  const file = {
    format: 'petreg-holidays/1',
    year: 2027,
    source: 'Thông báo thử nghiệm lịch nghỉ năm 2027',
    days: [
      { date: '2027-01-01', type: 'off', name: 'Tết Dương lịch' },
      { date: '2027-02-05', type: 'off', kind: 'holiday', name: 'Tết Nguyên đán (29 Tết)' },
      { date: '2027-02-08', type: 'off', kind: 'holiday', name: 'Tết Nguyên đán (mùng 3)' },
      { date: '2027-02-09', type: 'off', kind: 'holiday', name: 'Tết Nguyên đán (mùng 4)' },
      { date: '2027-02-10', type: 'off', kind: 'announced', name: 'Nghỉ hoán đổi' },
      { date: '2027-02-20', type: 'worked', name: 'Làm bù cho ngày 10/02/2027' },
    ],
  };
  await input.setInputFiles({ name: 'lich-2027.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(file)) });
  const shown = page.getByTestId('holiday-import-preview');
  await expect(shown).toContainText('Xem trước lịch nghỉ năm 2027 (lich-2027.json): 5 ngày nghỉ, 1 ngày làm bù.');
  await expect(shown.getByRole('table', { name: 'Thời hạn thay đổi' })).toContainText(registerNo);
  await shown.scrollIntoViewIfNeeded();
  await app.screenshot('holiday-import-preview');
  await page.getByRole('button', { name: 'Xác nhận nhập lịch và tính lại thời hạn' }).click();
  await expect(page.getByText('Đã nhập lịch nghỉ năm 2027')).toBeVisible();
  await expect(page.getByRole('table', { name: 'Ngày nghỉ năm 2027' })).toContainText('Nghỉ hoán đổi');
  await preview.stop();
});
