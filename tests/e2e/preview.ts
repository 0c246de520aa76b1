// Starts and stops the browser preview (web/server.ts) on its own temporary register, as a user
// would with `npm run web`, so a test can also restart it.
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface Preview {
  url: string;
  dbPath: string;
  stop(): Promise<void>;
}

export function tempDbPath(prefix = 'petreg-e2e-'): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), prefix)), 'register.sqlite');
}

/**
 * `now`: a fixed instant the register reads as the current time (ISO, e.g. 2026-03-02T09:00:00+07:00).
 * `root`: another checkout to serve (its built renderer), e.g. to measure the previous version.
 */
/** The first administrator's password every e2e register gets (see ensureSigner). */
export const E2E_ADMIN_PASSWORD = 'quan-tri-e2e-2026';

/**
 * `signIn`: false leaves a new register without any password, for the sign-in spec; by default the
 * preview's session starts signed in as the administrator (the bridge has one session per server,
 * so the page opens on the register).
 */
export async function startPreview(
  dbPath: string,
  now?: string,
  root = path.resolve(import.meta.dirname, '../..'),
  /** `dataDir`: no --db; the preview opens what the app's setting in that folder names (Cài đặt → Nơi lưu sổ). */
  options: { signIn?: boolean; dataDir?: string } = {},
): Promise<Preview> {
  const args = ['web/server.ts', ...(options.dataDir ? [] : ['--db', dbPath]), '--port', '0', ...(now ? ['--now', now] : [])];
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: root,
    env: { ...process.env, PETREG_WEB_TOKEN: '', ...(options.dataDir ? { PETREG_DATA_DIR: options.dataDir, PETREG_DB: '' } : {}) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`preview did not start:\n${output}`)), 20_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Mở: (\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`preview exited with ${code}:\n${output}`));
    });
  });
  if (options.signIn !== false) await ensureSigner(url);
  return {
    url,
    dbPath,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/**
 * Signs the preview in as the administrator, then: a Board sets who signs its documents before it prints any (no document leaves with an empty
 * signer): the test register gets one, as an officer would in Cài đặt, unless it already has one.
 */
async function ensureSigner(url: string): Promise<void> {
  const origin = new URL(url).origin;
  const token = new URL(url).hash.replace(/^#token=/, '');
  const call = async (method: string, input: unknown) => {
    const response = await fetch(`${origin}/__api/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-petreg-token': token },
      body: JSON.stringify(input),
    });
    return (await response.json()) as { ok: boolean; value?: { signerName?: string; needsSetup?: boolean } };
  };
  // Sign in as the administrator (on a new register: set the first administrator's password).
  const status = await call('auth.status', null);
  if (status.value?.needsSetup) await call('auth.setup', { username: 'admin', password: E2E_ADMIN_PASSWORD });
  else await call('auth.signIn', { username: 'admin', password: E2E_ADMIN_PASSWORD });
  const settings = await call('settings.get', null);
  if (settings.ok && !settings.value?.signerName) await call('settings.update', { signerName: 'Nguyễn Văn Ký' });
}

/** `petreg demo` fills the register with a year of records up to today (it reads the real clock). */
export function fillDemo(dbPath: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['bin/petreg.js', 'demo', '--db', dbPath], { cwd: path.resolve(import.meta.dirname, '../..'), stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout!.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr!.on('data', (c: Buffer) => (output += c.toString()));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`petreg demo exited with ${code}:\n${output}`))));
  });
}
