// Several desks, one register (issue 14): two preview servers on one PostgreSQL database, each
// driven by its own officer in its own browser, register petitions at the same moment. The numbers
// are distinct and gap-free; each desk sees the other's petitions. Runs where a PostgreSQL server
// is given (npm test starts a throw-away one and sets PETREG_TEST_POSTGRES).
import pg from 'pg';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { startPreview, type Preview } from './preview.ts';
import { AppPage } from './pages/app.ts';
import { SignInScreen } from './pages/signin.ts';

const SERVER = process.env.PETREG_TEST_POSTGRES ?? '';

test.skip(!SERVER, 'needs a PostgreSQL server (npm test starts one and sets PETREG_TEST_POSTGRES)');

let database = '';
let url = '';
let desks: Preview[] = [];

async function admin(sqlText: string): Promise<void> {
  const client = new pg.Client({ connectionString: SERVER });
  await client.connect();
  try {
    await client.query(sqlText);
  } finally {
    await client.end();
  }
}

test.beforeAll(async () => {
  database = `petreg_e2e_${process.pid}_${Date.now().toString(36)}`;
  await admin(`create database ${database}`);
  const u = new URL(SERVER);
  u.pathname = `/${database}`;
  url = u.toString();
  // The first desk makes the register (schema, seed, the administrator's password).
  // The real clock, as the browser's date fields read it.
  desks = [await startPreview(url)];
  desks.push(await startPreview(url));
});

test.afterAll(async () => {
  await Promise.all(desks.map((d) => d.stop()));
  if (database) await admin(`drop database if exists ${database} with (force)`);
});

/** The administrator (signed in on the first desk's server) gives an officer an account. */
async function addOfficer(page: Page, username: string, fullName: string, password: string): Promise<void> {
  await page.evaluate(
    async ({ username, fullName, password }) => {
      type Envelope<T> = { ok: true; value: T } | { ok: false; error: { message: string } };
      const api = (globalThis as unknown as { api: Record<string, Record<string, (input?: unknown) => Promise<unknown>>> }).api;
      const user = (await api.users!.upsert!({ username, fullName, role: 'officer' })) as Envelope<{ id: number }>;
      if (!user.ok) throw new Error(user.error.message);
      const reset = (await api.users!.resetPassword!({ userId: user.value.id, password })) as Envelope<unknown>;
      if (!reset.ok) throw new Error(reset.error.message);
    },
    { username, fullName, password },
  );
}

/** Signs the desk's officer in with the temporary password and sets her own. */
async function signInOfficer(page: Page, username: string, temporary: string, own: string, name: string): Promise<void> {
  const signIn = new SignInScreen(page);
  await signIn.signOut();
  await signIn.signIn(username, temporary);
  const change = page.getByRole('form', { name: 'Đổi mật khẩu tạm' });
  await change.getByLabel('Mật khẩu tạm', { exact: true }).fill(temporary);
  await change.getByLabel('Mật khẩu mới', { exact: true }).fill(own);
  await change.getByRole('button', { name: 'Đổi mật khẩu' }).click();
  await expect(page.getByTestId('signed-in-officer')).toContainText(name);
}

