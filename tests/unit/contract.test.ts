import { describe, expect, it, vi } from 'vitest';
import { buildBridge, unwrapBridge, type ApiBridge, type Invoke } from '../../shared/api/client.ts';
import { contract, isMethodName, METHOD_NAMES, type MethodName } from '../../shared/api/contract.ts';
import { ApiError, type ApiEnvelope } from '../../shared/errors.ts';
import { buildHandlerTable } from '../../db/api/server.ts';
import { HandlerTable } from '../../db/api/table.ts';

function split(name: string): [string, string] {
  return name.split('.') as [string, string];
}

function bridgeFn(bridge: ApiBridge, name: MethodName): (input?: unknown) => Promise<ApiEnvelope<unknown>> {
  const [ns, fn] = split(name);
  const f = (bridge as unknown as Record<string, Record<string, unknown>>)[ns]?.[fn];
  if (typeof f !== 'function') throw new Error(`bridge has no ${name}`);
  return f as (input?: unknown) => Promise<ApiEnvelope<unknown>>;
}

describe('contract', () => {
  it('names every method ns.method', () => {
    expect(METHOD_NAMES.length).toBeGreaterThan(0);
    for (const name of METHOD_NAMES) {
      expect(name).toMatch(/^[a-z][a-zA-Z]*\.[a-z][a-zA-Z]*$/);
      expect(isMethodName(name)).toBe(true);
    }
    expect(new Set(METHOD_NAMES).size).toBe(METHOD_NAMES.length);
    expect(isMethodName('nope.nothing')).toBe(false);
    expect(isMethodName('toString')).toBe(false);
  });

  it('gives every method an input schema', () => {
    for (const name of METHOD_NAMES) expect(typeof contract[name].input.safeParse).toBe('function');
  });
});

describe('buildBridge', () => {
  it('makes one function per method, each invoking its own name with the input', async () => {
    const invoke = vi.fn<Invoke>(async (method, input) => ({ ok: true, value: { method, input } }));
    const bridge = buildBridge(invoke);
    const functions = Object.values(bridge as unknown as Record<string, Record<string, unknown>>).flatMap((ns) => Object.values(ns));
    expect(functions).toHaveLength(METHOD_NAMES.length);
    for (const name of METHOD_NAMES) {
      const envelope = await bridgeFn(bridge, name)({ probe: name });
      expect(envelope).toEqual({ ok: true, value: { method: name, input: { probe: name } } });
    }
    expect(invoke).toHaveBeenCalledTimes(METHOD_NAMES.length);
  });
});

describe('unwrapBridge', () => {
  it('resolves to the value of an ok envelope', async () => {
    const client = unwrapBridge(buildBridge(async (method) => ({ ok: true, value: `value of ${method}` })));
    await expect(client.agencies.get({ id: 1 })).resolves.toBe('value of agencies.get');
    await expect(client.app.info()).resolves.toBe('value of app.info');
  });

  it('throws ApiError with the code, message and issues of an error envelope', async () => {
    const issues = [{ path: 'code', message: 'Mã cơ quan là bắt buộc' }];
    const client = unwrapBridge(
      buildBridge(async () => ({ ok: false, error: { code: 'VALIDATION', message: 'Dữ liệu không hợp lệ', issues } })),
    );
    const error = await client.agencies.upsert({ code: '', name: 'x', kind: 'other' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'VALIDATION', message: 'Dữ liệu không hợp lệ', issues });

    const notFound = unwrapBridge(buildBridge(async () => ({ ok: false, error: { code: 'NOT_FOUND', message: 'Không tìm thấy' } })));
    await expect(notFound.agencies.get({ id: 5 })).rejects.toMatchObject({ name: 'ApiError', code: 'NOT_FOUND', message: 'Không tìm thấy' });
  });

  it('turns a malformed envelope into INTERNAL', async () => {
    const client = unwrapBridge(buildBridge(async () => ({ nonsense: true }) as unknown as ApiEnvelope<unknown>));
    await expect(client.users.list()).rejects.toMatchObject({ code: 'INTERNAL' });
    const badCode = unwrapBridge(buildBridge(async () => ({ ok: false, error: { code: 'WHAT', message: 'x' } }) as unknown as ApiEnvelope<unknown>));
    await expect(badCode.users.list()).rejects.toMatchObject({ code: 'INTERNAL' });
  });

  it('throws UNKNOWN_METHOD for a method missing from the bridge', async () => {
    const client = unwrapBridge({} as ApiBridge);
    await expect(client.settings.get()).rejects.toMatchObject({ code: 'UNKNOWN_METHOD' });
  });
});

describe('HandlerTable', () => {
  const handler = async () => [];

  it('throws on a duplicate registration', () => {
    const table = new HandlerTable().method('agencies.list', handler);
    expect(() => table.method('agencies.list', handler)).toThrow(/twice/);
  });

  it('throws on a name that is not in the contract', () => {
    const table = new HandlerTable();
    expect(() => table.method('agencies.delete' as MethodName, handler as never)).toThrow(/not in the contract/);
    expect(table.names()).toEqual([]);
  });

  it('assertComplete names the methods without a handler', () => {
    const table = new HandlerTable().method('agencies.list', handler);
    expect(() => table.assertComplete()).toThrow(/agencies\.get/);
  });

  it('buildHandlerTable covers every contract method exactly once', () => {
    const table = buildHandlerTable({ appVersion: 'test' });
    expect([...table.names()].sort()).toEqual([...METHOD_NAMES].sort());
    for (const name of METHOD_NAMES) expect(typeof table.get(name)).toBe('function');
    expect(() => table.assertComplete()).not.toThrow();
  });
});
