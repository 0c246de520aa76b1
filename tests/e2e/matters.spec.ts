// Matters (vụ việc) at the desk: a second petition by the same citizen goes on the existing
// matter with one key (Alt+Shift+1), a visit too, and the matter screen shows all three in order.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { startPreview, tempDbPath, type Preview } from './preview.ts';
import { AppPage } from './pages/app.ts';

let preview: Preview;
test.beforeAll(async () => {
  preview = await startPreview(tempDbPath());
});
test.afterAll(async () => {
  await preview.stop();
});

async function pick(page: Page, scope: Locator, combobox: string, option: string): Promise<void> {
  await scope.getByRole('combobox', { name: combobox }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

/** The intake form, typed as the officer does: channel, kind, field, the petitioner, the summary. */
async function typePetition(page: Page, form: Locator, who: { name: string; idNumber: string; existing: boolean }, summary: string): Promise<void> {
  // "Nhập đơn tiếp theo" keeps the channel: choose it only on a blank form.
  if (!who.existing) await pick(page, form, 'Nguồn đơn', 'Qua bưu điện');
  await expect(form.getByRole('combobox', { name: 'Nguồn đơn' })).toHaveValue('Qua bưu điện');
  await pick(page, form, 'Loại đơn', 'Khiếu nại');
  await pick(page, form, 'Lĩnh vực', 'Đất đai');
  const person = form.getByRole('group', { name: /^Người đứng đơn 1/ });
  await person.getByRole('textbox', { name: 'Tìm công dân' }).click();
  if (who.existing) {
    await page.keyboard.type(who.idNumber);
    await page.getByRole('option', { name: new RegExp(`^${who.name}`) }).click();
    await expect(person).toContainText('Đã có trong sổ công dân');
  } else {
    await page.keyboard.type(who.name);
    await page.getByRole('option', { name: `Công dân mới: “${who.name}”` }).click();
    await person.getByLabel('Số CCCD').fill(who.idNumber);
  }
  await form.getByRole('textbox', { name: /^Tóm tắt nội dung/ }).first().fill(summary);
}

test('a repeated petition goes on the existing matter with one key; the matter shows every petition and visit', async ({ page }) => {
  const app = new AppPage(page);
  const problems = app.collectErrors();
  await app.open(preview.url);
  const kb = page.keyboard;
  const duc = { name: 'Nguyễn Văn Đức', idNumber: '051065001234' };

  // First petition: a new matter (the default).
  await kb.press('Alt+3');
  await kb.press('Alt+N');
  const form = page.getByRole('form', { name: 'Nhập đơn' });
  await expect(page.getByRole('heading', { name: 'Nhập đơn' })).toBeVisible();
  // "Several contents" is no longer a kind of petition: each content is added on its own.
  await form.getByRole('combobox', { name: 'Loại đơn' }).click();
  await expect(page.getByRole('option', { name: 'Nhiều nội dung' })).toHaveCount(0);
  await kb.press('Escape');
  await typePetition(page, form, { ...duc, existing: false }, 'Khiếu nại quyết định thu hồi đất tại thôn An Phú, xã Tịnh Khê');
  const matterChoice = form.getByRole('radiogroup', { name: 'Vụ việc của đơn' });
  await expect(matterChoice.getByRole('radio', { name: /Vụ việc mới/ })).toHaveAttribute('aria-checked', 'true');
  await kb.press('Control+S');
  const registered = page.getByRole('status', { name: 'Đơn đã vào sổ' });
  await expect(registered).toContainText('Đã vào sổ: 2026/000001');

  // Second petition by the same citizen: the same keystrokes, plus Alt+Shift+1 on the suggestion.
  await kb.press('Alt+N');
  await typePetition(page, form, { ...duc, existing: true }, 'Khiếu nại lần hai việc thu hồi đất thôn An Phú chưa được giải quyết');
  const suggestion = matterChoice.getByRole('radio', { name: /^Vụ việc số 1:/ });
  await expect(suggestion).toContainText('1 đơn, 0 lượt tiếp');
  await expect(suggestion).toContainText('đơn gần nhất 2026/000001');
  await expect(suggestion).toContainText('cùng người');
  await kb.press('Alt+Shift+1');
  await expect(suggestion).toHaveAttribute('aria-checked', 'true');
  await expect(matterChoice.getByRole('radio', { name: /Vụ việc mới/ })).toHaveAttribute('aria-checked', 'false');
  if (process.env.SCREENSHOTS === '1') await app.screenshot('intake-same-matter');
  await page.screenshot({ path: 'test-results/e2e/matters-intake.png' });
  await kb.press('Control+S');
  await expect(registered).toContainText('Đã vào sổ: 2026/000002');

  // A visit by the same citizen, on the same matter with the same key.
  await kb.press('Alt+2');
  await expect(page.getByText('Hôm nay chưa mở kỳ tiếp')).toBeVisible();
  await kb.press('Alt+O');
  await expect(page.getByRole('region', { name: 'Kỳ tiếp đang xem' })).toContainText('0 lượt tiếp');
  await kb.press('Alt+N');
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('textbox', { name: 'Tìm công dân' })).toBeFocused();
  await kb.type(duc.idNumber);
  await page.getByRole('option', { name: new RegExp(`^${duc.name}`) }).click();
  await pick(page, dialog, 'Loại vụ việc', 'Khiếu nại');
  await dialog.getByLabel('Nội dung').fill('Hỏi kết quả giải quyết đơn khiếu nại thu hồi đất');
  await pick(page, dialog, 'Kết quả tiếp', 'Giải thích, trả lời');
  await expect(dialog.getByRole('radio', { name: /^Vụ việc số 1:/ })).toContainText('2 đơn, 0 lượt tiếp');
  await kb.press('Alt+Shift+1');
  await expect(dialog.getByRole('radio', { name: /^Vụ việc số 1:/ })).toHaveAttribute('aria-checked', 'true');
  await expect(dialog.getByRole('checkbox', { name: /Tiếp nhiều lần/ })).toBeChecked();
  await kb.press('Control+S');
  await expect(dialog).toHaveCount(0);
  const row = page.getByRole('table', { name: 'Các lượt tiếp của kỳ tiếp' }).getByRole('row').filter({ hasText: duc.name });
  await expect(row).toContainText('Tiếp nhiều lần');

  // The matter, from the visit's row: both petitions and the visit, oldest first, first and repeats.
  await row.getByRole('button', { name: 'Vụ việc của lượt tiếp 1' }).click();
  await expect(page.getByText('Vụ việc số 1', { exact: true })).toBeVisible();
  await expect(page.getByRole('heading', { name: /Khiếu nại quyết định thu hồi đất tại thôn An Phú/ })).toBeVisible();
  const items = page.getByRole('list', { name: 'Đơn và lượt tiếp của vụ việc' }).getByRole('listitem');
  await expect(items).toHaveCount(3);
  await expect(items.nth(0)).toContainText('Đơn 2026/000001');
  await expect(items.nth(0)).toContainText('Lần đầu');
  await expect(items.nth(1)).toContainText('Đơn 2026/000002');
  await expect(items.nth(1)).toContainText('Lặp lại');
  await expect(items.nth(2)).toContainText('Lượt tiếp: Nguyễn Văn Đức');
  await expect(items.nth(2)).toContainText('Lặp lại');
  await expect(page.getByRole('region', { name: 'Thông tin vụ việc' }).or(page.getByLabel('Thông tin vụ việc'))).toContainText('2 đơn, 1 lượt tiếp');

  // The state when it reached the Board: edited here, refused when it does not fit.
  await page.getByRole('button', { name: 'Sửa thông tin' }).click();
  const edit = page.getByRole('dialog');
  await pick(page, edit, 'Tình trạng khi đến Ban', 'Đã được giải quyết lần đầu');
  await edit.getByRole('button', { name: 'Lưu' }).click();
  await expect(edit.getByRole('alert')).toContainText('phải ghi cơ quan đã giải quyết');
  await edit.getByLabel('Cơ quan đã giải quyết').fill('Chủ tịch UBND xã Tịnh Khê');
  await pick(page, edit, 'Cấp khiếu nại', 'Khiếu nại lần hai');
  await edit.getByRole('button', { name: 'Lưu' }).click();
  await expect(edit).toHaveCount(0);
  await expect(page.getByLabel('Thông tin vụ việc')).toContainText('Đã được giải quyết lần đầu');
  await expect(page.getByLabel('Thông tin vụ việc')).toContainText('Chủ tịch UBND xã Tịnh Khê');
  await page.mouse.move(1, 700);
  await app.screenshot('matter');
  await page.screenshot({ path: 'test-results/e2e/matters-matter.png' });

  // From a petition's page: its contents and their matter; the list screen finds the matter.
  await items.nth(1).getByRole('button', { name: 'Mở đơn 2026/000002' }).click();
  const contents = page.getByRole('region', { name: 'Nội dung và vụ việc' }).or(page.getByLabel('Nội dung và vụ việc'));
  await expect(contents).toContainText('Nội dung 1: Khiếu nại · Đất đai');
  await expect(contents).toContainText('Lặp lại');
  await contents.getByRole('button', { name: /^Vụ việc số 1:/ }).click();
  await expect(items).toHaveCount(3);

  // Move the visit to a new matter, with a confirmation; the audit keeps it.
  await items.nth(2).getByRole('button', { name: 'Chuyển sang vụ việc khác' }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Xác nhận chuyển' }).click();
  await expect(page.getByRole('list', { name: 'Đơn và lượt tiếp của vụ việc' }).getByRole('listitem')).toHaveCount(1);
  await expect(page.getByText('Vụ việc số 2', { exact: true })).toBeVisible();
  // ...and merge it back into matter 1.
  await page.getByRole('button', { name: 'Danh sách vụ việc' }).click();
  const table = page.getByRole('table', { name: 'Danh sách vụ việc' });
  await expect(table.getByRole('row')).toHaveCount(3);
  await table.getByRole('button', { name: 'Mở vụ việc số 1' }).click();
  await page.getByRole('button', { name: 'Gộp vụ việc khác vào đây' }).click();
  const merge = page.getByRole('dialog');
  // The visit's new matter is number 2 (the two petitions and the visit were all on number 1).
  await merge.getByLabel('Số vụ việc cần gộp vào đây').fill('2');
  await merge.getByRole('button', { name: 'Xác nhận gộp' }).click();
  await expect(merge).toHaveCount(0);
  await expect(items).toHaveCount(3);
  await expect(page.getByLabel('Thông tin vụ việc')).toContainText('số 2');

  expect(problems).toEqual([]);
});
