// The desktop shell's security settings, asserted on the objects the code builds (no Electron at
// runtime: electron/security.ts, menu.ts and ipc.ts only import Electron's types).
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { METHOD_NAMES } from '../../shared/api/contract.ts';
import type { ApiEnvelope } from '../../shared/errors.ts';
import { registerIpcHandlers, type IpcHandler, type IpcMainLike } from '../../electron/ipc.ts';
import { buildMenuTemplate, type MenuOptions } from '../../electron/menu.ts';
import {
  APP_ENTRY_URL,
  APP_SCHEME,
  APP_SCHEME_PRIVILEGES,
  CONTENT_SECURITY_POLICY,
  appResponseHeaders,
  denyPermissionCheck,
  denyPermissionRequest,
  denyWindowOpen,
  isAllowedNavigation,
  isAllowedSender,
  privilegedSchemes,
  resolveAppRequest,
  webPreferences,
  windowOptions,
  withCspHeader,
} from '../../electron/security.ts';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);

describe('webPreferences', () => {
  const prefs = webPreferences('/app/dist-electron/preload.cjs');

  it('isolates and sandboxes the renderer', () => {
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
      preload: '/app/dist-electron/preload.cjs',
    });
    expect(prefs.nodeIntegrationInSubFrames).toBe(false);
    expect(prefs.experimentalFeatures).toBe(false);
  });

  it('is what the window is created with', () => {
    const options = windowOptions('/p.cjs');
    expect(options.webPreferences).toEqual(webPreferences('/p.cjs'));
    expect(options.title).toBe('Sổ tiếp công dân');
    expect(options.show).toBe(false);
  });
});

describe('Content-Security-Policy', () => {
  const directives = new Map(
    CONTENT_SECURITY_POLICY.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name, values] as const;
    }),
  );

  it('has exactly the expected directives', () => {
    expect(CONTENT_SECURITY_POLICY).toBe(
      "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'none'",
    );
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('connect-src')).toEqual(["'self'"]);
  });

  it('allows no eval, no inline script, no remote origin', () => {
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(CONTENT_SECURITY_POLICY).not.toContain('wasm-unsafe-eval');
    expect(directives.get('script-src')).not.toContain("'unsafe-inline'");
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/https?:|\*/);
  });

  it('is on every app:// response, with nosniff and a content type', () => {
    expect(appResponseHeaders('/r/index.html')).toMatchObject({
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
      'Content-Type': 'text/html; charset=utf-8',
    });
    expect(appResponseHeaders('/r/assets/index-x.js')['Content-Type']).toBe('text/javascript; charset=utf-8');
    expect(appResponseHeaders('/r/assets/font.woff2')['Content-Type']).toBe('font/woff2');
    expect(appResponseHeaders(null)['Content-Security-Policy']).toBe(CONTENT_SECURITY_POLICY);
  });

  it('replaces any CSP a response carried (webRequest.onHeadersReceived)', () => {
    const out = withCspHeader({ 'content-security-policy': ["default-src *"], 'Content-Type': ['text/html'] });
    expect(out).toEqual({ 'Content-Type': ['text/html'], 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
    expect(withCspHeader(undefined)).toEqual({ 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] });
  });
});

describe('the app:// scheme', () => {
  it('is "app", standard, secure and fetch-able, without bypassing CSP', () => {
    expect(APP_SCHEME).toBe('app');
    expect(APP_ENTRY_URL).toBe('app://renderer/index.html');
    expect(APP_SCHEME_PRIVILEGES).toEqual({ standard: true, secure: true, supportFetchAPI: true });
    const [scheme, ...rest] = privilegedSchemes();
    expect(rest).toEqual([]);
    expect(scheme?.scheme).toBe('app');
    expect(scheme?.privileges?.bypassCSP).toBeUndefined();
    expect(scheme?.privileges).not.toHaveProperty('bypassCSP');
    expect(scheme?.privileges).not.toHaveProperty('corsEnabled');
    expect(scheme?.privileges).not.toHaveProperty('allowServiceWorkers');
  });
});

