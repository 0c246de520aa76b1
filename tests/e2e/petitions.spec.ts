import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Locator, type Page } from '@playwright/test';
import { startPreview, tempDbPath, type Preview } from './preview.ts';
import { AppPage } from './pages/app.ts';

const COUNT = 300;
/** Petitions of Nguyễn Văn Đức (list position i): an earlier one by post, one handed in at a visit. */
// Neither is i % 4 === 1 (a denunciation): a denouncer is left out of his history and search (protected denouncers).
const DUC_EARLY = 6;
const DUC_VISIT = 136;
/** The only summary about đất đai. */
const LAND = 42;

interface Seeded {
  year: string;
  /** Today in Vietnam, dd/mm/yyyy. */
  today: string;
  /** How many seeded petitions were received this month. */
  thisMonth: number;
  visitId: number;
  ducVisitPetition: { id: number; registerNo: string };
}

/** Seeds the register through window.api, as the renderer would: 300 petitions, a session, a visit. */
async function seed(page: Page): Promise<Seeded> {
  return page.evaluate(
    async ({ count, ducEarly, ducVisit, land }) => {
      type Envelope<T> = { ok: true; value: T } | { ok: false; error: { message: string } };
      const call = async <T,>(p: Promise<unknown>): Promise<T> => {
        const e = (await p) as Envelope<T>;
        if (!e.ok) throw new Error(e.error.message);
        return e.value;
      };
      const api = (globalThis as unknown as { api: Record<string, Record<string, (input?: unknown) => Promise<unknown>>> }).api;
      const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
      const year = today.slice(0, 4);
      const yearStart = Date.UTC(Number(year), 0, 1);
      const days = Math.round((Date.parse(today) - yearStart) / 86_400_000);
      const dateOf = (i: number) => new Date(yearStart + Math.floor((i * days) / count) * 86_400_000).toISOString().slice(0, 10);

      const duc = { fullName: 'Nguyễn Văn Đức', idNumber: '051065001234', birthYear: 1965, gender: 'male', address: 'Thôn An Phú, xã Tịnh Khê' };
      const session = await call<{ id: number }>(api.sessions!.openToday!({ kind: 'regular' }));
      const visit = await call<{ id: number }>(
        api.visits!.save!({ sessionId: session.id, persons: 1, citizen: duc, matter: 'complaint', content: 'Khiếu nại quyết định thu hồi đất của UBND xã', outcome: 'petition_received' }),
      );

      // Two more visits for the register: a delegation that was guided, a repeat visitor given an answer.
      await call(
        api.visits!.save!({
          sessionId: session.id,
          persons: 6,
          delegation: {
            members: 6,
            representatives: [
              { fullName: 'Trần Thị Bình', idNumber: '051170004321', address: 'Thôn Trường Thọ, xã Tịnh Khê' },
              { fullName: 'Lê Văn Hùng', address: 'Thôn Trường Thọ, xã Tịnh Khê' },
            ],
          },
          citizen: { fullName: 'Trần Thị Bình', idNumber: '051170004321', address: 'Thôn Trường Thọ, xã Tịnh Khê' },
          matter: 'complaint',
          content: 'Đoàn đông người khiếu nại về bồi thường giải phóng mặt bằng tuyến đường ven biển',
          outcome: 'guided',
        }),
      );
      await call(
        api.visits!.save!({
          sessionId: session.id,
          persons: 1,
          citizen: { fullName: 'Phạm Thị Lan', address: 'Tổ 3, phường Cẩm Thành' },
          matter: 'recommendation',
          content: 'Kiến nghị sửa chữa đường dây điện chiếu sáng trước nhà',
          repeat: true,
          outcome: 'explained',
        }),
      );

      const names = ['Trần Thị Hoa', 'Lê Văn Nam', 'Phạm Thị Lan', 'Hoàng Văn Minh', 'Võ Thị Hạnh', 'Huỳnh Văn Tâm', 'Bùi Thị Mai', 'Phan Văn Long'];
      const kinds = ['complaint', 'denunciation', 'recommendation', 'multiple'];
      const fields = ['housing', 'policy', 'justice', 'administration', 'compensation'];
      let ducVisitPetition = { id: 0, registerNo: '' };
      let thisMonth = 0;
      for (let i = 0; i < count; i++) {
        const isDuc = i === ducEarly || i === ducVisit;
        const p = await call<{ id: number; registerNo: string }>(
          api.petitions!.create!({
            receivedOn: i === ducVisit ? today : dateOf(i),
            channel: i === ducVisit ? 'in_person' : 'post',
            visitId: i === ducVisit ? visit.id : null,
            kind: kinds[i % 4],
            field: i === land ? 'land' : fields[i % 5],
            signatories: 1,
            petitioners: [isDuc ? duc : { fullName: names[i % names.length] }],
            summary:
              i === land
                ? 'Đề nghị giải quyết tranh chấp đất đai với hộ liền kề'
                : i === ducVisit
                  ? 'Khiếu nại quyết định thu hồi đất của UBND xã Tịnh Khê'
                  : `Kiến nghị về chế độ chính sách, hồ sơ số ${i + 1}`,
          }),
        );
        if (i === ducVisit) ducVisitPetition = p;
        if ((i === ducVisit ? today : dateOf(i)).slice(0, 7) === today.slice(0, 7)) thisMonth++;
      }
      return { year, today: today.split('-').reverse().join('/'), thisMonth, visitId: visit.id, ducVisitPetition };
    },
    { count: COUNT, ducEarly: DUC_EARLY, ducVisit: DUC_VISIT, land: LAND },
  );
}

