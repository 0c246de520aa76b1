// Handling decided per content (migration 0014-content-decisions): a letter with a complaint and
// a denunciation gets one decision per content, each with the step deadline and the notices of
// its own kind; refusals write nothing; the interchange file carries it; the migration turns
// a register's decisions into its first contents' and gives each content its pending step.
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../db/context.ts';
import { exportRegister } from '../../db/interchange/export.ts';
import { importFile } from '../../db/interchange/import.ts';
import { LATEST_SCHEMA_VERSION, MIGRATIONS } from '../../db/migrations/index.ts';
import { fold } from '../../shared/text.ts';
import { serialiseInterchangeV2, type V2File } from '../../shared/interchange/v2.ts';
import { DUC } from '../helpers/intake.ts';
import { refreshContentSteps } from '../../db/ops/notices.ts';
import { KIND_STEP } from '../../shared/rules/deadlines.ts';
import { tempDir, tempRegister, type TempDir, type TempRegister } from '../helpers/register.ts';
import { agencyByCode, createPetition, refused, workflowOf, workflowRegister, type WorkflowRegister } from '../helpers/workflow.ts';

let t: WorkflowRegister | undefined;
const others: TempRegister[] = [];
const dirs: TempDir[] = [];
afterEach(async () => {
  await t?.cleanup();
  t = undefined;
  for (const r of others.splice(0)) await r.cleanup();
  for (const d of dirs.splice(0)) d.cleanup();
});

/** Received Mon 2 March 2026: a complaint first, then a denunciation of the same letter. */
async function letterOfTwo(w: WorkflowRegister) {
  const p = await createPetition(w, {
    receivedOn: '2026-03-02',
    kind: 'complaint',
    field: 'land',
    summary: 'Khiếu nại quyết định thu hồi đất và tố cáo cán bộ địa chính',
    petitioners: [DUC],
    contents: [{ kind: 'denunciation', field: 'corruption', summary: 'Tố cáo cán bộ địa chính xã nhận tiền' }],
  });
  const contents = (await w.client.petitions.get({ id: p.id })).contents;
  await w.client.workflow.classify({ petitionId: p.id, eligible: true, on: '2026-03-03' });
  return { p, complaint: contents[0]!, denunciation: contents[1]! };
}

/** Received Mon 2 March 2026: a complaint first, then a recommendation of the same letter. */
async function letterWithRecommendation(w: WorkflowRegister) {
  const p = await createPetition(w, {
    receivedOn: '2026-03-02',
    kind: 'complaint',
    field: 'land',
    summary: 'Khiếu nại thu hồi đất và kiến nghị làm đường',
    contents: [{ kind: 'recommendation', field: 'policy', summary: 'Kiến nghị làm đường thôn' }],
  });
  const [first, second] = (await w.client.petitions.get({ id: p.id })).contents;
  return { p, first: first!, second: second! };
}

