// The API server over a real register: every contract method with valid and invalid input,
// refused calls write nothing, every write leaves exactly one audit row.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { METHOD_NAMES, type MethodName } from '../../shared/api/contract.ts';
import type { Agency } from '../../shared/domain/agency.ts';
import type { Petition, PetitionPage, ReceptionRegisterRow } from '../../shared/domain/petition.ts';
import type { ReceptionSession, Visit } from '../../shared/domain/reception.ts';
import { DEFAULT_SETTINGS, type Settings } from '../../shared/domain/settings.ts';
import type { User } from '../../shared/domain/user.ts';
import type { TodoSummary } from '../../shared/domain/workflow.ts';
import type { ApiErrorCode } from '../../shared/errors.ts';
import { fold } from '../../shared/text.ts';
import { createApiServer, type ApiServer } from '../../db/api/server.ts';
import { LATEST_SCHEMA_VERSION } from '../../db/migrations/index.ts';
import { onPostgres, rawGet, rawRun, signInAs, tempRegister, TEST_NOW, TEST_PASSWORD, TEST_SCRYPT, type TempRegister } from '../helpers/register.ts';
import { hashPassword } from '../../db/passwords.ts';
import { FALLBACK_LOG } from '../../db/faults.ts';
import { registerAuditRowsSince, registerLastAuditId, registerSnapshot } from '../helpers/snapshot.ts';
import { expectError, expectOk } from '../helpers/envelope.ts';
import { BINH, DUC, HUNG, delegationInput, petitionInput, updateInput, visitInput } from '../helpers/intake.ts';

const MISSING_ID = 987_654;

interface Ctx {
  t: TempRegister;
  /** Sở Nông nghiệp và Môi trường (SO-NNMT). */
  agency: Agency;
  /** Sở Tư pháp (SO-TP). */
  other: Agency;
  admin: User;
  inactiveOfficer: User;
  /** A regular session on 2026-03-14 holding `visit` and `delegation`. */
  session: ReceptionSession;
  /** Nguyễn Văn Đức's visit, at which he handed in `petition`. */
  visit: Visit;
  /** A delegation of 7 represented by Trần Thị Bình and Lê Văn Hùng. */
  delegation: Visit;
  /** 2026/000001, Đức's petition about đất đai. */
  petition: Petition;
  /** Registry ids of Đức and Bình. */
  duc: number;
  binh: number;
  /** Ids a case's `prepare` made (an attachment, a reminder...). */
  made: Record<string, number>;
}

let ctx: Ctx;

async function byCode(t: TempRegister, code: string): Promise<Agency> {
  const found = (await t.client.agencies.list({ search: code, includeInactive: true })).find((a) => a.code === code);
  if (!found) throw new Error(`no agency ${code}`);
  return found;
}

beforeEach(async () => {
  const t = await tempRegister();
  const admin = (await t.client.users.list()).find((u) => u.username === 'admin')!;
  const inactiveOfficer = await t.client.users.upsert({ username: 'nghi.viec', fullName: 'Lê Văn Nghỉ', role: 'officer', active: false });
  const session = await t.client.sessions.upsert({ kind: 'regular', date: '2026-03-14', hostName: 'Phạm Văn Ký', officers: ['Nguyễn Thị Lan'] });
  const visit = await t.client.visits.save(visitInput(session.id));
  const delegation = await t.client.visits.save(delegationInput(session.id, 7, [BINH, HUNG]));
  const petition = await t.client.petitions.create(petitionInput({ receivedOn: '2026-03-14', visitId: visit.id }));
  ctx = {
    t,
    agency: await byCode(t, 'SO-NNMT'),
    other: await byCode(t, 'SO-TP'),
    admin,
    inactiveOfficer,
    session: await t.client.sessions.get({ id: session.id }).then((s) => s.session),
    visit,
    delegation,
    petition,
    duc: visit.citizen.citizenId!,
    binh: delegation.citizen.citizenId!,
    made: {},
  };
});
afterEach(async () => {
  await ctx.t.cleanup();
});

type In = unknown | ((c: Ctx) => unknown);
type Setup = (c: Ctx) => Promise<unknown>;
/** A refusal: its input, the code, and what to do first (before the "writes nothing" snapshot). */
type BadCase = [label: string, input: In, code: ApiErrorCode, setup?: Setup];
interface MethodCases {
  /** Whether a successful call writes to the register (and so must add one audit row). */
  writes: boolean;
  valid: In;
  check?: (value: unknown, c: Ctx) => void | Promise<void>;
  bad: BadCase[];
  /** Records the method needs, made before every case of it (valid and bad). */
  prepare?: Setup;
  /** The server to call instead of the register's own (e.g. one with a PDF engine). */
  server?: (c: Ctx) => ApiServer;
  /** The officer a write's audit row names, when `prepare` chose one (default: the signed-in administrator). */
  actor?: string;
}

const resolve = (input: In, c: Ctx): unknown => (typeof input === 'function' ? (input as (c: Ctx) => unknown)(c) : input);
const long = (n: number) => 'x'.repeat(n);

const noInputBad: BadCase[] = [
  ['an extra unknown field', { foo: 1 }, 'VALIDATION'],
  ['an empty object', {}, 'VALIDATION'],
  ['a string', 'x', 'VALIDATION'],
  ['null', null, 'VALIDATION'],
];

const newAgency = { code: 'so-moi', name: '  Sở Mới  ', kind: 'other' };
const agencyWith = (patch: Record<string, unknown>) => ({ ...newAgency, ...patch });
const without = (obj: Record<string, unknown>, key: string) => Object.fromEntries(Object.entries(obj).filter(([k]) => k !== key));
const newUser = { username: 'lan.nt', fullName: 'Nguyễn Thị Lan', title: 'Chuyên viên', role: 'officer' };
const userWith = (patch: Record<string, unknown>) => ({ ...newUser, ...patch });

/** 1×1 PNG: the smallest genuine image an attachment can be. */
const PNG_BASE64 = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

/** The petition classified eligible on the day it was received. */
const classifyIt = (c: Ctx) => c.t.client.workflow.classify({ petitionId: c.petition.id, eligible: true, on: '2026-03-14' });
/** ...and forwarded to Sở Nông nghiệp và Môi trường the same day (01/PC-BTCD). */
const forwardIt = async (c: Ctx) => {
  await classifyIt(c);
  return c.t.client.workflow.decide({ petitionId: c.petition.id, action: 'forward', agencyId: c.agency.id, on: '2026-03-14' });
};
/** With the leader's approval on (issue 14 item 3), the forward of `forwardIt` saved as a draft (`made.draft`). */
const draftIt = async (c: Ctx) => {
  await c.t.client.settings.update({ approvalRequired: true });
  await forwardIt(c);
  c.made.draft = (await c.t.client.approvals.list({ petitionId: c.petition.id }))[0]!.id;
};
/** The Board's signer, without whom no signed document prints. */
const signIt = async (c: Ctx) => {
  await c.t.client.settings.update({ signerName: 'Phạm Văn Ký' });
};
const forwardSigned = async (c: Ctx) => {
  await signIt(c);
  await forwardIt(c);
};
const attachIt = async (c: Ctx) => {
  c.made.attachment = (await c.t.client.attachments.add({ petitionId: c.petition.id, fileName: 'so-do.png', mime: 'image/png', base64: PNG_BASE64 })).id;
};
/** A denunciation by Nguyễn Văn Đức, and the chosen officer Trần Văn Tín whom the admin permitted to see denouncers. */
const PERMITTED = 'Trần Văn Tín';
const permitAndDenounce = async (c: Ctx) => {
  c.made.denunciation = (await c.t.client.petitions.create(petitionInput({ receivedOn: '2026-03-14', kind: 'denunciation', visitId: null }))).id;
  c.made.denouncerVisit = (await c.t.client.visits.save({ ...visitInput(c.session.id), matter: 'denunciation' })).id;
  await signInAs(c.t, c.admin.id);
  const tin = await c.t.client.users.upsert({ username: 'tin.tv', fullName: PERMITTED, role: 'officer', canSeeProtected: true });
  await signInAs(c.t, tin.id);
};
/** The officer chosen is one without the permission. */
const chooseUnpermitted = async (c: Ctx) => {
  await signInAs(c.t, c.admin.id);
  const officer = await c.t.client.users.upsert({ username: 'khong.quyen', fullName: 'Lê Thị Không', role: 'officer' });
  await signInAs(c.t, officer.id);
};

/** Works as an officer who is not an administrator. */
const chooseOfficer = async (c: Ctx) => {
  const officer = await c.t.client.users.upsert({ username: 'lan.nt', fullName: 'Nguyễn Thị Lan', role: 'officer' });
  await signInAs(c.t, officer.id);
};

const documentBad: BadCase[] = [
  ['no input', undefined, 'VALIDATION'],
  ['an unknown kind', (c: Ctx) => ({ kind: 'memo', petitionId: c.petition.id }), 'VALIDATION'],
  ['a forwarding slip without a petition', { kind: 'forward' }, 'VALIDATION'],
  ['a forwarding slip with a visit', (c: Ctx) => ({ kind: 'forward', petitionId: c.petition.id, visitId: c.visit.id }), 'VALIDATION'],
  ['a register book without dates', { kind: 'register' }, 'VALIDATION'],
  ['a reason on a forwarding slip', (c: Ctx) => ({ kind: 'forward', petitionId: c.petition.id, reason: 'x' }), 'VALIDATION'],
  ['an extra unknown field', (c: Ctx) => ({ kind: 'forward', petitionId: c.petition.id, copies: 2 }), 'VALIDATION'],
  ['a non-existent petition', { kind: 'forward', petitionId: MISSING_ID }, 'NOT_FOUND'],
  ['a slip of a decision never made', (c: Ctx) => ({ kind: 'guide', petitionId: c.petition.id }), 'CONFLICT'],
  ['a refusal ground on a forwarding slip', (c: Ctx) => ({ kind: 'forward', petitionId: c.petition.id, ground: 'law-9-3' }), 'VALIDATION'],
  [
    'no signer set in Cài đặt',
    (c: Ctx) => ({ kind: 'forward', petitionId: c.petition.id }),
    'CONFLICT',
    async (c: Ctx) => {
      await c.t.client.settings.update({ signerName: '' });
    },
  ],
];

const SCHEDULE_2027 = JSON.stringify({
  format: 'petreg-holidays/1',
  year: 2027,
  source: 'Thông báo thử',
  days: [
    { date: '2027-01-01', type: 'off', name: 'Tết Dương lịch' },
    { date: '2027-02-12', type: 'off', kind: 'announced', name: 'Nghỉ hoán đổi' },
    { date: '2027-02-20', type: 'worked', name: 'Làm bù' },
  ],
});
const SCHEDULE_2027_CSV = '# source: Thông báo thử\ndate,type,kind,name\n2027-01-01,off,holiday,Tết Dương lịch\n2027-02-12,off,announced,"Nghỉ hoán đổi, thứ Sáu"\n2027-02-20,worked,,Làm bù\n';
const scheduleBad: BadCase[] = [
  ['no input', undefined, 'VALIDATION'],
  ['text that is neither JSON nor CSV', { fileName: 'x.txt', text: 'hello' }, 'VALIDATION'],
  ['broken JSON', { fileName: 'x.json', text: '{"format":' }, 'VALIDATION'],
  ['a worked day on a Tuesday', { fileName: 'x.json', text: SCHEDULE_2027.replace('2027-02-20', '2027-02-16') }, 'VALIDATION'],
  ['a day of another year', { fileName: 'x.json', text: SCHEDULE_2027.replace('2027-02-12', '2028-02-11') }, 'VALIDATION'],
  ['a day off on a Sunday', { fileName: 'x.json', text: SCHEDULE_2027.replace('2027-02-12', '2027-02-14') }, 'VALIDATION'],
  ['the wrong format tag', { fileName: 'x.json', text: SCHEDULE_2027.replace('petreg-holidays/1', 'other') }, 'VALIDATION'],
  ['an officer who is not an administrator', { fileName: 'lich.json', text: SCHEDULE_2027 }, 'FORBIDDEN', (c: Ctx) => chooseOfficer(c)],
];

