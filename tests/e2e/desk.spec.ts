// Desk-ready (issue 11): dates typed dd/mm/yyyy, the future receipt refused, the unsaved-changes
// prompt and the draft kept across a screen change and a reload, focus on the first invalid field
// after a failed save, Enter in the selects, the confirmation before a numbered reminder.
import { expect, test, type Page } from '@playwright/test';
import { AppPage } from './pages/app.ts';
import { startPreview, tempDbPath, type Preview } from './preview.ts';

let preview: Preview;
test.beforeAll(async () => {
  preview = await startPreview(tempDbPath());
});
test.afterAll(async () => {
  await preview.stop();
});
// The machine is shared: give the keyboard paths room.
test.setTimeout(180_000);

/** Today and tomorrow in Vietnam as ISO and as typed digits (ddmmyyyy). */
function days() {
  const iso = (ms: number) => new Date(ms + 7 * 3600_000).toISOString().slice(0, 10);
  const digits = (d: string) => `${d.slice(8, 10)}${d.slice(5, 7)}${d.slice(0, 4)}`;
  const vn = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;
  const today = iso(Date.now());
  const tomorrow = iso(Date.now() + 86_400_000);
  const yesterday = iso(Date.now() - 86_400_000);
  return { today, tomorrow, todayVN: vn(today), yesterdayVN: vn(yesterday), tomorrowVN: vn(tomorrow), tomorrowDigits: digits(tomorrow) };
}

async function openNewPetition(page: Page) {
  await page.keyboard.press('Alt+3');
  await expect(page.getByRole('heading', { name: 'Đơn thư', exact: true })).toBeVisible();
  await page.keyboard.press('Alt+N');
  const form = page.getByRole('form', { name: 'Nhập đơn' });
  await expect(form).toBeVisible();
  return form;
}

async function retype(page: Page, label: string, text: string, scope = page.getByRole('form', { name: 'Nhập đơn' })) {
  const input = scope.getByRole('textbox', { name: label });
  await input.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.press('Delete');
  await page.keyboard.type(text);
  await page.keyboard.press('Tab');
  return input;
}

test('dates: typed day first with or without separators, impossible and future dates said in dd/mm/yyyy', async ({ page }) => {
  const app = new AppPage(page);
  const errors = app.collectErrors();
  await app.open(preview.url);
  const form = await openNewPetition(page);
  const d = days();
  const received = form.getByRole('textbox', { name: 'Ngày nhận đơn' });
  await expect(received).toHaveValue(d.todayVN);
  // No native date input anywhere (its format follows the OS language).
  await expect(page.locator('input[type="date"]')).toHaveCount(0);

  await expect(await retype(page, 'Ngày nhận đơn', '20-11-26')).toHaveValue('20/11/2026');
  await expect(await retype(page, 'Ngày nhận đơn', '20112026')).toHaveValue('20/11/2026');
  await expect(await retype(page, 'Ngày viết đơn', '1/2/2026')).toHaveValue('01/02/2026');
  await retype(page, 'Ngày viết đơn', '31022026');
  await expect(form.getByText('Không có ngày 31/02/2026')).toBeVisible();
  await expect(form).toContainText('dd/mm/yyyy');
  await expect(form).not.toContainText('YYYY-MM-DD');
  await retype(page, 'Ngày viết đơn', '');
  await retype(page, 'Ngày nhận đơn', d.tomorrowDigits);
  await expect(received).toHaveValue(d.tomorrowVN);
  await expect(form.getByText('Ngày nhận đơn không được sau hôm nay')).toBeVisible();

  // One tab stop per date: Tab from the receipt date lands on the next field, not on a calendar part.
  await received.focus();
  await page.keyboard.press('Tab');
  await expect(form.getByRole('combobox', { name: 'Nguồn đơn' })).toBeFocused();
  // The calendar on demand: Alt+↓, arrows, Enter. A loaded machine draws its frames late: the keys
  // must not wait for the next frame (Enter once picked the day before the last arrow).
  await page.evaluate(() => {
    window.requestAnimationFrame = (cb) => window.setTimeout(() => cb(performance.now()), 400);
    window.cancelAnimationFrame = (id) => window.clearTimeout(id);
  });
  await received.focus();
  await page.keyboard.press('Alt+ArrowDown');
  const grid = page.getByRole('grid');
  await expect(grid).toBeVisible();
  await expect(grid).toContainText('T2');
  await expect(page.getByRole('gridcell', { name: d.tomorrowVN })).toBeDisabled();
  await expect(page.getByRole('gridcell', { name: d.todayVN })).toBeFocused();
  // Left and back right to today, within the month shown (on the 1st, left would leave it).
  if (d.today.slice(8, 10) !== '01') {
    await page.keyboard.press('ArrowLeft');
    await expect(page.getByRole('gridcell', { name: d.yesterdayVN })).toBeFocused();
    await page.keyboard.press('ArrowRight');
  }
  await page.keyboard.press('Enter');
  await expect(grid).toHaveCount(0);
  await expect(received).toHaveValue(d.todayVN);

  // The whole petition, saved with a future date: the core refuses it, no number is used.
  await retype(page, 'Ngày nhận đơn', d.tomorrowDigits);
  await fillPetition(page);
  await page.keyboard.press('Control+S');
  await expect(form.getByText(`Ngày nhận đơn (${d.tomorrowVN}) không được sau ngày hôm nay (${d.todayVN})`).first()).toBeVisible();
  await expect(page.getByRole('status', { name: 'Đơn đã vào sổ' })).toHaveCount(0);
  await retype(page, 'Ngày nhận đơn', d.todayVN.replaceAll('/', ''));
  await page.keyboard.press('Control+S');
  await expect(page.getByRole('status', { name: 'Đơn đã vào sổ' })).toContainText(/Đã vào sổ: \d{4}\/000001/);
  await page.screenshot({ path: 'test-results/e2e/desk-dates.png' });
  expect(errors).toEqual([]);
});

