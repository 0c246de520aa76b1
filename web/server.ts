// `npm run web`: the browser preview, the development and test mode. Serves the built renderer
// on 127.0.0.1 and hosts the same db/ operations behind a loopback HTTP bridge that implements
// the same API contract as Electron's ipcMain. Loopback only; every API request must carry the
// per-run token, a loopback Host header and (when sent) a same-origin Origin.
import crypto from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { openRegister } from '../db/register.ts';
import { isPostgresLocation } from '../db/engine/location.ts';
import { createApiServer, type ApiServer } from '../db/api/server.ts';
import { defaultDataDir } from '../db/paths.ts';
import { resolveRegisterLocation } from '../db/location-config.ts';
import type { LocationSource } from '../shared/domain/location.ts';
import { logFault } from '../db/faults.ts';
import { applyPendingRestore, startBackupScheduler } from '../db/backups.ts';
import { htmlToPdf } from '../print/chromium-pdf.ts';
import { CONTENT_SECURITY_POLICY, resolveStaticFile, contentType } from './static.ts';
import type { ApiEnvelope } from '../shared/errors.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const RENDERER_DIR = path.join(ROOT, 'dist', 'renderer');
// Attachments travel as base64 (4/3 of 20 MB) inside JSON.
const MAX_BODY_BYTES = 28 * 1024 * 1024;
const BRIDGE_PATH = '/__petreg/bridge.js';

export interface PreviewOptions {
  dbPath: string;
  /** A fixed clock for tests ("as dates pass"): the register reads this instant as now. */
  now?: Date;
  port: number;
  token: string;
  appVersion: string;
  /** The built renderer to serve (default dist/renderer; tests pass a small one). */
  rendererDir?: string;
  /** Where the app's setting of its register lives and what chose this one (Cài đặt → Nơi lưu sổ). */
  location?: { dataDir: string; source: LocationSource };
}

