// Page models of the 2026 law's screens: the notices in "Việc cần làm" and on the petition, the
// refusal fields of the visit dialog, and one call through window.api for test set-up.
import { expect, type Locator, type Page } from '@playwright/test';

/** One call through window.api, as the renderer makes it; a refusal fails the test with its message. */
export async function callApi<T>(page: Page, method: string, input?: unknown): Promise<T> {
  return page.evaluate(
    async ({ method, input }) => {
      const [ns, fn] = method.split('.') as [string, string];
      const api = (globalThis as unknown as { api: Record<string, Record<string, (input?: unknown) => Promise<unknown>>> }).api;
      const e = (await api[ns]![fn]!(input)) as { ok: true; value: unknown } | { ok: false; error: { message: string } };
      if (!e.ok) throw new Error(`${method}: ${e.error.message}`);
      return e.value;
    },
    { method, input },
  ) as Promise<T>;
}

export class LawTodoScreen {
  readonly page: Page;
  readonly notices: Locator;
  readonly steps: Locator;
  constructor(page: Page) {
    this.page = page;
    this.notices = page.getByRole('table', { name: 'Thông báo phải gửi công dân' });
    this.steps = page.getByRole('table', { name: 'Hạn theo loại đơn' });
  }

  async open(): Promise<void> {
    await this.page.keyboard.press('Alt+0');
    await expect(this.page.getByRole('heading', { name: 'Việc cần làm', level: 2 })).toBeVisible();
  }

  notice(kind: string): Locator {
    return this.page.getByTestId(`todo-notice-${kind}`);
  }
}

/** The print preview dialog: its document, and closing it. */
export class PrintPreview {
  readonly page: Page;
  readonly dialog: Locator;
  constructor(page: Page) {
    this.page = page;
    this.dialog = page.getByRole('dialog');
  }

  body(): Locator {
    return this.dialog.frameLocator('iframe').locator('body');
  }

  async close(): Promise<void> {
    await this.dialog.getByRole('button', { name: 'Đóng', exact: true }).click();
    await expect(this.dialog).toHaveCount(0);
  }
}

/** Issues a notice from its row: "Ban hành", then the confirmation dialog. */
export async function issueFrom(page: Page, row: Locator): Promise<void> {
  await row.getByRole('button', { name: /^Ban hành/ }).click();
  const confirm = page.getByRole('dialog', { name: 'Ban hành thông báo' });
  await expect(confirm).toContainText('sẽ được cấp số văn bản tiếp theo');
  await confirm.getByRole('button', { name: 'Xác nhận ban hành' }).click();
  await expect(confirm).toHaveCount(0);
}
