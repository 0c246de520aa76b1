// IPC channel names, shared by the preload (sandboxed, no Node) and ipc.ts. No imports on purpose.
export const CHANNEL_PREFIX = 'api:';

export function channelOf(method: string): string {
  return CHANNEL_PREFIX + method;
}