describe('decisions per content', () => {
  it('each content has its own step deadline, decision and notice by its own kind', async () => {
    t = await workflowRegister('2026-03-13');
    const agency = await agencyByCode(t, 'SO-NNMT');
    const { p, complaint, denunciation } = await letterOfTwo(t);
    // Both steps are due: the denunciation's forward in 5 working days, the complaint's acceptance in 7.
    const steps = async () => (await t!.client.todo.law()).steps.filter((s) => s.id === p.id).map((s) => [s.contentPosition, s.kind, s.step, s.dueOn]);
    expect(await steps()).toEqual([
      [1, 'denunciation', 'denunciation_forward', '2026-03-09'],
      [0, 'complaint', 'complaint_acceptance', '2026-03-11'],
    ]);

    // The denunciation (the second content) is forwarded: the denouncer is told of the forward.
    let w = await t.client.workflow.decide({ petitionId: p.id, contentId: denunciation.id, action: 'forward', agencyId: agency.id, on: '2026-03-06' });
    expect(w.decisions.map((d) => [d.contentId, d.contentPosition, d.action])).toEqual([[denunciation.id, 1, 'forward']]);
    expect(w.stage).toBe('awaiting_decision'); // the petition's stage follows its first content
    expect((await t.client.notices.list({ petitionId: p.id })).map((n) => [n.kind, n.dueOn])).toEqual([['denunciation_forward', '2026-03-09']]);
    expect(await steps()).toEqual([[0, 'complaint', 'complaint_acceptance', '2026-03-11']]);

    // The complaint (first content) is accepted: the outcome of handling is told to the citizen.
    w = await t.client.workflow.decide({ petitionId: p.id, action: 'accept', on: '2026-03-09' });
    expect(w.decisions.map((d) => [d.contentPosition, d.action])).toEqual([[1, 'forward'], [0, 'accept']]);
    expect(w.stage).toBe('closed');
    expect((await t.client.notices.list({ petitionId: p.id })).map((n) => n.kind)).toEqual(['denunciation_forward', 'handling']);
    expect(await steps()).toEqual([]);

    // The reply and a reminder name the content forwarded; a reversal brings its step back.
    await t.client.workflow.reply({ petitionId: p.id, contentId: denunciation.id, on: '2026-03-12', outcome: 'resolved', documentNo: '09/BC-SNNMT' });
    expect((await t.client.notices.list({ petitionId: p.id })).map((n) => n.kind)).toEqual(['denunciation_forward', 'handling', 'result']);
    await t.client.workflow.reverse({ petitionId: p.id, contentId: denunciation.id, what: 'reply', note: 'Ghi nhầm báo cáo' });
    await t.client.workflow.reverse({ petitionId: p.id, contentId: denunciation.id, what: 'decision', note: 'Chuyển nhầm cơ quan' });
    expect(await steps()).toEqual([[1, 'denunciation', 'denunciation_forward', '2026-03-09']]);
    expect((await workflowOf(t, p.id)).stage).toBe('closed');
    void complaint;
  });

  it('a new petition\'s contents take their steps with their rows: a full recount changes nothing', async () => {
    // The save writes each content's pending step at insert (no decision can exist yet); the
    // recount from the stored rows (refreshContentSteps, which an edit and a calendar change run)
    // must find every one already right. Late December: the deadlines run into the new year.
    t = await workflowRegister('2026-12-31');
    const kinds = ['complaint', 'denunciation', 'recommendation', 'multiple'] as const;
    for (const [i, kind] of kinds.entries()) {
      const further = kinds.filter((k): k is Exclude<typeof k, 'multiple'> => k !== kind && k !== 'multiple');
      await createPetition(t, {
        receivedOn: `2026-12-${24 + i}`,
        kind,
        field: 'land',
        summary: `Đơn thứ ${i + 1} gồm nhiều nội dung`,
        contents: further.map((k, j) => ({ kind: k, field: 'policy', summary: `Nội dung ${j + 2} của đơn ${i + 1}` })),
      });
    }
    const stored = () => t!.register.db.selectFrom('petition_contents').select(['id', 'kind', 'step', 'step_due_on']).orderBy('id').execute();
    const before = await stored();
    expect(before).toHaveLength(4 + 3 * 2 + 3); // a 'multiple' letter carries the three other kinds
    // Each kind with a step has it and its date, some of them in the new year; the others have none.
    for (const c of before) {
      expect(c.step).toBe(KIND_STEP[c.kind as keyof typeof KIND_STEP]);
      if (c.step === null) expect(c.step_due_on).toBeNull();
      else expect(c.step_due_on! > '2026-12-24').toBe(true);
    }
    expect(before.filter((c) => c.step_due_on !== null && c.step_due_on > '2026-12-31').length).toBeGreaterThan(0);
    const changed = await t.register.db.transaction().execute((trx) => refreshContentSteps(trx, { missingOnly: false }));
    expect(changed).toBe(0);
    expect(await stored()).toEqual(before);
  });

  it('refuses what does not fit the content, with a Vietnamese message, writing nothing', async () => {
    t = await workflowRegister('2026-03-13');
    const agency = await agencyByCode(t, 'SO-NNMT');
    const { p, denunciation } = await letterOfTwo(t);
    const other = await createPetition(t, { receivedOn: '2026-03-02' });
    const otherContent = (await t.client.petitions.get({ id: other.id })).contents[0]!;
    await t.client.workflow.decide({ petitionId: p.id, contentId: denunciation.id, action: 'forward', agencyId: agency.id, on: '2026-03-06' });

    const twice = await refused(t, 'workflow.decide', { petitionId: p.id, contentId: denunciation.id, action: 'file', on: '2026-03-06' }, 'CONFLICT');
    expect(twice.message).toMatch(/^Nội dung 2 của đơn .* đã có quyết định xử lý/);
    const foreign = await refused(t, 'workflow.decide', { petitionId: p.id, contentId: otherContent.id, action: 'file', on: '2026-03-06' }, 'NOT_FOUND');
    expect(foreign.message).toMatch(/không thuộc đơn/);
    // The first content is a complaint: no reply or reminder before it is forwarded.
    const reply = await refused(t, 'workflow.reply', { petitionId: p.id, on: '2026-03-12', outcome: 'resolved' }, 'CONFLICT');
    expect(reply.message).toMatch(/^Nội dung 1 của đơn .* chưa được chuyển/);
    // The classification cannot go while a content has a decision.
    const cls = await refused(t, 'workflow.reverse', { petitionId: p.id, what: 'classification', note: 'Phân loại lại' }, 'CONFLICT');
    expect(cls.message).toMatch(/hủy quyết định trước/);
    const bad = await refused(t, 'workflow.decide', { petitionId: p.id, contentId: -1, action: 'file', on: '2026-03-06' }, 'VALIDATION');
    expect(bad.message).toMatch(/Mã nội dung đơn không hợp lệ/);
  });

  it('a denunciation content may go to the inspection body only when anonymous; a complaint content never', async () => {
    t = await workflowRegister('2026-03-13');
    const { p } = await letterOfTwo(t);
    const inspection = await agencyByCode(t, 'SO-NNMT');
    const error = await refused(t, 'workflow.decide', { petitionId: p.id, action: 'forward', agencyId: inspection.id, on: '2026-03-06', toInspection: true }, 'CONFLICT');
    expect(error.message).toMatch(/không phải đơn tố cáo nặc danh/);
  });

  it('round trip of the interchange file with a decision, reply and notices on the second content', async () => {
    t = await workflowRegister('2026-03-13');
    const agency = await agencyByCode(t, 'SO-NNMT');
    const { p, denunciation } = await letterOfTwo(t);
    await t.client.workflow.decide({ petitionId: p.id, contentId: denunciation.id, action: 'forward', agencyId: agency.id, on: '2026-03-06' });
    await t.client.workflow.remind({ petitionId: p.id, contentId: denunciation.id, on: '2026-03-10' });
    await t.client.workflow.reply({ petitionId: p.id, contentId: denunciation.id, on: '2026-03-12', outcome: 'resolved', documentNo: '09/BC-SNNMT' });
    await t.client.workflow.decide({ petitionId: p.id, action: 'guide', agencyId: agency.id, on: '2026-03-09' });
    const text1 = serialiseInterchangeV2(await exportRegister(t.register));
    const file = JSON.parse(text1) as V2File;
    const petition = file.petitions.find((x) => x.register_no === p.registerNo)!;
    expect(petition.decision).toMatchObject({ action: 'guide' });
    expect(petition.reply).toBeNull();
    expect(petition.contents[1]).toMatchObject({ decision: { action: 'forward', on: '2026-03-06' }, reply: { on: '2026-03-12' }, reminders: [{ on: '2026-03-10' }] });
    expect(file.notices!.map((n) => [n.kind, n.step, n.content])).toEqual([
      ['denunciation_forward', 'decision', 1],
      ['result', 'reply', 1],
      ['handling', 'decision', undefined],
    ]);
    const second = await tempRegister({ now: new Date('2026-03-13T03:00:00Z') });
    others.push(second);
    await importFile(second.register, JSON.parse(text1), { id: null, name: 'Kiểm thử' } satisfies Actor);
    const text2 = serialiseInterchangeV2(await exportRegister(second.register));
    const strip = (s: string) => s.replace(/^ {2}"exported_at": "[^"]*",\n/m, '');
    expect(strip(text2)).toBe(strip(text1));
  });
});

