// zod configured once with Vietnamese messages, and the helpers that turn zod issues into
// the API's field issues. Imported by the contract, so every side validates the same way.
import { z } from 'zod';
import type { FieldIssue } from './errors.ts';
import { cleanText, cleanOptional } from './text.ts';

z.config(z.locales.vi());

export { z };

/** Required text: trimmed, NFC, at least one character, at most `max`. */
export function requiredText(label: string, max = 500) {
  return z
    .string({ error: `${label} là bắt buộc` })
    .transform(cleanText)
    .pipe(
      z
        .string()
        .min(1, { error: `${label} không được để trống` })
        .max(max, { error: `${label} dài quá ${max} ký tự` }),
    );
}

/** Optional text: trimmed, NFC; empty becomes null. */
export function optionalText(label: string, max = 500) {
  return z
    .string({ error: `${label} phải là chuỗi ký tự` })
    .max(max * 2, { error: `${label} dài quá ${max} ký tự` })
    .nullish()
    .transform((v) => cleanOptional(v))
    .refine((v) => v === null || v.length <= max, { error: `${label} dài quá ${max} ký tự` });
}

export function toFieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    message: issue.message,
  }));
}

/** One Vietnamese sentence summarising the issues, for toasts and the CLI. */
export function summariseIssues(issues: FieldIssue[]): string {
  const parts = issues.slice(0, 3).map((i) => (i.path ? `${i.path}: ${i.message}` : i.message));
  const more = issues.length > 3 ? ` (và ${issues.length - 3} lỗi khác)` : '';
  return `Dữ liệu không hợp lệ — ${parts.join('; ')}${more}`;
}
