// The renderer's only way to the register: window.api, installed by Electron's preload or by the
// browser preview's bridge script, wrapped so calls resolve to values and failures throw ApiError.
import { unwrapBridge, type ApiBridge } from '../../shared/api/client.ts';
import { ApiError } from '../../shared/errors.ts';

declare global {
  interface Window {
    api?: ApiBridge;
  }
}

export const api = unwrapBridge(
  window.api ??
    (new Proxy({}, {
      get: () =>
        new Proxy({}, { get: () => async () => ({ ok: false, error: { code: 'INTERNAL', message: 'Không tìm thấy cầu nối tới lõi ứng dụng' } }) }),
    }) as ApiBridge),
);

/** A message fit to show the officer, whatever was thrown. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof Error) return error.message;
  return String(error);
}

export { ApiError };