describe('printing the document of a further content', () => {
  it('prints the named content\'s slip when both contents are forwarded; refuses a content without that decision, and a content on a document not printed from a decision', async () => {
    t = await workflowRegister('2026-03-13');
    const agency = await agencyByCode(t, 'SO-NNMT');
    const { p, first, second } = await letterWithRecommendation(t);
    await t.client.settings.update({ signerName: 'Phạm Văn Ký' });
    await t.client.workflow.classify({ petitionId: p.id, eligible: true, on: '2026-03-03' });
    await t.client.workflow.decide({ petitionId: p.id, action: 'forward', agencyId: agency.id, on: '2026-03-04' });
    const w = await t.client.workflow.decide({ petitionId: p.id, contentId: second.id, action: 'forward', agencyId: agency.id, on: '2026-03-05' });
    const numberOf = (contentId: number) => w.decisions.find((d) => d.contentId === contentId)!.documentNo!;
    expect(numberOf(first.id)).not.toBe(numberOf(second.id));
    const printed = (request: Record<string, unknown>) => t!.client.documents.render({ kind: 'forward', petitionId: p.id, ...request });
    expect((await printed({})).number).toBe(numberOf(first.id));
    const secondSlip = await printed({ contentId: second.id });
    expect(secondSlip.number).toBe(numberOf(second.id));
    expect((await printed({ contentId: first.id })).number).toBe(numberOf(first.id));
    const notDecided = await refused(t, 'documents.render', { kind: 'guide', petitionId: p.id, contentId: second.id }, 'CONFLICT');
    expect(notDecided.message).toMatch(/có quyết định “Chuyển.*không phải quyết định/);
    const notADecision = await refused(t, 'documents.render', { kind: 'receipt', petitionId: p.id, contentId: second.id }, 'VALIDATION');
    expect(JSON.stringify(notADecision)).toMatch(/Chỉ văn bản theo quyết định xử lý mới chọn nội dung/);
  });
});

