// The IPC side of the API: one ipcMain.handle('api:<method>') per contract method. Each checks that
// the call comes from the app's own page, then forwards to the API server and returns its envelope.
// Only type imports from Electron, so tests drive it with a fake ipcMain.
import { METHOD_NAMES } from '../shared/api/contract.ts';
import type { ApiEnvelope, ApiErrorShape } from '../shared/errors.ts';
import { channelOf } from './channels.ts';
import { isAllowedSender } from './security.ts';

export { CHANNEL_PREFIX, channelOf } from './channels.ts';

/** The part of an IpcMainInvokeEvent the handlers read. */
export interface InvokeEventLike {
  readonly senderFrame?: { readonly url: string } | null;
}

export type IpcHandler = (event: InvokeEventLike, input?: unknown) => Promise<ApiEnvelope<unknown>>;

/** The part of Electron's ipcMain used here (Electron's own ipcMain fits it). */
export interface IpcMainLike {
  handle(channel: string, listener: IpcHandler): void;
}

/** The part of the API server used here (db/api/server.ts's ApiServer fits it). */
export interface ApiCaller {
  call(method: string, input: unknown): Promise<ApiEnvelope<unknown>>;
}

export const FORBIDDEN_ERROR: Readonly<ApiErrorShape> = Object.freeze({
  code: 'FORBIDDEN',
  message: 'Yêu cầu không đến từ cửa sổ của ứng dụng',
});

/** Channels registered so far, per ipcMain: registering one twice is a start-up error. */
const registered = new WeakMap<IpcMainLike, Set<string>>();

/** Registers every contract method; returns the channels. Throws on a channel registered twice. */
export function registerIpcHandlers(ipcMain: IpcMainLike, server: ApiCaller): string[] {
  let channels = registered.get(ipcMain);
  if (!channels) {
    channels = new Set();
    registered.set(ipcMain, channels);
  }
  const added: string[] = [];
  for (const method of METHOD_NAMES) {
    const channel = channelOf(method);
    if (channels.has(channel)) throw new Error(`IPC channel ${channel} is already registered`);
    channels.add(channel);
    ipcMain.handle(channel, async (event, input) => {
      if (!isAllowedSender(event.senderFrame?.url)) return { ok: false, error: { ...FORBIDDEN_ERROR } };
      try {
        return await server.call(method, input);
      } catch (error) {
        // server.call never throws by contract; keep the envelope shape even if it does.
        console.error(`[ipc] ${channel}:`, error);
        return { ok: false, error: { code: 'INTERNAL', message: 'Lỗi nội bộ khi xử lý yêu cầu' } };
      }
    });
    added.push(channel);
  }
  return added;
}