/** The browser's stand-in for Electron's preload (web/browser/preload.ts), bundled as the page loads it. */
export async function bundleBrowserPreload(): Promise<string> {
  const result = await build({
    entryPoints: [path.join(ROOT, 'web', 'browser', 'preload.ts')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    minify: true,
  });
  return result.outputFiles[0]!.text;
}

function send(res: http.ServerResponse, status: number, body: string | Buffer, type: string): void {
  res.writeHead(status, {
    'content-type': type,
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
  });
  res.end(body);
}

function sendEnvelope(res: http.ServerResponse, status: number, envelope: ApiEnvelope<unknown>): void {
  send(res, status, JSON.stringify(envelope), 'application/json; charset=utf-8');
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('too large'));
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** The request's URL, or null when it does not parse (`//`, `http://[`, ...). */
export function parseRequestUrl(raw: string | undefined): URL | null {
  const value = raw ?? '/';
  if (!value.startsWith('/') || value.startsWith('//')) return null;
  try {
    return new URL(value, 'http://127.0.0.1');
  } catch {
    return null;
  }
}

function tokenMatches(given: string | string[] | undefined, token: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

async function handleApi(req: http.IncomingMessage, res: http.ServerResponse, server: ApiServer, options: PreviewOptions, method: string) {
  const refuse = (message: string) => sendEnvelope(res, 403, { ok: false, error: { code: 'FORBIDDEN', message } });
  const allowedHosts = [`127.0.0.1:${options.port}`, `localhost:${options.port}`];
  if (!allowedHosts.includes(req.headers.host ?? '')) return refuse('Yêu cầu không đến từ địa chỉ của bản xem trước');
  if (req.headers.origin && !allowedHosts.some((h) => req.headers.origin === `http://${h}`)) return refuse('Yêu cầu từ nguồn khác bị từ chối');
  if (!tokenMatches(req.headers['x-petreg-token'], options.token)) return refuse('Thiếu hoặc sai mã phiên của bản xem trước');
  if (req.method !== 'POST') return sendEnvelope(res, 405, { ok: false, error: { code: 'VALIDATION', message: 'Chỉ chấp nhận POST' } });
  let input: unknown;
  try {
    const body = await readBody(req);
    input = body === '' ? undefined : (JSON.parse(body) as unknown);
    if (input === null) input = undefined;
  } catch {
    return sendEnvelope(res, 400, { ok: false, error: { code: 'VALIDATION', message: 'Nội dung yêu cầu không phải JSON hợp lệ hoặc quá lớn' } });
  }
  sendEnvelope(res, 200, await server.call(method, input));
}

export async function startPreview(options: PreviewOptions): Promise<{ url: string; close(): Promise<void> }> {
  const rendererDir = options.rendererDir ?? RENDERER_DIR;
  if (!fs.existsSync(path.join(rendererDir, 'index.html'))) {
    throw new Error(`Chưa có bản dựng giao diện trong ${rendererDir}: chạy "npx vite build" (hoặc "npm run web") trước.`);
  }
  const fixed = options.now;
  // The same start as the desktop app: a pending restore first, then open, then the backup scheduler.
  // A register on a PostgreSQL server has no file here to restore or back up: the server's
  // administrator backs it up (pg_dump, README).
  const onServer = isPostgresLocation(options.dbPath);
  const restore = onServer ? { restored: null, error: null } : applyPendingRestore(options.dbPath);
  if (restore.error) console.error(`Không khôi phục được bản sao lưu: ${restore.error}`);
  if (restore.restored) console.log(`Đã khôi phục sổ từ ${restore.restored}.`);
  const register = await openRegister({ path: options.dbPath, ...(fixed ? { now: () => new Date(fixed.getTime()) } : {}) });
  const api = createApiServer(register, { appVersion: options.appVersion, pdf: htmlToPdf, ...(options.location ? { location: options.location } : {}) });
  const backups = onServer ? null : startBackupScheduler(register);
  void backups?.tick();
  const bridgeScript = await bundleBrowserPreload();
  const indexHtml = fs
    .readFileSync(path.join(rendererDir, 'index.html'), 'utf8')
    .replace('<head>', `<head>\n    <script src="${BRIDGE_PATH}"></script>`);

  // No request can bring the bridge down: a URL that does not parse or decode is a 400, and every
  // handler's error (thrown or rejected) is caught, logged next to the register and answered 500.
  const route = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const url = parseRequestUrl(req.url);
    if (!url) return send(res, 400, 'Bad request', 'text/plain');
    if (url.pathname.startsWith('/__api/')) {
      let method: string;
      try {
        method = decodeURIComponent(url.pathname.slice('/__api/'.length));
      } catch {
        return sendEnvelope(res, 400, { ok: false, error: { code: 'VALIDATION', message: 'Địa chỉ yêu cầu không hợp lệ' } });
      }
      return handleApi(req, res, api, options, method);
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'Method not allowed', 'text/plain');
    if (url.pathname === BRIDGE_PATH) return send(res, 200, bridgeScript, 'text/javascript; charset=utf-8');
    if (url.pathname === '/' || url.pathname === '/index.html') return send(res, 200, indexHtml, 'text/html; charset=utf-8');
    const file = resolveStaticFile(rendererDir, url.pathname);
    if (!file) return send(res, 404, 'Not found', 'text/plain');
    send(res, 200, fs.readFileSync(file), contentType(file));
  };
  const httpServer = http.createServer((req, res) => {
    res.on('error', () => undefined);
    req.on('error', () => undefined);
    route(req, res).catch((error: unknown) => {
      logFault(options.dbPath, `preview ${req.method ?? ''} ${String(req.url).slice(0, 200)}`, error);
      if (res.headersSent) {
        res.destroy();
        return;
      }
      try {
        sendEnvelope(res, 500, { ok: false, error: { code: 'INTERNAL', message: 'Lỗi nội bộ của bản xem trước; chi tiết trong nhật ký lỗi cạnh tệp sổ' } });
      } catch {
        res.destroy();
      }
    });
  });
  httpServer.on('clientError', (_error, socket) => {
    if (socket.writable) socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
    else socket.destroy();
  });

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(options.port, '127.0.0.1', () => resolve());
  });
  const address = httpServer.address();
  if (address && typeof address === 'object') options.port = address.port;
  return {
    url: `http://127.0.0.1:${options.port}/#token=${options.token}`,
    close: async () => {
      // The browser's keep-alive connections would hold close() open: end them too.
      const closed = new Promise<void>((resolve) => httpServer.close(() => resolve()));
      httpServer.closeAllConnections();
      await closed;
      backups?.stop();
      await backups?.tick();
      await register.close();
    },
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { db: { type: 'string' }, port: { type: 'string' }, now: { type: 'string' } },
    allowPositionals: false,
  });
  const now = values.now ? new Date(values.now) : undefined;
  if (now && Number.isNaN(now.getTime())) throw new Error(`--now phải là một thời điểm ISO, ví dụ 2026-03-02T09:00:00+07:00 (nhận được “${values.now}”)`);
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
  // --db, else PETREG_DB, else the app's setting (Cài đặt → Nơi lưu sổ), else the data folder's file.
  const dataDir = defaultDataDir();
  const chosen = resolveRegisterLocation({ option: values.db, dataDir });
  const preview = await startPreview({
    dbPath: chosen.location,
    location: { dataDir, source: chosen.source },
    port: Number(values.port ?? process.env.PETREG_WEB_PORT ?? 5174),
    token: process.env.PETREG_WEB_TOKEN || crypto.randomBytes(24).toString('base64url'),
    appVersion: pkg.version,
    ...(now ? { now } : {}),
  });
  console.log(`Sổ tiếp công dân — bản xem trên trình duyệt (chế độ phát triển và kiểm thử)`);
  console.log(`Mở: ${preview.url}`);
  const stop = () => void preview.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  });
}