const CASES = {
  'app.info': {
    writes: false,
    valid: undefined,
    check: (v, c) =>
      expect(v).toMatchObject({
        appVersion: '0.0.0-test',
        schemaVersion: LATEST_SCHEMA_VERSION,
        databasePath: c.t.path,
        counts: { agencies: 125, activeAgencies: 125, users: 2 },
      }),
    bad: noInputBad,
  },
  'agencies.list': {
    writes: false,
    valid: { search: 'Nông nghiệp', kind: 'provincial_department' },
    check: (v, c) => expect(v).toEqual([c.agency]),
    bad: [
      ['an extra unknown field', { search: 'x', foo: 1 }, 'VALIDATION'],
      ['a number as search', { search: 5 }, 'VALIDATION'],
      ['a too-long search', { search: long(201) }, 'VALIDATION'],
      ['a bad kind', { kind: 'ministry' }, 'VALIDATION'],
      ['an empty kind', { kind: '' }, 'VALIDATION'],
      ['a string as includeInactive', { includeInactive: 'yes' }, 'VALIDATION'],
      ['null', null, 'VALIDATION'],
      ['an array', [], 'VALIDATION'],
    ],
  },
  'agencies.get': {
    writes: false,
    valid: (c: Ctx) => ({ id: c.agency.id }),
    check: (v, c) => expect(v).toEqual(c.agency),
    bad: [
      ['no id', {}, 'VALIDATION'],
      ['no input', undefined, 'VALIDATION'],
      ['a string id', { id: '1' }, 'VALIDATION'],
      ['a fractional id', { id: 1.5 }, 'VALIDATION'],
      ['a zero id', { id: 0 }, 'VALIDATION'],
      ['a negative id', { id: -3 }, 'VALIDATION'],
      ['an extra unknown field', (c: Ctx) => ({ id: c.agency.id, extra: true }), 'VALIDATION'],
      ['a non-existent id', { id: MISSING_ID }, 'NOT_FOUND'],
    ],
  },
  'agencies.upsert': {
    writes: true,
    valid: newAgency,
    check: (v) => expect(v).toEqual({ id: expect.any(Number), code: 'SO-MOI', name: 'Sở Mới', kind: 'other', active: true, updatedAt: TEST_NOW.toISOString() }),
    bad: [
      ['no input', undefined, 'VALIDATION'],
      ['a missing code', without(newAgency, 'code'), 'VALIDATION'],
      ['a missing name', without(newAgency, 'name'), 'VALIDATION'],
      ['a missing kind', without(newAgency, 'kind'), 'VALIDATION'],
      ['an empty code', agencyWith({ code: '' }), 'VALIDATION'],
      ['a blank name', agencyWith({ name: '   ' }), 'VALIDATION'],
      ['an empty name', agencyWith({ name: '' }), 'VALIDATION'],
      ['a code with a space', agencyWith({ code: 'SO MOI' }), 'VALIDATION'],
      ['a code starting with a dash', agencyWith({ code: '-SO' }), 'VALIDATION'],
      ['a too-long code', agencyWith({ code: long(33) }), 'VALIDATION'],
      ['a too-long name', agencyWith({ name: long(301) }), 'VALIDATION'],
      ['a bad kind', agencyWith({ kind: 'ministry' }), 'VALIDATION'],
      ['a number as name', agencyWith({ name: 123 }), 'VALIDATION'],
      ['a string as active', agencyWith({ active: 'yes' }), 'VALIDATION'],
      ['a string id', agencyWith({ id: 'abc' }), 'VALIDATION'],
      ['an extra unknown field', agencyWith({ note: 'x' }), 'VALIDATION'],
      ['a non-existent id', agencyWith({ id: MISSING_ID }), 'NOT_FOUND'],
      ['a code already used (create)', agencyWith({ code: 'SO-NNMT' }), 'CONFLICT'],
      ['a code already used, other case', agencyWith({ code: 'so-nnmt' }), 'CONFLICT'],
      ['a code already used (update)', (c: Ctx) => ({ id: c.other.id, code: c.agency.code, name: c.other.name, kind: c.other.kind }), 'CONFLICT'],
    ],
  },
  'agencies.setActive': {
    writes: true,
    valid: (c: Ctx) => ({ id: c.agency.id, active: false }),
    check: (v, c) => expect(v).toEqual({ ...c.agency, active: false }),
    bad: [
      ['no input', undefined, 'VALIDATION'],
      ['no active', (c: Ctx) => ({ id: c.agency.id }), 'VALIDATION'],
      ['no id', { active: false }, 'VALIDATION'],
      ['a string active', (c: Ctx) => ({ id: c.agency.id, active: 'false' }), 'VALIDATION'],
      ['a string id', { id: '1', active: false }, 'VALIDATION'],
      ['an extra unknown field', (c: Ctx) => ({ id: c.agency.id, active: false, why: 'x' }), 'VALIDATION'],
      ['a non-existent id', { id: MISSING_ID, active: false }, 'NOT_FOUND'],
    ],
  },
  'settings.get': {
    writes: false,
    valid: undefined,
    check: (v) => expect(v).toEqual(DEFAULT_SETTINGS),
    bad: noInputBad,
  },
  'settings.update': {
    writes: true,
    valid: { signerName: '  Phạm Văn Ký  ' },
    check: (v) => expect(v).toEqual({ ...DEFAULT_SETTINGS, signerName: 'Phạm Văn Ký' }),
    bad: [
      ['no input', undefined, 'VALIDATION'],
      ['no fields', {}, 'VALIDATION'],
      ['an unknown province', { provinceCode: '99' }, 'VALIDATION'],
      ['a one-digit province', { provinceCode: '1' }, 'VALIDATION'],
      ['a number as province', { provinceCode: 51 }, 'VALIDATION'],
      ['an empty board name', { boardName: '' }, 'VALIDATION'],
      ['a blank board name', { boardName: '   ' }, 'VALIDATION'],
      ['a too-long board name', { boardName: long(201) }, 'VALIDATION'],
      ['a too-long signer name', { signerName: long(101) }, 'VALIDATION'],
      ['a number as signer name', { signerName: 5 }, 'VALIDATION'],
      ['an unknown field', { theme: 'dark' }, 'VALIDATION'],
      ['a document prefix with a space', { docPrefixes: { forward: 'PC BTCD' } }, 'VALIDATION'],
      ['an empty document prefix', { docPrefixes: { forward: '' } }, 'VALIDATION'],
      ['an unknown document kind', { docPrefixes: { memo: 'X-1' } }, 'VALIDATION'],
      ['a valid field beside a bad one', { signerName: 'Ai Đó', provinceCode: '99' }, 'VALIDATION'],
    ],
  },
  'units.provinces': {
    writes: false,
    valid: undefined,
    check: (v) => {
      expect(v).toHaveLength(34);
      expect(v).toContainEqual({ code: '51', name: 'Quảng Ngãi', fullName: 'Tỉnh Quảng Ngãi', communeCount: 96 });
    },
    bad: noInputBad,
  },
  'units.communes': {
    writes: false,
    valid: { provinceCode: '51' },
    check: (v) => expect(v).toHaveLength(96),
    bad: [
      ['no input', undefined, 'VALIDATION'],
      ['no province', {}, 'VALIDATION'],
      ['a one-digit province', { provinceCode: '5' }, 'VALIDATION'],
      ['a number as province', { provinceCode: 51 }, 'VALIDATION'],
      ['an extra unknown field', { provinceCode: '51', x: 1 }, 'VALIDATION'],
      ['a non-existent province', { provinceCode: '99' }, 'NOT_FOUND'],
    ],
  },
  'users.list': {
    writes: false,
    valid: undefined,
    check: (v, c) => expect(v).toEqual([c.admin, c.inactiveOfficer]),
    bad: noInputBad,
  },
  'users.upsert': {
    writes: true,
    valid: newUser,
    check: (v) => expect(v).toEqual({ id: expect.any(Number), username: 'lan.nt', fullName: 'Nguyễn Thị Lan', title: 'Chuyên viên', role: 'officer', active: true, canSeeProtected: false }),
    bad: [
      ['no input', undefined, 'VALIDATION'],
      ['a missing username', without(newUser, 'username'), 'VALIDATION'],
      ['a missing full name', without(newUser, 'fullName'), 'VALIDATION'],
      ['an empty username', userWith({ username: '' }), 'VALIDATION'],
      ['a blank full name', userWith({ fullName: '  ' }), 'VALIDATION'],
      ['a username with capitals and a space', userWith({ username: 'Lan Anh' }), 'VALIDATION'],
      ['a username with tone marks', userWith({ username: 'lân' }), 'VALIDATION'],
      ['a too-long username', userWith({ username: long(41) }), 'VALIDATION'],
      ['a too-long full name', userWith({ fullName: long(101) }), 'VALIDATION'],
      ['a too-long title', userWith({ title: long(101) }), 'VALIDATION'],
      ['a bad role', userWith({ role: 'root' }), 'VALIDATION'],
      ['a string as active', userWith({ active: 'yes' }), 'VALIDATION'],
      ['an extra unknown field', userWith({ password: 'secret' }), 'VALIDATION'],
      ['a non-existent id', userWith({ id: MISSING_ID }), 'NOT_FOUND'],
      ['a username already used', userWith({ username: 'admin' }), 'CONFLICT'],
      ['demoting the last admin', (c: Ctx) => ({ id: c.admin.id, username: 'admin', fullName: c.admin.fullName, role: 'officer' }), 'CONFLICT'],
      ['deactivating the last admin', (c: Ctx) => ({ id: c.admin.id, username: 'admin', fullName: c.admin.fullName, role: 'admin', active: false }), 'CONFLICT'],
    ],
  },
  'session.get': {
    writes: false,
    valid: undefined,
    check: (v, c) => expect(v).toEqual({ officer: c.admin }),
    bad: noInputBad,
  },
  'auth.status': {
    writes: false,
    valid: undefined,
    check: (v, c) => expect(v).toEqual({ needsSetup: true, setupUsernames: ['admin'], officer: c.admin, locked: false, mustChangePassword: false, idleLockMinutes: 15 }),
    bad: noInputBad,
  },
  'auth.setup': {
    writes: true,
    valid: { username: 'admin', password: 'mat-khau-quan-tri' },
    check: (v, c) => expect(v).toMatchObject({ needsSetup: false, officer: c.admin }),
    bad: [
      ['no input', undefined, 'VALIDATION'],
      ['a password shorter than 8', { username: 'admin', password: 'ngan' }, 'VALIDATION'],
      ['an officer who is not an administrator', { username: 'nghi.viec', password: 'mat-khau-quan-tri' }, 'VALIDATION'],
      ['an unknown username', { username: 'khong.co', password: 'mat-khau-quan-tri' }, 'VALIDATION'],
      ['a register that already has a password', { username: 'admin', password: 'mat-khau-quan-tri' }, 'CONFLICT', (c: Ctx) => signInAs(c.t, c.admin.id)],
    ],
  },
  'auth.signIn': {
    writes: true,
    prepare: async (c: Ctx) => {
      await c.t.register.db.updateTable('users').set({ password_hash: await hashPassword(TEST_PASSWORD, TEST_SCRYPT) }).where('id', '=', c.admin.id).execute();
    },
    valid: { username: 'admin', password: TEST_PASSWORD },
    check: (v, c) => expect(v).toMatchObject({ needsSetup: false, officer: c.admin, locked: false }),
    bad: [
      ['no input', undefined, 'VALIDATION'],
      ['an empty password', { username: 'admin', password: '' }, 'VALIDATION'],
      ['an extra unknown field', { username: 'admin', password: TEST_PASSWORD, remember: true }, 'VALIDATION'],
      // A wrong password is counted (a write): see tests/integration/auth.test.ts.
      ['an unknown username', { username: 'khong.co', password: TEST_PASSWORD }, 'FORBIDDEN'],
      ['an officer without a password yet', { username: 'nghi.viec', password: TEST_PASSWORD }, 'FORBIDDEN'],
    ],
  },
  'auth.signOut': {
    writes: true,
    valid: undefined,
    check: (v) => expect(v).toMatchObject({ officer: null }),
    bad: noInputBad,
  },
  'auth.changePassword': {
    writes: true,
    prepare: (c: Ctx) => signInAs(c.t, c.admin.id),
    valid: { current: TEST_PASSWORD, next: 'mat-khau-moi-2026' },
    check: (v) => expect(v).toMatchObject({ mustChangePassword: false }),
    bad: [
      ['no input', undefined, 'VALIDATION'],
      ['a wrong current password', { current: 'sai-mat-khau', next: 'mat-khau-moi-2026' }, 'VALIDATION'],
      ['the same password again', { current: TEST_PASSWORD, next: TEST_PASSWORD }, 'VALIDATION'],
      ['a new password shorter than 8', { current: TEST_PASSWORD, next: 'ngan' }, 'VALIDATION'],
    ],
  },
  'users.resetPassword': {
    writes: true,
    valid: (c: Ctx) => ({ userId: c.inactiveOfficer.id, password: 'tam-thoi-2026' }),
    check: (v, c) => expect(v).toEqual(c.inactiveOfficer),
    bad: [
      ['no input', undefined, 'VALIDATION'],
      ['a password shorter than 8', (c: Ctx) => ({ userId: c.inactiveOfficer.id, password: 'ngan' }), 'VALIDATION'],
      ['a non-existent user', { userId: MISSING_ID, password: 'tam-thoi-2026' }, 'NOT_FOUND'],
      ['an officer who is not an administrator', (c: Ctx) => ({ userId: c.inactiveOfficer.id, password: 'tam-thoi-2026' }), 'FORBIDDEN', (c: Ctx) => chooseOfficer(c)],
    ],
  },
  'audit.list': {
    writes: false,
    valid: { entity: 'register' },
    check: (v) => expect(v).toEqual([expect.objectContaining({ action: 'seed', entity: 'register', actorName: 'Hệ thống' })]),
    bad: [
      ['a zero limit', { limit: 0 }, 'VALIDATION'],
      ['a too-large limit', { limit: 501 }, 'VALIDATION'],
      ['a string limit', { limit: '10' }, 'VALIDATION'],
      ['a too-long entity', { entity: long(41) }, 'VALIDATION'],
      ['a number as entityId', { entityId: 5 }, 'VALIDATION'],
      ['an extra unknown field', { since: '2026-01-01' }, 'VALIDATION'],
      ['null', null, 'VALIDATION'],
    ],
  },

  'citizens.search': {
    writes: false,
    valid: { query: 'nguyen van duc' },
    check: (v, c) =>
      expect(v).toEqual([
        {
          id: c.duc,
          fullName: 'Nguyễn Văn Đức',
          idNumber: '051065001234',
          birthYear: 1965,
          address: 'Thôn An Phú, xã Tịnh Khê',
          phone: '0905 123 456',
          gender: 'male',
          communeCode: null,
          visits: 1,
          petitions: 1,
        },
      ]),
    bad: [
      ['no input', undefined, 'VALIDATION'],
      ['no query', {}, 'VALIDATION'],
      ['a number as query', { query: 5 }, 'VALIDATION'],
      ['a too-long query', { query: long(101) }, 'VALIDATION'],
      ['a zero limit', { query: 'duc', limit: 0 }, 'VALIDATION'],
      ['a too-large limit', { query: 'duc', limit: 51 }, 'VALIDATION'],
      ['a string limit', { query: 'duc', limit: '5' }, 'VALIDATION'],
      ['an extra unknown field', { query: 'duc', fuzzy: true }, 'VALIDATION'],
    ],
  },
  'citizens.history': {
    writes: false,
    valid: (c: Ctx) => ({ id: c.duc }),
    check: (v, c) =>
      expect(v).toEqual({
        citizen: expect.objectContaining({ id: c.duc, fullName: 'Nguyễn Văn Đức', visits: 1, petitions: 1 }),
        visits: [{ ...c.visit, petitions: [{ id: c.petition.id, registerNo: '2026/000001' }] }],
        petitions: [c.petition],
      }),
    bad: [
      ['no input', undefined, 'VALIDATION'],
      ['no id', {}, 'VALIDATION'],
      ['a string id', { id: '1' }, 'VALIDATION'],
      ['a zero id', { id: 0 }, 'VALIDATION'],
      ['an extra unknown field', (c: Ctx) => ({ id: c.duc, full: true }), 'VALIDATION'],
      ['a non-existent id', { id: MISSING_ID }, 'NOT_FOUND'],
    ],
  },
  'sessions.openToday': {
    writes: true,
    valid: { kind: 'periodic' },
    check: (v) =>
      expect(v).toEqual({
        id: expect.any(Number),
        kind: 'periodic',
        date: '2026-03-15',
        host: null,
        hostName: null,
        location: 'Trụ sở Tiếp công dân tỉnh',
        officers: ['Quản trị viên'],
        visitCount: 0,
        personCount: 0,
        hostMode: 'in_person',
        delegateName: null,
        delegateTitle: null,
        onlineOf: null,
      }),
    bad: [
      ['a bad kind', { kind: 'weekly' }, 'VALIDATION'],
      ['a number as kind', { kind: 1 }, 'VALIDATION'],
      ['an extra unknown field', { kind: 'regular', date: '2026-03-15' }, 'VALIDATION'],
      ['a string', 'regular', 'VALIDATION'],
      ['null', null, 'VALIDATION'],
    ],
  },
  'sessions.list': {
    writes: false,
    valid: { from: '2026-03-01', to: '2026-03-31' },
    check: (v, c) => {
      expect(v).toEqual([c.session]);
      expect(c.session).toMatchObject({ visitCount: 2, personCount: 8 });
    },
    bad: [
      ['an impossible date', { from: '2026-02-30' }, 'VALIDATION'],
      ['a day/month/year date', { to: '31/03/2026' }, 'VALIDATION'],
      ['a number as date', { from: 20260301 }, 'VALIDATION'],
      ['a zero limit', { limit: 0 }, 'VALIDATION'],
      ['a too-large limit', { limit: 1001 }, 'VALIDATION'],
      ['an extra unknown field', { kind: 'regular' }, 'VALIDATION'],
      ['null', null, 'VALIDATION'],
    ],
  },
  'sessions.get': {
    writes: false,
    valid: (c: Ctx) => ({ id: c.session.id }),
    check: (v, c) =>
      expect(v).toEqual({
        session: c.session,
        visits: [{ ...c.visit, petitions: [{ id: c.petition.id, registerNo: '2026/000001' }] }, c.delegation],
      }),
    bad: [
      ['no input', undefined, 'VALIDATION'],
      ['no id', {}, 'VALIDATION'],
      ['a fractional id', { id: 1.5 }, 'VALIDATION'],
      ['a negative id', { id: -1 }, 'VALIDATION'],
      ['a non-existent id', { id: MISSING_ID }, 'NOT_FOUND'],
    ],
  },
  'sessions.upsert': {
    writes: true,
    valid: { kind: 'adhoc', date: '2026-03-16', host: ' Phó Trưởng Ban ', hostName: 'Phạm Văn Ký'.normalize('NFD'), officers: [' Lê Thị Hoa '] },
    check: (v) =>
      expect(v).toEqual({
        id: expect.any(Number),
        kind: 'adhoc',
        date: '2026-03-16',
        host: 'Phó Trưởng Ban',
        hostName: 'Phạm Văn Ký',
        location: null,
        officers: ['Lê Thị Hoa'],
        visitCount: 0,
        personCount: 0,
        hostMode: 'in_person',
        delegateName: null,
        delegateTitle: null,
        onlineOf: null,
      }),
    bad: [
      ['no input', undefined, 'VALIDATION'],
      ['no kind', { date: '2026-03-16' }, 'VALIDATION'],
      ['no date', { kind: 'regular' }, 'VALIDATION'],
      ['a bad kind', { kind: 'weekly', date: '2026-03-16' }, 'VALIDATION'],
      ['an impossible date', { kind: 'regular', date: '2026-13-01' }, 'VALIDATION'],
      ['a day/month/year date', { kind: 'regular', date: '16/03/2026' }, 'VALIDATION'],
      ['a string as officers', { kind: 'regular', date: '2026-03-16', officers: 'Lan' }, 'VALIDATION'],
      ['a blank officer', { kind: 'regular', date: '2026-03-16', officers: ['  '] }, 'VALIDATION'],
      ['21 officers', { kind: 'regular', date: '2026-03-16', officers: Array.from({ length: 21 }, (_, i) => `Cán bộ ${i}`) }, 'VALIDATION'],
      ['a too-long location', { kind: 'regular', date: '2026-03-16', location: long(201) }, 'VALIDATION'],
      ['an extra unknown field', { kind: 'regular', date: '2026-03-16', room: 'P1' }, 'VALIDATION'],
      ['a non-existent id', { id: MISSING_ID, kind: 'regular', date: '2026-03-16' }, 'NOT_FOUND'],
      ['a periodic session delegated', { kind: 'periodic', date: '2026-03-16', hostMode: 'delegated', delegateName: 'Trần Văn Phó' }, 'VALIDATION'],
      ['a delegated session with no delegate', { kind: 'adhoc', date: '2026-03-16', hostMode: 'delegated' }, 'VALIDATION'],
      ['a regular session with a host mode', { kind: 'regular', date: '2026-03-16', hostMode: 'in_person' }, 'VALIDATION'],
      ['an online group on a session not online', { kind: 'periodic', date: '2026-03-16', onlineOf: 'periodic' }, 'VALIDATION'],
    ],
  },
  'visits.save': {
    writes: true,
    valid: (c: Ctx) => visitInput(c.session.id, { citizen: { fullName: '  Võ Thị Mai ', idNumber: 'c 1234567' }, matter: 'recommendation', outcome: 'explained' }),
    check: (v, c) =>
      expect(v).toEqual({
        id: expect.any(Number),
        sessionId: c.session.id,
        sessionDate: '2026-03-14',
        sessionKind: 'regular',
        persons: 1,
        delegation: null,
        citizen: { citizenId: expect.any(Number), fullName: 'Võ Thị Mai', idNumber: 'C1234567', birthYear: null, gender: null, phone: null, address: null, communeCode: null },
        matter: 'recommendation',
        content: 'Khiếu nại quyết định thu hồi đất của UBND xã',
        repeat: false,
        outcome: 'explained',
        matterId: expect.any(Number),
        petitions: [],
        refusalGround: null,
        handledBy: null,
        refusalNotice: null,
      }),
    bad: [
      ['no input', undefined, 'VALIDATION'],
      ['no session', (c: Ctx) => without(visitInput(c.session.id) as Record<string, unknown>, 'sessionId'), 'VALIDATION'],
      ['no citizen', (c: Ctx) => without(visitInput(c.session.id) as Record<string, unknown>, 'citizen'), 'VALIDATION'],
      ['a blank citizen name', (c: Ctx) => visitInput(c.session.id, { citizen: { fullName: '   ' } }), 'VALIDATION'],
      ['a bad CCCD', (c: Ctx) => visitInput(c.session.id, { citizen: { fullName: 'A', idNumber: '05106500123' } }), 'VALIDATION'],
      ['a birth year before 1900', (c: Ctx) => visitInput(c.session.id, { citizen: { fullName: 'A', birthYear: 1899 } }), 'VALIDATION'],
      ['an unknown citizen field', (c: Ctx) => visitInput(c.session.id, { citizen: { fullName: 'A', nickname: 'B' } as never }), 'VALIDATION'],
      ['a blank content', (c: Ctx) => visitInput(c.session.id, { content: ' ' }), 'VALIDATION'],
      ['zero persons', (c: Ctx) => visitInput(c.session.id, { persons: 0 }), 'VALIDATION'],
      ['a bad matter', (c: Ctx) => visitInput(c.session.id, { matter: 'gossip' as never }), 'VALIDATION'],
      ['a bad outcome', (c: Ctx) => visitInput(c.session.id, { outcome: 'ignored' as never }), 'VALIDATION'],
      ['a string as repeat', (c: Ctx) => visitInput(c.session.id, { repeat: 'yes' as never }), 'VALIDATION'],
      ['a delegation of 4', (c: Ctx) => delegationInput(c.session.id, 4, [BINH]), 'VALIDATION'],
      ['a delegation of 7 with 3 representatives', (c: Ctx) => delegationInput(c.session.id, 7, [BINH, HUNG, DUC]), 'VALIDATION'],
      ['a delegation with no representative', (c: Ctx) => ({ ...delegationInput(c.session.id, 7, [BINH]), delegation: { members: 7, representatives: [] } }), 'VALIDATION'],
      ['an extra unknown field', (c: Ctx) => ({ ...visitInput(c.session.id), note: 'x' }), 'VALIDATION'],
      ['a non-existent session', visitInput(MISSING_ID), 'NOT_FOUND'],
      ['a non-existent id', (c: Ctx) => visitInput(c.session.id, { id: MISSING_ID }), 'NOT_FOUND'],
      ['a refusal without its legal ground', (c: Ctx) => visitInput(c.session.id, { outcome: 'refused' }), 'VALIDATION'],
      ['a refusal ground on a visit not refused', (c: Ctx) => visitInput(c.session.id, { refusalGround: 'law_9_3' } as never), 'VALIDATION'],
      ['an unknown refusal ground', (c: Ctx) => visitInput(c.session.id, { outcome: 'refused', refusalGround: 'law_9_9' } as never), 'VALIDATION'],
      ['a non-existent citizen', (c: Ctx) => visitInput(c.session.id, { citizen: { ...DUC, citizenId: MISSING_ID } }), 'NOT_FOUND'],
      ["another citizen's ID number", (c: Ctx) => visitInput(c.session.id, { citizen: { ...DUC, citizenId: c.duc, idNumber: BINH.idNumber } }), 'CONFLICT'],
    ],
  },
  'petitions.revealDenouncer': {
    writes: true,
    actor: PERMITTED,
    prepare: permitAndDenounce,
    valid: (c: Ctx) => ({ id: c.made.denunciation }),
    check: (v, c) => expect(v).toEqual({ petitionId: c.made.denunciation, registerNo: '2026/000002', petitioners: [expect.objectContaining({ fullName: 'Nguyễn Văn Đức', idNumber: '051065001234' })] }),
    bad: [
      ['no input', undefined, 'VALIDATION'],
      ['a string id', { id: '1' }, 'VALIDATION'],
      ['an extra unknown field', (c: Ctx) => ({ id: c.made.denunciation, x: 1 }), 'VALIDATION'],
      ['a non-existent id', { id: MISSING_ID }, 'NOT_FOUND'],
      ['a petition that is not a denunciation', (c: Ctx) => ({ id: c.petition.id }), 'CONFLICT'],
      ['an officer without the permission', (c: Ctx) => ({ id: c.made.denunciation }), 'FORBIDDEN', chooseUnpermitted],
    ],
  },
  'visits.revealDenouncer': {
    writes: true,
    actor: PERMITTED,
    prepare: permitAndDenounce,
    valid: (c: Ctx) => ({ id: c.made.denouncerVisit }),
    check: (v, c) => expect(v).toEqual({ visitId: c.made.denouncerVisit, citizen: expect.objectContaining({ fullName: 'Nguyễn Văn Đức' }), representatives: [] }),
    bad: [
      ['no input', undefined, 'VALIDATION'],
      ['a zero id', { id: 0 }, 'VALIDATION'],
      ['an extra unknown field', (c: Ctx) => ({ id: c.made.denouncerVisit, x: 1 }), 'VALIDATION'],
      ['a non-existent id', { id: MISSING_ID }, 'NOT_FOUND'],
      ['a visit that is not about a denunciation', (c: Ctx) => ({ id: c.delegation.id }), 'CONFLICT'],
      ['an officer without the permission', (c: Ctx) => ({ id: c.made.denouncerVisit }), 'FORBIDDEN', chooseUnpermitted],
    ],
  },
  'visits.get': {
    writes: false,
    valid: (c: Ctx) => ({ id: c.delegation.id }),
    check: (v, c) => {
      expect(v).toEqual(c.delegation);
      expect((v as Visit).delegation?.representatives.map((r) => r.fullName)).toEqual(['Trần Thị Bình', 'Lê Văn Hùng']);
    },
    bad: [
      ['no input', undefined, 'VALIDATION'],
      ['a string id', { id: '1' }, 'VALIDATION'],
      ['an extra unknown field', (c: Ctx) => ({ id: c.visit.id, x: 1 }), 'VALIDATION'],
      ['a non-existent id', { id: MISSING_ID }, 'NOT_FOUND'],
    ],
  },
  'petitions.create': {
    writes: true,
    valid: petitionInput({ channel: 'post', kind: 'denunciation', field: 'corruption', writtenOn: '2026-03-10', petitioners: [{ fullName: ' Lê Văn Tố ' }], subject: 'Ông X', summary: 'Tố cáo hành vi nhận hối lộ' }),
    check: (v) =>
      expect(v).toEqual({
        id: expect.any(Number),
        registerNo: '2026/000002',
        receivedOn: '2026-03-15',
        channel: 'post',
        visitId: null,
        forwardedBy: null,
        writtenOn: '2026-03-10',
        kind: 'denunciation',
        field: 'corruption',
        signatories: 1,
        // A denunciation: its denouncer comes back protected, even to the officer who typed it (db/protection.ts).
        petitioners: [{ citizenId: null, fullName: 'Người tố cáo (được bảo vệ)', idNumber: null, birthYear: null, gender: null, phone: null, address: null, communeCode: null }],
        subject: 'Ông X',
        summary: 'Tố cáo hành vi nhận hối lộ',
        status: 'awaiting_classification',
        stage: 'awaiting_classification',
        // Received Sunday 2026-03-15: ten working days from Monday.
        dueOn: '2026-03-27',
        replyDueOn: null,
        createdAt: TEST_NOW.toISOString(),
        updatedAt: TEST_NOW.toISOString(),
      }),
    bad: [
      ['no input', undefined, 'VALIDATION'],
      ['no received date', without(petitionInput() as Record<string, unknown>, 'receivedOn'), 'VALIDATION'],
      ['an impossible received date', petitionInput({ receivedOn: '2026-02-29' }), 'VALIDATION'],
      ['no summary', without(petitionInput() as Record<string, unknown>, 'summary'), 'VALIDATION'],
      ['a blank summary', petitionInput({ summary: '  ' }), 'VALIDATION'],
      ['a bad channel', petitionInput({ channel: 'fax' as never }), 'VALIDATION'],
      ['a bad kind', petitionInput({ kind: 'other' as never }), 'VALIDATION'],
      ['a bad field', petitionInput({ field: 'sports' as never }), 'VALIDATION'],
      ['forwarded without the forwarding agency', petitionInput({ channel: 'forwarded' }), 'VALIDATION'],
      ['a forwarding agency on a posted petition', petitionInput({ channel: 'post', forwardedBy: { agency: 'UBND xã' } }), 'VALIDATION'],
      ['written after it was received', petitionInput({ writtenOn: '2026-03-16' }), 'VALIDATION'],
      ['a forwarding letter dated after receipt', petitionInput({ channel: 'forwarded', forwardedBy: { agency: 'UBND xã', letterDate: '2026-03-16' } }), 'VALIDATION'],
      ['fewer signatories than petitioners', petitionInput({ signatories: 1, petitioners: [DUC, BINH] }), 'VALIDATION'],
      ['zero signatories', petitionInput({ signatories: 0 }), 'VALIDATION'],
      ['a petitioner without a name', petitionInput({ petitioners: [{ fullName: '' }] }), 'VALIDATION'],
      ['a petitioner with a bad CCCD', petitionInput({ petitioners: [{ fullName: 'A', idNumber: '12345' }] }), 'VALIDATION'],
      ['51 petitioners', petitionInput({ signatories: 51, petitioners: Array.from({ length: 51 }, (_, i) => ({ fullName: `Người ${i}` })) }), 'VALIDATION'],
      ['an id (create takes none)', petitionInput({ id: 1 } as never), 'VALIDATION'],
      ['an extra unknown field', { ...petitionInput(), registerNo: '2026/000009' }, 'VALIDATION'],
      ['a non-existent visit', petitionInput({ visitId: MISSING_ID }), 'NOT_FOUND'],
      ["a delegation's visit without its representatives", (c: Ctx) => petitionInput({ visitId: c.delegation.id, petitioners: [BINH] }), 'VALIDATION'],
      ['a non-existent citizen', petitionInput({ petitioners: [{ ...DUC, citizenId: MISSING_ID }] }), 'NOT_FOUND'],
      ["another citizen's ID number", (c: Ctx) => petitionInput({ petitioners: [{ ...DUC, citizenId: c.duc, idNumber: BINH.idNumber }] }), 'CONFLICT'],
    ],
  },
  'petitions.update': {
    writes: true,
    valid: (c: Ctx) => updateInput(c.petition, { summary: 'Đề nghị thu hồi quyết định', receivedOn: '2026-01-02' }),
    // Received 2 January 2026: ten working days counting Saturday 10 January, worked in exchange for 2 January (announced 2026 schedule): due 15 January, so overdue by the register's clock.
    check: (v, c) => expect(v).toEqual({ ...c.petition, summary: 'Đề nghị thu hồi quyết định', receivedOn: '2026-01-02', dueOn: '2026-01-15', status: 'overdue' }),
    bad: [
      ['no input', undefined, 'VALIDATION'],
      ['no id', (c: Ctx) => without(updateInput(c.petition) as Record<string, unknown>, 'id'), 'VALIDATION'],
      ['a string id', (c: Ctx) => ({ ...updateInput(c.petition), id: String(c.petition.id) }), 'VALIDATION'],
      ['a blank summary', (c: Ctx) => updateInput(c.petition, { summary: '' }), 'VALIDATION'],
      ['written after it was received', (c: Ctx) => updateInput(c.petition, { writtenOn: '2026-03-15' }), 'VALIDATION'],
      ['forwarded without the forwarding agency', (c: Ctx) => updateInput(c.petition, { channel: 'forwarded' }), 'VALIDATION'],
      ['fewer signatories than petitioners', (c: Ctx) => updateInput(c.petition, { petitioners: [DUC, HUNG] }), 'VALIDATION'],
      ['a received date in another year', (c: Ctx) => updateInput(c.petition, { receivedOn: '2025-12-31' }), 'VALIDATION'],
      ['a register number (numbers never change)', (c: Ctx) => ({ ...updateInput(c.petition), registerNo: '2026/000005' }), 'VALIDATION'],
      ['a non-existent id', (c: Ctx) => updateInput(c.petition, { id: MISSING_ID }), 'NOT_FOUND'],
      ['a non-existent visit', (c: Ctx) => updateInput(c.petition, { visitId: MISSING_ID }), 'NOT_FOUND'],
      ["a delegation's visit without its representatives", (c: Ctx) => updateInput(c.petition, { visitId: c.delegation.id }), 'VALIDATION'],
    ],
  },
  'petitions.get': {
    writes: false,
    valid: (c: Ctx) => ({ id: c.petition.id }),
    check: (v, c) =>
      expect(v).toEqual({
        petition: c.petition,
        visit: { ...c.visit, petitions: [{ id: c.petition.id, registerNo: '2026/000001' }] },
        workflow: {
          status: 'awaiting_classification',
          stage: 'awaiting_classification',
          dueOn: '2026-03-27',
          replyDueOn: null,
          classifications: [],
          decisions: [],
          replies: [],
          reminders: [],
          duplicateCandidates: [],
        },
        history: [expect.objectContaining({ action: 'create', entity: 'petition', entityId: String(c.petition.id), before: null, after: c.petition })],
        contents: [expect.objectContaining({ position: 0, matterId: c.visit.matterId, kind: c.petition.kind, repeat: false, needsSplit: false })],
      }),
    bad: [
      ['no input', undefined, 'VALIDATION'],
      ['no id', {}, 'VALIDATION'],
      ['a register number as id', { id: '2026/000001' }, 'VALIDATION'],
      ['a non-existent id', { id: MISSING_ID }, 'NOT_FOUND'],
    ],
  },
  'petitions.list': {
    writes: false,
    valid: { search: 'dat dai' },
    check: (v, c) =>
      expect(v).toEqual({
        total: 1,
        offset: 0,
        rows: [
          {
            id: c.petition.id,
            registerNo: '2026/000001',
            receivedOn: '2026-03-14',
            channel: 'in_person',
            kind: 'complaint',
            field: 'land',
            signatories: 1,
            petitionerNames: 'Nguyễn Văn Đức',
            subject: null,
            summary: c.petition.summary,
            status: 'awaiting_classification',
            // Received Saturday 2026-03-14: ten working days later, with no holiday in between.
            dueOn: '2026-03-27',
          },
        ],
      } satisfies PetitionPage),
    bad: [
      ['a zero limit', { limit: 0 }, 'VALIDATION'],
      ['a too-large limit', { limit: 1001 }, 'VALIDATION'],
      ['a negative offset', { offset: -1 }, 'VALIDATION'],
      ['a bad sort', { sort: 'summary' }, 'VALIDATION'],
      ['a bad direction', { direction: 'up' }, 'VALIDATION'],
      ['a bad kind', { kind: 'other' }, 'VALIDATION'],
      ['a bad status', { status: 'done' }, 'VALIDATION'],
      ['an impossible date', { from: '2026-04-31' }, 'VALIDATION'],
      ['a too-long search', { search: long(201) }, 'VALIDATION'],
      ['an extra unknown field', { page: 2 }, 'VALIDATION'],
      ['null', null, 'VALIDATION'],
    ],
  },
  'petitions.count': {
    writes: false,
    valid: { from: '2026-03-01', to: '2026-03-31', kind: 'complaint', channel: 'in_person' },
    check: (v) => expect(v).toEqual({ total: 1 }),
    bad: [
      ['a bad kind', { kind: 'other' }, 'VALIDATION'],
      ['a bad channel', { channel: 'fax' }, 'VALIDATION'],
      ['a bad status', { status: 'done' }, 'VALIDATION'],
      ['an impossible date', { to: '2026-02-30' }, 'VALIDATION'],
      ['a search (the list counts its matches)', { search: 'dat' }, 'VALIDATION'],
      ['paging', { limit: 10 }, 'VALIDATION'],
      ['null', null, 'VALIDATION'],
    ],
  },
  'register.reception': {
    writes: false,
    valid: { from: '2026-03-01', to: '2026-03-31' },
    check: (v, c) => {
      const rows = v as ReceptionRegisterRow[];
      expect(rows.map((r) => [r.no, r.date, r.visitId])).toEqual([
        [1, '2026-03-14', c.visit.id],
        [2, '2026-03-14', c.delegation.id],
      ]);
      expect(rows[1]!.nameAndAddress).toBe('Đoàn 7 người, đại diện: Trần Thị Bình (Thôn Trường Thọ, xã Tịnh Khê); Lê Văn Hùng (Thôn Trường Thọ, xã Tịnh Khê)');
    },
    bad: [
      ['no input', undefined, 'VALIDATION'],
      ['no end date', { from: '2026-03-01' }, 'VALIDATION'],
      ['an end before the start', { from: '2026-03-31', to: '2026-03-01' }, 'VALIDATION'],
      ['an impossible date', { from: '2026-03-01', to: '2026-03-32' }, 'VALIDATION'],
      ['an extra unknown field', { from: '2026-03-01', to: '2026-03-31', kind: 'regular' }, 'VALIDATION'],
    ],
  },
  // The petition's life after intake. The register's clock reads 2026-03-15 (a Sunday); the
  // petition was received on Saturday 2026-03-14.
  'workflow.classify': {
    writes: true,
    valid: (c: Ctx) => ({ petitionId: c.petition.id, eligible: true, on: '2026-03-15' }),
    check: (v) =>
      expect(v).toMatchObject({
        status: 'awaiting_decision',
        stage: 'awaiting_decision',
        classifications: [{ eligible: true, reason: null, duplicateOf: null, decidedOn: '2026-03-15', decidedBy: 'Quản trị viên', reversed: null }],
      }),
    bad: [
      ['no input', undefined, 'VALIDATION'],
      ['no petition', { eligible: true, on: '2026-03-15' }, 'VALIDATION'],
      ['a string petition id', { petitionId: '1', eligible: true, on: '2026-03-15' }, 'VALIDATION'],
      ['no date', (c: Ctx) => ({ petitionId: c.petition.id, eligible: true }), 'VALIDATION'],
      ['an impossible date', (c: Ctx) => ({ petitionId: c.petition.id, eligible: true, on: '2026-02-29' }), 'VALIDATION'],
      ['ineligible without a reason', (c: Ctx) => ({ petitionId: c.petition.id, eligible: false, on: '2026-03-15' }), 'VALIDATION'],
      ['eligible with a reason', (c: Ctx) => ({ petitionId: c.petition.id, eligible: true, reason: 'anonymous', on: '2026-03-15' }), 'VALIDATION'],
      ['an unknown reason', (c: Ctx) => ({ petitionId: c.petition.id, eligible: false, reason: 'late', on: '2026-03-15' }), 'VALIDATION'],
      ['reason other without a note', (c: Ctx) => ({ petitionId: c.petition.id, eligible: false, reason: 'other', on: '2026-03-15' }), 'VALIDATION'],
      ['a duplicate without its original', (c: Ctx) => ({ petitionId: c.petition.id, eligible: false, reason: 'duplicate', on: '2026-03-15' }), 'VALIDATION'],
      ['an extra unknown field', (c: Ctx) => ({ petitionId: c.petition.id, eligible: true, on: '2026-03-15', by: 'x' }), 'VALIDATION'],
      ['a date before receipt', (c: Ctx) => ({ petitionId: c.petition.id, eligible: true, on: '2026-03-13' }), 'VALIDATION'],
      ['a date after today', (c: Ctx) => ({ petitionId: c.petition.id, eligible: true, on: '2026-03-16' }), 'VALIDATION'],
      ['a duplicate of itself', (c: Ctx) => ({ petitionId: c.petition.id, eligible: false, reason: 'duplicate', duplicateOf: c.petition.id, on: '2026-03-15' }), 'VALIDATION'],
      ['a non-existent petition', { petitionId: MISSING_ID, eligible: true, on: '2026-03-15' }, 'NOT_FOUND'],
      ['a non-existent original', (c: Ctx) => ({ petitionId: c.petition.id, eligible: false, reason: 'duplicate', duplicateOf: MISSING_ID, on: '2026-03-15' }), 'NOT_FOUND'],
      ['a second classification', (c: Ctx) => ({ petitionId: c.petition.id, eligible: true, on: '2026-03-15' }), 'CONFLICT', (c) => classifyIt(c)],
    ],
  },
  'workflow.decide': {
    writes: true,
    prepare: (c) => classifyIt(c),
    valid: (c: Ctx) => ({ petitionId: c.petition.id, action: 'forward', agencyId: c.agency.id, on: '2026-03-15', note: ' Chuyển theo thẩm quyền ' }),
    check: (v, c) =>
      expect(v).toMatchObject({
        status: 'forwarded',
        stage: 'forwarded',
        // 37 working days for a complaint from Monday 16 March, skipping Mon 27/4 (Hùng Kings day fell on a Sunday), 30/4 and 1/5.
        replyDueOn: '2026-05-08',
        decisions: [
          {
            action: 'forward',
            decidedOn: '2026-03-15',
            agency: { id: c.agency.id, code: 'SO-NNMT', name: c.agency.name },
            documentNo: '01/PC-BTCD',
            note: 'Chuyển theo thẩm quyền',
            replyDueOn: '2026-05-08',
            reversed: null,
          },
        ],
      }),
    bad: [
      ['no input', undefined, 'VALIDATION'],
      ['an unknown action', (c: Ctx) => ({ petitionId: c.petition.id, action: 'ignore', on: '2026-03-15' }), 'VALIDATION'],
      ['a forward without an agency', (c: Ctx) => ({ petitionId: c.petition.id, action: 'forward', on: '2026-03-15' }), 'VALIDATION'],
      ['a guidance without an agency', (c: Ctx) => ({ petitionId: c.petition.id, action: 'guide', agencyId: null, on: '2026-03-15' }), 'VALIDATION'],
      ['an impossible date', (c: Ctx) => ({ petitionId: c.petition.id, action: 'accept', on: '2026-04-31' }), 'VALIDATION'],
      ['a document number (the register gives it)', (c: Ctx) => ({ petitionId: c.petition.id, action: 'accept', on: '2026-03-15', documentNo: '05/ĐX-BTCD' }), 'VALIDATION'],
      ['a date before the classification', (c: Ctx) => ({ petitionId: c.petition.id, action: 'accept', on: '2026-03-13' }), 'VALIDATION'],
      ['a date after today', (c: Ctx) => ({ petitionId: c.petition.id, action: 'accept', on: '2026-03-16' }), 'VALIDATION'],
      ['a non-existent petition', (c: Ctx) => ({ petitionId: MISSING_ID, action: 'forward', agencyId: c.agency.id, on: '2026-03-15' }), 'NOT_FOUND'],
      ['a non-existent agency', (c: Ctx) => ({ petitionId: c.petition.id, action: 'forward', agencyId: MISSING_ID, on: '2026-03-15' }), 'NOT_FOUND'],
      [
        'an inactive agency',
        (c: Ctx) => ({ petitionId: c.petition.id, action: 'forward', agencyId: c.other.id, on: '2026-03-15' }),
        'CONFLICT',
        (c) => c.t.client.agencies.setActive({ id: c.other.id, active: false }),
      ],
      [
        'a petition not classified',
        (c: Ctx) => ({ petitionId: c.petition.id, action: 'accept', on: '2026-03-15' }),
        'CONFLICT',
        (c) => c.t.client.workflow.reverse({ petitionId: c.petition.id, what: 'classification', note: 'Phân loại lại' }),
      ],
      [
        'a forward of an ineligible petition',
        (c: Ctx) => ({ petitionId: c.petition.id, action: 'forward', agencyId: c.agency.id, on: '2026-03-15' }),
        'CONFLICT',
        async (c) => {
          await c.t.client.workflow.reverse({ petitionId: c.petition.id, what: 'classification', note: 'Phân loại lại' });
          await c.t.client.workflow.classify({ petitionId: c.petition.id, eligible: false, reason: 'anonymous', on: '2026-03-15' });
        },
      ],
      [
        'a second decision',
        (c: Ctx) => ({ petitionId: c.petition.id, action: 'file', on: '2026-03-15' }),
        'CONFLICT',
        (c) => c.t.client.workflow.decide({ petitionId: c.petition.id, action: 'accept', on: '2026-03-15' }),
      ],
    ],
  },
  'workflow.reply': {
    writes: true,
    prepare: (c) => forwardIt(c),
    valid: (c: Ctx) => ({ petitionId: c.petition.id, on: '2026-03-15', outcome: 'resolved', documentNo: ' 12/UBND ', summary: 'Đã giải quyết' }),
    check: (v) =>
      expect(v).toMatchObject({
        status: 'closed',
        stage: 'closed',
        replies: [{ receivedOn: '2026-03-15', documentNo: '12/UBND', outcome: 'resolved', summary: 'Đã giải quyết', recordedBy: 'Quản trị viên', reversed: null }],
      }),
    bad: [
      ['no input', undefined, 'VALIDATION'],
      ['no outcome', (c: Ctx) => ({ petitionId: c.petition.id, on: '2026-03-15' }), 'VALIDATION'],
      ['an unknown outcome', (c: Ctx) => ({ petitionId: c.petition.id, on: '2026-03-15', outcome: 'ignored' }), 'VALIDATION'],
      ['an impossible date', (c: Ctx) => ({ petitionId: c.petition.id, on: '2026-03-32', outcome: 'resolved' }), 'VALIDATION'],
      ['a too-long document number', (c: Ctx) => ({ petitionId: c.petition.id, on: '2026-03-15', outcome: 'resolved', documentNo: long(51) }), 'VALIDATION'],
      ['an extra unknown field', (c: Ctx) => ({ petitionId: c.petition.id, on: '2026-03-15', outcome: 'resolved', onTime: true }), 'VALIDATION'],
      ['a date before the forward', (c: Ctx) => ({ petitionId: c.petition.id, on: '2026-03-13', outcome: 'resolved' }), 'VALIDATION'],
      ['a date after today', (c: Ctx) => ({ petitionId: c.petition.id, on: '2026-03-16', outcome: 'resolved' }), 'VALIDATION'],
      ['a non-existent petition', { petitionId: MISSING_ID, on: '2026-03-15', outcome: 'resolved' }, 'NOT_FOUND'],
      [
        'a petition not forwarded',
        (c: Ctx) => ({ petitionId: c.petition.id, on: '2026-03-15', outcome: 'resolved' }),
        'CONFLICT',
        (c) => c.t.client.workflow.reverse({ petitionId: c.petition.id, what: 'decision', note: 'Chuyển nhầm' }),
      ],
      [
        'a second reply',
        (c: Ctx) => ({ petitionId: c.petition.id, on: '2026-03-15', outcome: 'partial' }),
        'CONFLICT',
        (c) => c.t.client.workflow.reply({ petitionId: c.petition.id, on: '2026-03-15', outcome: 'resolved' }),
      ],
    ],
  },
  'workflow.remind': {
    writes: true,
    prepare: (c) => forwardIt(c),
    valid: (c: Ctx) => ({ petitionId: c.petition.id, on: '2026-03-15' }),
    check: (v) => expect(v).toMatchObject({ stage: 'forwarded', reminders: [{ sentOn: '2026-03-15', documentNo: '01/BTCD', recordedBy: 'Quản trị viên' }] }),
    bad: [
      ['no input', undefined, 'VALIDATION'],
      ['no date', (c: Ctx) => ({ petitionId: c.petition.id }), 'VALIDATION'],
      ['an impossible date', (c: Ctx) => ({ petitionId: c.petition.id, on: '2026-02-30' }), 'VALIDATION'],
      ['an extra unknown field', (c: Ctx) => ({ petitionId: c.petition.id, on: '2026-03-15', documentNo: '01/ĐĐ-BTCD' }), 'VALIDATION'],
      ['a date before the forward', (c: Ctx) => ({ petitionId: c.petition.id, on: '2026-03-13' }), 'VALIDATION'],
      ['a date after today', (c: Ctx) => ({ petitionId: c.petition.id, on: '2026-03-16' }), 'VALIDATION'],
      ['a non-existent petition', { petitionId: MISSING_ID, on: '2026-03-15' }, 'NOT_FOUND'],
      [
        'a petition not forwarded',
        (c: Ctx) => ({ petitionId: c.petition.id, on: '2026-03-15' }),
        'CONFLICT',
        (c) => c.t.client.workflow.reverse({ petitionId: c.petition.id, what: 'decision', note: 'Chuyển nhầm' }),
      ],
      [
        'a petition whose agency has replied',
        (c: Ctx) => ({ petitionId: c.petition.id, on: '2026-03-15' }),
        'CONFLICT',
        (c) => c.t.client.workflow.reply({ petitionId: c.petition.id, on: '2026-03-15', outcome: 'resolved' }),
      ],
    ],
  },
  'workflow.reverse': {
    writes: true,
    prepare: (c) => classifyIt(c),
    valid: (c: Ctx) => ({ petitionId: c.petition.id, what: 'classification', note: '  Phân loại nhầm  ' }),
    check: (v) =>
      expect(v).toMatchObject({
        status: 'awaiting_classification',
        stage: 'awaiting_classification',
        classifications: [{ eligible: true, reversed: { at: TEST_NOW.toISOString(), by: 'Quản trị viên', note: 'Phân loại nhầm' } }],
      }),
    bad: [
      ['no input', undefined, 'VALIDATION'],
      ['no note', (c: Ctx) => ({ petitionId: c.petition.id, what: 'classification' }), 'VALIDATION'],
      ['a blank note', (c: Ctx) => ({ petitionId: c.petition.id, what: 'classification', note: '    ' }), 'VALIDATION'],
      ['a two-character note', (c: Ctx) => ({ petitionId: c.petition.id, what: 'classification', note: 'ab' }), 'VALIDATION'],
      ['a too-long note', (c: Ctx) => ({ petitionId: c.petition.id, what: 'classification', note: long(1001) }), 'VALIDATION'],
      ['an unknown step', (c: Ctx) => ({ petitionId: c.petition.id, what: 'reminder', note: 'Nhầm lẫn' }), 'VALIDATION'],
      ['an extra unknown field', (c: Ctx) => ({ petitionId: c.petition.id, what: 'classification', note: 'Nhầm lẫn', id: 1 }), 'VALIDATION'],
      ['a non-existent petition', { petitionId: MISSING_ID, what: 'classification', note: 'Nhầm lẫn' }, 'NOT_FOUND'],
      ['a step never recorded', (c: Ctx) => ({ petitionId: c.petition.id, what: 'decision', note: 'Nhầm lẫn' }), 'CONFLICT'],
      [
        'a classification under a decision',
        (c: Ctx) => ({ petitionId: c.petition.id, what: 'classification', note: 'Nhầm lẫn' }),
        'CONFLICT',
        (c) => c.t.client.workflow.decide({ petitionId: c.petition.id, action: 'accept', on: '2026-03-15' }),
      ],
    ],
  },
  'todo.summary': {
    writes: false,
    prepare: async (c) => {
      c.made.late = (await c.t.client.petitions.create(petitionInput({ receivedOn: '2026-02-10', channel: 'post', summary: 'Đơn gửi trước Tết' }))).id;
    },
    valid: undefined,
    check: (v, c) =>
      expect(v).toEqual({
        today: '2026-03-15',
        overdue: [
          {
            id: c.made.late!,
            registerNo: '2026/000002',
            receivedOn: '2026-02-10',
            petitionerNames: 'Nguyễn Văn Đức',
            summary: 'Đơn gửi trước Tết',
            status: 'overdue',
            deadline: '2026-03-03',
            agencyName: null,
          },
        ],
        dueToday: [],
        dueThisWeek: [],
        replyOverdue: [],
        counts: { overdue: 1, dueToday: 0, dueThisWeek: 0, replyOverdue: 0, total: 1 },
      } satisfies TodoSummary),
    bad: noInputBad,
  },
  'petitions.similar': {
    writes: false,
    valid: { receivedOn: '2026-03-15', petitioners: [{ fullName: 'NGUYEN VAN DUC' }], summary: 'Xem xét lại quyết định thu hồi đất' },
    check: (v, c) => expect(v).toEqual([expect.objectContaining({ id: c.petition.id, registerNo: '2026/000001', receivedOn: '2026-03-14' })]),
    bad: [
      ['no input', undefined, 'VALIDATION'],
      ['no received date', { petitioners: [] }, 'VALIDATION'],
      ['an impossible received date', { receivedOn: '2026-02-30' }, 'VALIDATION'],
      ['petitioners not a list', { receivedOn: '2026-03-15', petitioners: 'Đức' }, 'VALIDATION'],
      ['a too-long summary', { receivedOn: '2026-03-15', summary: long(4001) }, 'VALIDATION'],
      ['a string excludeId', { receivedOn: '2026-03-15', excludeId: '1' }, 'VALIDATION'],
      ['an extra unknown field', { receivedOn: '2026-03-15', kind: 'complaint' }, 'VALIDATION'],
    ],
  },

  // The holiday calendar. Listing a year stores its defaults once (no audit row), so the case lists
  // it first; the listing itself then writes nothing.
  'holidays.list': {
    writes: false,
    prepare: (c) => c.t.client.holidays.list({ year: 2026 }),
    valid: { year: 2026 },
    check: (v) => {
      // The announced 2026 schedule: Tết Dương lịch, 5 Tết days, 30/4, 1/5, 1–2/9, Monday 27 April for Hùng Kings day, 2 January, 31 August.
      expect(v).toHaveLength(13);
      expect(v).toContainEqual({ date: '2026-02-17', name: 'Tết Nguyên đán (mùng 1)' });
    },
    bad: [
      ['no input', undefined, 'VALIDATION'],
      ['no year', {}, 'VALIDATION'],
      ['a string year', { year: '2026' }, 'VALIDATION'],
      ['a year before 1900', { year: 1899 }, 'VALIDATION'],
      ['a fractional year', { year: 2026.5 }, 'VALIDATION'],
      ['an extra unknown field', { year: 2026, month: 2 }, 'VALIDATION'],
    ],
  },
  'holidays.upsert': {
    writes: true,
    valid: { date: '2026-03-16', name: ' Nghỉ đột xuất ' },
    check: async (v, c) => {
      expect(v).toHaveLength(14);
      expect(v).toContainEqual({ date: '2026-03-16', name: 'Nghỉ đột xuất' });
      // The petition's ten working days now end a day later.
      expect((await c.t.client.petitions.get({ id: c.petition.id })).petition.dueOn).toBe('2026-03-30');
    },
    bad: [
      ['no input', undefined, 'VALIDATION'],
      ['no name', { date: '2026-03-16' }, 'VALIDATION'],
      ['a blank name', { date: '2026-03-16', name: '  ' }, 'VALIDATION'],
      ['a too-long name', { date: '2026-03-16', name: long(201) }, 'VALIDATION'],
      ['an impossible date', { date: '2026-02-29', name: 'Nghỉ' }, 'VALIDATION'],
      ['a day/month/year date', { date: '16/03/2026', name: 'Nghỉ' }, 'VALIDATION'],
      ['an extra unknown field', { date: '2026-03-16', name: 'Nghỉ', paid: true }, 'VALIDATION'],
      ['an officer who is not an administrator', { date: '2026-03-16', name: 'Nghỉ' }, 'FORBIDDEN', (c) => chooseOfficer(c)],
    ],
  },
  'holidays.remove': {
    writes: true,
    valid: { date: '2026-04-30' },
    check: (v) => {
      expect(v).toHaveLength(12);
      expect((v as { date: string }[]).map((h) => h.date)).not.toContain('2026-04-30');
    },
    bad: [
      ['no input', undefined, 'VALIDATION'],
      ['no date', {}, 'VALIDATION'],
      ['an impossible date', { date: '2026-04-31' }, 'VALIDATION'],
      ['an extra unknown field', { date: '2026-04-30', name: 'x' }, 'VALIDATION'],
      ['a date that is no holiday', { date: '2026-03-16' }, 'NOT_FOUND'],
      ['an officer who is not an administrator', { date: '2026-04-30' }, 'FORBIDDEN', (c) => chooseOfficer(c)],
    ],
  },

  'attachments.add': {
    writes: true,
    valid: (c: Ctx) => ({ petitionId: c.petition.id, fileName: 'so-do.png', mime: 'image/png', base64: PNG_BASE64 }),
    check: (v, c) =>
      expect(v).toEqual({
        id: expect.any(Number),
        petitionId: c.petition.id,
        sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
        fileName: 'so-do.png',
        mime: 'image/png',
        size: Buffer.from(PNG_BASE64, 'base64').length,
        addedBy: 'Quản trị viên',
        createdAt: TEST_NOW.toISOString(),
        removedAt: null,
      }),
    bad: [
      ['no input', undefined, 'VALIDATION'],
      ['no content', (c: Ctx) => ({ petitionId: c.petition.id, fileName: 'so-do.png', mime: 'image/png' }), 'VALIDATION'],
      ['an unaccepted type', (c: Ctx) => ({ petitionId: c.petition.id, fileName: 'so-do.gif', mime: 'image/gif', base64: PNG_BASE64 }), 'VALIDATION'],
      ['a name that does not match the type', (c: Ctx) => ({ petitionId: c.petition.id, fileName: 'so-do.pdf', mime: 'image/png', base64: PNG_BASE64 }), 'VALIDATION'],
      ['content that is not base64', (c: Ctx) => ({ petitionId: c.petition.id, fileName: 'so-do.png', mime: 'image/png', base64: 'not base64!' }), 'VALIDATION'],
      ['content of another type', (c: Ctx) => ({ petitionId: c.petition.id, fileName: 'don.pdf', mime: 'application/pdf', base64: PNG_BASE64 }), 'VALIDATION'],
      ['an extra unknown field', (c: Ctx) => ({ petitionId: c.petition.id, fileName: 'so-do.png', mime: 'image/png', base64: PNG_BASE64, x: 1 }), 'VALIDATION'],
      ['a non-existent petition', { petitionId: MISSING_ID, fileName: 'so-do.png', mime: 'image/png', base64: PNG_BASE64 }, 'NOT_FOUND'],
    ],
  },
  'attachments.list': {
    writes: false,
    prepare: (c) => attachIt(c),
    valid: (c: Ctx) => ({ petitionId: c.petition.id }),
    check: (v, c) => expect(v).toEqual([expect.objectContaining({ id: c.made.attachment, fileName: 'so-do.png' })]),
    bad: [
      ['no input', undefined, 'VALIDATION'],
      ['a string petition id', { petitionId: '1' }, 'VALIDATION'],
      ['an extra unknown field', (c: Ctx) => ({ petitionId: c.petition.id, removed: true }), 'VALIDATION'],
      ['a non-existent petition', { petitionId: MISSING_ID }, 'NOT_FOUND'],
    ],
  },
  'attachments.get': {
    writes: false,
    prepare: (c) => attachIt(c),
    valid: (c: Ctx) => ({ id: c.made.attachment }),
    check: (v, c) => expect(v).toEqual({ attachment: expect.objectContaining({ id: c.made.attachment, mime: 'image/png' }), base64: PNG_BASE64 }),
    bad: [
      ['no input', undefined, 'VALIDATION'],
      ['a zero id', { id: 0 }, 'VALIDATION'],
      ['an extra unknown field', (c: Ctx) => ({ id: c.made.attachment, download: true }), 'VALIDATION'],
      ['a non-existent id', { id: MISSING_ID }, 'NOT_FOUND'],
    ],
  },
  'attachments.remove': {
    writes: true,
    prepare: (c) => attachIt(c),
    valid: (c: Ctx) => ({ id: c.made.attachment, note: 'Đính kèm nhầm đơn' }),
    check: (v, c) => expect(v).toMatchObject({ id: c.made.attachment, removedAt: TEST_NOW.toISOString() }),
    bad: [
      ['no input', undefined, 'VALIDATION'],
      ['no note', (c: Ctx) => ({ id: c.made.attachment }), 'VALIDATION'],
      ['a two-character note', (c: Ctx) => ({ id: c.made.attachment, note: 'ab' }), 'VALIDATION'],
      ['an extra unknown field', (c: Ctx) => ({ id: c.made.attachment, note: 'Nhầm đơn', purge: true }), 'VALIDATION'],
      ['a non-existent id', { id: MISSING_ID, note: 'Nhầm đơn' }, 'NOT_FOUND'],
      [
        'an attachment already removed',
        (c: Ctx) => ({ id: c.made.attachment, note: 'Gỡ lần nữa' }),
        'CONFLICT',
        (c) => c.t.client.attachments.remove({ id: c.made.attachment!, note: 'Nhầm đơn' }),
      ],
    ],
  },

  // Printing writes one audit row ('print') and nothing else.
  'documents.render': {
    writes: true,
    prepare: (c) => forwardSigned(c),
    valid: (c: Ctx) => ({ kind: 'forward', petitionId: c.petition.id }),
    check: (v) => expect(v).toMatchObject({ kind: 'forward', number: '01/PC-BTCD', fileName: expect.stringMatching(/\.html$/), html: expect.stringContaining('01/PC-BTCD') }),
    bad: documentBad,
  },
  'documents.pdf': {
    writes: true,
    prepare: (c) => forwardSigned(c),
    server: (c) => createApiServer(c.t.register, { appVersion: 'test', pdf: async () => new TextEncoder().encode('%PDF-fake') }, { signedInAs: c.admin.id }),
    valid: (c: Ctx) => ({ kind: 'forward', petitionId: c.petition.id }),
    check: (v) => expect(v).toEqual({ fileName: expect.stringMatching(/\.pdf$/), base64: Buffer.from('%PDF-fake').toString('base64') }),
    bad: documentBad,
  },
  'receipts.get': {
    writes: false,
    prepare: async (c) => {
      await c.t.client.receipts.save({ petitionId: c.petition.id, time: '09:30', receiverName: 'Lê Thị Hoa', receiverTitle: 'Chuyên viên', items: [{ name: 'Đơn khiếu nại', pages: 2, state: 'original' }] });
    },
    valid: (c: Ctx) => ({ petitionId: c.petition.id }),
    check: (v, c) =>
      expect(v).toMatchObject({ petitionId: c.petition.id, time: '09:30', receiverName: 'Lê Thị Hoa', receiverTitle: 'Chuyên viên', items: [{ name: 'Đơn khiếu nại', pages: 2, state: 'original' }] }),
    bad: [
      ['no input', undefined, 'VALIDATION'],
      ['a petition id that is not a number', { petitionId: 'x' }, 'VALIDATION'],
      ['an extra unknown field', (c: Ctx) => ({ petitionId: c.petition.id, all: true }), 'VALIDATION'],
    ],
  },
  'receipts.save': {
    writes: true,
    valid: (c: Ctx) => ({
      petitionId: c.petition.id,
      time: '14:05',
      receiverName: 'Lê Thị Hoa',
      receiverTitle: 'Chuyên viên',
      items: [
        { name: 'Đơn khiếu nại đề ngày 01/3/2026', pages: 2, state: 'original' },
        { name: 'Quyết định số 123/QĐ-UBND', pages: null, state: 'certified_copy' },
      ],
    }),
    check: (v) => expect(v).toMatchObject({ time: '14:05', items: [{ pages: 2, state: 'original' }, { pages: null, state: 'certified_copy' }] }),
    bad: [
      ['no input', undefined, 'VALIDATION'],
      ['no items', (c: Ctx) => ({ petitionId: c.petition.id, receiverName: 'Lê Thị Hoa', items: [] }), 'VALIDATION'],
      ['an unknown state', (c: Ctx) => ({ petitionId: c.petition.id, receiverName: 'Lê Thị Hoa', items: [{ name: 'Đơn', state: 'scan' }] }), 'VALIDATION'],
      ['zero pages', (c: Ctx) => ({ petitionId: c.petition.id, receiverName: 'Lê Thị Hoa', items: [{ name: 'Đơn', pages: 0, state: 'copy' }] }), 'VALIDATION'],
      ['a time that is not HH:MM', (c: Ctx) => ({ petitionId: c.petition.id, time: '25:00', receiverName: 'Lê Thị Hoa', items: [{ name: 'Đơn', state: 'copy' }] }), 'VALIDATION'],
      ['no receiver', (c: Ctx) => ({ petitionId: c.petition.id, receiverName: ' ', items: [{ name: 'Đơn', state: 'copy' }] }), 'VALIDATION'],
      ['a non-existent petition', { petitionId: MISSING_ID, receiverName: 'Lê Thị Hoa', items: [{ name: 'Đơn', state: 'copy' }] }, 'NOT_FOUND'],
    ],
  },
  'holidays.importPreview': {
    writes: false,
    valid: { fileName: 'lich-2027.json', text: SCHEDULE_2027 },
    check: (v) => expect(v).toMatchObject({ year: 2027, daysOff: 2, workedDays: 1, added: expect.arrayContaining(['2027-02-12']) }),
    bad: scheduleBad,
  },
  'holidays.importConfirm': {
    writes: true,
    valid: { fileName: 'lich-2027.csv', text: SCHEDULE_2027_CSV },
    check: (v) => expect(v).toMatchObject({ year: 2027, daysOff: 2, workedDays: 1 }),
    bad: scheduleBad,
  },

  'stats.get': {
    writes: false,
    valid: { from: '2026-03-01', to: '2026-03-31' },
    check: (v) => expect(v).toMatchObject({ period: { from: '2026-03-01', to: '2026-03-31' }, as_of: '2026-03-15', petitions: { received: 1, unclassified: 1 } }),
    bad: [
      ['no input', undefined, 'VALIDATION'],
      ['no end date', { from: '2026-03-01' }, 'VALIDATION'],
      ['an end before the start', { from: '2026-03-31', to: '2026-03-01' }, 'VALIDATION'],
      ['an impossible date', { from: '2026-02-30', to: '2026-03-31' }, 'VALIDATION'],
      ['an extra unknown field', { from: '2026-03-01', to: '2026-03-31', kind: 'complaint' }, 'VALIDATION'],
      ['communes not a boolean', { from: '2026-03-01', to: '2026-03-31', communes: 'no' }, 'VALIDATION'],
    ],
  },
  'stats.communes': {
    writes: false,
    valid: { from: '2026-03-01', to: '2026-03-31' },
    check: (v) => expect(v).toEqual({ units_on: '2026-03-15', communes: [], unrecorded: 1 }),
    bad: [
      ['no input', undefined, 'VALIDATION'],
      ['no end date', { from: '2026-03-01' }, 'VALIDATION'],
      ['an end before the start', { from: '2026-03-31', to: '2026-03-01' }, 'VALIDATION'],
      ['an impossible date', { from: '2026-02-30', to: '2026-03-31' }, 'VALIDATION'],
      ['an extra field', { from: '2026-03-01', to: '2026-03-31', communes: true }, 'VALIDATION'],
    ],
  },
  'stats.drill': {
    writes: false,
    valid: { from: '2026-03-01', to: '2026-03-31', drill: 'unclassified' },
    check: (v, c) => expect(v).toMatchObject({ total: 1, offset: 0, rows: [{ id: c.petition.id, registerNo: '2026/000001' }] }),
    bad: [
      ['no input', undefined, 'VALIDATION'],
      ['no figure', { from: '2026-03-01', to: '2026-03-31' }, 'VALIDATION'],
      ['an unknown figure', { from: '2026-03-01', to: '2026-03-31', drill: 'everything' }, 'VALIDATION'],
      ['an impossible date', { from: '2026-03-01', to: '2026-03-32', drill: 'received' }, 'VALIDATION'],
      ['a zero limit', { from: '2026-03-01', to: '2026-03-31', drill: 'received', limit: 0 }, 'VALIDATION'],
      ['an extra unknown field', { from: '2026-03-01', to: '2026-03-31', drill: 'received', page: 1 }, 'VALIDATION'],
    ],
  },
  'stats.periods': {
    writes: false,
    valid: { kind: 'official_quarter', year: 2026, index: 1 },
    check: (v) => expect(v).toEqual({ from: '2025-12-15', to: '2026-03-14' }),
    bad: [
      ['no input', undefined, 'VALIDATION'],
      ['an unknown kind', { kind: 'week', year: 2026 }, 'VALIDATION'],
      ['no year', { kind: 'calendar_year' }, 'VALIDATION'],
      ['a year before 1900', { kind: 'calendar_year', year: 1899 }, 'VALIDATION'],
      ['a fifth quarter', { kind: 'official_quarter', year: 2026, index: 5 }, 'VALIDATION'],
      ['a thirteenth month', { kind: 'calendar_month', year: 2026, index: 13 }, 'VALIDATION'],
      ['an extra unknown field', { kind: 'calendar_year', year: 2026, week: 1 }, 'VALIDATION'],
    ],
  },
  'stats.export': {
    writes: true,
    valid: { from: '2026-03-01', to: '2026-03-31', format: 'csv' },
    check: (v) => expect(v).toEqual({ fileName: expect.stringMatching(/\.csv$/), base64: expect.any(String) }),
    bad: [
      ['no input', undefined, 'VALIDATION'],
      ['no format', { from: '2026-03-01', to: '2026-03-31' }, 'VALIDATION'],
      ['an unknown format', { from: '2026-03-01', to: '2026-03-31', format: 'docx' }, 'VALIDATION'],
      ['an end before the start', { from: '2026-03-31', to: '2026-03-01', format: 'csv' }, 'VALIDATION'],
      ['an extra unknown field', { from: '2026-03-01', to: '2026-03-31', format: 'csv', sheet: 1 }, 'VALIDATION'],
    ],
  },
  'reports.get': {
    writes: false,
    valid: { form: '02/TCD', from: '2026-03-01', to: '2026-03-31' },
    check: (v) => {
      const report = v as { form: string; rows: { columns: Record<string, number> }[]; identities: { holds: boolean }[] };
      expect(report.form).toBe('02/TCD');
      expect(Object.keys(report.rows[0]!.columns)).toHaveLength(16);
      expect(report.identities.every((i) => i.holds)).toBe(true);
    },
    bad: [
      ['no input', undefined, 'VALIDATION'],
      ['an unknown form', { form: '05/XLD', from: '2026-03-01', to: '2026-03-31' }, 'VALIDATION'],
      ['an end before the start', { form: '01/XLD', from: '2026-03-31', to: '2026-03-01' }, 'VALIDATION'],
      ['a date that is not a date', { form: '01/XLD', from: '2026-02-30', to: '2026-03-01' }, 'VALIDATION'],
    ],
  },
  'reports.drill': {
    writes: false,
    valid: { form: '01/XLD', from: '2026-03-01', to: '2026-03-31', ms: 3 },
    check: (v, c) => {
      const drill = v as { records: string; page: PetitionPage };
      expect(drill.records).toBe('petitions');
      expect(drill.page.rows.map((r) => r.id)).toEqual([c.petition.id]);
    },
    bad: [
      ['no column', { form: '01/XLD', from: '2026-03-01', to: '2026-03-31' }, 'VALIDATION'],
      ['a column the form does not have', { form: '01/XLD', from: '2026-03-01', to: '2026-03-31', ms: 40 }, 'VALIDATION'],
      ['an unknown form', { form: '01/ABC', from: '2026-03-01', to: '2026-03-31', ms: 1 }, 'VALIDATION'],
    ],
  },
  'reports.export': {
    writes: true,
    valid: { form: '01/XLD', from: '2026-03-01', to: '2026-03-31', format: 'xlsx' },
    check: (v) => expect(v).toEqual({ fileName: 'bao-cao_01-XLD_2026-03-01_2026-03-31.xlsx', base64: expect.any(String) }),
    bad: [
      ['no format', { form: '01/XLD', from: '2026-03-01', to: '2026-03-31' }, 'VALIDATION'],
      ['an unknown format', { form: '01/XLD', from: '2026-03-01', to: '2026-03-31', format: 'csv' }, 'VALIDATION'],
      ['an unknown form', { form: 'XLD', from: '2026-03-01', to: '2026-03-31', format: 'json' }, 'VALIDATION'],
    ],
  },
  'matters.suggest': {
    writes: false,
    valid: { petitioners: [{ fullName: 'Nguyễn Văn Đức', idNumber: '051065001234' }], summary: 'Khiếu nại quyết định thu hồi đất' },
    check: (v, c) => expect(v).toEqual([expect.objectContaining({ matterId: c.visit.matterId, petitions: 1, visits: 1, lastRegisterNo: '2026/000001', reasons: expect.arrayContaining(['person']) })]),
    bad: [
      ['no input', undefined, 'VALIDATION'],
      ['petitioners not a list', { petitioners: 'Đức' }, 'VALIDATION'],
      ['a limit above 10', { summary: 'đất', limit: 11 }, 'VALIDATION'],
      ['an extra unknown field', { summary: 'đất', kind: 'complaint' }, 'VALIDATION'],
    ],
  },
  'matters.get': {
    writes: false,
    valid: (c: Ctx) => ({ id: c.visit.matterId }),
    check: (v, c) =>
      expect(v).toMatchObject({
        matter: { id: c.visit.matterId, kind: 'complaint', petitions: 1, visits: 1, repeated: true },
        items: [
          { type: 'visit', visitId: c.visit.id, first: true },
          { type: 'petition', petitionId: c.petition.id, registerNo: '2026/000001', first: true },
        ],
      }),
    bad: [
      ['a missing matter', { id: MISSING_ID }, 'NOT_FOUND'],
      ['a zero id', { id: 0 }, 'VALIDATION'],
      ['no input', undefined, 'VALIDATION'],
    ],
  },
  'matters.list': {
    writes: false,
    valid: { search: 'doan dong nguoi' },
    check: (v, c) => expect(v).toMatchObject({ total: 1, offset: 0, rows: [{ id: c.delegation.matterId, visits: 1, petitions: 0 }] }),
    bad: [
      ['an unknown kind', { kind: 'multiple' }, 'VALIDATION'],
      ['a negative offset', { offset: -1 }, 'VALIDATION'],
      ['an extra unknown field', { page: 1 }, 'VALIDATION'],
    ],
  },
  'matters.update': {
    writes: true,
    valid: (c: Ctx) => ({
      id: c.visit.matterId,
      title: 'Thu hồi đất thôn An Phú',
      kind: 'complaint',
      field: 'land',
      caseCommuneCode: '21184',
      arrivalState: 'resolved_once',
      complaintLevel: 'second',
      decidedBy: 'Chủ tịch UBND xã Tịnh Khê',
    }),
    check: (v, c) =>
      expect(v).toMatchObject({ id: c.visit.matterId, title: 'Thu hồi đất thôn An Phú', arrivalState: 'resolved_once', complaintLevel: 'second', caseCommuneCode: '21184' }),
    bad: [
      ['a denunciation state on a complaint', (c: Ctx) => ({ id: c.visit.matterId, title: 'X', kind: 'complaint', arrivalState: 'denunciation_concluded', decidedBy: 'Thanh tra tỉnh' }), 'VALIDATION'],
      ['a complaint level on a recommendation', (c: Ctx) => ({ id: c.visit.matterId, title: 'X', kind: 'recommendation', arrivalState: 'unresolved', complaintLevel: 'first' }), 'VALIDATION'],
      ['a resolved matter without the body that decided', (c: Ctx) => ({ id: c.visit.matterId, title: 'X', kind: 'complaint', arrivalState: 'resolved_once' }), 'VALIDATION'],
      ['a bad commune code', (c: Ctx) => ({ id: c.visit.matterId, title: 'X', kind: 'complaint', arrivalState: 'unresolved', caseCommuneCode: '123' }), 'VALIDATION'],
      ['a missing matter', { id: MISSING_ID, title: 'X', kind: 'complaint', arrivalState: 'unresolved' }, 'NOT_FOUND'],
      [
        'a merged matter',
        (c: Ctx) => ({ id: c.delegation.matterId, title: 'X', kind: 'complaint', arrivalState: 'unresolved' }),
        'CONFLICT',
        (c: Ctx) => c.t.client.matters.merge({ fromId: c.delegation.matterId!, intoId: c.visit.matterId! }),
      ],
    ],
  },
  'matters.merge': {
    writes: true,
    valid: (c: Ctx) => ({ fromId: c.delegation.matterId, intoId: c.visit.matterId }),
    check: (v, c) => expect(v).toMatchObject({ matter: { id: c.visit.matterId, visits: 2, petitions: 1 }, merged: [{ id: c.delegation.matterId }] }),
    bad: [
      ['a matter into itself', (c: Ctx) => ({ fromId: c.visit.matterId, intoId: c.visit.matterId }), 'VALIDATION'],
      ['a missing matter', (c: Ctx) => ({ fromId: MISSING_ID, intoId: c.visit.matterId }), 'NOT_FOUND'],
      [
        'a matter merged already',
        (c: Ctx) => ({ fromId: c.delegation.matterId, intoId: c.visit.matterId }),
        'CONFLICT',
        (c: Ctx) => c.t.client.matters.merge({ fromId: c.delegation.matterId!, intoId: c.visit.matterId! }),
      ],
      ['no input', undefined, 'VALIDATION'],
    ],
  },
  'matters.move': {
    writes: true,
    valid: (c: Ctx) => ({ visitId: c.delegation.id, toMatterId: c.visit.matterId }),
    check: (v, c) => expect(v).toMatchObject({ matter: { id: c.visit.matterId, visits: 2 } }),
    bad: [
      ['both a content and a visit', (c: Ctx) => ({ visitId: c.delegation.id, contentId: 1, toMatterId: c.visit.matterId }), 'VALIDATION'],
      ['neither a content nor a visit', (c: Ctx) => ({ toMatterId: c.visit.matterId }), 'VALIDATION'],
      ['a visit already on that matter', (c: Ctx) => ({ visitId: c.visit.id, toMatterId: c.visit.matterId }), 'CONFLICT'],
      ['a missing target matter', (c: Ctx) => ({ visitId: c.delegation.id, toMatterId: MISSING_ID }), 'NOT_FOUND'],
      ['a missing visit', (c: Ctx) => ({ visitId: MISSING_ID, toMatterId: c.visit.matterId }), 'NOT_FOUND'],
    ],
  },
  'petitions.splitContent': {
    writes: true,
    prepare: async (c) => {
      const p = await c.t.client.petitions.create(petitionInput({ receivedOn: '2026-03-14', kind: 'multiple', field: 'land', summary: 'Khiếu nại thu hồi đất và tố cáo cán bộ địa chính' }));
      c.made.multi = (await c.t.client.petitions.get({ id: p.id })).contents[0]!.id;
      c.made.plain = (await c.t.client.petitions.get({ id: c.petition.id })).contents[0]!.id;
    },
    valid: (c: Ctx) => ({
      contentId: c.made.multi,
      parts: [
        { kind: 'complaint', field: 'land', summary: 'Khiếu nại thu hồi đất' },
        { kind: 'denunciation', field: 'corruption', summary: 'Tố cáo cán bộ địa chính' },
      ],
    }),
    check: (v) =>
      expect(v).toMatchObject([
        { position: 0, kind: 'complaint', needsSplit: false },
        { position: 1, kind: 'denunciation', field: 'corruption', needsSplit: false },
      ]),
    bad: [
      ['one part only', (c: Ctx) => ({ contentId: c.made.multi, parts: [{ kind: 'complaint', field: 'land', summary: 'A' }] }), 'VALIDATION'],
      [
        'a part of kind multiple',
        (c: Ctx) => ({ contentId: c.made.multi, parts: [{ kind: 'multiple', field: 'land', summary: 'A' }, { kind: 'complaint', field: 'land', summary: 'B' }] }),
        'VALIDATION',
      ],
      [
        'a content that needs no split',
        (c: Ctx) => ({ contentId: c.made.plain, parts: [{ kind: 'complaint', field: 'land', summary: 'A' }, { kind: 'denunciation', field: 'land', summary: 'B' }] }),
        'CONFLICT',
      ],
      [
        'a missing content',
        { contentId: MISSING_ID, parts: [{ kind: 'complaint', field: 'land', summary: 'A' }, { kind: 'denunciation', field: 'land', summary: 'B' }] },
        'NOT_FOUND',
      ],
    ],
  },
  'notices.list': {
    writes: false,
    prepare: (c) => forwardIt(c),
    valid: (c: Ctx) => ({ petitionId: c.petition.id }),
    check: (v) => expect(v).toEqual([expect.objectContaining({ kind: 'handling', recipient: 'Nguyễn Văn Đức', dueOn: '2026-03-27', issuedOn: null, documentNo: null })]),
    bad: [
      ['no input', undefined, 'VALIDATION'],
      ['neither a petition nor a visit', {}, 'VALIDATION'],
      ['both a petition and a visit', (c: Ctx) => ({ petitionId: c.petition.id, visitId: c.visit.id }), 'VALIDATION'],
      ['an extra unknown field', (c: Ctx) => ({ petitionId: c.petition.id, open: true }), 'VALIDATION'],
    ],
  },
  'notices.get': {
    writes: false,
    prepare: async (c) => {
      await forwardIt(c);
      c.made.notice = (await c.t.client.notices.list({ petitionId: c.petition.id }))[0]!.id;
    },
    valid: (c: Ctx) => ({ id: c.made.notice }),
    check: (v) => expect(v).toMatchObject({ kind: 'handling', registerNo: '2026/000001' }),
    bad: [
      ['no input', undefined, 'VALIDATION'],
      ['a non-existent notice', { id: MISSING_ID }, 'NOT_FOUND'],
    ],
  },
  'notices.issue': {
    writes: true,
    prepare: async (c) => {
      await forwardIt(c);
      c.made.notice = (await c.t.client.notices.list({ petitionId: c.petition.id }))[0]!.id;
    },
    valid: (c: Ctx) => ({ id: c.made.notice, on: '2026-03-15' }),
    check: (v) => expect(v).toMatchObject({ issuedOn: '2026-03-15', documentNo: '01/TB-BTCD', issuedBy: 'Quản trị viên' }),
    bad: [
      ['no input', undefined, 'VALIDATION'],
      ['no date', (c: Ctx) => ({ id: c.made.notice }), 'VALIDATION'],
      ['a date before receipt', (c: Ctx) => ({ id: c.made.notice, on: '2026-03-13' }), 'VALIDATION'],
      ['a date after today', (c: Ctx) => ({ id: c.made.notice, on: '2026-03-16' }), 'VALIDATION'],
      ['a non-existent notice', { id: MISSING_ID, on: '2026-03-15' }, 'NOT_FOUND'],
      ['a notice issued already', (c: Ctx) => ({ id: c.made.notice, on: '2026-03-15' }), 'CONFLICT', (c: Ctx) => c.t.client.notices.issue({ id: c.made.notice!, on: '2026-03-14' })],
    ],
  },
  'todo.counts': {
    writes: false,
    prepare: async (c) => {
      c.made.late = (await c.t.client.petitions.create(petitionInput({ receivedOn: '2026-02-10', channel: 'post', summary: 'Đơn gửi trước Tết' }))).id;
    },
    valid: undefined,
    check: (v) => expect(v).toEqual({ today: '2026-03-15', counts: { overdue: 1, dueToday: 0, dueThisWeek: 0, replyOverdue: 0, total: 1 } }),
    bad: noInputBad,
  },
  'stats.monthly': {
    writes: false,
    valid: { months: [{ from: '2026-02-01', to: '2026-02-28' }, { from: '2026-03-01', to: '2026-03-31' }] },
    check: (v) =>
      expect(v).toEqual([
        { from: '2026-02-01', to: '2026-02-28', counts: { complaint: 0, denunciation: 0, recommendation: 0, multiple: 0 } },
        { from: '2026-03-01', to: '2026-03-31', counts: { complaint: 1, denunciation: 0, recommendation: 0, multiple: 0 } },
      ]),
    bad: [
      ['no input', undefined, 'VALIDATION'],
      ['no months', { months: [] }, 'VALIDATION'],
      ['months out of order', { months: [{ from: '2026-03-01', to: '2026-03-31' }, { from: '2026-02-01', to: '2026-02-28' }] }, 'VALIDATION'],
      ['overlapping months', { months: [{ from: '2026-02-01', to: '2026-03-05' }, { from: '2026-03-01', to: '2026-03-31' }] }, 'VALIDATION'],
      ['an end before the start', { months: [{ from: '2026-03-31', to: '2026-03-01' }] }, 'VALIDATION'],
      ['an impossible date', { months: [{ from: '2026-02-30', to: '2026-03-31' }] }, 'VALIDATION'],
      ['too many months', { months: Array.from({ length: 25 }, (_, i) => ({ from: `20${String(10 + i)}-01-01`, to: `20${String(10 + i)}-01-31` })) }, 'VALIDATION'],
      ['an extra unknown field', { months: [{ from: '2026-03-01', to: '2026-03-31' }], kind: 'complaint' }, 'VALIDATION'],
    ],
  },
  'todo.law': {
    writes: false,
    valid: undefined,
    check: (v) => expect(v).toMatchObject({ today: '2026-03-15', notices: [], counts: { notices: 0, noticesOverdue: 0 } }),
    bad: [['an input it does not take', { all: true }, 'VALIDATION']],
  },
  'backups.status': {
    writes: false,
    valid: undefined,
    check: (v) => expect(v).toMatchObject({ folder: null, lastGood: null, stale: true, kept: [] }),
    bad: noInputBad,
  },
  'backups.configure': {
    writes: true,
    valid: (c: Ctx) => ({ folder: path.join(c.t.dir, 'sao-luu') }),
    check: (v, c) => expect(v).toMatchObject({ folder: path.join(c.t.dir, 'sao-luu'), lastGood: null, stale: true }),
    bad: [
      ['no input', undefined, 'VALIDATION'],
      ['a relative folder', { folder: 'sao-luu' }, 'VALIDATION'],
      ['a folder with a control character', { folder: '/tmp/sao\u0007luu' }, 'VALIDATION'],
      ['the register folder itself', (c: Ctx) => ({ folder: c.t.dir }), 'VALIDATION'],
      ['an extra unknown field', { folder: '/tmp/x', keep: 3 }, 'VALIDATION'],
    ],
  },
  'backups.run': {
    writes: false,
    prepare: (c) => c.t.client.backups.configure({ folder: path.join(c.t.dir, 'sao-luu') }),
    valid: undefined,
    check: (v) => expect(v).toMatchObject({ lastGood: { ok: true, file: 'so-tiep-cong-dan-2026-03-15T08-30-00Z.sqlite' }, stale: false, kept: ['so-tiep-cong-dan-2026-03-15T08-30-00Z.sqlite'] }),
    bad: [...noInputBad, ['no folder set', undefined, 'CONFLICT', (c) => c.t.client.backups.configure({ folder: null })]],
  },
  'backups.restore': {
    writes: true,
    prepare: async (c) => {
      await c.t.client.backups.configure({ folder: path.join(c.t.dir, 'sao-luu') });
      await c.t.client.backups.run();
    },
    valid: { file: 'so-tiep-cong-dan-2026-03-15T08-30-00Z.sqlite' },
    check: (v, c) => {
      expect(v).toMatchObject({ file: 'so-tiep-cong-dan-2026-03-15T08-30-00Z.sqlite', petitions: 1 });
      expect(fs.existsSync(`${c.t.path}.restore-request.json`)).toBe(true);
    },
    bad: [
      ['no input', undefined, 'VALIDATION'],
      ['a path instead of a backup name', { file: '../register.sqlite' }, 'VALIDATION'],
      ['a backup that is not there', { file: 'so-tiep-cong-dan-2020-01-01T00-00-00Z.sqlite' }, 'NOT_FOUND'],
    ],
  },
  // The app's setting of where its register is (db/api/location.ts), kept in the app's folder.
  'register.location': {
    writes: false,
    server: (c) => createApiServer(c.t.register, { appVersion: 'test', location: { dataDir: c.t.dir, source: 'default' } }, { signedInAs: c.admin.id }),
    valid: undefined,
    // The default is this machine's file: on a PostgreSQL run the register open is not it.
    check: (v) => expect(v).toMatchObject({ source: 'default', setting: null, restartNeeded: onPostgres, overridden: false }),
    bad: noInputBad,
  },
  'register.setLocation': {
    writes: true,
    server: (c) => createApiServer(c.t.register, { appVersion: 'test', location: { dataDir: c.t.dir, source: 'default' } }, { signedInAs: c.admin.id }),
    valid: { location: null },
    check: (v) => expect(v).toMatchObject({ source: 'default', setting: null, restartNeeded: onPostgres }),
    bad: [
      ['no input', undefined, 'VALIDATION'],
      ['not a postgres:// address', { location: 'mysql://canbo@may-chu/so' }, 'VALIDATION'],
      ['no database named', { location: 'postgres://canbo@may-chu' }, 'VALIDATION'],
      ['a server that does not answer', { location: 'postgres://canbo@127.0.0.1:1/so_tiep_cong_dan' }, 'STORAGE'],
    ],
  },
  'approvals.list': {
    writes: false,
    prepare: draftIt,
    valid: (c: Ctx) => ({ petitionId: c.petition.id }),
    check: (v) => expect(v).toMatchObject([{ kind: 'decision', status: 'pending', documentKind: 'forward', documentNo: null, draftedBy: 'Quản trị viên' }]),
    bad: [
      ['no input', undefined, 'VALIDATION'],
      ['neither a petition nor a visit', {}, 'VALIDATION'],
      ['both a petition and a visit', (c: Ctx) => ({ petitionId: c.petition.id, visitId: c.visit.id }), 'VALIDATION'],
    ],
  },
  'approvals.todo': {
    writes: false,
    prepare: draftIt,
    valid: undefined,
    check: (v) => expect(v).toMatchObject({ pending: [{ status: 'pending', title: 'Phiếu chuyển đơn đến Sở Nông nghiệp và Môi trường' }], returned: [], counts: { pending: 1, returned: 0 } }),
    bad: noInputBad,
  },
  'approvals.approve': {
    writes: true,
    prepare: draftIt,
    valid: (c: Ctx) => ({ id: c.made.draft, on: '2026-03-15' }),
    check: async (v, c) => {
      expect(v).toMatchObject({ status: 'approved', signedOn: '2026-03-15', documentNo: '01/PC-BTCD', decidedBy: 'Quản trị viên' });
      expect((await c.t.client.petitions.get({ id: c.petition.id })).workflow.decisions).toMatchObject([{ action: 'forward', decidedOn: '2026-03-15', documentNo: '01/PC-BTCD' }]);
    },
    bad: [
      ['no input', undefined, 'VALIDATION'],
      ['no date', (c: Ctx) => ({ id: c.made.draft }), 'VALIDATION'],
      ['a date after today', (c: Ctx) => ({ id: c.made.draft, on: '2026-03-16' }), 'VALIDATION'],
      ['a date before the classification', (c: Ctx) => ({ id: c.made.draft, on: '2026-03-13' }), 'VALIDATION'],
      ['a non-existent draft', { id: MISSING_ID, on: '2026-03-15' }, 'NOT_FOUND'],
      ['a draft approved already', (c: Ctx) => ({ id: c.made.draft, on: '2026-03-15' }), 'CONFLICT', (c: Ctx) => c.t.client.approvals.approve({ id: c.made.draft!, on: '2026-03-15' })],
      ['a draft sent back', (c: Ctx) => ({ id: c.made.draft, on: '2026-03-15' }), 'CONFLICT', (c: Ctx) => c.t.client.approvals.sendBack({ id: c.made.draft!, reason: 'Sai cơ quan nhận' })],
    ],
  },
  'approvals.sendBack': {
    writes: true,
    prepare: draftIt,
    valid: (c: Ctx) => ({ id: c.made.draft, reason: '  Sai cơ quan nhận: chuyển Sở Tư pháp  ' }),
    check: (v) => expect(v).toMatchObject({ status: 'returned', returnReason: 'Sai cơ quan nhận: chuyển Sở Tư pháp', documentNo: null }),
    bad: [
      ['no input', undefined, 'VALIDATION'],
      ['no reason', (c: Ctx) => ({ id: c.made.draft }), 'VALIDATION'],
      ['a reason of blanks', (c: Ctx) => ({ id: c.made.draft, reason: '      ' }), 'VALIDATION'],
      ['a reason too long', (c: Ctx) => ({ id: c.made.draft, reason: long(1001) }), 'VALIDATION'],
      ['a non-existent draft', { id: MISSING_ID, reason: 'Sai cơ quan nhận' }, 'NOT_FOUND'],
      ['a draft withdrawn', (c: Ctx) => ({ id: c.made.draft, reason: 'Sai cơ quan nhận' }), 'CONFLICT', (c: Ctx) => c.t.client.approvals.withdraw({ id: c.made.draft! })],
    ],
  },
  'approvals.withdraw': {
    writes: true,
    prepare: draftIt,
    valid: (c: Ctx) => ({ id: c.made.draft }),
    check: (v) => expect(v).toMatchObject({ status: 'withdrawn', documentNo: null }),
    bad: [
      ['no input', undefined, 'VALIDATION'],
      ['an id that is not a number', { id: 'một' }, 'VALIDATION'],
      ['a non-existent draft', { id: MISSING_ID }, 'NOT_FOUND'],
      ['a draft approved already', (c: Ctx) => ({ id: c.made.draft }), 'CONFLICT', (c: Ctx) => c.t.client.approvals.approve({ id: c.made.draft!, on: '2026-03-15' })],
    ],
  },
  'approvals.preview': {
    writes: true,
    prepare: async (c) => {
      await signIt(c);
      await draftIt(c);
    },
    valid: (c: Ctx) => ({ id: c.made.draft }),
    check: (v) => {
      expect(v).toMatchObject({ kind: 'forward', number: null, title: 'Phiếu chuyển đơn (dự thảo ngày 14/03/2026)' });
      expect((v as { html: string }).html).toContain('DỰ THẢO');
      expect((v as { html: string }).html).toContain('Kính gửi: Sở Nông nghiệp và Môi trường');
    },
    bad: [
      ['no input', undefined, 'VALIDATION'],
      ['a non-existent draft', { id: MISSING_ID }, 'NOT_FOUND'],
      ['a draft approved already', (c: Ctx) => ({ id: c.made.draft }), 'CONFLICT', (c: Ctx) => c.t.client.approvals.approve({ id: c.made.draft!, on: '2026-03-15' })],
    ],
  },
} satisfies Record<MethodName, MethodCases>;

