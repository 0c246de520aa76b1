// The leader's approval of outgoing documents (issue 14 item 3) over a real register, as two and
// three officers: a handler drafts (no number, nothing printed), a leader approves (the number is
// issued, dated the day signed) or sends it back with a reason; the drafter edits or withdraws.
// Every refusal writes nothing; every draft, approval, send-back and withdrawal is one audit row
// naming the signed-in officer. Migration 0013 on a register in use.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildBridge, unwrapBridge, type ApiClient } from '../../shared/api/client.ts';
import type { MethodName } from '../../shared/api/contract.ts';
import type { Agency } from '../../shared/domain/agency.ts';
import type { Petition } from '../../shared/domain/petition.ts';
import type { UserRole } from '../../shared/domain/user.ts';
import { createApiServer, type ApiServer } from '../../db/api/server.ts';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../db/migrations/index.ts';
import { expectError } from '../helpers/envelope.ts';
import { petitionInput, visitInput } from '../helpers/intake.ts';
import { onPostgres, rawGet, tempRegister, TEST_APP_VERSION, type TempRegister } from '../helpers/register.ts';
import { registerAuditRowsSince, registerLastAuditId, registerSnapshot } from '../helpers/snapshot.ts';
import { agencyByCode, createPetition, workflowRegister, type WorkflowRegister } from '../helpers/workflow.ts';

interface Desk {
  id: number;
  name: string;
  api: ApiServer;
  client: ApiClient;
}

/** Another officer of the register, signed in on a server of their own (their desk). */
async function desk(t: TempRegister, username: string, fullName: string, role: UserRole): Promise<Desk> {
  const user = await t.client.users.upsert({ username, fullName, role });
  await t.register.db.updateTable('users').set({ must_change_password: 0 }).where('id', '=', user.id).execute();
  const api = createApiServer(t.register, { appVersion: TEST_APP_VERSION }, { signedInAs: user.id, idleLock: false });
  return { id: user.id, name: fullName, api, client: unwrapBridge(buildBridge((method: MethodName, input: unknown) => api.call(method, input))) };
}

/** Calls `method` on a desk expecting a refusal with `code`; nothing at all is written. */
async function refusedAt(t: TempRegister, d: Desk, method: MethodName, input: unknown, code: Parameters<typeof expectError>[1]) {
  const before = await registerSnapshot(t.register);
  const error = expectError(await d.api.call(method, input), code);
  expect(await registerSnapshot(t.register)).toEqual(before);
  return error;
}

let t: WorkflowRegister;
let handler: Desk;
let leader: Desk;
let officer: Desk;
let agency: Agency;
let other: Agency;
/** Received Monday 2026-03-16, classified eligible on 2026-03-17; the clock reads Friday 2026-03-20. */
let p: Petition;

beforeEach(async () => {
  t = await workflowRegister('2026-03-20');
  await t.client.settings.update({ approvalRequired: true, signerName: 'Phạm Văn Ký' });
  handler = await desk(t, 'xu.ly', 'Trần Văn Xử', 'handler');
  leader = await desk(t, 'lanh.dao', 'Lê Thị Duyệt', 'leader');
  officer = await desk(t, 'tiep.nhan', 'Ngô Văn Nhận', 'officer');
  agency = await agencyByCode(t, 'SO-NNMT');
  other = await agencyByCode(t, 'SO-TP');
  p = await createPetition(t, { receivedOn: '2026-03-16' });
  await handler.client.workflow.classify({ petitionId: p.id, eligible: true, on: '2026-03-17' });
});
afterEach(async () => {
  await t.cleanup();
});

const forward = (d: Desk, agencyId = agency.id, on = '2026-03-18') => d.client.workflow.decide({ petitionId: p.id, action: 'forward', agencyId, on });

