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

/** The reception screen and its visit dialog, so the steps read like what the officer does. */
class ReceptionScreen {
  readonly page: Page;
  readonly visits: Locator;
  readonly dialog: Locator;
  constructor(page: Page) {
    this.page = page;
    this.visits = page.getByRole('table', { name: 'Các lượt tiếp của kỳ tiếp' });
    this.dialog = page.getByRole('dialog');
  }

  person(name: string | RegExp): Locator {
    return this.dialog.getByRole('group', { name });
  }

  /** Alt+N, then waits for the lookup to take the focus (typing starts there). */
  async addVisit(): Promise<void> {
    await this.page.keyboard.press('Alt+N');
    await expect(this.dialog.getByRole('textbox', { name: 'Tìm công dân' })).toBeFocused();
  }

  row(text: string): Locator {
    return this.visits.getByRole('row').filter({ hasText: text });
  }

  /** Types into the focused field, then moves on with Tab. */
  async type(text: string): Promise<void> {
    await this.page.keyboard.type(text);
    await this.page.keyboard.press('Tab');
  }

  /**
   * In the focused select, from the keyboard: ↓ opens the list (and highlights), ↓ moves down
   * until `label` is highlighted, Enter takes it.
   */
  async choose(label: string | RegExp): Promise<void> {
    const kb = this.page.keyboard;
    const wanted = typeof label === 'string' ? (text: string) => text.trim() === label : (text: string) => label.test(text.replace(/\s+/g, ' '));
    const highlighted = this.page.locator('[data-combobox-selected]:visible');
    // ↓ until the list is open (a list closing from the previous field may still be on screen).
    await expect(async () => {
      if (!(await this.page.getByRole('option', { name: label, exact: true }).isVisible())) await kb.press('ArrowDown');
      await expect(this.page.getByRole('option', { name: label, exact: true })).toBeVisible({ timeout: 1000 });
    }).toPass({ timeout: 15_000 });
    for (let i = 0; i < 40; i++) {
      if ((await highlighted.count()) === 1 && wanted(await highlighted.innerText())) break;
      await kb.press('ArrowDown');
    }
    await expect(highlighted).toHaveText(label);
    await kb.press('Enter');
  }
}

