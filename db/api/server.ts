// The API server: validates each call's input against the contract, runs its handler and
// answers with an envelope. Electron's ipcMain, the browser preview's bridge and tests call it.
import { contract, isMethodName, type MethodName } from '../../shared/api/contract.ts';
import { ApiError, type ApiEnvelope } from '../../shared/errors.ts';
import { findBadText, summariseIssues, toFieldIssues, z } from '../../shared/validation.ts';
import type { Register } from '../register.ts';
import { describeStorageFault, logFault } from '../faults.ts';
import { isPostgresConstraint } from '../engine/postgres-faults.ts';
import { getUser, officerForCall } from '../ops/users.ts';
import { SYSTEM_ACTOR, type Actor } from '../context.ts';
import {
  registerAgencyMethods,
  registerAppMethods,
  registerSettingsMethods,
  registerUnitMethods,
  registerUserMethods,
  registerReceptionMethods,
  registerPetitionMethods,
  registerWorkflowMethods,
  registerHolidayMethods,
  registerAttachmentMethods,
  registerDocumentMethods,
  registerStatsMethods,
  type AppMeta,
} from './handlers.ts';
import { registerReportMethods } from './reports.ts';
import { HandlerTable, type SessionState } from './table.ts';
import { registerMatterMethods } from './matters.ts';
import { registerLawMethods } from './law.ts';
import { registerProtectionMethods } from './protection.ts';
import { registerReceiptMethods } from './receipts.ts';
import { registerCalendarMethods } from './calendar.ts';
import { registerBackupMethods } from './backups.ts';
import { registerLocationMethods } from './location.ts';
import { registerApprovalMethods } from './approvals.ts';
import { idleLockMinutes, registerAuthMethods } from './auth.ts';
import { forbiddenMessage, METHOD_PERMISSIONS, permissionsOf } from '../../shared/domain/permissions.ts';
import { USER_ROLE_LABELS, type User } from '../../shared/domain/user.ts';

export interface ApiServer {
  call(method: string, input: unknown): Promise<ApiEnvelope<unknown>>;
  methods(): MethodName[];
}

export function buildHandlerTable(meta: AppMeta): HandlerTable {
  const table = new HandlerTable();
  registerAppMethods(table, meta);
  registerAgencyMethods(table);
  registerSettingsMethods(table);
  registerUnitMethods(table);
  registerUserMethods(table);
  registerReceptionMethods(table);
  registerPetitionMethods(table);
  registerWorkflowMethods(table);
  registerHolidayMethods(table);
  registerStatsMethods(table, meta);
  registerAttachmentMethods(table);
  registerDocumentMethods(table, meta);
  registerReportMethods(table, meta);
  registerMatterMethods(table);
  registerLawMethods(table);
  registerProtectionMethods(table);
  registerReceiptMethods(table);
  registerCalendarMethods(table);
  registerBackupMethods(table);
  registerLocationMethods(table, meta);
  registerApprovalMethods(table);
  registerAuthMethods(table);
  table.assertComplete();
  return table;
}

/** Turns any thrown value into the typed error the client sees; `file` names the register in storage faults. */
export function toApiError(error: unknown, file = 'đang dùng'): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof z.ZodError) {
    const issues = toFieldIssues(error);
    return new ApiError('VALIDATION', summariseIssues(issues), issues);
  }
  const message = error instanceof Error ? error.message : String(error);
  // better-sqlite3 puts SQLITE_* in error.code; the message is SQLite's own text.
  const sqliteCode = typeof (error as { code?: unknown } | null)?.code === 'string' ? (error as { code: string }).code : '';
  // On PostgreSQL (a postgres:// register) describeStorageFault says the server's faults; a violated constraint is SQLSTATE class 23.
  const fault = describeStorageFault(error, file);
  if (fault) return fault;
  if (/SQLITE_CONSTRAINT/i.test(`${sqliteCode} ${message}`) || isPostgresConstraint(error)) {
    return new ApiError('CONFLICT', 'Dữ liệu vi phạm ràng buộc của sổ (trùng lặp hoặc tham chiếu không tồn tại); không có gì được ghi.');
  }
  return new ApiError('INTERNAL', `Lỗi nội bộ: ${message}`);
}

