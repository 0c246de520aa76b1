// Client side of the contract: a nested object (api.agencies.list(...)) built from the method
// table. The transport is the only thing that differs between Electron and the browser preview.
import { ApiError, isApiErrorShape, type ApiEnvelope } from '../errors.ts';
import type { InputOf, OutputOf } from './contract.ts';
import { METHOD_NAMES, type MethodName } from './methods.ts';

type Namespace<K> = K extends `${infer N}.${string}` ? N : never;
type Fn<K extends MethodName, R> = undefined extends InputOf<K>
  ? (input?: InputOf<K>) => Promise<R>
  : (input: InputOf<K>) => Promise<R>;

/** The raw bridge each transport exposes: one function per method, answering with an envelope. */
export type ApiBridge = {
  [N in Namespace<MethodName>]: {
    [K in MethodName as K extends `${N}.${infer M}` ? M : never]: Fn<K, ApiEnvelope<OutputOf<K>>>;
  };
};

/** What the renderer calls: the same shape, resolving to the value or throwing ApiError. */
export type ApiClient = {
  [N in Namespace<MethodName>]: {
    [K in MethodName as K extends `${N}.${infer M}` ? M : never]: Fn<K, OutputOf<K>>;
  };
};

export type Invoke = (method: MethodName, input: unknown) => Promise<ApiEnvelope<unknown>>;

/** Builds the nested bridge object, one function per method, around a transport. */
export function buildBridge(invoke: Invoke): ApiBridge {
  const bridge: Record<string, Record<string, (input?: unknown) => Promise<ApiEnvelope<unknown>>>> = {};
  for (const name of METHOD_NAMES) {
    const [ns, fn] = name.split('.') as [string, string];
    bridge[ns] ??= {};
    bridge[ns][fn] = (input?: unknown) => invoke(name, input);
  }
  return bridge as unknown as ApiBridge;
}

/** Wraps a bridge so that calls resolve to values and failures throw ApiError. */
export function unwrapBridge(bridge: ApiBridge): ApiClient {
  const client: Record<string, Record<string, (input?: unknown) => Promise<unknown>>> = {};
  for (const name of METHOD_NAMES) {
    const [ns, fn] = name.split('.') as [string, string];
    const raw = (bridge as unknown as Record<string, Record<string, (input?: unknown) => Promise<unknown>>>)[ns]?.[fn];
    client[ns] ??= {};
    client[ns][fn] = async (input?: unknown) => {
      if (!raw) throw new ApiError('UNKNOWN_METHOD', `Phương thức ${name} không có trong cầu nối`);
      const envelope = (await raw(input)) as ApiEnvelope<unknown>;
      if (envelope && envelope.ok === true) return envelope.value;
      if (envelope && envelope.ok === false && isApiErrorShape(envelope.error)) throw ApiError.fromShape(envelope.error);
      throw new ApiError('INTERNAL', 'Phản hồi không hợp lệ từ lõi ứng dụng');
    };
  }
  return client as unknown as ApiClient;
}
