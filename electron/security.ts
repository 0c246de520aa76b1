// The desktop shell's security settings, as plain values and pure functions. Nothing here imports
// Electron at runtime (type imports only), so tests/unit/electron-security.test.ts can assert every
// setting under plain Node. main.ts, protocol.ts and ipc.ts apply what this module builds.
import { CONTENT_SECURITY_POLICY, contentTypeFor } from '../shared/security.ts';
import path from 'node:path';
import type { CustomScheme, WebPreferences } from 'electron';

/** The custom scheme the renderer is served from (never file://). */
export const APP_SCHEME = 'app';
/** The only host of that scheme; everything else is refused. */
export const APP_HOST = 'renderer';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;
export const APP_TITLE = 'Sổ tiếp công dân';

export { CONTENT_SECURITY_POLICY };

/**
 * Privileges for protocol.registerSchemesAsPrivileged: a standard, secure origin that fetch() works
 * against. Deliberately NOT bypassCSP, corsEnabled, allowServiceWorkers or stream.
 */
export const APP_SCHEME_PRIVILEGES: Readonly<NonNullable<CustomScheme['privileges']>> = Object.freeze({
  standard: true,
  secure: true,
  supportFetchAPI: true,
});

export function privilegedSchemes(): CustomScheme[] {
  return [{ scheme: APP_SCHEME, privileges: { ...APP_SCHEME_PRIVILEGES } }];
}

/** webPreferences of the one BrowserWindow. */
export function webPreferences(preloadPath: string): WebPreferences {
  return {
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    spellcheck: false,
    preload: preloadPath,
  };
}

/** Options of the one BrowserWindow (webPreferences included). */
export function windowOptions(preloadPath: string) {
  return {
    title: APP_TITLE,
    width: 1280,
    height: 800,
    minWidth: 960,
    minHeight: 600,
    show: false,
    backgroundColor: '#ffffff',
    autoHideMenuBar: false,
    webPreferences: webPreferences(preloadPath),
  };
}

/** One path segment of a servable file: plain names only (Vite's asset names fit). */
const SAFE_SEGMENT = /^[A-Za-z0-9_@+~-][A-Za-z0-9._@+~-]*$/;
const RAW_AUTHORITY_AND_PATH = /^[a-z][a-z0-9+.-]*:\/\/[^/?#\\]*([^?#]*)/i;

/**
 * Maps an app:// request URL to an absolute file path inside rootDir, or null when the request must
 * be refused: another scheme or host, credentials or a port, backslashes, `.`/`..` segments (raw or
 * percent-encoded, even double-encoded), empty segments, drive letters, NUL or any other unusual
 * character. `/` serves index.html. The query string and fragment are ignored.
 */
export function resolveAppRequest(rootDir: string, requestUrl: string): string | null {
  if (typeof requestUrl !== 'string' || requestUrl.length === 0 || requestUrl.length > 2048) return null;
  if (/\\|%5c|%00|\0/i.test(requestUrl)) return null;

  let url: URL;
  try {
    url = new URL(requestUrl);
  } catch {
    return null;
  }
  if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST || url.username || url.password || url.port) return null;

  // Judge the path as it was written: URL parsing would already have folded `..` away.
  const raw = RAW_AUTHORITY_AND_PATH.exec(requestUrl);
  if (!raw) return null;
  let rawPath = raw[1] ?? '';
  if (rawPath === '' || rawPath === '/') rawPath = '/index.html';
  if (!rawPath.startsWith('/')) return null;

  const segments: string[] = [];
  for (const encoded of rawPath.slice(1).split('/')) {
    let segment: string;
    try {
      segment = decodeURIComponent(encoded);
    } catch {
      return null;
    }
    if (!SAFE_SEGMENT.test(segment) || segment === '.' || segment === '..') return null;
    segments.push(segment);
  }

  const root = path.resolve(rootDir);
  const file = path.resolve(root, ...segments);
  if (!file.startsWith(root + path.sep)) return null;
  return file;
}

/** True only for URLs of the app's own origin (app://renderer); used for IPC senders and navigation. */
export function isAppOrigin(url: string | null | undefined): boolean {
  if (typeof url !== 'string' || url.length === 0) return false;
  try {
    const parsed = new URL(url);
    return (
      parsed.protocol === `${APP_SCHEME}:` &&
      parsed.host === APP_HOST &&
      parsed.username === '' &&
      parsed.password === '' &&
      parsed.port === ''
    );
  } catch {
    return false;
  }
}

/** IPC: only frames showing the app's own pages may call the API. */
export function isAllowedSender(frameUrl: string | null | undefined): boolean {
  return isAppOrigin(frameUrl);
}

/** will-navigate / will-redirect: only within the app's origin. */
export function isAllowedNavigation(targetUrl: string | null | undefined): boolean {
  return isAppOrigin(targetUrl);
}

/** setWindowOpenHandler: no new windows, ever (and nothing is handed to the OS browser). */
export function denyWindowOpen(): { action: 'deny' } {
  return { action: 'deny' };
}

/** session.setPermissionRequestHandler: every permission request is refused. */
export function denyPermissionRequest(_webContents: unknown, _permission: string, callback: (granted: boolean) => void): void {
  callback(false);
}

/** session.setPermissionCheckHandler: every permission check answers no. */
export function denyPermissionCheck(): boolean {
  return false;
}

export { contentTypeFor };

/** Headers of every app:// response. */
export function appResponseHeaders(file: string | null): Record<string, string> {
  const headers: Record<string, string> = {
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': 'no-store',
  };
  if (file) headers['Content-Type'] = contentTypeFor(file);
  return headers;
}

/** For webRequest.onHeadersReceived: the response headers with our CSP replacing any other. */
export function withCspHeader(headers: Record<string, string[]> | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() !== 'content-security-policy') out[name] = value;
  }
  out['Content-Security-Policy'] = [CONTENT_SECURITY_POLICY];
  return out;
}