describe('a handler drafts, a leader approves', () => {
  it('saves the forward as a draft: no decision, no number, no print; audited as the handler', async () => {
    const from = await registerLastAuditId(t.register);
    const workflow = await forward(handler);
    expect(workflow.decisions).toEqual([]);
    expect(workflow.stage).toBe('awaiting_decision');
    expect(await t.register.db.selectFrom('outgoing_documents').selectAll().execute()).toEqual([]);
    const [draft] = await handler.client.approvals.list({ petitionId: p.id });
    expect(draft).toMatchObject({ kind: 'decision', status: 'pending', documentKind: 'forward', title: `Phiếu chuyển đơn đến ${agency.name}`, registerNo: p.registerNo, draftedBy: 'Trần Văn Xử', draftedById: handler.id, documentNo: null, proposal: { action: 'forward', agencyId: agency.id, on: '2026-03-18' } });
    expect(await registerAuditRowsSince(t.register, from)).toMatchObject([{ action: 'draft', entity: 'petition', entity_id: String(p.id), actor_id: handler.id, actor_name: 'Trần Văn Xử' }]);
    // No notice to the citizen before the decision exists.
    expect(await handler.client.notices.list({ petitionId: p.id })).toEqual([]);

    const preview = await handler.client.approvals.preview({ id: draft!.id });
    expect(preview).toMatchObject({ kind: 'forward', number: null, title: 'Phiếu chuyển đơn (dự thảo ngày 18/03/2026)' });
    expect(preview.html).toContain(`Kính gửi: ${agency.name}`);
    expect(preview.html).toContain('DỰ THẢO');
    const print = await refusedAt(t, handler, 'documents.render', { kind: 'forward', petitionId: p.id }, 'CONFLICT');
    expect(print.message).toContain('dự thảo chờ lãnh đạo duyệt');
    expect(print.message).toContain('chưa in được');
  });

  it('the leader approves: the decision is taken, numbered and dated the day signed; then the handler prints', async () => {
    await forward(handler);
    const [draft] = await leader.client.approvals.list({ petitionId: p.id });
    expect((await leader.client.approvals.todo()).pending.map((a) => a.id)).toEqual([draft!.id]);
    expect((await handler.client.approvals.todo()).pending).toEqual([]); // a handler approves nothing

    const from = await registerLastAuditId(t.register);
    const approved = await leader.client.approvals.approve({ id: draft!.id, on: '2026-03-20' });
    expect(approved).toMatchObject({ status: 'approved', signedOn: '2026-03-20', documentNo: '01/PC-BTCD', decidedBy: 'Lê Thị Duyệt' });
    const rows = await registerAuditRowsSince(t.register, from);
    expect(rows).toMatchObject([{ action: 'approve', entity: 'petition', entity_id: String(p.id), actor_id: leader.id, actor_name: 'Lê Thị Duyệt' }]);
    expect(JSON.parse(rows[0]!.after_json!)).toMatchObject({ documentNo: '01/PC-BTCD', workflow: { status: 'forwarded' } });

    const { workflow } = await handler.client.petitions.get({ id: p.id });
    expect(workflow.decisions).toMatchObject([{ action: 'forward', decidedOn: '2026-03-20', documentNo: '01/PC-BTCD', agency: { id: agency.id } }]);
    expect(workflow.stage).toBe('forwarded');
    expect((await leader.client.approvals.todo()).counts.pending).toBe(0);

    const printed = await handler.client.documents.render({ kind: 'forward', petitionId: p.id });
    expect(printed.html).toContain('01/PC-BTCD');
  });

  it('refuses approval to a role without `approve` (FORBIDDEN) and writes nothing', async () => {
    await forward(handler);
    const [draft] = await handler.client.approvals.list({ petitionId: p.id });
    const error = await refusedAt(t, handler, 'approvals.approve', { id: draft!.id, on: '2026-03-20' }, 'FORBIDDEN');
    expect(error.message).toContain('duyệt và ký văn bản đi');
    await refusedAt(t, handler, 'approvals.sendBack', { id: draft!.id, reason: 'Tự trả lại mình' }, 'FORBIDDEN');
    await refusedAt(t, officer, 'approvals.approve', { id: draft!.id, on: '2026-03-20' }, 'FORBIDDEN');
    await refusedAt(t, officer, 'approvals.withdraw', { id: draft!.id }, 'FORBIDDEN');
  });

  it('refuses a second decision while the draft waits, directly or as another draft', async () => {
    await forward(handler);
    const again = await refusedAt(t, handler, 'workflow.decide', { petitionId: p.id, action: 'forward', agencyId: other.id, on: '2026-03-18' }, 'CONFLICT');
    expect(again.message).toContain('chờ lãnh đạo duyệt');
    // Filing needs no approval, but not beside a pending forward.
    await refusedAt(t, handler, 'workflow.decide', { petitionId: p.id, action: 'file', on: '2026-03-18' }, 'CONFLICT');
  });

  it('re-checks the step on approval: a date before the classification is refused, nothing written', async () => {
    await forward(handler);
    const [draft] = await leader.client.approvals.list({ petitionId: p.id });
    await refusedAt(t, leader, 'approvals.approve', { id: draft!.id, on: '2026-03-16' }, 'VALIDATION');
    await refusedAt(t, leader, 'approvals.approve', { id: draft!.id, on: '2026-03-21' }, 'VALIDATION');
  });
});