async function fillPetition(page: Page) {
  const form = page.getByRole('form', { name: 'Nhập đơn' });
  // Selects jump by typed letters (tone marks ignored) and pick on Enter, without submitting.
  await form.getByRole('combobox', { name: 'Nguồn đơn' }).focus();
  await page.keyboard.type('truc tiep');
  await page.keyboard.press('Enter');
  await expect(form.getByRole('combobox', { name: 'Nguồn đơn' })).toHaveValue('Trực tiếp tại trụ sở');
  await form.getByRole('combobox', { name: 'Loại đơn' }).focus();
  await page.keyboard.type('khieu');
  await page.keyboard.press('Enter');
  await expect(form.getByRole('combobox', { name: 'Loại đơn' })).toHaveValue('Khiếu nại');
  await form.getByRole('combobox', { name: 'Lĩnh vực' }).focus();
  await page.keyboard.type('dat');
  await page.keyboard.press('Enter');
  await expect(form.getByRole('combobox', { name: 'Lĩnh vực' })).toHaveValue(/Đất đai/);
  // Enter again on the closed select: nothing is submitted.
  await page.keyboard.press('Enter');
  await expect(page.getByRole('status', { name: 'Đơn đã vào sổ' })).toHaveCount(0);
  await form.getByRole('group', { name: /^Người đứng đơn 1/ }).getByLabel('Họ và tên').fill('Phạm Văn Toàn');
  await form.getByLabel('Tóm tắt nội dung').fill('Đề nghị xem xét việc cấp giấy chứng nhận quyền sử dụng đất.');
}

test('a failed save: focus on the first invalid field in screen order, errors summarised and announced', async ({ page }) => {
  const app = new AppPage(page);
  await app.open(preview.url);
  const form = await openNewPetition(page);
  await form.getByLabel('Tóm tắt nội dung').fill('Chỉ có tóm tắt.');
  await page.keyboard.press('Control+S');
  const summary = form.getByRole('alert').filter({ hasText: 'Chưa lưu được' });
  await expect(summary).toBeVisible();
  await expect(summary).toContainText('Nguồn đơn');
  await expect(summary).toContainText('Loại đơn');
  // Nguồn đơn comes first on the screen.
  await expect(form.getByRole('combobox', { name: 'Nguồn đơn' })).toBeFocused();
  await page.screenshot({ path: 'test-results/e2e/desk-failed-save.png' });
});

test('work is never lost: leaving a half-filled petition asks, the draft survives a screen change and a reload', async ({ page }) => {
  const app = new AppPage(page);
  await app.open(preview.url);
  const form = await openNewPetition(page);
  await form.getByLabel('Tóm tắt nội dung').fill('Bản nháp: khiếu nại về tiền bồi thường.');
  await page.waitForTimeout(600); // the draft is written 400 ms after the last change
  await page.keyboard.press('Alt+1');
  const ask = page.getByRole('dialog', { name: 'Rời khỏi khi chưa lưu?' });
  await expect(ask).toBeVisible();
  await expect(ask.getByRole('button', { name: 'Ở lại nhập tiếp' })).toBeFocused();
  await page.screenshot({ path: 'test-results/e2e/desk-leave.png' });
  await page.keyboard.press('Enter');
  await expect(ask).toHaveCount(0);
  await expect(form.getByLabel('Tóm tắt nội dung')).toHaveValue('Bản nháp: khiếu nại về tiền bồi thường.');
  await page.keyboard.press('Alt+1');
  await ask.getByRole('button', { name: 'Rời đi, giữ bản nháp' }).click();
  await expect(page.getByRole('heading', { name: 'Tổng quan' })).toBeVisible();

  // Back to a new petition: the draft is offered.
  let again = await openNewPetition(page);
  const offer = again.getByRole('alert').filter({ hasText: 'Khôi phục bản nháp?' });
  await expect(offer).toBeVisible();
  await offer.getByRole('button', { name: 'Khôi phục bản nháp' }).click();
  await expect(again.getByLabel('Tóm tắt nội dung')).toHaveValue('Bản nháp: khiếu nại về tiền bồi thường.');

  // A restart of the app (a reload): still there.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Tổng quan' })).toBeVisible();
  again = await openNewPetition(page);
  await again.getByRole('alert').filter({ hasText: 'Khôi phục bản nháp?' }).getByRole('button', { name: 'Khôi phục bản nháp' }).click();
  await expect(again.getByLabel('Tóm tắt nội dung')).toHaveValue('Bản nháp: khiếu nại về tiền bồi thường.');
});

