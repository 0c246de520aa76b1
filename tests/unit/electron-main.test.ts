// The real main-process bundle (electron/main.ts built the way build/build-electron.ts builds it),
// run under plain Node against a fake `electron` module: the Electron binary cannot run in unit
// tests, but the wiring (data folder, scheme, sandbox, IPC, protocol, window, navigation lock-down,
// open errors, closing the register on quit) can be checked on what main.cjs hands to Electron.
import fs from 'node:fs';
import Module, { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { electronBuilds } from '../../build/build-electron.ts';
import { METHOD_NAMES } from '../../shared/api/contract.ts';
import { APP_ENTRY_URL, CONTENT_SECURITY_POLICY, privilegedSchemes, webPreferences } from '../../electron/security.ts';

const require = createRequire(import.meta.url);
type Listener = (...args: any[]) => any;

/** A fake `electron` module recording what main.cjs does with it. */
function fakeElectron() {
  const rec = {
    appEvents: new Map<string, Listener[]>(),
    paths: new Map<string, string>(),
    schemes: null as unknown,
    sandbox: false,
    switches: new Map<string, string | undefined>(),
    lockRequested: false,
    ipc: new Map<string, Listener>(),
    protocolHandlers: new Map<string, Listener>(),
    windows: [] as { options: any; url?: string; events: Map<string, Listener[]> }[],
    menu: null as unknown,
    errors: [] as [string, string][],
    quitCalls: 0,
    permissionRequest: null as Listener | null,
    permissionCheck: null as Listener | null,
    headersReceived: null as Listener | null,
  };
  let resolveReady!: () => void;
  const ready = new Promise<void>((resolve) => (resolveReady = resolve));
  const emit = (name: string, ...args: unknown[]) => (rec.appEvents.get(name) ?? []).forEach((fn) => fn(...args));
  const app = {
    setPath: (name: string, value: string) => rec.paths.set(name, value),
    getPath: (name: string) => rec.paths.get(name),
    enableSandbox: () => (rec.sandbox = true),
    commandLine: { appendSwitch: (name: string, value?: string) => rec.switches.set(name, value) },
    requestSingleInstanceLock: () => (rec.lockRequested = true),
    on: (name: string, fn: Listener) => rec.appEvents.set(name, [...(rec.appEvents.get(name) ?? []), fn]),
    whenReady: () => ready,
    getVersion: () => '9.9.9',
    isPackaged: true,
    quit: () => {
      rec.quitCalls += 1;
      let prevented = false;
      emit('will-quit', { preventDefault: () => (prevented = true) });
      return prevented;
    },
    exit: () => undefined,
  };
  class BrowserWindow {
    readonly record: (typeof rec.windows)[number];
    constructor(options: unknown) {
      this.record = { options, events: new Map() };
      rec.windows.push(this.record);
    }
    on(name: string, fn: Listener) {
      this.record.events.set(name, [...(this.record.events.get(name) ?? []), fn]);
      return this;
    }
    once(name: string, fn: Listener) {
      return this.on(name, fn);
    }
    loadURL(url: string) {
      this.record.url = url;
      return Promise.resolve();
    }
  }
  const electron = {
    app,
    BrowserWindow,
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown) => (rec.schemes = schemes),
      handle: (scheme: string, fn: Listener) => rec.protocolHandlers.set(scheme, fn),
    },
    net: { fetch: async (url: string) => new Response(fs.readFileSync(new URL(url))) },
    session: {
      defaultSession: {
        setPermissionRequestHandler: (fn: Listener) => (rec.permissionRequest = fn),
        setPermissionCheckHandler: (fn: Listener) => (rec.permissionCheck = fn),
        webRequest: { onHeadersReceived: (fn: Listener) => (rec.headersReceived = fn) },
      },
    },
    ipcMain: {
      handle: (channel: string, fn: Listener) => {
        if (rec.ipc.has(channel)) throw new Error(`second handler for ${channel}`);
        rec.ipc.set(channel, fn);
      },
    },
    Menu: { buildFromTemplate: (template: unknown) => template, setApplicationMenu: (menu: unknown) => (rec.menu = menu) },
    dialog: {
      showErrorBox: (title: string, message: string) => rec.errors.push([title, message]),
      showMessageBox: async () => ({ response: 0 }),
    },
  };
  return { rec, electron, resolveReady, emit };
}