describe('a leader sends a draft back', () => {
  it('with a reason; the drafter sees it, edits it through the same form, and it waits again', async () => {
    await forward(handler);
    const [draft] = await leader.client.approvals.list({ petitionId: p.id });
    const from = await registerLastAuditId(t.register);
    const back = await leader.client.approvals.sendBack({ id: draft!.id, reason: 'Đơn thuộc thẩm quyền Sở Tư pháp' });
    expect(back).toMatchObject({ status: 'returned', returnReason: 'Đơn thuộc thẩm quyền Sở Tư pháp', decidedBy: 'Lê Thị Duyệt' });
    expect(await registerAuditRowsSince(t.register, from)).toMatchObject([{ action: 'send_back', actor_name: 'Lê Thị Duyệt' }]);

    expect(await handler.client.approvals.todo()).toMatchObject({ returned: [{ id: draft!.id, status: 'returned' }], counts: { returned: 1 } });
    expect((await leader.client.approvals.todo()).counts).toEqual({ pending: 0, returned: 0 });
    await refusedAt(t, handler, 'documents.render', { kind: 'forward', petitionId: p.id }, 'CONFLICT');

    // The edit: the same form again, to the other agency; the same draft, pending again.
    await forward(handler, other.id);
    const edited = await handler.client.approvals.list({ petitionId: p.id });
    expect(edited).toMatchObject([{ id: draft!.id, status: 'pending', title: `Phiếu chuyển đơn đến ${other.name}`, proposal: { agencyId: other.id } }]);
    expect((await handler.client.approvals.todo()).counts.returned).toBe(0);
    const approved = await leader.client.approvals.approve({ id: draft!.id, on: '2026-03-20' });
    expect(approved.documentNo).toBe('01/PC-BTCD');
    expect((await handler.client.petitions.get({ id: p.id })).workflow.decisions[0]!.agency?.id).toBe(other.id);
  });

  it('the drafter withdraws it (only the drafter); nothing was numbered, and the step can be taken again', async () => {
    await forward(handler);
    const [draft] = await leader.client.approvals.list({ petitionId: p.id });
    await leader.client.approvals.sendBack({ id: draft!.id, reason: 'Chưa đủ căn cứ chuyển đơn' });
    const colleague = await desk(t, 'xu.ly.2', 'Phan Văn Khác', 'handler');
    const error = await refusedAt(t, colleague, 'approvals.withdraw', { id: draft!.id }, 'FORBIDDEN');
    expect(error.message).toContain('chỉ người soạn mới rút được');
    // A direct step beside a draft sent back is refused until it is withdrawn.
    await refusedAt(t, handler, 'workflow.decide', { petitionId: p.id, action: 'file', on: '2026-03-18' }, 'CONFLICT');

    const from = await registerLastAuditId(t.register);
    expect(await handler.client.approvals.withdraw({ id: draft!.id })).toMatchObject({ status: 'withdrawn', documentNo: null });
    expect(await registerAuditRowsSince(t.register, from)).toMatchObject([{ action: 'withdraw_draft', actor_name: 'Trần Văn Xử' }]);
    await refusedAt(t, leader, 'approvals.approve', { id: draft!.id, on: '2026-03-20' }, 'CONFLICT');
    // Filing needs no approval: it is recorded at once.
    const w = await handler.client.workflow.decide({ petitionId: p.id, action: 'file', on: '2026-03-18' });
    expect(w.decisions).toMatchObject([{ action: 'file', documentNo: null }]);
  });
});

