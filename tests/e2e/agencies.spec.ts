import { expect, test } from '@playwright/test';
import { startPreview, tempDbPath, type Preview } from './preview.ts';
import { AgenciesScreen, AppPage } from './pages/app.ts';

let preview: Preview;
test.beforeAll(async () => {
  preview = await startPreview(tempDbPath());
});
test.afterAll(async () => {
  await preview.stop();
});

test('agency directory: search without tone marks, add, edit, refuse bad input, deactivate', async ({ page }) => {
  const app = new AppPage(page);
  await app.open(preview.url);
  await app.screenshot('overview');

  // Alt+4 opens the directory without the mouse.
  await page.keyboard.press('Alt+4');
  const screen = new AgenciesScreen(page);
  await expect(page.getByRole('heading', { name: 'Danh bạ cơ quan' })).toBeVisible();
  await expect(screen.row('Sở Nông nghiệp và Môi trường')).toBeVisible();
  await app.screenshot('agencies');

  // Search folds case, tone marks and đ.
  await screen.search.fill('nong nghiep');
  await expect(screen.row('Sở Nông nghiệp và Môi trường')).toBeVisible();
  await expect(screen.table.getByRole('row')).toHaveCount(2);
  await screen.search.fill('dak bla');
  await expect(screen.row('UBND phường Đăk Bla')).toBeVisible();

  // Add with the keyboard: Alt+N, type, Enter.
  await screen.search.fill('');
  await page.keyboard.press('Alt+N');
  await expect(screen.dialog.getByRole('heading', { name: 'Thêm cơ quan' })).toBeVisible();
  await screen.fillForm({ code: 'so-kh-dt', name: '  Sở Kế hoạch Đặc biệt ', kind: 'Sở, ngành tỉnh' });
  await screen.dialog.getByLabel('Tên cơ quan').press('Enter');
  await expect(page.getByText('Đã lưu “Sở Kế hoạch Đặc biệt” (SO-KH-DT)')).toBeVisible();
  await screen.search.fill('dac biet');
  await expect(screen.row('SO-KH-DT')).toContainText('Sở Kế hoạch Đặc biệt');

  // Edit.
  await screen.row('SO-KH-DT').getByRole('button', { name: /^Sửa/ }).click();
  await screen.fillForm({ name: 'Sở Kế hoạch Đặc biệt tỉnh' });
  await screen.dialog.getByRole('button', { name: 'Lưu' }).click();
  await expect(screen.row('SO-KH-DT')).toContainText('Sở Kế hoạch Đặc biệt tỉnh');

  // Bad input is refused with a Vietnamese message, on the client and in the core.
  await page.keyboard.press('Alt+N');
  await screen.fillForm({ code: 'có dấu cách', name: '' });
  await screen.dialog.getByRole('button', { name: 'Lưu' }).click();
  await expect(screen.dialog.getByText('Tên cơ quan không được để trống')).toBeVisible();
  await expect(screen.dialog.getByText(/Mã cơ quan chỉ gồm chữ, số/)).toBeVisible();
  await screen.fillForm({ code: 'SO-NNMT', name: 'Trùng mã' });
  await screen.dialog.getByRole('button', { name: 'Lưu' }).click();
  await expect(screen.dialog.getByText('Mã SO-NNMT đã được dùng cho “Sở Nông nghiệp và Môi trường”').first()).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(screen.dialog).toHaveCount(0);
  await screen.search.fill('trung ma');
  await expect(screen.table).toContainText('Không có cơ quan nào khớp');

  // Deactivate: hidden from the list, back with "show inactive".
  await screen.search.fill('dac biet');
  await screen.row('SO-KH-DT').getByRole('button', { name: /^Ngừng/ }).click();
  const confirm = page.getByRole('dialog', { name: 'Ngừng hoạt động cơ quan?' });
  await expect(confirm).toContainText('sẽ không còn trong danh sách chọn khi chuyển đơn');
  await confirm.getByRole('button', { name: 'Ngừng hoạt động' }).click();
  await expect(page.getByText('Đã ngừng hoạt động “Sở Kế hoạch Đặc biệt tỉnh”')).toBeVisible();
  await expect(screen.row('SO-KH-DT')).toHaveCount(0);
  // At once, with the mouse on the switch's visible label: the deactivated agency comes back.
  // (A real pointer press where the label is drawn: Mantine lays the switch's transparent input
  // over its label, which Playwright's element click reads as "covered".)
  const showInactive = page.getByRole('switch', { name: 'Hiện cả cơ quan ngừng hoạt động' });
  const clickLabel = async () => {
    await expect(confirm).toHaveCount(0);
    const box = (await page.getByText('Hiện cả cơ quan ngừng hoạt động', { exact: true }).boundingBox())!;
    const point = { x: box.x + box.width / 2, y: box.y + box.height / 2 };
    // The dialog leaves before its overlay has faded out (200 ms): press only once the label is
    // what lies under the pointer, or the press lands on the fading overlay.
    await expect.poll(() => page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.closest('label')?.textContent === 'Hiện cả cơ quan ngừng hoạt động', point)).toBe(true);
    await page.mouse.click(point.x, point.y);
  };
  await clickLabel();
  await expect(showInactive).toBeChecked();
  await expect(screen.row('SO-KH-DT')).toContainText('Ngừng');
  await clickLabel();
  await expect(showInactive).not.toBeChecked();
  await expect(screen.row('SO-KH-DT')).toHaveCount(0);
  // Later, in a fresh screen, with the keyboard (Space on the switch).
  await page.keyboard.press('Alt+1');
  await page.keyboard.press('Alt+4');
  await screen.search.fill('dac biet');
  await expect(screen.row('SO-KH-DT')).toHaveCount(0);
  await showInactive.focus();
  await page.keyboard.press('Space');
  await expect(showInactive).toBeChecked();
  await expect(screen.row('SO-KH-DT')).toContainText('Ngừng');

  // The overview's audit trail names what happened.
  await page.keyboard.press('Alt+1');
  await expect(page.getByRole('table', { name: 'Nhật ký thay đổi gần đây' }).getByRole('row').nth(1)).toContainText('Cơ quan');
});
