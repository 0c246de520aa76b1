// The renderer's only way to the register: window.api, installed by Electron's preload or by the
// browser preview's bridge script, wrapped so calls resolve to values and failures throw ApiError.
import { unwrapBridge, type ApiBridge } from '../../shared/api/client.ts';
import { ApiError } from '../../shared/errors.ts';

declare global {
  interface Window {
    api?: ApiBridge;
  }
}

/** Fired when the core answers UNAUTHENTICATED (signed out, or locked after idle time): the sign-in gate shows. */
export const UNAUTHENTICATED_EVENT = 'petreg:unauthenticated';

/** Watches every answer for UNAUTHENTICATED, whatever screen made the call. */
function watchSession(bridge: ApiBridge): ApiBridge {
  const watched: Record<string, Record<string, (input?: unknown) => Promise<unknown>>> = {};
  for (const [ns, fns] of Object.entries(bridge as unknown as Record<string, Record<string, (input?: unknown) => Promise<unknown>>>)) {
    watched[ns] = {};
    for (const [fn, call] of Object.entries(fns)) {
      watched[ns][fn] = async (input?: unknown) => {
        const envelope = (await call(input)) as { ok?: boolean; error?: { code?: string } } | null;
        if (envelope && envelope.ok === false && envelope.error?.code === 'UNAUTHENTICATED') window.dispatchEvent(new Event(UNAUTHENTICATED_EVENT));
        return envelope;
      };
    }
  }
  return watched as unknown as ApiBridge;
}

export const api = unwrapBridge(
  window.api
    ? watchSession(window.api)
    : (new Proxy({}, {
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