describe('resolveAppRequest', () => {
  const root = path.resolve('/srv/app/dist/renderer');

  it.each([
    ['app://renderer/', 'index.html'],
    ['app://renderer', 'index.html'],
    ['app://renderer/?x=1', 'index.html'],
    ['app://renderer/index.html', 'index.html'],
    ['app://renderer/favicon.svg', 'favicon.svg'],
    ['app://renderer/assets/index-B1x_9z-Q.js', 'assets/index-B1x_9z-Q.js'],
    ['app://renderer/assets/index-CkQ2.css', 'assets/index-CkQ2.css'],
    ['app://renderer/assets/noto-sans-vietnamese-400-normal-D3f.woff2?v=3#x', 'assets/noto-sans-vietnamese-400-normal-D3f.woff2'],
    ['app://renderer/assets/a%2Db.css', 'assets/a-b.css'],
  ])('serves %s', (url, relative) => {
    expect(resolveAppRequest(root, url)).toBe(path.join(root, relative));
  });

  it.each([
    'app://renderer/../../etc/passwd',
    'app://renderer/assets/../../main.cjs',
    'app://renderer/%2e%2e/%2e%2e/etc/passwd',
    'app://renderer/%2E%2E/dist-electron/main.cjs',
    'app://renderer/.%2e/secret',
    'app://renderer/assets/..%2f..%2fmain.cjs',
    'app://renderer/%252e%252e/%252e%252e/etc/passwd',
    'app://renderer/..\\..\\main.cjs',
    'app://renderer/assets\\..\\..\\main.cjs',
    'app://renderer/%5c..%5cmain.cjs',
    'app://renderer//etc/passwd',
    'app://renderer/%2fetc%2fpasswd',
    'app://renderer/C:/Windows/win.ini',
    'app://renderer/C%3A%5CWindows%5Cwin.ini',
    'app://renderer/./index.html',
    'app://renderer/.env',
    'app://renderer/index.html%00.js',
    'app://renderer/assets/',
    'app://renderer/%E0%A4%A',
    'app://evil/index.html',
    'app://renderer.evil.example/index.html',
    'app://user@renderer/index.html',
    'app://renderer:8080/index.html',
    'app:/index.html',
    'file:///etc/passwd',
    'https://renderer/index.html',
    '/etc/passwd',
    '',
  ])('refuses %s', (url) => {
    expect(resolveAppRequest(root, url)).toBeNull();
  });
});

describe('isAllowedSender (IPC) and navigation', () => {
  it.each(['app://renderer/index.html', 'app://renderer/', 'app://renderer/index.html#agencies'])('accepts %s', (url) => {
    expect(isAllowedSender(url)).toBe(true);
    expect(isAllowedNavigation(url)).toBe(true);
  });

  it.each([
    'file:///C:/Program%20Files/app/index.html',
    'file:///index.html',
    'http://localhost:5173/',
    'http://127.0.0.1/',
    'https://evil.example/',
    'devtools://devtools/bundled/inspector.html',
    'chrome-extension://abc/index.html',
    'about:blank',
    'data:text/html,<script>1</script>',
    'app://evil/index.html',
    'app://renderer.evil/index.html',
    'app://x@renderer/index.html',
    'app://renderer:1/index.html',
    'not a url',
    '',
    undefined,
    null,
  ])('refuses %s', (url) => {
    expect(isAllowedSender(url)).toBe(false);
    expect(isAllowedNavigation(url)).toBe(false);
  });
});