export interface ApiServerOptions {
  /**
   * Start already signed in as this user, without a password: only for callers inside the same
   * process that already hold the register file (the tests' helper). The app and the preview
   * bridge never pass it: their officers sign in with auth.signIn.
   */
  signedInAs?: number;
  /** False: the session never locks after idle time (tests whose clock jumps by days). */
  idleLock?: boolean;
  /**
   * Calls run as the system actor without any sign-in or permission check: only for in-process
   * tests of registers at an older schema (before users had passwords). Never set by the app.
   */
  systemActor?: boolean;
}

/**
 * Checks the session and the role before any handler runs (issue 14): every method of the
 * contract has a permission in shared/domain/permissions.ts; public ones (sign-in) pass, the rest
 * need a signed-in, unlocked, active officer whose role holds the permission. Nothing is written
 * on a refusal.
 */
async function authorize(register: Register, session: SessionState, method: MethodName, options: ApiServerOptions): Promise<User | null> {
  const needed = METHOD_PERMISSIONS[method];
  if (needed === 'public' || options.systemActor === true) return null;
  if (session.officerId === null) throw new ApiError('UNAUTHENTICATED', 'Chưa đăng nhập: hãy đăng nhập bằng tên đăng nhập và mật khẩu của mình.');
  const nowMs = register.now().getTime();
  if (options.idleLock !== false && !session.locked && session.lastActiveMs !== undefined && nowMs - session.lastActiveMs > (await idleLockMinutes(register.db)) * 60_000) session.locked = true;
  if (session.locked) throw new ApiError('UNAUTHENTICATED', 'Phiên làm việc đã khóa do không dùng quá lâu: hãy nhập lại mật khẩu.');
  const { user: officer, mustChangePassword } = await officerForCall(register.db, session.officerId);
  if (!officer.active) {
    session.officerId = null;
    throw new ApiError('UNAUTHENTICATED', `Tài khoản ${officer.username} đã ngừng hoạt động: hãy đăng nhập bằng tài khoản khác.`);
  }
  if (needed !== 'signedIn' && mustChangePassword) {
    throw new ApiError('FORBIDDEN', 'Mật khẩu của anh/chị là mật khẩu tạm do quản trị viên đặt: hãy đổi mật khẩu trước khi làm việc.');
  }
  if (!permissionsOf(officer).has(needed)) throw new ApiError('FORBIDDEN', forbiddenMessage(method, USER_ROLE_LABELS[officer.role]));
  session.lastActiveMs = nowMs;
  return officer;
}

export function createApiServer(register: Register, meta: AppMeta, options: ApiServerOptions = {}): ApiServer {
  const table = buildHandlerTable(meta);
  const session: SessionState = { officerId: options.signedInAs ?? null, lastActiveMs: register.now().getTime() };

  /** The call's actor: the officer authorize has just read, or read here for a public method. */
  async function currentActor(authorized: User | null): Promise<Actor> {
    if (session.officerId === null) return SYSTEM_ACTOR;
    const officer = authorized?.id === session.officerId ? authorized : await getUser(register.db, session.officerId);
    return { id: officer.id, name: officer.fullName };
  }

  return {
    methods: () => table.names(),
    async call(method, rawInput) {
      try {
        if (!isMethodName(method)) throw new ApiError('UNKNOWN_METHOD', `Không có phương thức “${method}” trong giao diện lập trình`);
        const handler = table.get(method);
        if (!handler) throw new ApiError('UNKNOWN_METHOD', `Phương thức “${method}” chưa được cài đặt`);
        const officer = await authorize(register, session, method, options);
        // Control characters and invalid Unicode are refused in every text field of every method.
        const badText = findBadText(rawInput);
        if (badText.length > 0) throw new ApiError('VALIDATION', summariseIssues(badText), badText);
        const input = contract[method].input.parse(rawInput) as never;
        const value = await handler(input, { register, actor: await currentActor(officer), session });
        return { ok: true, value };
      } catch (error) {
        const apiError = toApiError(error, register.path);
        // The original error goes to the register's log (db/faults.ts), the officer reads the message.
        if (!(error instanceof ApiError) && !(error instanceof z.ZodError)) logFault(register.path, `api ${method}`, error);
        return { ok: false, error: apiError.toShape() };
      }
    },
  };
}