describe('reminders and notices to citizens', () => {
  it('a reminder and the outcome notice are drafts until approved; the notice prints only then', async () => {
    await forward(handler);
    const [decisionDraft] = await leader.client.approvals.list({ petitionId: p.id });
    await leader.client.approvals.approve({ id: decisionDraft!.id, on: '2026-03-18' });

    // The notice to the petitioner that the forward requires.
    const [notice] = await handler.client.notices.list({ petitionId: p.id });
    await refusedAt(t, handler, 'documents.render', { kind: 'notice', noticeId: notice!.id }, 'CONFLICT');
    expect(await handler.client.notices.issue({ id: notice!.id, on: '2026-03-19' })).toMatchObject({ issuedOn: null, documentNo: null });
    const printRefused = await refusedAt(t, handler, 'documents.render', { kind: 'notice', noticeId: notice!.id }, 'CONFLICT');
    expect(printRefused.message).toContain('chờ lãnh đạo duyệt');
    await refusedAt(t, handler, 'notices.issue', { id: notice!.id, on: '2026-03-19' }, 'CONFLICT');

    await handler.client.workflow.remind({ petitionId: p.id, on: '2026-03-20' });
    expect((await handler.client.petitions.get({ id: p.id })).workflow.reminders).toEqual([]);
    await refusedAt(t, handler, 'documents.render', { kind: 'reminder', petitionId: p.id }, 'CONFLICT');

    const todo = await leader.client.approvals.todo();
    expect(todo.pending.map((a) => [a.kind, a.title])).toEqual([
      ['notice', 'Thông báo kết quả xử lý đơn'],
      ['reminder', `Công văn đôn đốc đến ${agency.name}`],
    ]);
    const [noticeDraft, reminderDraft] = todo.pending;
    // The leader reads each draft before approving: unnumbered, marked DỰ THẢO, audited as a preview.
    const from = await registerLastAuditId(t.register);
    for (const d of todo.pending) {
      const preview = await leader.client.approvals.preview({ id: d.id });
      expect(preview).toMatchObject({ number: null });
      expect(preview.html).toContain('DỰ THẢO');
    }
    expect((await leader.client.approvals.preview({ id: reminderDraft!.id })).html).toContain(agency.name);
    expect((await registerAuditRowsSince(t.register, from)).map((r) => r.action)).toEqual(['preview_draft', 'preview_draft', 'preview_draft']);
    expect(await leader.client.approvals.approve({ id: noticeDraft!.id, on: '2026-03-20' })).toMatchObject({ documentNo: '01/TB-BTCD', signedOn: '2026-03-20' });
    expect(await handler.client.notices.get({ id: notice!.id })).toMatchObject({ issuedOn: '2026-03-20', documentNo: '01/TB-BTCD', issuedBy: 'Lê Thị Duyệt' });
    expect((await handler.client.documents.render({ kind: 'notice', noticeId: notice!.id })).html).toContain('01/TB-BTCD');

    expect(await leader.client.approvals.approve({ id: reminderDraft!.id, on: '2026-03-20' })).toMatchObject({ documentNo: '01/BTCD' });
    expect((await handler.client.petitions.get({ id: p.id })).workflow.reminders).toMatchObject([{ sentOn: '2026-03-20', documentNo: '01/BTCD' }]);
    expect((await handler.client.documents.render({ kind: 'reminder', petitionId: p.id })).html).toContain('01/BTCD');
  });

  it('reversing the decision withdraws the drafts of the notice and the reminder that hung on it', async () => {
    await forward(handler);
    const [decisionDraft] = await leader.client.approvals.list({ petitionId: p.id });
    await leader.client.approvals.approve({ id: decisionDraft!.id, on: '2026-03-18' });
    const [notice] = await handler.client.notices.list({ petitionId: p.id });
    await handler.client.notices.issue({ id: notice!.id, on: '2026-03-19' });
    await handler.client.workflow.remind({ petitionId: p.id, on: '2026-03-19' });
    await handler.client.workflow.reverse({ petitionId: p.id, what: 'decision', note: 'Chuyển nhầm cơ quan' });
    expect((await leader.client.approvals.list({ petitionId: p.id })).map((a) => [a.kind, a.status])).toEqual([
      ['decision', 'approved'],
      ['notice', 'withdrawn'],
      ['reminder', 'withdrawn'],
    ]);
    expect((await leader.client.approvals.todo()).counts.pending).toBe(0);
  });
});

