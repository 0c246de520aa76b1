// The API contract: one table, method name -> zod input schema -> output type.
// Electron's ipcMain, the browser preview's HTTP bridge, the CLI and the tests all go through it.
import { z } from '../validation.ts';
import { METHOD_NAMES, isMethodName, type MethodName } from './methods.ts';
import { agencyListSchema, agencySetActiveSchema, agencyUpsertSchema, type Agency } from '../domain/agency.ts';
import { settingsUpdateSchema, type Settings } from '../domain/settings.ts';
import { authSetupSchema, changePasswordSchema, resetPasswordSchema, signInSchema, userUpsertSchema, type AuthStatus, type User } from '../domain/user.ts';
import { auditListSchema, type AuditEntry } from '../domain/audit.ts';
import { revealSchema, type RevealedPetition, type RevealedVisit } from '../domain/protection.ts';
import type { Commune, Province } from '../domain/units.ts';
import { citizenSearchSchema, type CitizenMatch } from '../domain/person.ts';
import {
  openTodaySchema,
  sessionListSchema,
  sessionUpsertSchema,
  visitSaveSchema,
  type ReceptionSession,
  type Visit,
} from '../domain/reception.ts';
import {
  petitionCreateSchema,
  petitionCountSchema,
  petitionListSchema,
  petitionUpdateSchema,
  type Petition,
  type PetitionPage,
  type ReceptionRegisterRow,
} from '../domain/petition.ts';
import { isoDate } from '../domain/dates.ts';
import { statsCommunesSchema, statsDrillSchema, statsRequestSchema, type CommuneBreakdown, type Statistics } from '../stats/definitions.ts';
import { periodRequestSchema, type Period } from '../stats/periods.ts';
import { statsExportSchema, type StatsExportFile } from '../stats/export-request.ts';
import {
  classifySchema,
  decideSchema,
  holidayRemoveSchema,
  holidayUpsertSchema,
  holidayYearSchema,
  reminderSchema,
  replySchema,
  reverseSchema,
  similarSchema,
  type TodoSummary,
  type Workflow,
} from '../domain/workflow.ts';
import {
  attachmentAddSchema,
  attachmentGetSchema,
  attachmentListSchema,
  attachmentRemoveSchema,
  type Attachment,
  type AttachmentContent,
} from '../domain/attachment.ts';

import {
  matterListSchema,
  matterMergeSchema,
  matterMoveSchema,
  matterSuggestSchema,
  matterUpdateSchema,
  splitContentSchema,
  type Matter,
  type MatterCandidate,
  type MatterDetail,
  type MatterPage,
  type PetitionContent,
} from '../domain/matter.ts';
import { documentRequestSchema, type DocumentPdf, type RenderedDocument } from '../documents/kinds.ts';
import { noticeIssueSchema, noticeListSchema, type LawTodo, type Notice } from '../domain/notices.ts';
import { approvalApproveSchema, approvalListSchema, approvalSendBackSchema, approvalWithdrawSchema, type Approval, type ApprovalTodo } from '../domain/approval.ts';
import { receiptGetSchema, receiptSaveSchema, type Receipt } from '../domain/receipt.ts';
import { scheduleImportSchema } from '../calendar/schedules.ts';

/** What importing a year's schedule changes (db/ops/holidays.ts applySchedule). */
export interface ScheduleImportResult {
  year: number;
  source: string;
  daysOff: number;
  workedDays: number;
  added: string[];
  removed: string[];
  moved: { petitionId: number; registerNo: string; deadline: 'processing' | 'reply'; before: string; after: string }[];
}
import { locationSetSchema, type RegisterLocationStatus } from '../domain/location.ts';
import { backupConfigureSchema, backupRestoreSchema, type BackupStatus, type RestorePlan } from '../domain/backup.ts';
import { reportDrillSchema, reportExportSchema, reportRequestSchema, type OfficialReport, type ReportDrill } from '../reports/report.ts';
import type { TodoCounts } from '../domain/workflow.ts';
import { statsMonthlySchema, type MonthlyKinds } from '../stats/definitions.ts';

interface MethodSpec<I extends z.ZodType, O> {
  input: I;
  /** Phantom: carries the output type only. */
  output: O;
}

function method<I extends z.ZodType>(input: I) {
  return { returns: <O>(): MethodSpec<I, O> => ({ input, output: undefined as O }) };
}

