// Assertions on API envelopes.
import { expect } from 'vitest';
import type { ApiEnvelope, ApiErrorCode, ApiErrorShape } from '../../shared/errors.ts';

/** Vietnamese letters that carry a mark; every officer-facing message has at least one. */
const VIETNAMESE_MARKED = /[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]/i;
/** Tell-tale English of untranslated library messages. */
const ENGLISH = /\b(invalid|expected|required|received|must|unrecognized|too (big|small)|is not)\b/i;

export function isVietnamese(message: string): boolean {
  return VIETNAMESE_MARKED.test(message) && !ENGLISH.test(message);
}

export function expectOk<T>(envelope: ApiEnvelope<unknown>): T {
  if (!envelope.ok) throw new Error(`expected ok, got ${JSON.stringify(envelope.error)}`);
  return envelope.value as T;
}

export function expectError(envelope: ApiEnvelope<unknown>, code: ApiErrorCode | readonly ApiErrorCode[]): ApiErrorShape {
  if (envelope.ok) throw new Error(`expected error ${String(code)}, got ok: ${JSON.stringify(envelope.value).slice(0, 300)}`);
  const codes: readonly ApiErrorCode[] = typeof code === 'string' ? [code] : code;
  expect(codes).toContain(envelope.error.code);
  expect(envelope.error.message.length).toBeGreaterThan(0);
  expect(isVietnamese(envelope.error.message), `not a Vietnamese message: ${envelope.error.message}`).toBe(true);
  for (const issue of envelope.error.issues ?? []) {
    expect(isVietnamese(issue.message), `not a Vietnamese issue: ${issue.message}`).toBe(true);
  }
  return envelope.error;
}