const tick = (ms = 50) => new Promise((resolve) => setTimeout(resolve, ms));

let tmp: string;
let mainBundle: string;

/** Loads a fresh copy of main.cjs with `electron` replaced by the fake and a given data folder. */
function loadMain(dataDir: string) {
  const fake = fakeElectron();
  const betterSqlite = require.resolve('better-sqlite3');
  const mod = Module as unknown as { _load: (request: string, ...rest: unknown[]) => unknown };
  const originalLoad = mod._load;
  const previousDataDir = process.env.PETREG_DATA_DIR;
  mod._load = function (request: string, ...rest: unknown[]) {
    if (request === 'electron') return fake.electron;
    if (request === 'better-sqlite3') return originalLoad.call(this, betterSqlite, ...rest);
    return originalLoad.call(this, request, ...rest);
  };
  process.env.PETREG_DATA_DIR = dataDir;
  try {
    delete require.cache[mainBundle];
    require(mainBundle);
  } finally {
    mod._load = originalLoad;
    if (previousDataDir === undefined) delete process.env.PETREG_DATA_DIR;
    else process.env.PETREG_DATA_DIR = previousDataDir;
  }
  return fake;
}

async function waitFor(predicate: () => boolean, timeoutMs = 10_000) {
  const end = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > end) throw new Error('timed out');
    await tick(20);
  }
}

beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'petreg-electron-main-'));
  const outdir = path.join(tmp, 'dist-electron');
  const [mainOptions] = electronBuilds(outdir, true);
  await build({ ...mainOptions!, logLevel: 'silent' });
  mainBundle = path.join(outdir, 'main.cjs');
  const renderer = path.join(tmp, 'dist', 'renderer');
  fs.mkdirSync(path.join(renderer, 'assets'), { recursive: true });
  fs.writeFileSync(path.join(renderer, 'index.html'), '<!doctype html><title>t</title>');
  fs.writeFileSync(path.join(renderer, 'assets', 'index-Ab_1.js'), 'console.log(1)');
  fs.writeFileSync(path.join(tmp, 'secret.txt'), 'secret');
}, 60_000);

afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('main.cjs under a fake Electron', () => {
  let fake: ReturnType<typeof fakeElectron>;
  let dataDir: string;

  beforeAll(async () => {
    dataDir = path.join(tmp, 'data');
    fake = loadMain(dataDir);
  });

  it('before ready: privileged scheme, sandbox, the CLI data folder, the single-instance lock', () => {
    expect(fake.rec.schemes).toEqual(privilegedSchemes());
    expect(fake.rec.sandbox).toBe(true);
    expect(fake.rec.paths.get('userData')).toBe(path.resolve(dataDir));
    expect(fake.rec.lockRequested).toBe(true);
    expect(fake.rec.ipc.size).toBe(0);
  });

  it('before ready: starts Chromium in the Vietnamese locale whatever the OS language', () => {
    expect(fake.rec.switches.get('lang')).toBe('vi-VN');
  });

  it('when ready: opens the register, wires IPC, protocol, permissions, menu and one window', async () => {
    fake.resolveReady();
    await waitFor(() => fake.rec.windows.length === 1);
    expect(fake.rec.errors).toEqual([]);
    expect(fs.existsSync(path.join(dataDir, 'register.sqlite'))).toBe(true);
    expect([...fake.rec.ipc.keys()].sort()).toEqual(METHOD_NAMES.map((m) => `api:${m}`).sort());
    const win = fake.rec.windows[0]!;
    expect(win.options.webPreferences).toEqual(webPreferences(path.join(tmp, 'dist-electron', 'preload.cjs')));
    expect(win.url).toBe(APP_ENTRY_URL);
    expect(Array.isArray(fake.rec.menu)).toBe(true);
    const granted: boolean[] = [];
    fake.rec.permissionRequest!({}, 'media', (ok: boolean) => granted.push(ok), {});
    expect(granted).toEqual([false]);
    expect(fake.rec.permissionCheck!({}, 'clipboard-read', 'app://renderer', {})).toBe(false);
  });

  it('serves dist/renderer over app:// with the CSP, and nothing else', async () => {
    const handle = fake.rec.protocolHandlers.get('app')!;
    const index = (await handle({ method: 'GET', url: 'app://renderer/' })) as Response;
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(index.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await index.text()).toContain('<title>t</title>');
    const script = (await handle({ method: 'GET', url: 'app://renderer/assets/index-Ab_1.js' })) as Response;
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    for (const url of ['app://renderer/missing.js', 'app://renderer/%2e%2e/%2e%2e/secret.txt', 'app://other/index.html']) {
      const response = (await handle({ method: 'GET', url })) as Response;
      expect(response.status, url).toBe(404);
      expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    }
    expect(((await handle({ method: 'POST', url: 'app://renderer/' })) as Response).status).toBe(404);
    const headers: unknown[] = [];
    fake.rec.headersReceived!({ url: 'app://renderer/', responseHeaders: { 'Content-Security-Policy': ['default-src *'] } }, (r: unknown) => headers.push(r));
    expect(headers).toEqual([{ responseHeaders: { 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } }]);
  });

  it('answers the API over IPC for the app only', async () => {
    const list = fake.rec.ipc.get('api:agencies.list')!;
    // Nothing answers before sign-in; a new register asks for the first administrator's password.
    expect(await list({ senderFrame: { url: 'app://renderer/index.html' } }, {})).toMatchObject({ ok: false, error: { code: 'UNAUTHENTICATED' } });
    const setup = await fake.rec.ipc.get('api:auth.setup')!({ senderFrame: { url: 'app://renderer/index.html' } }, { username: 'admin', password: 'mat-khau-quan-tri' });
    expect(setup).toMatchObject({ ok: true, value: { needsSetup: false, officer: { username: 'admin' } } });
    const ok = await list({ senderFrame: { url: 'app://renderer/index.html' } }, { search: 'Tỉnh ủy' });
    expect(ok.ok).toBe(true);
    expect(ok.value.map((a: { name: string }) => a.name)).toContain('Tỉnh ủy');
    expect(await list({ senderFrame: { url: 'https://evil.example' } }, {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const info = await fake.rec.ipc.get('api:app.info')!({ senderFrame: { url: 'app://renderer/' } });
    expect(info.value).toMatchObject({ appVersion: '9.9.9', databasePath: path.join(path.resolve(dataDir), 'register.sqlite') });
    const bad = await list({ senderFrame: { url: 'app://renderer/' } }, { nonsense: true });
    expect(bad).toMatchObject({ ok: false, error: { code: 'VALIDATION' } });
  });

  it('locks navigation, new windows and webviews of every web contents', () => {
    const listeners = new Map<string, Listener>();
    let openHandler: Listener | null = null;
    const contents = { on: (name: string, fn: Listener) => listeners.set(name, fn), setWindowOpenHandler: (fn: Listener) => (openHandler = fn) };
    fake.emit('web-contents-created', {}, contents);
    const navigate = (event: string, url: string) => {
      let prevented = false;
      listeners.get(event)!({ url, preventDefault: () => (prevented = true) });
      return prevented;
    };
    expect(navigate('will-navigate', 'https://evil.example/')).toBe(true);
    expect(navigate('will-navigate', 'file:///etc/passwd')).toBe(true);
    expect(navigate('will-navigate', 'app://renderer/index.html')).toBe(false);
    expect(navigate('will-redirect', 'http://localhost/')).toBe(true);
    expect(navigate('will-attach-webview', 'app://renderer/')).toBe(true);
    expect(openHandler!({ url: 'https://example.com' })).toEqual({ action: 'deny' });
  });

  it('closes the register before quitting', async () => {
    expect(fake.electron.app.quit()).toBe(true); // first quit is held while the register closes
    await waitFor(() => fake.rec.quitCalls === 2);
    expect(fs.existsSync(path.join(dataDir, 'register.sqlite-wal'))).toBe(false);
  });
});

describe('main.cjs with an unreadable register', () => {
  it('shows a Vietnamese error box and quits without a window', async () => {
    const dataDir = path.join(tmp, 'bad');
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(path.join(dataDir, 'register.sqlite'), Buffer.alloc(4096, 7));
    const fake = loadMain(dataDir);
    fake.resolveReady();
    await waitFor(() => fake.rec.quitCalls > 0);
    expect(fake.rec.windows).toEqual([]);
    expect(fake.rec.ipc.size).toBe(0);
    expect(fake.rec.errors).toHaveLength(1);
    const [title, message] = fake.rec.errors[0]!;
    expect(title).toBe('Không mở được sổ tiếp công dân');
    expect(message).toContain('không phải là cơ sở dữ liệu SQLite hợp lệ');
  });
});