test('reception: open today, visits by keyboard, a delegation and its petition, lookup without tone marks', async ({ page }) => {
  const app = new AppPage(page);
  await app.open(preview.url);
  const screen = new ReceptionScreen(page);
  const kb = page.keyboard;

  // No session yet today: Alt+O opens one with a single keystroke.
  await kb.press('Alt+2');
  await expect(page.getByRole('heading', { name: 'Tiếp công dân', exact: true })).toBeVisible();
  await expect(page.getByText('Hôm nay chưa mở kỳ tiếp')).toBeVisible();
  await kb.press('Alt+O');
  const summary = page.getByRole('region', { name: 'Kỳ tiếp đang xem' });
  await expect(summary).toContainText('(hôm nay)');
  await expect(summary).toContainText('Thường xuyên');
  await expect(summary).toContainText('Ban Tiếp công dân tỉnh');
  await expect(page.getByText('Hôm nay chưa mở kỳ tiếp')).toHaveCount(0);

  // A new citizen's visit, from the keyboard only.
  await screen.addVisit();
  await expect(screen.dialog.getByText('Thêm lượt tiếp')).toBeVisible();
  await kb.type('Nguyễn Văn Đức');
  await expect(page.getByRole('option', { name: /Công dân mới: “Nguyễn Văn Đức”/ })).toBeVisible();
  await kb.press('Enter'); // "Công dân mới": the name is filled in and the cursor waits at CCCD
  const citizen = screen.person(/^Công dân/);
  await expect(citizen.getByLabel('Họ và tên')).toHaveValue('Nguyễn Văn Đức');
  await expect(citizen.getByLabel('Số CCCD')).toBeFocused();
  await screen.type('051080001234');
  await screen.type('1980');
  await screen.choose('Nam');
  await kb.press('Tab');
  await screen.type('0905 123 456');
  await kb.press('Tab'); // province: the Board's own (Quảng Ngãi)
  await kb.type('nghia lo');
  await screen.choose('Phường Nghĩa Lộ');
  await kb.press('Tab');
  await screen.type('Tổ 5, đường Lê Lợi');
  await expect(citizen.getByRole('combobox', { name: 'Giới tính' })).toHaveValue('Nam');
  await expect(citizen.getByRole('combobox', { name: 'Tỉnh, thành phố' })).toHaveValue('Tỉnh Quảng Ngãi');
  await expect(citizen.getByRole('combobox', { name: 'Xã, phường' })).toHaveValue('Phường Nghĩa Lộ');
  await expect(screen.dialog.getByLabel('Số người')).toBeFocused();
  await kb.press('Tab');
  await screen.choose('Khiếu nại'); // Loại vụ việc
  await kb.press('Tab'); // Tiếp nhiều lần: no
  await kb.press('Tab');
  // Refused: saving without content says so in Vietnamese, next to the field.
  await kb.press('Control+S');
  await expect(screen.dialog.getByText('Nội dung không được để trống', { exact: true })).toBeVisible();
  await expect(screen.dialog.getByLabel('Nội dung')).toBeFocused();
  await screen.type('Khiếu nại quyết định thu hồi đất tại tổ 5, chưa được bồi thường.');
  await screen.choose('Giải thích, trả lời'); // Kết quả tiếp
  await kb.press('Control+S'); // Enter on a select only picks; Ctrl+S saves
  await expect(screen.dialog).toHaveCount(0);
  await expect(page.getByRole('status')).toContainText('Đã thêm lượt tiếp số 1: Nguyễn Văn Đức');
  await expect(screen.row('Nguyễn Văn Đức')).toContainText('Khiếu nại quyết định thu hồi đất');
  await expect(screen.row('Nguyễn Văn Đức')).toContainText('Giải thích, trả lời');
  await expect(screen.row('Nguyễn Văn Đức')).toContainText('CCCD 051080001234');

  // A delegation of 7: the delegation fields appear from 5 people; 3 representatives are refused.
  await screen.addVisit();
  await kb.type('Trần Thị Hoa');
  await expect(page.getByRole('option', { name: /Công dân mới: “Trần Thị Hoa”/ })).toBeVisible();
  await kb.press('Enter');
  await expect(screen.person(/^Công dân/).getByLabel('Số CCCD')).toBeFocused();
  await screen.type('051190004567');
  const persons = screen.dialog.getByLabel('Số người', { exact: true });
  await expect(screen.dialog.getByLabel('Số người trong đoàn')).toHaveCount(0);
  await persons.fill('7');
  await expect(screen.dialog.getByLabel('Số người trong đoàn')).toHaveValue('7');
  const reps = screen.dialog.getByRole('group', { name: 'Người đại diện của đoàn' });
  await expect(reps).toContainText('tối đa 2 với đoàn 7 người');
  await expect(reps).toContainText('Trần Thị Hoa');
  for (const [i, name] of [[2, 'Lê Văn Nam'], [3, 'Phạm Thị Lan']] as const) {
    await reps.getByRole('button', { name: 'Thêm người đại diện' }).click();
    const rep = screen.person(new RegExp(`^Người đại diện ${i}`));
    await expect(rep.getByRole('textbox', { name: 'Tìm công dân' })).toBeFocused();
    await kb.type(name);
    await expect(page.getByRole('option', { name: `Công dân mới: “${name}”` })).toBeVisible();
    await kb.press('Enter');
    await expect(rep.getByLabel('Họ và tên')).toHaveValue(name);
  }
  await screen.dialog.getByRole('combobox', { name: 'Loại vụ việc' }).click();
  await page.getByRole('option', { name: 'Khiếu nại' }).click();
  await screen.dialog.getByLabel('Nội dung').fill('Đoàn 7 hộ dân thôn An Phú khiếu nại việc bồi thường khi thu hồi đất làm đường.');
  await screen.dialog.getByRole('combobox', { name: 'Kết quả tiếp' }).click();
  await page.getByRole('option', { name: 'Tiếp nhận đơn' }).click();
  await kb.press('Control+S');
  await expect(reps.getByRole('alert')).toHaveText('Đoàn 7 người cử tối đa 2 người đại diện');
  await screen.dialog.getByRole('button', { name: 'Xóa người đại diện 3' }).click();
  await kb.press('Control+S');
  await expect(screen.dialog).toHaveCount(0);
  const delegation = screen.row('Đoàn 7 người');
  await expect(delegation).toContainText('Đại diện: Trần Thị Hoa, Lê Văn Nam');
  await expect(delegation).toContainText('Tiếp nhận đơn');

  // The petition handed in at that visit: offered at once (Enter), pre-filled from the visit.
  const intake = page.getByRole('button', { name: /Nhập đơn của lượt tiếp này/ });
  await expect(intake).toBeFocused();
  await kb.press('Enter');
  await expect(page.getByRole('heading', { name: 'Nhập đơn' })).toBeVisible();
  const form = page.getByRole('form', { name: 'Nhập đơn' });
  await expect(form.getByRole('combobox', { name: 'Nguồn đơn' })).toHaveValue('Trực tiếp tại trụ sở');
  await expect(form).toContainText('Nhận tại: Lượt tiếp ngày');
  await expect(form.getByRole('combobox', { name: 'Loại đơn' })).toHaveValue('Khiếu nại');
  await expect(form.getByLabel('Số người đứng tên')).toHaveValue('7');
  await expect(form.getByRole('group', { name: /^Người đứng đơn 1/ }).getByLabel('Họ và tên')).toHaveValue('Trần Thị Hoa');
  await expect(form.getByRole('group', { name: /^Người đứng đơn 1/ }).getByLabel('Số CCCD')).toHaveValue('051190004567');
  await expect(form.getByRole('group', { name: /^Người đứng đơn 2/ }).getByLabel('Họ và tên')).toHaveValue('Lê Văn Nam');
  await expect(form.getByLabel('Tóm tắt nội dung')).toHaveValue(/^Đoàn 7 hộ dân thôn An Phú/);
  await form.getByRole('combobox', { name: 'Lĩnh vực' }).focus();
  await screen.choose('Đất đai');
  await expect(form.getByRole('combobox', { name: 'Lĩnh vực' })).toHaveValue('Đất đai');
  await form.getByLabel('Người, cơ quan bị khiếu nại, tố cáo').fill('UBND xã An Phú');
  if (process.env.SCREENSHOTS === '1') {
    await page.locator(':focus').blur();
    await page.mouse.move(700, 400);
    await page.mouse.wheel(0, -5000);
    await expect(page.getByRole('heading', { name: 'Nhập đơn' })).toBeInViewport();
    await page.mouse.move(1, 700); // no hover highlight in the picture
    await app.screenshot('intake');
  }

  // The core insists that the delegation's representatives sign: its refusal shows by the list.
  await form.getByRole('button', { name: 'Xóa người đứng đơn 2' }).click();
  await kb.press('Control+S');
  const signers = form.getByRole('group', { name: 'Người đứng đơn', exact: true });
  await expect(signers.getByRole('alert')).toHaveText('Thiếu người đại diện Lê Văn Nam trong danh sách người đứng đơn');
  await expect(form.getByRole('alert').first()).toBeVisible();
  // Put him back from the registry (typed without tone marks).
  await signers.getByRole('button', { name: 'Thêm người đứng đơn' }).click();
  const second = form.getByRole('group', { name: /^Người đứng đơn 2/ });
  await expect(second.getByRole('textbox', { name: 'Tìm công dân' })).toBeFocused();
  await kb.type('le van nam');
  await screen.choose(/^Lê Văn Nam/);
  await expect(second.getByLabel('Họ và tên')).toHaveValue('Lê Văn Nam');
  await expect(second).toContainText('Đã có trong sổ công dân');
  await kb.press('Control+S');
  const registered = page.getByRole('status', { name: 'Đơn đã vào sổ' });
  await expect(registered).toContainText(/Đã vào sổ: \d{4}\/000001/);
  await expect(registered).toContainText('Trần Thị Hoa, Lê Văn Nam');
  await expect(registered.getByRole('button', { name: /Nhập đơn tiếp theo/ })).toBeFocused();
  await expect(registered.getByRole('button', { name: 'Xem đơn' })).toBeVisible();
  // Alt+N: the next petition keeps the date and channel, nothing else.
  await kb.press('Alt+N');
  await expect(form.getByRole('combobox', { name: 'Nguồn đơn' })).toHaveValue('Trực tiếp tại trụ sở');
  await expect(form.getByRole('group', { name: /^Người đứng đơn 1/ }).getByLabel('Họ và tên')).toHaveValue('');
  await expect(form).not.toContainText('Nhận tại:');

  // Back at the desk, the delegation's row shows its register number.
  await kb.press('Alt+2');
  await expect(screen.row('Đoàn 7 người')).toContainText(/\d{4}\/000001/);

  // The same citizen again, typed without tone marks: found, filled, history shown.
  await screen.addVisit();
  await kb.type('nguyen van duc');
  await screen.choose(/^Nguyễn Văn Đức.*CCCD 051080001234/);
  const again = screen.person(/^Công dân/);
  await expect(again.getByLabel('Số CCCD')).toHaveValue('051080001234');
  await expect(again.getByLabel('Họ và tên')).toHaveValue('Nguyễn Văn Đức');
  await expect(again.getByRole('combobox', { name: 'Xã, phường' })).toHaveValue('Phường Nghĩa Lộ');
  await expect(again).toContainText('Đã có trong sổ công dân');
  await expect(screen.dialog.getByLabel('Số người')).toBeFocused();
  const history = screen.dialog.getByRole('complementary', { name: 'Lịch sử của công dân' });
  await expect(history).toContainText('Lượt tiếp trước (1)');
  await expect(history).toContainText('Khiếu nại quyết định thu hồi đất tại tổ 5');
  await kb.press('Tab');
  await screen.choose('Khiếu nại');
  await kb.press('Tab');
  await kb.press('Space'); // Tiếp nhiều lần
  await kb.press('Tab');
  await screen.type('Hỏi lại kết quả giải quyết khiếu nại lần trước.');
  await screen.choose('Hướng dẫn đến cơ quan có thẩm quyền');
  await kb.press('Control+S'); // Enter on a select only picks; Ctrl+S saves
  await expect(screen.dialog).toHaveCount(0);
  await expect(screen.visits.getByRole('row')).toHaveCount(4);
  await expect(screen.row('Hỏi lại kết quả')).toContainText('Tiếp nhiều lần');
  await expect(screen.row('Hỏi lại kết quả')).toContainText('Hướng dẫn đến cơ quan có thẩm quyền');
  await app.screenshot('reception');

  // The delegation's petition, found again in the petition list by typing a representative's name
  // without tone marks.
  await kb.press('Alt+3');
  const search = page.getByRole('textbox', { name: 'Tìm đơn' });
  await search.fill('tran thi hoa');
  const list = page.getByRole('table', { name: 'Danh sách đơn' });
  const found = list.getByRole('row').filter({ hasText: 'Trần Thị Hoa' });
  await expect(found).toHaveCount(1);
  await expect(found).toContainText(/\d{4}\/000001/);
  await expect(found).toContainText('Lê Văn Nam');
  await expect(page.getByText('1 đơn', { exact: true })).toBeVisible();
});