describe('editing a letter whose further content is decided', () => {
  it('keeps the content and its decision when edited; refuses to drop it, writing nothing', async () => {
    t = await workflowRegister('2026-03-13');
    const agency = await agencyByCode(t, 'SO-NNMT');
    const { p, second } = await letterWithRecommendation(t);
    await t.client.workflow.classify({ petitionId: p.id, eligible: true, on: '2026-03-03' });
    await t.client.workflow.decide({ petitionId: p.id, contentId: second.id, action: 'guide', agencyId: agency.id, on: '2026-03-04' });
    const { id, registerNo: _r, status: _s, stage: _st, dueOn: _d, replyDueOn: _rd, createdAt: _c, updatedAt: _u, hasDenunciation: _h, ...rest } = p;
    await t.client.petitions.update({ id, ...rest, contents: [{ kind: 'recommendation', field: 'policy', summary: 'Kiến nghị làm đường bê tông thôn', matterId: second.matterId }] });
    const after = (await t.client.petitions.get({ id })).contents[1]!;
    expect(after).toMatchObject({ id: second.id, summary: 'Kiến nghị làm đường bê tông thôn', matterId: second.matterId });
    expect((await workflowOf(t, id)).decisions.map((d) => [d.contentId, d.action])).toEqual([[second.id, 'guide']]);
    const error = await refused(t, 'petitions.update', { id, ...rest, contents: [] }, 'CONFLICT');
    expect(error.message).toMatch(/^Nội dung 2 của đơn đã có quyết định xử lý .*không bỏ được nội dung này/);
  });
});

