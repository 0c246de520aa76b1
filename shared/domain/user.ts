// Users: the Board's officers (cán bộ) who work at the desk; every audit entry names one.
import { z, requiredText, optionalText } from '../validation.ts';

/** The roles of issue 14; what each may do is data in shared/domain/permissions.ts. */
export const USER_ROLES = ['admin', 'officer', 'handler', 'leader'] as const;
export type UserRole = (typeof USER_ROLES)[number];
export const USER_ROLE_LABELS: Record<UserRole, string> = {
  admin: 'Quản trị',
  officer: 'Cán bộ tiếp nhận',
  handler: 'Cán bộ xử lý',
  leader: 'Lãnh đạo',
};

export interface User {
  id: number;
  username: string;
  fullName: string;
  title: string | null;
  role: UserRole;
  active: boolean;
  /** May reveal a denouncer's identity (see shared/domain/protection.ts); granted by an administrator. */
  canSeeProtected: boolean;
}

export const userUpsertSchema = z.strictObject({
  id: z.number().int().positive().optional(),
  username: requiredText('Tên đăng nhập', 40).pipe(
    z.string().regex(/^[a-z0-9._-]+$/, { error: 'Tên đăng nhập chỉ gồm chữ thường không dấu, số, dấu chấm, gạch ngang' }),
  ),
  fullName: requiredText('Họ và tên', 100),
  title: optionalText('Chức vụ', 100),
  role: z.enum(USER_ROLES, { error: 'Vai trò không hợp lệ' }).default('officer'),
  active: z.boolean().default(true),
  /** Absent: unchanged (a new user: false). Only an administrator changes it. */
  canSeeProtected: z.boolean().optional(),
});

/** Passwords: at least 8 characters; never trimmed (a space is part of a password). */
export const PASSWORD_MIN = 8;
const password = (label: string) =>
  z
    .string({ error: `${label} là bắt buộc` })
    .min(PASSWORD_MIN, { error: `${label} phải có ít nhất ${PASSWORD_MIN} ký tự` })
    .max(200, { error: `${label} dài quá 200 ký tự` });
const givenPassword = z.string({ error: 'Mật khẩu là bắt buộc' }).min(1, { error: 'Mật khẩu là bắt buộc' }).max(200, { error: 'Mật khẩu dài quá 200 ký tự' });

export const signInSchema = z.strictObject({
  username: z.string({ error: 'Tên đăng nhập là bắt buộc' }).trim().min(1, { error: 'Tên đăng nhập là bắt buộc' }).max(40, { error: 'Tên đăng nhập dài quá 40 ký tự' }),
  password: givenPassword,
});

/** A new register (no password set yet): the first administrator chooses theirs. */
export const authSetupSchema = z.strictObject({ username: signInSchema.shape.username, password: password('Mật khẩu') });

export const changePasswordSchema = z
  .strictObject({ current: givenPassword, next: password('Mật khẩu mới') })
  .refine((v) => v.current !== v.next, { error: 'Mật khẩu mới phải khác mật khẩu hiện tại', path: ['next'] });

/** An administrator sets a temporary password; the officer must change it at next sign-in. */
export const resetPasswordSchema = z.strictObject({
  userId: z.number({ error: 'Chưa chọn cán bộ' }).int().positive(),
  password: password('Mật khẩu tạm'),
});

export interface AuthStatus {
  /** No officer has a password yet: the first administrator must set one. */
  needsSetup: boolean;
  /** The administrators' usernames, offered on the first-run screen. */
  setupUsernames: string[];
  officer: User | null;
  /** Signed in, but idle too long: the password is asked again. */
  locked: boolean;
  mustChangePassword: boolean;
  idleLockMinutes: number;
}

/** Failed sign-ins in a row that lock an account, and for how long (issue 14 item 1). */
export const SIGN_IN_MAX_ATTEMPTS = 5;
export const SIGN_IN_LOCK_MINUTES = 15;
/** The one refusal for a wrong username or password: it never says which was wrong. */
export const SIGN_IN_REFUSED = 'Tên đăng nhập hoặc mật khẩu không đúng.';
export function signInLockedMessage(minutes: number): string {
  return `Đăng nhập sai quá ${SIGN_IN_MAX_ATTEMPTS} lần: tài khoản tạm khóa, hãy thử lại sau ${minutes} phút hoặc nhờ quản trị viên đặt lại mật khẩu.`;
}