/** Registers one petition through the intake form; returns the number the desk shows. */
async function registerPetition(page: Page, petitioner: string): Promise<string> {
  await page.keyboard.press('Alt+3');
  await expect(page.getByRole('heading', { name: 'Đơn thư', exact: true })).toBeVisible();
  await page.keyboard.press('Alt+N');
  const form = page.getByRole('form', { name: 'Nhập đơn' });
  await expect(form).toBeVisible();
  for (const [label, typed, shown] of [
    ['Nguồn đơn', 'qua buu', /Qua bưu điện/],
    ['Loại đơn', 'kien', /Kiến nghị/],
    ['Lĩnh vực', 'dat', /Đất đai/],
  ] as const) {
    const select = form.getByRole('combobox', { name: label });
    await select.focus();
    await page.keyboard.type(typed);
    await page.keyboard.press('Enter');
    await expect(select).toHaveValue(shown);
  }
  await form.getByRole('group', { name: /^Người đứng đơn 1/ }).getByLabel('Họ và tên').fill(petitioner);
  await form.getByLabel('Tóm tắt nội dung').fill(`Kiến nghị của ${petitioner} về việc cấp giấy chứng nhận quyền sử dụng đất.`);
  await page.keyboard.press('Control+S');
  const status = page.getByRole('status', { name: 'Đơn đã vào sổ' });
  await expect(status).toContainText(/Đã vào sổ: \d{4}\/\d{6}/);
  return /(\d{4}\/\d{6})/.exec((await status.textContent()) ?? '')![1]!;
}

async function openDesk(browser: Browser, preview: Preview): Promise<{ page: Page; close(): Promise<void> }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await new AppPage(page).open(preview.url);
  return { page, close: () => context.close() };
}

test('two desks on one PostgreSQL register: two officers register at once, the numbers are distinct and gap-free, each sees the other’s', async ({ browser }) => {
  test.setTimeout(180_000);
  const a = await openDesk(browser, desks[0]!);
  const b = await openDesk(browser, desks[1]!);
  try {
    await addOfficer(a.page, 'lan.nt', 'Nguyễn Thị Lan', 'tam-thoi-lan-2026');
    await addOfficer(a.page, 'minh.tv', 'Trần Văn Minh', 'tam-thoi-minh-2026');
    await signInOfficer(a.page, 'lan.nt', 'tam-thoi-lan-2026', 'cua-rieng-lan-2026', 'Nguyễn Thị Lan');
    await signInOfficer(b.page, 'minh.tv', 'tam-thoi-minh-2026', 'cua-rieng-minh-2026', 'Trần Văn Minh');

    const namesA = ['Phạm Văn Toàn', 'Đỗ Thị Hằng', 'Vũ Văn Khải'];
    const namesB = ['Ngô Thị Liên', 'Trịnh Văn Bảo', 'Lý Thị Cúc'];
    const desk = async (page: Page, names: string[]) => {
      const numbers: string[] = [];
      for (const name of names) numbers.push(await registerPetition(page, name));
      return numbers;
    };
    // Both officers save at the same time, three petitions each.
    const [numbersA, numbersB] = await Promise.all([desk(a.page, namesA), desk(b.page, namesB)]);
    const all = [...numbersA, ...numbersB].sort();
    expect(new Set(all).size).toBe(6);
    const year = all[0]!.slice(0, 4);
    expect(all).toEqual([1, 2, 3, 4, 5, 6].map((n) => `${year}/00000${n}`));
    // Each desk's own numbers rise in the order it saved them.
    expect([...numbersA].sort()).toEqual(numbersA);
    expect([...numbersB].sort()).toEqual(numbersB);

    // Each desk finds the other's petitions in its list, with the other officer's numbers.
    for (const [page, names, numbers] of [
      [a.page, namesB, numbersB],
      [b.page, namesA, numbersA],
    ] as const) {
      await page.keyboard.press('Alt+3');
      const rows = page.getByRole('table', { name: 'Danh sách đơn' }).getByRole('rowgroup').nth(1).getByRole('row');
      const search = page.getByRole('textbox', { name: 'Tìm đơn' });
      await search.fill(names[1]!);
      await expect(rows).toHaveCount(1);
      await expect(rows.first()).toContainText(numbers[1]!);
      await search.fill('');
      await expect(rows).toHaveCount(6);
      for (const n of [...numbersA, ...numbersB]) await expect(rows.filter({ hasText: n })).toHaveCount(1);
    }
    await a.page.screenshot({ path: test.info().outputPath('desk-a.png') });
    await b.page.screenshot({ path: test.info().outputPath('desk-b.png') });
  } finally {
    await a.close();
    await b.close();
  }
});