test('a visit dialog with unsaved work asks before Esc closes it', async ({ page }) => {
  const app = new AppPage(page);
  await app.open(preview.url);
  await page.keyboard.press('Alt+2');
  await page.keyboard.press('Alt+O');
  await expect(page.getByRole('region', { name: 'Kỳ tiếp đang xem' })).toContainText('(hôm nay)');
  await page.keyboard.press('Alt+N');
  const dialog = page.getByRole('dialog', { name: 'Thêm lượt tiếp' });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Nội dung').fill('Đoàn 12 người khiếu nại việc bồi thường.');
  await dialog.getByLabel('Nội dung').press('Escape');
  const ask = page.getByRole('dialog', { name: 'Rời khỏi khi chưa lưu?' });
  await expect(ask).toBeVisible();
  await ask.getByRole('button', { name: 'Ở lại nhập tiếp' }).click();
  await expect(dialog.getByLabel('Nội dung')).toHaveValue('Đoàn 12 người khiếu nại việc bồi thường.');
});

test('a reminder before the reply is due warns that it is early and asks before using a number', async ({ page }) => {
  const app = new AppPage(page);
  await app.open(preview.url);
  const petitionId = await page.evaluate(async () => {
    type Envelope<T> = { ok: true; value: T } | { ok: false; error: { message: string } };
    const call = async <T,>(p: Promise<unknown>): Promise<T> => {
      const e = (await p) as Envelope<T>;
      if (!e.ok) throw new Error(e.error.message);
      return e.value;
    };
    const api = (globalThis as unknown as { api: Record<string, Record<string, (input?: unknown) => Promise<unknown>>> }).api;
    const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    const p = await call<{ id: number }>(
      api.petitions!.create!({ receivedOn: today, channel: 'post', kind: 'complaint', field: 'land', petitioners: [{ fullName: 'Võ Thị Mai' }], summary: 'Khiếu nại về đền bù' }),
    );
    const agencies = await call<{ id: number; active: boolean }[]>(api.agencies!.list!({}));
    await call(api.workflow!.classify!({ petitionId: p.id, eligible: true, on: today }));
    await call(api.workflow!.decide!({ petitionId: p.id, action: 'forward', agencyId: agencies.find((a) => a.active)!.id, on: today }));
    return p.id;
  });
  await page.keyboard.press('Alt+3');
  const search = page.getByRole('textbox', { name: 'Tìm đơn' });
  await search.fill('Võ Thị Mai');
  await expect(page.getByTestId('petition-total')).toHaveText('1 đơn');
  await search.press('ArrowDown');
  await page.keyboard.press('Enter');
  const remind = page.getByRole('form', { name: 'Đôn đốc cơ quan' });
  await expect(remind).toBeVisible();
  await remind.getByRole('button', { name: 'Ghi đôn đốc và cấp số văn bản' }).click();
  const confirm = page.getByRole('dialog', { name: 'Ghi đôn đốc?' });
  await expect(confirm).toContainText('Chưa đến hạn');
  await expect(confirm).toContainText('sẽ cấp một số văn bản đôn đốc');
  await page.screenshot({ path: 'test-results/e2e/desk-reminder-confirm.png' });
  await confirm.getByRole('button', { name: 'Hủy' }).click();
  const none = await page.evaluate(async (id) => {
    const api = (globalThis as unknown as { api: Record<string, Record<string, (input?: unknown) => Promise<unknown>>> }).api;
    const e = (await api.petitions!.get!({ id })) as { ok: boolean; value: { workflow: { reminders: unknown[] } } };
    return e.value.workflow.reminders.length;
  }, petitionId);
  expect(none).toBe(0);
  await remind.getByRole('button', { name: 'Ghi đôn đốc và cấp số văn bản' }).click();
  await page.getByRole('dialog', { name: 'Ghi đôn đốc?' }).getByRole('button', { name: 'Vẫn đôn đốc và cấp số' }).click();
  await expect(page.getByText(/\d+\/BTCD/).first()).toBeVisible();
});