describe('windows and permissions', () => {
  it('denies every window.open', () => {
    expect(denyWindowOpen()).toEqual({ action: 'deny' });
  });

  it('denies every permission request and check', () => {
    const callback = vi.fn();
    denyPermissionRequest({}, 'media', callback);
    denyPermissionRequest({}, 'openExternal', callback);
    expect(callback.mock.calls).toEqual([[false], [false]]);
    expect(denyPermissionCheck()).toBe(false);
  });

  it('never hands anything to shell.openExternal', () => {
    for (const file of fs.readdirSync(path.join(repoRoot, 'electron'))) {
      expect(fs.readFileSync(path.join(repoRoot, 'electron', file), 'utf8'), file).not.toMatch(/openExternal\s*\(/);
    }
  });
});

describe('application menu', () => {
  const base: MenuOptions = { isPackaged: true, platform: 'linux', appName: 'Sổ tiếp công dân', onAbout: () => undefined };
  type Item = ReturnType<typeof buildMenuTemplate>[number];
  const labels = (items: Item[]) => items.filter((i) => i.type !== 'separator').map((i) => i.label);
  const submenu = (items: Item[], label: string) => {
    const menu = items.find((i) => i.label === label)?.submenu;
    if (!Array.isArray(menu)) throw new Error(`no submenu ${label}`);
    return menu as Item[];
  };

  it('is in Vietnamese, with roles', () => {
    const menu = buildMenuTemplate(base);
    expect(labels(menu)).toEqual(['Tệp', 'Chỉnh sửa', 'Xem', 'Trợ giúp']);
    expect(labels(submenu(menu, 'Tệp'))).toEqual(['Thoát']);
    expect(labels(submenu(menu, 'Chỉnh sửa'))).toEqual(['Hoàn tác', 'Làm lại', 'Cắt', 'Sao chép', 'Dán', 'Chọn tất cả']);
    expect(labels(submenu(menu, 'Xem'))).toEqual(['Tải lại', 'Phóng to', 'Thu nhỏ', 'Cỡ thật', 'Toàn màn hình']);
    expect(labels(submenu(menu, 'Trợ giúp'))).toEqual(['Giới thiệu']);
    expect(submenu(menu, 'Tệp')[0]?.role).toBe('quit');
    expect(submenu(menu, 'Chỉnh sửa').filter((i) => i.role).map((i) => i.role)).toEqual(['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']);
    expect(submenu(menu, 'Xem').filter((i) => i.role).map((i) => i.role)).toEqual(['reload', 'zoomIn', 'zoomOut', 'resetZoom', 'togglefullscreen']);
  });

  it('offers the developer tools only when not packaged', () => {
    const packaged = submenu(buildMenuTemplate(base), 'Xem');
    expect(packaged.some((i) => i.role === 'toggleDevTools')).toBe(false);
    const dev = submenu(buildMenuTemplate({ ...base, isPackaged: false }), 'Xem');
    expect(dev.find((i) => i.role === 'toggleDevTools')?.label).toBe('Công cụ phát triển');
  });

  it('calls onAbout from Giới thiệu', () => {
    const onAbout = vi.fn();
    const about = submenu(buildMenuTemplate({ ...base, onAbout }), 'Trợ giúp')[0];
    (about?.click as () => void)();
    expect(onAbout).toHaveBeenCalledOnce();
  });

  it('puts the application menu first on macOS', () => {
    const menu = buildMenuTemplate({ ...base, platform: 'darwin' });
    expect(labels(menu)).toEqual(['Sổ tiếp công dân', 'Tệp', 'Chỉnh sửa', 'Xem', 'Trợ giúp']);
    expect(labels(submenu(menu, 'Sổ tiếp công dân'))).toContain('Thoát');
  });

  it('has no English labels anywhere', () => {
    const walk = (items: Item[]): string[] =>
      items.flatMap((i) => [...(i.label ? [i.label] : []), ...(Array.isArray(i.submenu) ? walk(i.submenu as Item[]) : [])]);
    for (const platform of ['linux', 'win32', 'darwin'] as const) {
      for (const label of walk(buildMenuTemplate({ ...base, platform, isPackaged: false }))) {
        expect(label).not.toMatch(/\b(File|Edit|View|Help|Quit|Exit|Undo|Redo|Cut|Copy|Paste|Select|Reload|Zoom|About|Toggle|Developer)\b/);
      }
    }
  });
});

describe('IPC handlers', () => {
  function fakeIpcMain() {
    const handlers = new Map<string, IpcHandler>();
    const ipcMain: IpcMainLike = {
      handle(channel, listener) {
        if (handlers.has(channel)) throw new Error(`second handler for ${channel}`);
        handlers.set(channel, listener);
      },
    };
    return { ipcMain, handlers };
  }

  function fakeServer() {
    const calls: [string, unknown][] = [];
    return {
      calls,
      call: async (method: string, input: unknown): Promise<ApiEnvelope<unknown>> => {
        calls.push([method, input]);
        return { ok: true, value: { method } };
      },
    };
  }

  it('registers one "api:<method>" handler per contract method', () => {
    const { ipcMain, handlers } = fakeIpcMain();
    const channels = registerIpcHandlers(ipcMain, fakeServer());
    expect(METHOD_NAMES.length).toBeGreaterThan(0);
    expect([...handlers.keys()].sort()).toEqual(METHOD_NAMES.map((m) => `api:${m}`).sort());
    expect(channels.sort()).toEqual([...handlers.keys()].sort());
  });

  it('throws when registered twice on the same ipcMain', () => {
    const { ipcMain } = fakeIpcMain();
    registerIpcHandlers(ipcMain, fakeServer());
    expect(() => registerIpcHandlers(ipcMain, fakeServer())).toThrow(/already registered/);
  });

  it('answers FORBIDDEN to frames that are not the app, without calling the server', async () => {
    const { ipcMain, handlers } = fakeIpcMain();
    const server = fakeServer();
    registerIpcHandlers(ipcMain, server);
    const handler = handlers.get('api:agencies.list')!;
    for (const senderFrame of [{ url: 'https://evil.example' }, { url: 'file:///index.html' }, { url: '' }, null, undefined]) {
      expect(await handler({ senderFrame }, {})).toEqual({
        ok: false,
        error: { code: 'FORBIDDEN', message: 'Yêu cầu không đến từ cửa sổ của ứng dụng' },
      });
    }
    expect(await handler({}, {})).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(server.calls).toEqual([]);
  });

  it('forwards calls from app://renderer to the server and returns its envelope', async () => {
    const { ipcMain, handlers } = fakeIpcMain();
    const server = fakeServer();
    registerIpcHandlers(ipcMain, server);
    const event = { senderFrame: { url: 'app://renderer/index.html' } };
    expect(await handlers.get('api:agencies.list')!(event, { search: 'UBND' })).toEqual({ ok: true, value: { method: 'agencies.list' } });
    expect(await handlers.get('api:app.info')!(event, undefined)).toEqual({ ok: true, value: { method: 'app.info' } });
    expect(server.calls).toEqual([
      ['agencies.list', { search: 'UBND' }],
      ['app.info', undefined],
    ]);
  });

  it('keeps the envelope shape if the server throws', async () => {
    const { ipcMain, handlers } = fakeIpcMain();
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    registerIpcHandlers(ipcMain, { call: () => Promise.reject(new Error('boom')) });
    expect(await handlers.get('api:app.info')!({ senderFrame: { url: 'app://renderer/' } })).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    error.mockRestore();
  });
});

describe('electron-builder.yml', () => {
  const yaml = require('js-yaml') as { load(text: string): unknown };
  const config = yaml.load(fs.readFileSync(path.join(repoRoot, 'electron-builder.yml'), 'utf8')) as Record<string, any>;

  it('flips the fuses', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('packs into asar with native modules unpacked, without rebuilding', () => {
    expect(config.appId).toBe('vn.gov.tiepcongdan.petreg');
    expect(config.npmRebuild).toBe(false);
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toContain('**/*.node');
    expect(config.files).toEqual(expect.arrayContaining(['dist/renderer/**', 'dist-electron/**', 'package.json']));
    expect(config.directories.output).not.toBe('dist');
  });

  it('targets nsis, AppImage + deb and dmg', () => {
    expect(config.win.target).toEqual(['nsis']);
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toEqual(['dmg']);
  });

  it("matches electron-builder's own configuration schema", async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
      validateConfiguration(config: unknown, debugLogger: { isEnabled: boolean; add(): void }): Promise<void>;
    };
    const logger = { isEnabled: false, add: () => undefined };
    await expect(validateConfiguration(config, logger)).resolves.toBeUndefined();
    await expect(validateConfiguration({ ...config, electronFuses: { runAsNod: false } }, logger)).rejects.toThrow(/Invalid configuration/);
  });
});
