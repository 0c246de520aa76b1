// Page model of the sign-in gate (renderer/src/components/SignInGate.tsx).
import { expect, type Locator, type Page } from '@playwright/test';

export class SignInScreen {
  readonly page: Page;
  readonly form: Locator;
  constructor(page: Page) {
    this.page = page;
    this.form = page.getByRole('form');
  }

  /** Signs out from the header (the register is showing). */
  async signOut(): Promise<void> {
    await this.page.getByRole('button', { name: 'Đăng xuất' }).click();
    await expect(this.page.getByRole('form', { name: 'Đăng nhập' })).toBeVisible();
  }

  /** Fills the sign-in form and submits it; `expectName`: the officer the header then shows. */
  async signIn(username: string, password: string, expectName?: string): Promise<void> {
    const form = this.page.getByRole('form', { name: 'Đăng nhập' });
    await form.getByLabel('Tên đăng nhập', { exact: true }).fill(username);
    await form.getByLabel('Mật khẩu', { exact: true }).fill(password);
    await form.getByRole('button', { name: 'Đăng nhập' }).click();
    if (expectName) await expect(this.page.getByTestId('signed-in-officer')).toContainText(expectName);
  }

  /** Signs out and in again as someone else. */
  async switchTo(username: string, password: string, name: string): Promise<void> {
    await this.signOut();
    await this.signIn(username, password, name);
  }

  error(): Locator {
    return this.page.getByRole('alert');
  }
}