describe('the refusal notice of a visit (form 01/TCD)', () => {
  it('is a draft until approved: neither form prints before, both print the number after', async () => {
    const session = await t.client.sessions.upsert({ kind: 'regular', date: '2026-03-20' });
    const visit = await t.client.visits.save(visitInput(session.id, { outcome: 'refused', refusalGround: 'law_9_3' }));
    const noticeId = visit.refusalNotice!.id;
    await refusedAt(t, handler, 'documents.render', { kind: 'refusal', visitId: visit.id }, 'CONFLICT');
    await handler.client.notices.issue({ id: noticeId, on: '2026-03-20' });
    const [draft] = await leader.client.approvals.list({ visitId: visit.id });
    expect(draft).toMatchObject({ kind: 'notice', status: 'pending', visitId: visit.id, petitionId: null, registerNo: null, title: 'Thông báo từ chối tiếp công dân (mẫu 01/TCD)' });
    for (const request of [{ kind: 'notice', noticeId }, { kind: 'refusal', visitId: visit.id }]) {
      expect((await refusedAt(t, handler, 'documents.render', request, 'CONFLICT')).message).toContain('chờ lãnh đạo duyệt');
    }
    const from = await registerLastAuditId(t.register);
    expect(await leader.client.approvals.approve({ id: draft!.id, on: '2026-03-20' })).toMatchObject({ documentNo: '01/TB-BTCD' });
    expect(await registerAuditRowsSince(t.register, from)).toMatchObject([{ action: 'approve', entity: 'visit', entity_id: String(visit.id), actor_name: 'Lê Thị Duyệt' }]);
    for (const request of [{ kind: 'notice' as const, noticeId }, { kind: 'refusal' as const, visitId: visit.id }]) {
      expect((await handler.client.documents.render(request)).number).toBe('01/TB-BTCD');
    }
  });
});

describe('with the setting off', () => {
  it('numbers at once as before, and pending drafts can still be approved', async () => {
    await forward(handler);
    await t.client.settings.update({ approvalRequired: false });
    const q = await createPetition(t, { receivedOn: '2026-03-16' });
    await handler.client.workflow.classify({ petitionId: q.id, eligible: true, on: '2026-03-17' });
    const direct = await handler.client.workflow.decide({ petitionId: q.id, action: 'guide', agencyId: agency.id, on: '2026-03-18' });
    expect(direct.decisions).toMatchObject([{ action: 'guide', documentNo: '01/HD-BTCD' }]);
    const [draft] = await leader.client.approvals.list({ petitionId: p.id });
    expect(await leader.client.approvals.approve({ id: draft!.id, on: '2026-03-20' })).toMatchObject({ documentNo: '01/PC-BTCD' });
  });
});