const noInput = z.undefined({ error: 'Phương thức này không nhận dữ liệu vào' }).optional();
const idInput = z.strictObject({
  id: z.number({ error: 'Mã số phải là một số nguyên dương' }).int({ error: 'Mã số phải là một số nguyên dương' }).positive({ error: 'Mã số phải là một số nguyên dương' }),
});

export interface AppInfo {
  appVersion: string;
  schemaVersion: number;
  databasePath: string;
  counts: { agencies: number; activeAgencies: number; users: number; auditEntries: number };
}

export interface CitizenHistory {
  citizen: CitizenMatch;
  visits: Visit[];
  petitions: Petition[];
}

export interface SessionWithVisits {
  session: ReceptionSession;
  visits: Visit[];
}

export interface PetitionDetail {
  petition: Petition;
  visit: Visit | null;
  workflow: Workflow;
  history: AuditEntry[];
  /** The petition's contents in order, each with its matter (vụ việc). */
  contents: (PetitionContent & { matterTitle: string })[];
}

export interface Holiday {
  date: string;
  name: string;
}

export interface SessionInfo {
  officer: User | null;
}

export const contract = {
  'app.info': method(noInput).returns<AppInfo>(),

  'agencies.list': method(agencyListSchema).returns<Agency[]>(),
  'agencies.get': method(idInput).returns<Agency>(),
  'agencies.upsert': method(agencyUpsertSchema).returns<Agency>(),
  'agencies.setActive': method(agencySetActiveSchema).returns<Agency>(),

  'settings.get': method(noInput).returns<Settings>(),
  'settings.update': method(settingsUpdateSchema).returns<Settings>(),

  'units.provinces': method(noInput).returns<Province[]>(),
  'units.communes': method(
    z.strictObject({ provinceCode: z.string().regex(/^\d{2}$/, { error: 'Mã tỉnh gồm 2 chữ số' }) }),
  ).returns<Commune[]>(),

  'users.list': method(noInput).returns<User[]>(),
  'users.upsert': method(userUpsertSchema).returns<User>(),

  'session.get': method(noInput).returns<SessionInfo>(),

  // Sign-in (issue 14): the session's officer is whoever signed in with their password.
  'auth.status': method(noInput).returns<AuthStatus>(),
  'auth.setup': method(authSetupSchema).returns<AuthStatus>(),
  'auth.signIn': method(signInSchema).returns<AuthStatus>(),
  'auth.signOut': method(noInput).returns<AuthStatus>(),
  'auth.changePassword': method(changePasswordSchema).returns<AuthStatus>(),
  'users.resetPassword': method(resetPasswordSchema).returns<User>(),

  'audit.list': method(auditListSchema).returns<AuditEntry[]>(),

  'citizens.search': method(citizenSearchSchema).returns<CitizenMatch[]>(),
  'citizens.history': method(idInput).returns<CitizenHistory>(),

  'sessions.openToday': method(openTodaySchema).returns<ReceptionSession>(),
  'sessions.list': method(sessionListSchema).returns<ReceptionSession[]>(),
  'sessions.get': method(idInput).returns<SessionWithVisits>(),
  'sessions.upsert': method(sessionUpsertSchema).returns<ReceptionSession>(),

  'visits.save': method(visitSaveSchema).returns<Visit>(),
  'visits.get': method(idInput).returns<Visit>(),

  'petitions.create': method(petitionCreateSchema).returns<Petition>(),
  'petitions.update': method(petitionUpdateSchema).returns<Petition>(),
  'petitions.get': method(idInput).returns<PetitionDetail>(),
  'petitions.list': method(petitionListSchema).returns<PetitionPage>(),
  /** The exact number of petitions under the list's filters (the list counts up to its cap). */
  'petitions.count': method(petitionCountSchema).returns<{ total: number }>(),
  /** A permitted officer sees a denunciation's petitioners; audited as view_protected (db/protection.ts). */
  'petitions.revealDenouncer': method(revealSchema).returns<RevealedPetition>(),
  'visits.revealDenouncer': method(revealSchema).returns<RevealedVisit>(),

  'register.reception': method(
    z
      .strictObject({ from: isoDate('Từ ngày'), to: isoDate('Đến ngày') })
      .refine((r) => r.from <= r.to, { error: 'Từ ngày phải trước hoặc bằng đến ngày', path: ['to'] }),
  ).returns<ReceptionRegisterRow[]>(),

  'workflow.classify': method(classifySchema).returns<Workflow>(),
  'workflow.decide': method(decideSchema).returns<Workflow>(),
  'workflow.reply': method(replySchema).returns<Workflow>(),
  'workflow.remind': method(reminderSchema).returns<Workflow>(),
  'workflow.reverse': method(reverseSchema).returns<Workflow>(),
  'todo.summary': method(noInput).returns<TodoSummary>(),
  'petitions.similar': method(similarSchema).returns<Workflow['duplicateCandidates']>(),

  'holidays.list': method(holidayYearSchema).returns<Holiday[]>(),
  'holidays.upsert': method(holidayUpsertSchema).returns<Holiday[]>(),
  'holidays.remove': method(holidayRemoveSchema).returns<Holiday[]>(),

  'attachments.add': method(attachmentAddSchema).returns<Attachment>(),
  'attachments.list': method(attachmentListSchema).returns<Attachment[]>(),
  'attachments.get': method(attachmentGetSchema).returns<AttachmentContent>(),
  'attachments.remove': method(attachmentRemoveSchema).returns<Attachment>(),

  'documents.render': method(documentRequestSchema).returns<RenderedDocument>(),
  'documents.pdf': method(documentRequestSchema).returns<DocumentPdf>(),
  'receipts.get': method(receiptGetSchema).returns<Receipt | null>(),
  'receipts.save': method(receiptSaveSchema).returns<Receipt>(),
  'holidays.importPreview': method(scheduleImportSchema).returns<ScheduleImportResult>(),
  'holidays.importConfirm': method(scheduleImportSchema).returns<ScheduleImportResult>(),

  'stats.get': method(statsRequestSchema).returns<Statistics>(),
  'stats.communes': method(statsCommunesSchema).returns<CommuneBreakdown>(),
  'stats.drill': method(statsDrillSchema).returns<PetitionPage>(),
  'stats.periods': method(periodRequestSchema).returns<Period>(),
  'stats.export': method(statsExportSchema).returns<StatsExportFile>(),

  'reports.get': method(reportRequestSchema).returns<OfficialReport>(),
  'reports.drill': method(reportDrillSchema).returns<ReportDrill>(),
  'reports.export': method(reportExportSchema).returns<StatsExportFile>(),
  'matters.suggest': method(matterSuggestSchema).returns<MatterCandidate[]>(),
  'matters.get': method(idInput).returns<MatterDetail>(),
  'matters.list': method(matterListSchema).returns<MatterPage>(),
  'matters.update': method(matterUpdateSchema).returns<Matter>(),
  'matters.merge': method(matterMergeSchema).returns<MatterDetail>(),
  'matters.move': method(matterMoveSchema).returns<MatterDetail>(),
  'petitions.splitContent': method(splitContentSchema).returns<PetitionContent[]>(),
  'notices.list': method(noticeListSchema).returns<Notice[]>(),
  'notices.get': method(idInput).returns<Notice>(),
  'notices.issue': method(noticeIssueSchema).returns<Notice>(),
  'todo.law': method(noInput).returns<LawTodo>(),
  'todo.counts': method(noInput).returns<TodoCounts>(),
  'stats.monthly': method(statsMonthlySchema).returns<MonthlyKinds[]>(),
  'backups.status': method(noInput).returns<BackupStatus>(),
  'backups.configure': method(backupConfigureSchema).returns<BackupStatus>(),
  'backups.run': method(noInput).returns<BackupStatus>(),
  'backups.restore': method(backupRestoreSchema).returns<RestorePlan>(),
  'register.location': method(noInput).returns<RegisterLocationStatus>(),
  'register.setLocation': method(locationSetSchema).returns<RegisterLocationStatus>(),
  /** The leader's approval of outgoing documents (issue 14 item 3; shared/domain/approval.ts). */
  'approvals.list': method(approvalListSchema).returns<Approval[]>(),
  'approvals.todo': method(noInput).returns<ApprovalTodo>(),
  'approvals.approve': method(approvalApproveSchema).returns<Approval>(),
  'approvals.sendBack': method(approvalSendBackSchema).returns<Approval>(),
  'approvals.withdraw': method(approvalWithdrawSchema).returns<Approval>(),
  /** The draft as it will read once approved, marked "DỰ THẢO", unnumbered; for reading, not printing. */
  'approvals.preview': method(approvalWithdrawSchema).returns<RenderedDocument>(),
} as const satisfies Record<MethodName, unknown>;

export type Contract = typeof contract;
export { METHOD_NAMES, isMethodName, type MethodName };
export type InputOf<K extends MethodName> = z.input<Contract[K]['input']>;
export type ParsedInputOf<K extends MethodName> = z.output<Contract[K]['input']>;
export type OutputOf<K extends MethodName> = Contract[K]['output'];

