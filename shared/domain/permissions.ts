// Roles and permissions as data (issue 14 item 2). The API dispatch (db/api/server.ts) checks
// every call against METHOD_PERMISSIONS before its handler runs; the renderer hides what a role
// may not do from the same tables. A new method without an entry fails the type check here.
import type { MethodName } from '../api/contract.ts';
import type { User, UserRole } from './user.ts';

export const PERMISSIONS = ['public', 'signedIn', 'read', 'intake', 'handle', 'approve', 'admin', 'reveal'] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const PERMISSION_LABELS: Record<Permission, string> = {
  public: 'không cần đăng nhập',
  signedIn: 'đã đăng nhập',
  read: 'xem sổ',
  intake: 'tiếp công dân và tiếp nhận đơn',
  handle: 'phân loại và xử lý đơn',
  approve: 'duyệt và ký văn bản đi',
  admin: 'quản trị (người dùng, cài đặt, ngày nghỉ, sao lưu)',
  reveal: 'xem danh tính người tố cáo',
};

/**
 * What each role may do. The officer receives citizens and registers petitions; the handler
 * classifies and decides (and registers petitions that come by post); the leader approves and
 * signs what goes out (and may decide); the administrator manages users, settings, holidays and
 * backups and may do everything else. `reveal` is never given by a role: it is the separate grant
 * "can see protected" (Law on Denunciations art. 56, migration 0006; db/protection.ts).
 */
export const ROLE_PERMISSIONS: Record<UserRole, readonly Permission[]> = {
  officer: ['signedIn', 'read', 'intake'],
  handler: ['signedIn', 'read', 'intake', 'handle'],
  leader: ['signedIn', 'read', 'handle', 'approve'],
  admin: ['signedIn', 'read', 'intake', 'handle', 'approve', 'admin'],
};

/** The permission each API method requires. Typed over every method of the contract. */
export const METHOD_PERMISSIONS: Record<MethodName, Permission> = {
  'auth.status': 'public',
  'auth.setup': 'public',
  'auth.signIn': 'public',
  'auth.signOut': 'signedIn',
  'auth.changePassword': 'signedIn',
  'session.get': 'signedIn',

  'app.info': 'read',
  'agencies.list': 'read',
  'agencies.get': 'read',
  'agencies.upsert': 'handle',
  'agencies.setActive': 'handle',
  'settings.get': 'read',
  'settings.update': 'admin',
  'units.provinces': 'read',
  'units.communes': 'read',
  'users.list': 'read',
  'users.upsert': 'admin',
  'users.resetPassword': 'admin',
  'audit.list': 'read',

  'citizens.search': 'read',
  'citizens.history': 'read',
  'sessions.openToday': 'intake',
  'sessions.list': 'read',
  'sessions.get': 'read',
  'sessions.upsert': 'intake',
  'visits.save': 'intake',
  'visits.get': 'read',
  'petitions.create': 'intake',
  'petitions.update': 'intake',
  'petitions.get': 'read',
  'petitions.list': 'read',
  'petitions.count': 'read',
  'petitions.revealDenouncer': 'reveal',
  'visits.revealDenouncer': 'reveal',
  'register.reception': 'read',

  'workflow.classify': 'handle',
  'workflow.decide': 'handle',
  'workflow.reply': 'handle',
  'workflow.remind': 'handle',
  'workflow.reverse': 'handle',
  'todo.summary': 'read',
  'todo.counts': 'read',
  'petitions.similar': 'read',

  'holidays.list': 'read',
  'holidays.upsert': 'admin',
  'holidays.remove': 'admin',
  'holidays.importPreview': 'admin',
  'holidays.importConfirm': 'admin',

  'attachments.add': 'intake',
  'attachments.list': 'read',
  'attachments.get': 'read',
  'attachments.remove': 'intake',

  'documents.render': 'read',
  'documents.pdf': 'read',
  'receipts.get': 'read',
  'receipts.save': 'intake',

  'stats.get': 'read',
  'stats.communes': 'read',
  'stats.monthly': 'read',
  'stats.drill': 'read',
  'stats.periods': 'read',
  'stats.export': 'read',
  'reports.get': 'read',
  'reports.drill': 'read',
  'reports.export': 'read',

  'matters.suggest': 'read',
  'matters.get': 'read',
  'matters.list': 'read',
  'matters.update': 'handle',
  'matters.merge': 'handle',
  'matters.move': 'handle',
  'petitions.splitContent': 'handle',

  'notices.list': 'read',
  'notices.get': 'read',
  'notices.issue': 'handle',
  'todo.law': 'read',

  'backups.status': 'admin',
  'backups.configure': 'admin',
  'register.location': 'admin',
  'register.setLocation': 'admin',
  'backups.run': 'admin',
  'backups.restore': 'admin',

  'approvals.list': 'read',
  'approvals.todo': 'read',
  'approvals.approve': 'approve',
  'approvals.sendBack': 'approve',
  'approvals.withdraw': 'handle',
  'approvals.preview': 'read',
};

/** The permissions a user holds: their role's, plus `reveal` when granted. None when inactive. */
export function permissionsOf(user: Pick<User, 'role' | 'active' | 'canSeeProtected'> | null): Set<Permission> {
  const held = new Set<Permission>(['public']);
  if (!user || !user.active) return held;
  for (const p of ROLE_PERMISSIONS[user.role]) held.add(p);
  if (user.canSeeProtected) held.add('reveal');
  return held;
}

export function mayCall(user: Pick<User, 'role' | 'active' | 'canSeeProtected'> | null, method: MethodName): boolean {
  return permissionsOf(user).has(METHOD_PERMISSIONS[method]);
}

/** The Vietnamese refusal the API gives (FORBIDDEN); nothing is written. */
export function forbiddenMessage(method: MethodName, roleLabel: string): string {
  return `Vai trò ${roleLabel} không có quyền ${PERMISSION_LABELS[METHOD_PERMISSIONS[method]]} (${method}); không có gì được ghi.`;
}
