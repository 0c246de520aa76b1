// Issue 14: a new register asks for the first administrator's password; officers get accounts,
// sign in with their own password, are locked out after five wrong ones, the screen locks after
// idle time, and a reception officer neither sees nor may call the handling of a petition.
import { expect, test, type APIRequestContext } from '@playwright/test';
import { startPreview, tempDbPath, type Preview } from './preview.ts';
import { AppPage } from './pages/app.ts';
import { SignInScreen } from './pages/signin.ts';

const ADMIN_PASSWORD = 'mat-khau-quan-tri-2026';

async function call(request: APIRequestContext, preview: Preview, method: string, input: unknown): Promise<{ ok: boolean; value?: any; error?: { code: string; message: string } }> {
  const url = new URL(preview.url);
  const response = await request.post(`${url.origin}/__api/${method}`, { data: input ?? null, headers: { 'x-petreg-token': url.hash.replace('#token=', '') } });
  return response.json();
}

test('first administrator, accounts, wrong passwords, idle lock, and a reception officer refused the handling', async ({ page, request }) => {
  test.setTimeout(180_000);
  const preview = await startPreview(tempDbPath('petreg-e2e-signin-'), undefined, undefined, { signIn: false });
  try {
    await page.clock.install();
    await page.setViewportSize({ width: 1366, height: 800 });
    const app = new AppPage(page);
    const problems = app.collectErrors();
    const signIn = new SignInScreen(page);

    // A new register: nothing shows before the first administrator sets a password.
    await page.goto(preview.url);
    const setup = page.getByRole('form', { name: 'Đặt mật khẩu quản trị lần đầu' });
    await expect(setup).toBeVisible();
    await expect(page.getByRole('navigation', { name: 'Điều hướng' })).toHaveCount(0);
    expect((await call(request, preview, 'petitions.list', {})).error?.code).toBe('UNAUTHENTICATED');
    await page.screenshot({ path: test.info().outputPath('signin-setup.png') });
    await setup.getByLabel('Mật khẩu', { exact: true }).fill(ADMIN_PASSWORD);
    await setup.getByLabel('Nhập lại mật khẩu', { exact: true }).fill(ADMIN_PASSWORD);
    await setup.getByRole('button', { name: 'Đặt mật khẩu và vào sổ' }).click();
    await expect(page.getByRole('heading', { name: 'Tổng quan' })).toBeVisible();
    await expect(page.getByTestId('signed-in-officer')).toContainText('Quản trị viên');

    // The administrator gives a reception officer an account with a temporary password.
    await page.keyboard.press('Alt+6');
    const add = page.getByRole('group', { name: 'Thêm cán bộ' });
    await add.getByLabel('Tên đăng nhập').fill('lan.nt');
    await add.getByLabel('Họ và tên').fill('Nguyễn Thị Lan');
    await add.getByLabel('Mật khẩu tạm').fill('tam-thoi-2026');
    await add.getByRole('button', { name: 'Thêm cán bộ' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Đã thêm Nguyễn Thị Lan (lan.nt) với mật khẩu tạm.' })).toBeVisible();
    await page.getByRole('region', { name: 'Cán bộ' }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: test.info().outputPath('signin-users.png') });

    // A wrong password is refused without saying whether the name exists.
    await signIn.signOut();
    await signIn.signIn('lan.nt', 'sai-mat-khau');
    await expect(signIn.error()).toHaveText('Tên đăng nhập hoặc mật khẩu không đúng.');
    await signIn.signIn('khong.co.ai', 'sai-mat-khau');
    await expect(signIn.error()).toHaveText('Tên đăng nhập hoặc mật khẩu không đúng.');

    // The temporary password works once: the officer sets her own.
    await signIn.signIn('lan.nt', 'tam-thoi-2026');
    const change = page.getByRole('form', { name: 'Đổi mật khẩu tạm' });
    await change.getByLabel('Mật khẩu tạm', { exact: true }).fill('tam-thoi-2026');
    await change.getByLabel('Mật khẩu mới', { exact: true }).fill('cua-rieng-lan-2026');
    await change.getByRole('button', { name: 'Đổi mật khẩu' }).click();
    await expect(page.getByTestId('signed-in-officer')).toContainText('Nguyễn Thị Lan');
    await expect(page.getByTestId('signed-in-officer')).toContainText('Cán bộ tiếp nhận');

    // A reception officer registers a petition, but neither sees nor may call its handling.
    await expect(app.nav('Cài đặt')).toHaveCount(0);
    const created = await call(request, preview, 'petitions.create', { receivedOn: '2026-03-02', channel: 'post', kind: 'complaint', field: 'land', petitioners: [{ fullName: 'Nguyễn Văn Đức' }], summary: 'Khiếu nại thu hồi đất' });
    expect(created.ok).toBe(true);
    await page.keyboard.press('Alt+3');
    await page.getByRole('row').filter({ hasText: created.value.registerNo }).first().click();
    await expect(page.getByTestId('workflow-not-permitted')).toBeVisible();
    await expect(page.getByRole('form', { name: 'Quyết định xử lý' })).toHaveCount(0);
    await expect(page.getByRole('button', { name: /Ghi phân loại/ })).toHaveCount(0);
    const refused = await call(request, preview, 'workflow.classify', { petitionId: created.value.id, on: '2026-03-03', eligible: true });
    expect(refused.error?.code).toBe('FORBIDDEN');
    expect(refused.error?.message).toContain('Vai trò Cán bộ tiếp nhận không có quyền phân loại và xử lý đơn');
    await page.screenshot({ path: test.info().outputPath('signin-officer-detail.png'), fullPage: true });

    // Idle for longer than the setting (15 minutes): the screen locks and asks the password again.
    await page.clock.fastForward('16:00');
    const lock = page.getByRole('form', { name: 'Phiên làm việc đã khóa' });
    await expect(lock).toBeVisible();
    await page.screenshot({ path: test.info().outputPath('signin-idle-lock.png') });
    await lock.getByLabel('Mật khẩu', { exact: true }).fill('cua-rieng-lan-2026');
    await lock.getByRole('button', { name: 'Mở khóa' }).click();
    await expect(page.getByTestId('workflow-not-permitted')).toBeVisible();

    // Five wrong passwords lock the account.
    await signIn.signOut();
    for (let i = 1; i <= 4; i++) {
      await signIn.signIn('lan.nt', `sai-${i}`);
      await expect(signIn.error()).toHaveText('Tên đăng nhập hoặc mật khẩu không đúng.');
    }
    await signIn.signIn('lan.nt', 'sai-5');
    await expect(signIn.error()).toContainText('tài khoản tạm khóa, hãy thử lại sau 15 phút');
    await signIn.signIn('lan.nt', 'cua-rieng-lan-2026');
    await expect(signIn.error()).toContainText('tạm khóa');
    await page.screenshot({ path: test.info().outputPath('signin-locked.png') });
    expect(problems).toEqual([]);
  } finally {
    await preview.stop();
  }
});
