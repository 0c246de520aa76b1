// The browser preview's stand-in for Electron's preload: installs window.api with one function
// per contract method, each a POST to the loopback bridge carrying the per-run token.
// The token arrives once in the URL fragment (#token=...), never in a request line.
import { buildBridge } from '../../shared/api/client.ts';
import type { ApiEnvelope } from '../../shared/errors.ts';

const STORAGE_KEY = 'petreg.token';

function takeToken(): string {
  const match = /(?:^#|&)token=([A-Za-z0-9_-]+)/.exec(window.location.hash);
  if (match?.[1]) {
    sessionStorage.setItem(STORAGE_KEY, match[1]);
    history.replaceState(null, '', window.location.pathname + window.location.search);
  }
  return sessionStorage.getItem(STORAGE_KEY) ?? '';
}

const token = takeToken();

async function invoke(method: string, input: unknown): Promise<ApiEnvelope<unknown>> {
  try {
    const response = await fetch(`/__api/${encodeURIComponent(method)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-petreg-token': token },
      body: JSON.stringify(input === undefined ? null : input),
    });
    return (await response.json()) as ApiEnvelope<unknown>;
  } catch {
    return { ok: false, error: { code: 'INTERNAL', message: 'Không kết nối được với lõi ứng dụng (bản xem trước đã dừng?)' } };
  }
}

Object.defineProperty(window, 'api', { value: Object.freeze(buildBridge(invoke)), writable: false, configurable: false });