describe('0014-content-decisions on a register in use', () => {
  const AT = MIGRATIONS.findIndex(([name]) => name === '0014-content-decisions');

  it('makes every decision its first content’s and gives each undecided content its own pending step', async () => {
    const d = tempDir();
    dirs.push(d);
    const file = path.join(d.dir, 'register.sqlite');
    const old = await tempRegister({ path: file, migrateTo: AT });
    const raw = old.register.sqlite;
    const T = '2026-03-02T02:00:00.000Z';
    const matter = (title: string) =>
      Number(raw.prepare("insert into matters (kind, field, title, title_folded, first_seen_on, created_at, updated_at) values ('complaint', 'land', ?, ?, '2026-03-02', ?, ?)").run(title, fold(title), T, T).lastInsertRowid);
    const petition = (seq: number, kind: string, summary: string, step: string, stepDue: string) =>
      Number(
        raw
          .prepare(
            `insert into petitions (year, seq, register_no, received_on, channel, kind, field, signatories, summary, search_folded, created_at, updated_at, due_on, step, step_due_on)
             values (2026, ?, ?, '2026-03-02', 'post', ?, 'land', 1, ?, ?, ?, ?, '2026-03-16', ?, ?)`,
          )
          .run(seq, `2026/${String(seq).padStart(6, '0')}`, kind, summary, fold(summary), T, T, step, stepDue).lastInsertRowid,
      );
    // P1: a complaint with a denunciation as its second content, decided (on the petition) before 0014.
    const p1 = petition(1, 'complaint', 'Khiếu nại và tố cáo', 'complaint_acceptance', '2026-03-11');
    const c1 = Number(raw.prepare("insert into petition_contents (petition_id, position, matter_id, kind, field, summary) values (?, 0, ?, 'complaint', 'land', 'Khiếu nại')").run(p1, matter('Khiếu nại')).lastInsertRowid);
    const c2 = Number(raw.prepare("insert into petition_contents (petition_id, position, matter_id, kind, field, summary) values (?, 1, ?, 'denunciation', 'corruption', 'Tố cáo')").run(p1, matter('Tố cáo')).lastInsertRowid);
    raw.prepare("insert into classifications (petition_id, eligible, decided_on, decided_by, created_at) values (?, 1, '2026-03-03', 'Cán bộ', ?)").run(p1, T);
    const decision = Number(raw.prepare("insert into decisions (petition_id, action, decided_on, decided_by, created_at) values (?, 'accept', '2026-03-04', 'Cán bộ', ?)").run(p1, T).lastInsertRowid);
    raw.prepare("update petitions set stage = 'closed', cls_eligible = 1, dec_action = 'accept', dec_on = '2026-03-04' where id = ?").run(p1);
    // P2: an undecided denunciation.
    const p2 = petition(2, 'denunciation', 'Tố cáo', 'denunciation_forward', '2026-03-09');
    const c3 = Number(raw.prepare("insert into petition_contents (petition_id, position, matter_id, kind, field, summary) values (?, 0, ?, 'denunciation', 'corruption', 'Tố cáo')").run(p2, matter('Tố cáo 2')).lastInsertRowid);
    await old.close();

    const now = await tempRegister({ path: file, now: new Date('2026-03-13T03:00:00Z') });
    others.push(now);
    expect(now.register.schemaVersion()).toBe(LATEST_SCHEMA_VERSION);
    const sqlite = now.register.sqlite;
    expect(sqlite.prepare('select content_id from decisions where id = ?').get(decision)).toEqual({ content_id: c1 });
    const steps = sqlite.prepare('select id, step, step_due_on from petition_contents order by id').all();
    expect(steps).toEqual([
      { id: c1, step: null, step_due_on: null }, // decided
      { id: c2, step: 'denunciation_forward', step_due_on: '2026-03-09' }, // filled from the calendar after the migration
      { id: c3, step: 'denunciation_forward', step_due_on: '2026-03-09' }, // the petition's own date
    ]);
    expect((await now.client.todo.law()).steps.map((s) => [s.id, s.contentPosition])).toEqual([
      [p1, 1],
      [p2, 0],
    ]);
    // The petition's handling reads as before.
    const w = await workflowOf(now, p1);
    expect(w.decisions.map((x) => [x.action, x.contentId, x.contentPosition])).toEqual([['accept', c1, 0]]);
    expect(w.stage).toBe('closed');
  });
});
