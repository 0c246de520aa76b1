// Typed errors that cross the API boundary. Every message is Vietnamese and meant for the officer.

export const API_ERROR_CODES = [
  'VALIDATION',
  'NOT_FOUND',
  'CONFLICT',
  'UNKNOWN_METHOD',
  'FORBIDDEN',
  /** Not signed in, or the session locked after idle time: sign in again (issue 14). */
  'UNAUTHENTICATED',
  'SCHEMA_TOO_NEW',
  'SCHEMA_TOO_OLD',
  'BUSY',
  'STORAGE',
  'BAD_DATABASE',
  'INTERNAL',
] as const;
export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

export interface FieldIssue {
  /** Dotted path of the field, e.g. "code" or "docPrefixes.forward". */
  path: string;
  message: string;
}

export interface ApiErrorShape {
  code: ApiErrorCode;
  message: string;
  issues?: FieldIssue[];
}

export type ApiEnvelope<T> = { ok: true; value: T } | { ok: false; error: ApiErrorShape };

export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly issues: FieldIssue[] | undefined;

  constructor(code: ApiErrorCode, message: string, issues?: FieldIssue[]) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.issues = issues;
  }

  toShape(): ApiErrorShape {
    return this.issues ? { code: this.code, message: this.message, issues: this.issues } : { code: this.code, message: this.message };
  }

  static fromShape(shape: ApiErrorShape): ApiError {
    return new ApiError(shape.code, shape.message, shape.issues);
  }
}

export function isApiErrorShape(value: unknown): value is ApiErrorShape {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.message === 'string' && (API_ERROR_CODES as readonly unknown[]).includes(v.code);
}
