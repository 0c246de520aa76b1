// zod configured once with Vietnamese messages, and the helpers that turn zod issues into
// the API's field issues. Imported by the contract, so every side validates the same way.
import { z } from 'zod';
import type { FieldIssue } from './errors.ts';
import { cleanText, cleanOptional, hasForbiddenControl, hasLoneSurrogate } from './text.ts';

const TYPE_NAMES: Record<string, string> = {
  string: 'chuỗi ký tự',
  number: 'số',
  int: 'số nguyên',
  boolean: 'đúng/sai',
  object: 'một bản ghi',
  array: 'một danh sách',
  date: 'ngày',
  bigint: 'số',
  null: 'rỗng',
  undefined: 'không có',
};

/**
 * Plain Vietnamese for every zod issue a schema does not word itself (no "mong đợi object, nhận
 * được undefined"): the officer reads what is missing or wrong, not the validator's vocabulary.
 */
function vietnameseIssue(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined) return 'Thiếu thông tin bắt buộc';
      if (issue.input === null) return 'Không được để trống';
      return `Giá trị không đúng loại: cần ${TYPE_NAMES[issue.expected] ?? issue.expected}`;
    case 'too_small':
      if (issue.origin === 'string') return Number(issue.minimum) <= 1 ? 'Không được để trống' : `Cần ít nhất ${issue.minimum} ký tự`;
      if (issue.origin === 'array' || issue.origin === 'set') return `Cần ít nhất ${issue.minimum} mục`;
      return `Giá trị phải từ ${issue.minimum} trở lên`;
    case 'too_big':
      if (issue.origin === 'string') return `Dài quá ${issue.maximum} ký tự`;
      if (issue.origin === 'array' || issue.origin === 'set') return `Nhiều quá ${issue.maximum} mục`;
      return `Giá trị phải từ ${issue.maximum} trở xuống`;
    case 'invalid_format':
      return 'Không đúng định dạng';
    case 'invalid_value':
      return 'Giá trị không nằm trong các lựa chọn cho phép';
    case 'unrecognized_keys':
      return `Có trường không được phép: ${issue.keys.join(', ')}`;
    case 'invalid_union':
      return 'Giá trị không hợp lệ';
    case 'not_multiple_of':
      return `Giá trị phải là bội số của ${String(issue.divisor)}`;
    case 'invalid_key':
    case 'invalid_element':
      return 'Giá trị không hợp lệ';
    default:
      return 'Giá trị không hợp lệ';
  }
}

z.config(z.locales.vi());
z.config({ customError: vietnameseIssue });

/** The message for a text with a control character (tab and newline are allowed). */
export const CONTROL_CHARACTER_MESSAGE = 'có ký tự điều khiển không in được (chỉ cho phép xuống dòng và tab); hãy gõ lại hoặc dán lại đoạn này';
/** The message for invalid Unicode (a lone surrogate). */
export const INVALID_UNICODE_MESSAGE = 'có ký tự Unicode không hợp lệ (hỏng mã); hãy gõ lại đoạn này';

/** Why a text cannot be stored, or null: control characters and invalid Unicode are refused. */
export function textProblem(value: string): string | null {
  if (hasLoneSurrogate(value)) return INVALID_UNICODE_MESSAGE;
  if (hasForbiddenControl(value)) return CONTROL_CHARACTER_MESSAGE;
  return null;
}

/**
 * Every string anywhere in an input, checked in one pass (the API boundary and interchange import
 * call this before any schema): a field with a control character or invalid Unicode is named.
 */
export function findBadText(value: unknown, path: (string | number)[] = [], out: FieldIssue[] = [], limit = 20): FieldIssue[] {
  // One path, pushed and popped on the way down (an import walks millions of strings); joined
  // only for a field that has a problem.
  const at = [...path];
  const issue = (message: string) => out.push({ path: at.join('.'), message });
  const walk = (v: unknown): void => {
    if (out.length >= limit) return;
    if (typeof v === 'string') {
      const problem = textProblem(v);
      if (problem) issue(`${at.length > 0 ? 'Trường này' : 'Nội dung'} ${problem}`);
    } else if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        at.push(i);
        walk(v[i]);
        at.pop();
      }
    } else if (v !== null && typeof v === 'object') {
      for (const k in v) {
        if (!Object.hasOwn(v, k)) continue;
        at.push(k);
        const keyProblem = textProblem(k);
        if (keyProblem) issue(`Tên trường ${keyProblem}`);
        walk((v as Record<string, unknown>)[k]);
        at.pop();
      }
    }
  };
  walk(value);
  return out;
}

export { z };

/** Required text: trimmed, NFC, at least one character, at most `max`. */
export function requiredText(label: string, max = 500) {
  return z
    .string({ error: `${label} là bắt buộc` })
    .superRefine((v, ctx) => {
      const problem = textProblem(v);
      if (problem) ctx.addIssue({ code: 'custom', message: `${label} ${problem}` });
    })
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
    .superRefine((v, ctx) => {
      const problem = textProblem(v);
      if (problem) ctx.addIssue({ code: 'custom', message: `${label} ${problem}` });
    })
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