class PetitionsScreen {
  readonly page: Page;
  readonly table: Locator;
  readonly rows: Locator;
  readonly search: Locator;
  readonly total: Locator;
  constructor(page: Page) {
    this.page = page;
    this.table = page.getByRole('table', { name: 'Danh sách đơn' });
    this.rows = this.table.getByRole('rowgroup').nth(1).getByRole('row');
    this.search = page.getByRole('textbox', { name: 'Tìm đơn' });
    this.total = page.getByTestId('petition-total');
  }

  /** The row at a 0-based position in the whole list (aria-rowindex counts the header as 1). */
  rowAt(index: number): Locator {
    return this.table.locator(`[role="row"][aria-rowindex="${index + 2}"]`);
  }

  async choose(label: string, option: string): Promise<void> {
    await this.page.getByRole('combobox', { name: label }).click();
    await this.page.getByRole('option', { name: option, exact: true }).click();
  }
}

let preview: Preview;
test.beforeAll(async () => {
  preview = await startPreview(tempDbPath());
});
test.afterAll(async () => {
  await preview.stop();
});

test('petitions: paged virtual list, folded search, filters, sort, detail with history and audit trail, register 03/TCD', async ({ page }) => {
  test.setTimeout(180_000);
  const app = new AppPage(page);
  const problems = app.collectErrors();
  await app.open(preview.url);
  const seeded = await seed(page);
  const { year } = seeded;
  const no = (seq: number) => `${year}/${String(seq).padStart(6, '0')}`;

  // The list: total from SQLite, newest register number first, only a window of rows in the DOM.
  await page.keyboard.press('Alt+3');
  const list = new PetitionsScreen(page);
  await expect(page.getByRole('heading', { name: 'Đơn thư' })).toBeVisible();
  await expect(list.total).toHaveText(`${COUNT} đơn`);
  await expect(list.rowAt(0)).toContainText(no(COUNT));
  await expect(list.rowAt(0)).toHaveAttribute('data-loaded', 'true');
  expect(await list.rows.count()).toBeLessThan(60);
  await expect(list.table.getByRole('columnheader', { name: /Nội dung tóm tắt/ })).toBeVisible();
  await app.screenshot('petitions');

  // Scroll to the bottom: the last page (offset 200) is fetched; the DOM still holds a window.
  const body = list.table.getByRole('rowgroup').nth(1);
  await body.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  await expect(list.rowAt(COUNT - 1)).toContainText(no(1));
  await expect(list.rowAt(COUNT - 1)).toHaveAttribute('data-loaded', 'true');
  expect(await list.rows.count()).toBeLessThan(60);
  await expect(list.rowAt(0)).toHaveCount(0);
  await body.evaluate((el) => el.scrollTo({ top: 0 }));
  await expect(list.rowAt(0)).toContainText(no(COUNT));

  // Sort by register number toggles to ascending and back.
  const sortNo = list.table.getByRole('columnheader', { name: /Số vào sổ/ });
  await expect(sortNo).toHaveAttribute('aria-sort', 'descending');
  await sortNo.getByRole('button').click();
  await expect(sortNo).toHaveAttribute('aria-sort', 'ascending');
  await expect(list.rowAt(0)).toContainText(no(1));
  await sortNo.getByRole('button').click();
  await expect(sortNo).toHaveAttribute('aria-sort', 'descending');
  await expect(list.rowAt(0)).toContainText(no(COUNT));
  // Sorting by date received: newest first (the petition received today, at the visit), then oldest first.
  const sortDate = list.table.getByRole('columnheader', { name: /Ngày nhận/ });
  await sortDate.getByRole('button').click();
  await expect(sortDate).toHaveAttribute('aria-sort', 'descending');
  await expect(sortNo).toHaveAttribute('aria-sort', 'none');
  await expect(list.rowAt(0).getByRole('cell').nth(1)).toHaveText(seeded.today);
  await sortDate.getByRole('button').click();
  await expect(sortDate).toHaveAttribute('aria-sort', 'ascending');
  await expect(list.rowAt(0)).toContainText(no(1));
  await sortNo.getByRole('button').click();

  // Search ignores case, tone marks and đ; Ctrl+K focuses it from anywhere.
  await page.getByRole('heading', { name: 'Đơn thư' }).click();
  await page.keyboard.press('Control+K');
  await expect(list.search).toBeFocused();
  await page.keyboard.type('duc');
  await expect(list.total).toHaveText('2 đơn');
  await expect(list.rows).toHaveCount(2);
  await expect(list.rows.first()).toContainText('Nguyễn Văn Đức');
  await list.search.fill('dat dai');
  await expect(list.total).toHaveText('1 đơn');
  await expect(list.rowAt(0)).toContainText('tranh chấp đất đai');
  await list.search.fill('');
  await expect(list.total).toHaveText(`${COUNT} đơn`);

  // A filter narrows the list (every fourth petition is a denunciation); "Bỏ lọc" clears it.
  await list.choose('Loại đơn', 'Tố cáo');
  await expect(list.total).toHaveText(`${COUNT / 4} đơn`);
  await expect(list.rowAt(0)).toContainText('Tố cáo');
  await page.getByRole('button', { name: 'Bỏ lọc' }).click();
  await expect(list.total).toHaveText(`${COUNT} đơn`);
  // "Tháng này" keeps the petition received today.
  await page.getByText('Tháng này', { exact: true }).click();
  await expect(list.total).toHaveText(`${seeded.thisMonth} đơn`);
  await page.getByText('Tất cả', { exact: true }).click();
  await expect(list.total).toHaveText(`${COUNT} đơn`);

  // Keyboard: ↓ from the search into the list, ↓ again, Enter opens the petition.
  await list.search.fill('duc');
  await expect(list.total).toHaveText('2 đơn');
  await list.search.press('ArrowDown');
  await expect(list.rowAt(0)).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(list.rowAt(1)).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await expect(list.rowAt(0)).toBeFocused();
  await expect(list.rowAt(0)).toContainText(seeded.ducVisitPetition.registerNo);
  await page.keyboard.press('Enter');

  // The detail: the petition, its petitioner, the visit it came from, the citizen's history.
  await expect(page.getByRole('heading', { name: `Đơn số ${seeded.ducVisitPetition.registerNo}` })).toBeVisible();
  const info = page.getByRole('region', { name: 'Thông tin đơn' });
  await expect(info).toContainText('Khiếu nại quyết định thu hồi đất của UBND xã Tịnh Khê');
  await expect(info).toContainText('Trực tiếp tại trụ sở');
  await expect(page.getByRole('table', { name: 'Người đứng đơn' })).toContainText('051065001234');
  await expect(page.getByRole('region', { name: 'Lượt tiếp công dân' })).toContainText('Khiếu nại quyết định thu hồi đất của UBND xã');
  const history = page.getByRole('region', { name: 'Lịch sử của Nguyễn Văn Đức' });
  await expect(history.getByRole('table', { name: 'Lượt tiếp của Nguyễn Văn Đức' })).toContainText('lượt tiếp của đơn này');
  const others = history.getByRole('table', { name: 'Đơn khác của Nguyễn Văn Đức' });
  await expect(others.getByRole('row')).toHaveCount(2);
  const audit = page.getByRole('table', { name: 'Nhật ký thay đổi của đơn' });
  await expect(audit).toContainText(`Vào sổ với số ${seeded.ducVisitPetition.registerNo}`);

  // Esc goes back to the list, focus on the row that was opened; Enter opens it again.
  await page.keyboard.press('Escape');
  await expect(page.getByRole('heading', { name: 'Đơn thư' })).toBeVisible();
  await expect(list.search).toHaveValue('duc');
  await expect(list.rowAt(0)).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: `Đơn số ${seeded.ducVisitPetition.registerNo}` })).toBeVisible();

  // Alt+E edits in the shared petition form; after Ctrl+S the audit trail shows the change.
  await page.keyboard.press('Alt+E');
  const form = page.getByRole('form', { name: `Sửa đơn ${seeded.ducVisitPetition.registerNo}` });
  await expect(form).toBeVisible();
  await form.getByRole('textbox', { name: /Tóm tắt nội dung/ }).fill('Khiếu nại quyết định thu hồi đất và bồi thường của UBND xã Tịnh Khê');
  await page.keyboard.press('Control+S');
  await expect(page.getByRole('status')).toHaveText(`Đã lưu đơn số ${seeded.ducVisitPetition.registerNo}.`);
  const edit = audit.getByRole('row').nth(1);
  await expect(edit).toContainText('Sửa');
  await expect(edit).toContainText(
    'Tóm tắt nội dung: Khiếu nại quyết định thu hồi đất của UBND xã Tịnh Khê → Khiếu nại quyết định thu hồi đất và bồi thường của UBND xã Tịnh Khê',
  );
  await expect(edit.getByRole('listitem')).toHaveCount(1);
  await expect(audit.getByRole('row').nth(2)).toContainText('Thêm mới');
  await expect(info).toContainText('Khiếu nại quyết định thu hồi đất và bồi thường');
  await app.screenshot('petition-detail');

  // A workflow step (classification, through the API) reads as words in the trail, and the
  // status filter finds the petition by its new status.
  await page.evaluate(
    async ({ id, on }) => {
      const api = (globalThis as unknown as { api: Record<string, Record<string, (input?: unknown) => Promise<{ ok: boolean }>>> }).api;
      const done = await api.workflow!.classify!({ petitionId: id, eligible: true, on });
      if (!done.ok) throw new Error(JSON.stringify(done));
    },
    { id: seeded.ducVisitPetition.id, on: seeded.today.split('/').reverse().join('-') },
  );
  await page.keyboard.press('Escape');
  await list.search.fill('');
  await list.choose('Trạng thái', 'Chờ quyết định xử lý');
  await expect(list.total).toHaveText('1 đơn');
  await expect(list.rowAt(0)).toContainText(seeded.ducVisitPetition.registerNo);
  await expect(list.rowAt(0)).toContainText('Chờ quyết định xử lý');
  await list.rowAt(0).click();
  await expect(audit.getByRole('row').nth(1)).toContainText('Phân loại');
  await expect(audit.getByRole('row').nth(1)).toContainText('Đủ điều kiện xử lý');
  await expect(audit.getByRole('row').nth(1)).toContainText('Trạng thái: Chờ phân loại → Chờ quyết định xử lý');
  await expect(page.getByRole('heading', { name: `Đơn số ${seeded.ducVisitPetition.registerNo}` }).locator('..')).toContainText('Chờ quyết định xử lý');

  // A petition in the citizen's history opens.
  await others.getByRole('button', { name: `Mở đơn ${no(DUC_EARLY + 1)}` }).click();
  await expect(page.getByRole('heading', { name: `Đơn số ${no(DUC_EARLY + 1)}` })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Lượt tiếp công dân' })).toContainText('Đơn không nhận qua lượt tiếp công dân');

  // Back on the visit's petition, its session date leads to the register, form 03/TCD.
  await page.getByRole('table', { name: 'Đơn khác của Nguyễn Văn Đức' }).getByRole('button', { name: `Mở đơn ${seeded.ducVisitPetition.registerNo}` }).click();
  const visitRegion = page.getByRole('region', { name: 'Lượt tiếp công dân' });
  await visitRegion.getByRole('button', { name: /^\d{2}\/\d{2}\/\d{4}$/ }).click();
  await expect(page.getByRole('heading', { name: 'Sổ tiếp công dân', level: 2 })).toBeVisible();
  const register = page.getByRole('table', { name: 'Sổ tiếp công dân mẫu 03/TCD' });
  for (const heading of [
    'STT',
    'Ngày tiếp',
    'Họ tên, địa chỉ',
    'CCCD/Hộ chiếu',
    'Nội dung vụ việc',
    'Phân loại đơn/vụ việc',
    'Số người',
    'Cơ quan đã giải quyết',
    'Thuộc thẩm quyền (x)',
    'Hướng dẫn đến cơ quan có thẩm quyền (số văn bản)',
    'Chuyển đến cơ quan, đơn vị thụ lý (số văn bản)',
    'Theo dõi kết quả giải quyết',
    'Ghi chú',
  ]) {
    await expect(register.getByRole('columnheader', { name: heading, exact: true })).toBeVisible();
  }
  const visitRow = register.getByRole('row').filter({ hasText: 'Nguyễn Văn Đức, Thôn An Phú, xã Tịnh Khê' });
  await expect(visitRow).toHaveCount(1);
  await expect(visitRow).toContainText('051065001234');
  await expect(visitRow).toContainText('Khiếu nại quyết định thu hồi đất của UBND xã');
  await expect(visitRow).toContainText(`Nhận đơn số ${seeded.ducVisitPetition.registerNo}`);
  await expect(visitRow).toHaveAttribute('data-highlight', 'true');
  await expect(register.getByRole('row').filter({ hasText: 'Đoàn 6 người, đại diện: Trần Thị Bình' })).toContainText('Hướng dẫn đến cơ quan có thẩm quyền');

  // "Tháng này" (the default) also lists it.
  await page.getByRole('button', { name: 'Tháng này' }).click();
  await expect(visitRow).toHaveCount(1);
  await app.screenshot('register-03');

  // Nothing on the register spills sideways at 1366 px.
  const overflow = await page.locator('html').evaluate((el) => el.scrollWidth - el.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  expect(problems).toEqual([]);
});

