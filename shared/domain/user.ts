// Users: the Board's officers (cán bộ) who work at the desk; every audit entry names one.
import { z, requiredText, optionalText } from '../validation.ts';

export const USER_ROLES = ['admin', 'officer'] as const;
export type UserRole = (typeof USER_ROLES)[number];
export const USER_ROLE_LABELS: Record<UserRole, string> = { admin: 'Quản trị', officer: 'Cán bộ' };

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

export const setOfficerSchema = z.strictObject({ userId: z.number({ error: 'Chưa chọn cán bộ' }).int().positive() });