// A migration from an older SQLite schema: a PostgreSQL register starts at schema 15.
describe.skipIf(onPostgres)('0013-approval on a register in use', () => {
  it('keeps every petition, decision and number; the setting starts off and steps number at once', async () => {
    // The register as the version before 0013 left it, written row by row (today's operations
    // write the columns of later migrations).
    const before0013 = MIGRATIONS.findIndex(([name]) => name === '0013-approval');
    const old = await tempRegister({ migrateTo: before0013, now: new Date('2026-03-20T03:00:00.000Z') });
    try {
      const T = "'2026-03-16T03:00:00.000Z'";
      const s = old.register.sqlite;
      const sod = { id: Number(s.prepare(`insert into agencies (code, name, name_folded, kind, created_at, updated_at) values ('so-thu', 'Sở Thử', 'so thu', 'other', ${T}, ${T})`).run().lastInsertRowid) };
      const pet = {
        id: Number(
          s
            .prepare(
              `insert into petitions (year, seq, register_no, received_on, channel, kind, field, signatories, summary, search_folded, created_at, updated_at, due_on, step, step_due_on)
               values (2026, 1, '2026/000001', '2026-03-16', 'post', 'complaint', 'land', 1, 'Khiếu nại việc thu hồi đất', '2026/000001 khieu nai viec thu hoi dat', ${T}, ${T},
                 '2026-03-30', 'complaint_acceptance', '2026-03-25')`,
            )
            .run().lastInsertRowid,
        ),
      };
      const matter = s.prepare(`insert into matters (kind, field, title, title_folded, first_seen_on, created_at, updated_at) values ('complaint', 'land', 'Khiếu nại việc thu hồi đất', 'khieu nai viec thu hoi dat', '2026-03-16', ${T}, ${T})`).run().lastInsertRowid;
      s.prepare(`insert into petition_contents (petition_id, position, matter_id, kind, field, summary) values (?, 0, ?, 'complaint', 'land', 'Khiếu nại việc thu hồi đất')`).run(pet.id, matter);
      s.prepare(`insert into classifications (petition_id, eligible, decided_on, decided_by, created_at) values (?, 1, '2026-03-17', 'Cán bộ cũ', ${T})`).run(pet.id);
      // The forward as the previous version stored it: numbered at once, no draft.
      const doc = s
        .prepare(`insert into outgoing_documents (kind, year, seq, number, petition_id, issued_on, created_at) values ('forward', 2026, 1, '01/PC-BTCD', ?, '2026-03-18', '2026-03-18T03:00:00.000Z')`)
        .run(pet.id).lastInsertRowid;
      s.prepare(
        `insert into decisions (petition_id, action, decided_on, agency_id, document_id, document_no, reply_due_on, decided_by, created_at, to_inspection) values (?, 'forward', '2026-03-18', ?, ?, '01/PC-BTCD', '2026-04-01', 'Cán bộ cũ', '2026-03-18T03:00:00.000Z', 0)`,
      ).run(pet.id, sod.id, doc);
      s.prepare(`update petitions set stage = 'forwarded', cls_eligible = 1, dec_action = 'forward', dec_on = '2026-03-18', dec_agency_id = ?, reply_due_on = '2026-04-01' where id = ?`).run(sod.id, pet.id);
      const tables = ['petitions', 'decisions', 'outgoing_documents', 'notices', 'classifications'];
      // Every column the rows had before, compared after (later migrations add columns of their own).
      const columnsBefore = Object.fromEntries(tables.map((name) => [name, (s.pragma(`table_info(${name})`) as { name: string }[]).map((c) => `"${c.name}"`).join(', ')]));
      const rows = (db: typeof s) => Object.fromEntries(tables.map((name) => [name, db.prepare(`select ${columnsBefore[name]} from ${name} order by rowid`).all()]));
      const before = rows(s);
      expect(old.register.schemaVersion()).toBe(before0013);
      await old.close();

      const now = await tempRegister({ path: old.path, now: new Date('2026-03-20T03:00:00.000Z') });
      try {
        expect(now.register.schemaVersion()).toBe(LATEST_SCHEMA_VERSION);
        expect(rows(now.register.sqlite)).toEqual(before);
        expect(await rawGet(now.register, 'select count(*) as n from approvals')).toEqual({ n: 0 });
        expect((await now.client.settings.get()).approvalRequired).toBe(false);
        const q = await now.client.petitions.create(petitionInput({ receivedOn: '2026-03-16' }));
        await now.client.workflow.classify({ petitionId: q.id, eligible: true, on: '2026-03-17' });
        const w = await now.client.workflow.decide({ petitionId: q.id, action: 'forward', agencyId: sod.id, on: '2026-03-19' });
        expect(w.decisions).toMatchObject([{ documentNo: '02/PC-BTCD' }]);
        expect(await now.client.approvals.list({ petitionId: pet.id })).toEqual([]);
      } finally {
        await now.close();
      }
    } finally {
      await old.cleanup();
    }
  });
});