test('petitions: a search matching thousands shows its first page at once, "hơn 1.000 đơn", the exact name first, and says how it is ordered', async ({ page }) => {
  test.setTimeout(240_000);
  // 2,100 petitions imported into a register of their own: one by Lương Văn Tài (the oldest), the
  // others by "Lương Văn Tài Em", each about plot number i.
  const MANY = 2100;
  const dbPath = tempDbPath();
  const file = path.join(path.dirname(dbPath), 'many.json');
  const petitions = Array.from({ length: MANY }, (_, i) => ({
    ref: `P${i + 1}`,
    register_no: `2025/${String(i + 1).padStart(6, '0')}`,
    received_on: '2025-06-02',
    channel: 'post',
    visit: null,
    forwarded_by: null,
    written_on: null,
    kind: 'complaint',
    field: 'land',
    signatories: 1,
    petitioners: [{ full_name: i === 0 ? 'Lương Văn Tài' : 'Lương Văn Tài Em', id_number: null, birth_year: null, gender: null, phone: null, address: null, commune_code: null }],
    subject: null,
    summary: `Khiếu nại về ranh giới thửa đất số ${i + 1}`,
    classification: null,
    decision: null,
    reply: null,
  }));
  fs.writeFileSync(file, JSON.stringify({ format: 'petition-register/v1', exported_at: '2026-03-01T08:00:00+07:00', agencies: [], sessions: [], visits: [], petitions }));
  for (const args of [['init'], ['import', file]]) {
    const r = spawnSync(process.execPath, ['bin/petreg.js', ...args, '--db', dbPath], { encoding: 'utf8' });
    expect(r.status, r.stderr).toBe(0);
  }
  const own = await startPreview(dbPath);
  try {
    const app = new AppPage(page);
    const problems = app.collectErrors();
    // Without a search the list counts up to 1.000 and shows its first page; the exact total
    // follows from petitions.count (held back here, to see the page come first).
    let releaseCount: () => void = () => {};
    const countHeld = new Promise<void>((resolve) => (releaseCount = resolve));
    await app.open(own.url);
    await page.route('**/__api/petitions.count', async (route) => {
      await countHeld;
      await route.continue();
    });
    await page.keyboard.press('Alt+3');
    const list = new PetitionsScreen(page);
    await expect(list.total).toHaveText('hơn 1.000 đơn');
    await expect(list.rowAt(0)).toContainText('2025/002100');
    releaseCount();
    await expect(list.total).toHaveText('2.100 đơn');
    await page.unroute('**/__api/petitions.count');
    const note = page.getByTestId('petition-search-order');
    await expect(note).toHaveCount(0);

    await list.search.fill('luong van tai');
    await expect(list.total).toHaveText('hơn 1.000 đơn');
    await expect(list.rowAt(0)).toContainText('2025/000001');
    await expect(list.rowAt(0)).toContainText('Lương Văn Tài');
    await expect(list.rowAt(1)).toContainText('2025/002100');
    await expect(note).toHaveText(
      'Kết quả tìm: đơn có người đứng đơn trùng đúng họ tên đã gõ xếp đầu, sau đó theo thứ tự vào sổ, mới nhất trước (nhiều đơn khớp; gõ thêm chữ hoặc lọc để xếp theo cột đã chọn).',
    );
    await app.screenshot('petitions-search-many');
    await page.screenshot({ path: test.info().outputPath('search-many.png') });

    // Scrolling down counts further, until the list knows every match and reaches the last.
    // (How many pages one scroll loads depends on timing: the count only has to grow past
    // 1.000 and end exact.)
    const body = list.table.getByRole('rowgroup').nth(1);
    await body.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    await expect(list.total).not.toHaveText('hơn 1.000 đơn');
    await expect(list.total).toHaveText(/^(hơn (1\.[1-9]|2\.0)\d\d|2\.100) đơn$/);
    await expect(async () => {
      await body.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
      await expect(list.total).toHaveText('2.100 đơn', { timeout: 1000 });
    }).toPass({ timeout: 20_000 });
    await body.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    await expect(list.rowAt(MANY - 1)).toContainText('2025/000002');
    await expect(list.rowAt(MANY - 1)).toHaveAttribute('data-loaded', 'true');

    // A quoted phrase: the words side by side, whole; few matches follow the chosen sort.
    await list.search.fill('"dat so 15"');
    await expect(list.total).toHaveText('1 đơn');
    await expect(list.rowAt(0)).toContainText('thửa đất số 15');
    await expect(note).toHaveText('Kết quả tìm: đơn có người đứng đơn trùng đúng họ tên đã gõ xếp đầu, sau đó theo số vào sổ, mới nhất trước.');
    // Unquoted, each word a beginning: số 15, 150–159, 1500–1599.
    await list.search.fill('dat so 15');
    await expect(list.total).toHaveText('111 đơn');
    expect(problems).toEqual([]);
  } finally {
    await own.stop();
  }
});