const cases = CASES as Record<MethodName, MethodCases>;

describe.skipIf(!onPostgres)('backups of a register on a PostgreSQL server', () => {
  it('are the server\'s: the status says where the register is, the desk methods refuse and write nothing', async () => {
    const status = expectOk(await ctx.t.api.call('backups.status', undefined)) as { onServer?: string; stale: boolean };
    expect(status.onServer).toMatch(/^postgres:\/\//);
    expect(status.stale).toBe(false);
    const before = await registerSnapshot(ctx.t.register);
    for (const [method, input] of [
      ['backups.configure', { folder: path.join(ctx.t.dir, 'sao-luu') }],
      ['backups.run', undefined],
      ['backups.restore', { file: 'so-tiep-cong-dan-2026-03-15T08-30-00Z.sqlite' }],
    ] as const) {
      const result = await ctx.t.api.call(method, input);
      expect(result.ok, method).toBe(false);
      expect(result.ok ? null : result.error.code, method).toBe('CONFLICT');
      expect(result.ok ? '' : result.error.message, method).toMatch(/pg_dump/);
    }
    expect(await registerSnapshot(ctx.t.register)).toEqual(before);
  });
});

describe('every contract method', () => {
  it('has cases here', () => {
    expect(Object.keys(CASES).sort()).toEqual([...METHOD_NAMES].sort());
  });

  // The desk's file backups exist for a register file only: on PostgreSQL they refuse (tested below).
  const FILE_ONLY = new Set<string>(['backups.status', 'backups.configure', 'backups.run', 'backups.restore']);
  describe.each(METHOD_NAMES.filter((m) => !(onPostgres && FILE_ONLY.has(m))))('%s', (method) => {
    const spec = cases[method];

    const server = () => spec.server?.(ctx) ?? ctx.t.api;

    it('succeeds with valid input', async () => {
      await spec.prepare?.(ctx);
      const before = await registerSnapshot(ctx.t.register);
      const from = await registerLastAuditId(ctx.t.register);
      const value = expectOk(await server().call(method, resolve(spec.valid, ctx)));
      await spec.check?.(value, ctx);
      const after = await registerSnapshot(ctx.t.register);
      if (spec.writes) {
        const rows = await registerAuditRowsSince(ctx.t.register, from);
        expect(after.auditCount).toBe(before.auditCount + 1);
        expect(rows).toHaveLength(1);
        expect(rows[0]).toMatchObject({ ...(spec.actor ? { actor_name: spec.actor } : { actor_id: ctx.admin.id, actor_name: 'Quản trị viên' }), at: TEST_NOW.toISOString() });
        expect(rows[0]!.after_json ?? rows[0]!.before_json).not.toBeNull();
      } else {
        expect(after).toEqual(before);
      }
    });

    it.each(spec.bad)('refuses %s and writes nothing', async (_label, input, code, setup) => {
      await spec.prepare?.(ctx);
      await setup?.(ctx);
      const before = await registerSnapshot(ctx.t.register);
      expectError(await server().call(method, resolve(input, ctx)), code);
      expect(await registerSnapshot(ctx.t.register)).toEqual(before);
    });
  });
});

describe('agencies', () => {
  it('search ignores case and tone marks, and finds by code', async () => {
    const { client } = ctx.t;
    for (const term of ['nong nghiep', 'NÔNG NGHIỆP', 'Nông   nghiệp', 'nông nghiệp'.normalize('NFD'), 'moi truong']) {
      expect(await client.agencies.list({ search: term }), term).toEqual([ctx.agency]);
    }
    expect(await client.agencies.list({ search: 'SO-NN' })).toEqual([ctx.agency]);
    expect(await client.agencies.list({ search: 'so-nnmt' })).toEqual([ctx.agency]);
    expect((await client.agencies.list({ search: 'Tịnh Khê' })).map((a) => a.kind)).toEqual(['commune']);
  });

  it('search treats % and _ literally', async () => {
    const { client } = ctx.t;
    expect(await client.agencies.list({ search: '%' })).toEqual([]);
    expect(await client.agencies.list({ search: '_' })).toEqual([]);
    expect(await client.agencies.list({ search: 'SO_NNMT' })).toEqual([]);
  });

  it('filters by kind, and groups by kind with names in folded order', async () => {
    const communes = await ctx.t.client.agencies.list({ kind: 'commune' });
    expect(communes).toHaveLength(96);
    expect(communes.every((a) => a.kind === 'commune')).toBe(true);
    const all = await ctx.t.client.agencies.list();
    expect(all).toHaveLength(125);
    const kinds = all.map((a) => a.kind).filter((k, i, arr) => i === 0 || arr[i - 1] !== k);
    expect(new Set(kinds).size).toBe(kinds.length); // each kind is one contiguous block
    for (const kind of kinds) {
      const names = all.filter((a) => a.kind === kind).map((a) => fold(a.name));
      expect(names).toEqual([...names].sort());
    }
  });

  it('hides inactive agencies unless includeInactive, and setActive toggles them', async () => {
    const { client } = ctx.t;
    const deactivated = await client.agencies.setActive({ id: ctx.agency.id, active: false });
    expect(deactivated.active).toBe(false);
    expect(await client.agencies.list({ search: 'nong nghiep' })).toEqual([]);
    expect((await client.agencies.list()).some((a) => a.id === ctx.agency.id)).toBe(false);
    expect(await client.agencies.list({ search: 'nong nghiep', includeInactive: true })).toEqual([deactivated]);
    expect(await client.agencies.get({ id: ctx.agency.id })).toEqual(deactivated);
    expect((await client.app.info()).counts).toMatchObject({ agencies: 125, activeAgencies: 124 });

    await client.agencies.setActive({ id: ctx.agency.id, active: true });
    expect(await client.agencies.list({ search: 'nong nghiep' })).toEqual([ctx.agency]);
  });

  it('refuses a duplicate code with CONFLICT naming the agency that holds it', async () => {
    const error = expectError(await ctx.t.api.call('agencies.upsert', { code: 'so-nnmt', name: 'Trùng', kind: 'other' }), 'CONFLICT');
    expect(error.message).toContain('SO-NNMT');
    expect(error.message).toContain('Sở Nông nghiệp và Môi trường');
    expect(error.issues).toEqual([{ path: 'code', message: expect.stringContaining('Sở Nông nghiệp và Môi trường') }]);
  });

  it('stores text trimmed and NFC, codes upper-cased, and keeps its own code on update', async () => {
    const { client, register } = ctx.t;
    const created = await client.agencies.upsert({ code: ' xa-thu ', name: '  UBND xã Thử Nghiệm '.normalize('NFD'), kind: 'commune' });
    expect(created).toMatchObject({ code: 'XA-THU', name: 'UBND xã Thử Nghiệm' });
    const row = await rawGet(register, 'select name, name_folded from agencies where id = ?', created.id);
    expect(row).toEqual({ name: 'UBND xã Thử Nghiệm'.normalize('NFC'), name_folded: 'ubnd xa thu nghiem' });
    const renamed = await client.agencies.upsert({ id: created.id, code: 'XA-THU', name: 'UBND xã Thử', kind: 'commune' });
    expect(renamed).toMatchObject({ id: created.id, name: 'UBND xã Thử' });
  });
});

describe('audit log', () => {
  it('records each successful write exactly once, with actor, before and after', async () => {
    const { client, register } = ctx.t;
    const audit = async <T>(write: () => Promise<T>) => {
      const from = await registerLastAuditId(register);
      const value = await write();
      const rows = await registerAuditRowsSince(register, from);
      expect(rows).toHaveLength(1);
      const row = rows[0]!;
      return {
        value,
        row,
        before: row.before_json === null ? null : (JSON.parse(row.before_json) as unknown),
        after: row.after_json === null ? null : (JSON.parse(row.after_json) as unknown),
      };
    };

    const created = await audit(() => client.agencies.upsert({ code: 'TEST-1', name: 'Cơ quan thử', kind: 'other' }));
    expect(created.row).toMatchObject({ action: 'create', entity: 'agency', entity_id: String(created.value.id), actor_name: 'Quản trị viên', actor_id: ctx.admin.id });
    expect(created.before).toBeNull();
    expect(created.after).toEqual(created.value);

    const updated = await audit(() => client.agencies.upsert({ id: created.value.id, code: 'TEST-1', name: 'Cơ quan thử (sửa)', kind: 'central' }));
    expect(updated.row).toMatchObject({ action: 'update', entity: 'agency', entity_id: String(created.value.id) });
    expect(updated.before).toEqual(created.value);
    expect(updated.after).toEqual(updated.value);

    const toggled = await audit(() => client.agencies.setActive({ id: created.value.id, active: false }));
    expect(toggled.before).toEqual(updated.value);
    expect(toggled.after).toEqual({ ...updated.value, active: false });

    const settings = await audit(() => client.settings.update({ placeName: 'Thành phố Quảng Ngãi' }));
    expect(settings.row).toMatchObject({ action: 'update', entity: 'settings', entity_id: null });
    expect(settings.before).toEqual(DEFAULT_SETTINGS);
    expect(settings.after).toEqual({ ...DEFAULT_SETTINGS, placeName: 'Thành phố Quảng Ngãi', communesAdded: 0 });

    const user = await audit(() => client.users.upsert({ username: 'binh.tt', fullName: 'Trần Thị Bình' }));
    expect(user.row).toMatchObject({ action: 'create', entity: 'user', entity_id: String(user.value.id) });
    expect(user.after).toEqual(user.value);

    const userUpdate = await audit(() => client.users.upsert({ id: user.value.id, username: 'binh.tt', fullName: 'Trần Thị Bình', title: 'Phó Trưởng Ban' }));
    expect(userUpdate.before).toEqual(user.value);
    expect(userUpdate.after).toEqual({ ...user.value, title: 'Phó Trưởng Ban' });

    const listed = await client.audit.list({ entity: 'agency', entityId: String(created.value.id) });
    expect(listed.map((e) => e.action)).toEqual(['update', 'update', 'create']);
    expect(listed[0]).toMatchObject({ actorName: 'Quản trị viên', before: updated.value, after: { ...updated.value, active: false } });
    expect(await client.audit.list({ limit: 2 })).toHaveLength(2);
  });

  it('names the signed-in officer on later rows', async () => {
    const { client, api, register } = ctx.t;
    const officer = await client.users.upsert({ username: 'binh.tt', fullName: 'Trần Thị Bình', role: 'handler' });
    await signInAs(ctx.t, officer.id);
    expect(await client.session.get()).toEqual({ officer });

    const from = await registerLastAuditId(register);
    await client.agencies.upsert({ code: 'TEST-2', name: 'Cơ quan thử 2', kind: 'other' });
    await client.petitions.update(updateInput(ctx.petition, { summary: 'Tóm tắt do Bình sửa' }));
    const rows = await registerAuditRowsSince(register, from);
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(row).toMatchObject({ actor_id: officer.id, actor_name: 'Trần Thị Bình' });
    expect((await client.audit.list({ limit: 1 }))[0]?.actorName).toBe('Trần Thị Bình');

    // The session belongs to one server: another one over the same register is signed out and writes nothing.
    const otherApi = createApiServer(register, { appVersion: 'x' });
    const before = await registerSnapshot(register);
    expectError(await otherApi.call('agencies.upsert', { code: 'TEST-3', name: 'Cơ quan thử 3', kind: 'other' }), 'UNAUTHENTICATED');
    expect(await registerSnapshot(register)).toEqual(before);
    expect(expectOk(await api.call('session.get', undefined))).toEqual({ officer });

    // An inactive officer cannot sign in, and the previous officer stays signed in.
    await register.db.updateTable('users').set({ password_hash: await hashPassword(TEST_PASSWORD, TEST_SCRYPT) }).where('id', '=', ctx.inactiveOfficer.id).execute();
    expectError(await api.call('auth.signIn', { username: 'nghi.viec', password: TEST_PASSWORD }), 'FORBIDDEN');
    expect(await client.session.get()).toEqual({ officer });
  });
});

describe('settings', () => {
  it('update is partial: other fields, and other document prefixes, are kept', async () => {
    const { client } = ctx.t;
    const first = await client.settings.update({ signerName: 'Phạm Văn Ký', signerTitle: 'PHÓ TRƯỞNG BAN' });
    expect(first).toEqual({ ...DEFAULT_SETTINGS, signerName: 'Phạm Văn Ký', signerTitle: 'PHÓ TRƯỞNG BAN' });
    const second = await client.settings.update({ docPrefixes: { forward: 'PC-TCD' } });
    const expected: Settings = { ...first, docPrefixes: { ...DEFAULT_SETTINGS.docPrefixes, forward: 'PC-TCD' } };
    expect(second).toEqual(expected);
    expect(await client.settings.get()).toEqual(expected);

    // ...and survive re-opening the file.
    await ctx.t.close();
    const again = await tempRegister({ path: ctx.t.path });
    try {
      expect(await again.client.settings.get()).toEqual(expected);
    } finally {
      await again.close();
    }
  });

  it('changing the province to 01 adds the commune agencies of Hà Nội in the same call', async () => {
    const { client, register } = ctx.t;
    const haNoi = await client.units.communes({ provinceCode: '01' });
    expect(haNoi.length).toBeGreaterThan(100);
    const before = await client.agencies.list();
    const from = await registerLastAuditId(register);

    const settings = await client.settings.update({ provinceCode: '01', placeName: 'Hà Nội' });
    expect(settings).toMatchObject({ provinceCode: '01', placeName: 'Hà Nội', boardName: DEFAULT_SETTINGS.boardName });

    const after = await client.agencies.list();
    expect(after).toHaveLength(before.length + haNoi.length);
    const codes = new Set(after.map((a) => a.code));
    for (const c of haNoi) expect(codes.has(`XA-${c.code}`), c.code).toBe(true);
    const rows = await registerAuditRowsSince(register, from);
    expect(rows).toHaveLength(1);
    expect(JSON.parse(rows[0]!.after_json!)).toMatchObject({ provinceCode: '01', communesAdded: haNoi.length });

    // Back to 51: nothing more to add (Quảng Ngãi's communes are already there).
    await client.settings.update({ provinceCode: '51' });
    expect(await client.agencies.list()).toHaveLength(after.length);
  });

  it('rolls back the settings change when adding the commune agencies fails', async () => {
    const { api, register } = ctx.t;
    const haNoi = expectOk<{ code: string }[]>(await api.call('units.communes', { provinceCode: '01' }));
    const lastCode = `XA-${haNoi.at(-1)!.code}`;
    // A trigger refuses the last commune as a constraint would (SQLite's raise(abort); SQLSTATE 23000 on PostgreSQL).
    if (register.engine === 'sqlite') {
      register.sqlite.exec(`create trigger fail_last_commune before insert on agencies when new.code = '${lastCode}'
        begin select raise(abort, 'simulated failure'); end`);
    } else {
      await rawRun(register, `create function fail_last_commune() returns trigger language plpgsql as $$
        begin if new.code = '${lastCode}' then raise exception 'simulated failure' using errcode = '23000'; end if; return new; end $$`);
      await rawRun(register, 'create trigger fail_last_commune before insert on agencies for each row execute function fail_last_commune()');
    }
    const before = await registerSnapshot(register);
    expectError(await api.call('settings.update', { provinceCode: '01', signerName: 'Ai Đó' }), 'CONFLICT');
    expect(await registerSnapshot(register)).toEqual(before);
    expect(expectOk<Settings>(await api.call('settings.get', undefined)).provinceCode).toBe('51');
    await rawRun(register, 'drop trigger fail_last_commune' + (register.engine === 'sqlite' ? '' : ' on agencies'));
  });

  it('refuses an unknown province 99 and writes nothing', async () => {
    const before = await registerSnapshot(ctx.t.register);
    const error = expectError(await ctx.t.api.call('settings.update', { provinceCode: '99', signerName: 'Ai Đó' }), 'VALIDATION');
    expect(error.message).toContain('99');
    expect(error.issues?.[0]?.path).toBe('provinceCode');
    expect(await registerSnapshot(ctx.t.register)).toEqual(before);
  });
});

describe('users', () => {
  it('cannot demote or deactivate the last active admin, but can once there is another', async () => {
    const { client, api } = ctx.t;
    const admin = ctx.admin;
    const demote = { id: admin.id, username: 'admin', fullName: admin.fullName, role: 'officer' as const };
    const error = expectError(await api.call('users.upsert', demote), 'CONFLICT');
    expect(error.message).toMatch(/quản trị viên/);

    // An inactive second admin does not count.
    const dormant = await client.users.upsert({ username: 'admin2', fullName: 'Quản trị dự phòng', role: 'admin', active: false });
    expectError(await api.call('users.upsert', demote), 'CONFLICT');

    await client.users.upsert({ id: dormant.id, username: 'admin2', fullName: dormant.fullName, role: 'admin', active: true });
    expect(await client.users.upsert(demote)).toMatchObject({ id: admin.id, role: 'officer' });
    // Now admin2 is the last one (and the only one who may still manage users: sign in as them).
    await signInAs(ctx.t, dormant.id);
    expectError(await api.call('users.upsert', { id: dormant.id, username: 'admin2', fullName: dormant.fullName, role: 'admin', active: false }), 'CONFLICT');
  });

  it('refuses renaming a user to a username already taken', async () => {
    const { client, api } = ctx.t;
    const user = await client.users.upsert({ username: 'a.b', fullName: 'A B' });
    expectError(await api.call('users.upsert', { id: user.id, username: 'admin', fullName: 'A B' }), 'CONFLICT');
  });
});

describe('unknown methods', () => {
  it.each(['agencies.delete', 'nope', '', 'constructor', 'toString', '__proto__', 'app.info '])('%j → UNKNOWN_METHOD', async (name) => {
    const before = await registerSnapshot(ctx.t.register);
    expectError(await ctx.t.api.call(name, undefined), 'UNKNOWN_METHOD');
    expect(await registerSnapshot(ctx.t.register)).toEqual(before);
  });
});

describe('internal errors', () => {
  it('are reported as INTERNAL envelopes, not thrown, with the original error in the log beside the register', async () => {
    // A PostgreSQL register has no folder of its own: its log is the fallback one (db/faults.ts), read from here on.
    const log = onPostgres ? FALLBACK_LOG : `${ctx.t.path}.errors.log`;
    const logged = fs.existsSync(log) ? fs.statSync(log).size : 0;
    await rawRun(ctx.t.register, 'drop index agencies_kind_name');
    await rawRun(ctx.t.register, 'alter table agencies rename to agencies_gone');
    const envelope = await ctx.t.api.call('agencies.list', undefined);
    expect(envelope).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    expect(fs.readFileSync(log).subarray(logged).toString('utf8')).toMatch(onPostgres ? /api agencies\.list: .*relation "agencies" does not exist/ : /api agencies\.list: .*no such table: agencies/);
  });
});
