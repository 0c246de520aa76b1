// The rules of the law in force since 1 July 2026 at the API: who hosts the head's sessions, refusal
// grounds and the refusal notice, the urge decision, an anonymous denunciation to the inspection
// body, deadlines by kind and step on the working-day calendar, and the notices to citizens.
import { afterEach, describe, expect, it } from 'vitest';
import type { PetitionCreateInput } from '../../shared/domain/petition.ts';
import { DEADLINES } from '../../shared/rules/deadlines.ts';
import { exportRegister } from '../../db/interchange/export.ts';
import { importFile } from '../../db/interchange/import.ts';
import { REFUSAL_GROUNDS } from '../../shared/rules/reception.ts';
import { DUC, visitInput } from '../helpers/intake.ts';
import { agencyByCode, createPetition, petitionOf, refused, workflowOf, workflowRegister, type WorkflowRegister } from '../helpers/workflow.ts';

let t: WorkflowRegister;
afterEach(async () => {
  await t.cleanup();
});

const denunciation = (patch: Partial<PetitionCreateInput> = {}): Partial<PetitionCreateInput> => ({
  kind: 'denunciation',
  field: 'corruption',
  summary: 'Tố cáo cán bộ địa chính nhận tiền khi cấp giấy chứng nhận',
  ...patch,
});

/** A register whose signer is set, as a Board sets it before printing (no document leaves unsigned). */
async function signedRegister(today: string): Promise<WorkflowRegister> {
  const r = await workflowRegister(today);
  await r.client.settings.update({ signerName: 'Nguyễn Văn Ký' });
  return r;
}

describe('the head’s sessions', () => {
  it('refuses a delegated periodic session, citing the law, and writes nothing', async () => {
    t = await signedRegister('2026-08-10');
    const error = await refused(t, 'sessions.upsert', { kind: 'periodic', date: '2026-08-10', hostMode: 'delegated', delegateName: 'Trần Văn Phó' }, 'VALIDATION');
    expect(error.message).toContain('không được ủy quyền');
    expect(error.message).toContain('Luật Tiếp công dân, Điều 12 khoản 5');
  });

  it('records an ad hoc session delegated, with who received, and a periodic one in person by default', async () => {
    t = await signedRegister('2026-08-10');
    const adhoc = await t.client.sessions.upsert({ kind: 'adhoc', date: '2026-08-10', hostMode: 'delegated', delegateName: 'Trần Văn Phó', delegateTitle: 'Phó Chủ tịch UBND tỉnh' });
    expect(adhoc).toMatchObject({ hostMode: 'delegated', delegateName: 'Trần Văn Phó', delegateTitle: 'Phó Chủ tịch UBND tỉnh', onlineOf: null });
    const periodic = await t.client.sessions.upsert({ kind: 'periodic', date: '2026-08-10' });
    expect(periodic).toMatchObject({ hostMode: 'in_person', delegateName: null });
    const regular = await t.client.sessions.upsert({ kind: 'regular', date: '2026-08-10' });
    expect(regular.hostMode).toBeNull();
    // An online session says whose reception it was; the head's carries the host mode.
    const online = await t.client.sessions.upsert({ kind: 'online', date: '2026-08-10', onlineOf: 'adhoc', hostMode: 'in_person' });
    expect(online).toMatchObject({ onlineOf: 'adhoc', hostMode: 'in_person' });
    await refused(t, 'sessions.upsert', { kind: 'online', date: '2026-08-10', onlineOf: 'periodic', hostMode: 'delegated', delegateName: 'X' }, 'VALIDATION');
  });
});

describe('refusal of reception', () => {
  it('needs a written notice only for Law art. 9(3) and Decree 154 art. 4(1)(h)', () => {
    const needing = Object.entries(REFUSAL_GROUNDS)
      .filter(([, g]) => g.writtenNotice)
      .map(([code]) => code);
    expect(needing).toEqual(['law_9_3', 'decree_4_h']);
    expect(Object.keys(REFUSAL_GROUNDS)).toHaveLength(13);
  });

  it('puts the 01/TCD notice in the to-do list for 3 working days, issues it once with a number', async () => {
    t = await signedRegister('2026-03-09');
    const session = await t.client.sessions.upsert({ kind: 'regular', date: '2026-03-09' });
    const visit = await t.client.visits.save(visitInput(session.id, { outcome: 'refused', refusalGround: 'decree_4_h', handledBy: 'UBND xã Tịnh Khê' }));
    expect(visit).toMatchObject({ refusalGround: 'decree_4_h', handledBy: 'UBND xã Tịnh Khê' });
    // Column 8 of the reception register (03/TCD): the body that already handled the case.
    expect((await t.client.register.reception({ from: '2026-03-09', to: '2026-03-09' })).map((r) => r.handledBefore)).toEqual(['UBND xã Tịnh Khê']);
    // Mon 9 March + 3 working days: Thu 12 March.
    expect(visit.refusalNotice).toMatchObject({ kind: 'refusal', dueOn: '2026-03-12', recipient: 'Nguyễn Văn Đức', issuedOn: null });
    const todo = await t.client.todo.law();
    expect(todo.notices.map((n) => [n.kind, n.visitId, n.dueOn, n.overdue])).toEqual([['refusal', visit.id, '2026-03-12', false]]);
    t.clock.set('2026-03-13');
    expect((await t.client.todo.law()).counts).toMatchObject({ notices: 1, noticesOverdue: 1 });

    const issued = await t.client.notices.issue({ id: visit.refusalNotice!.id, on: '2026-03-13' });
    expect(issued).toMatchObject({ issuedOn: '2026-03-13', documentNo: '01/TB-BTCD' });
    expect((await t.client.todo.law()).notices).toEqual([]);
    const again = await refused(t, 'notices.issue', { id: issued.id, on: '2026-03-13' }, 'CONFLICT');
    expect(again.message).toBe('Thông báo từ chối tiếp công dân (mẫu 01/TCD) đã được ban hành ngày 13/03/2026, số 01/TB-BTCD: không ban hành lần hai.');
    // The notice issued fixes the ground it answers.
    await refused(t, 'visits.save', { ...visitInput(session.id, { outcome: 'refused', refusalGround: 'law_9_1' }), id: visit.id }, 'CONFLICT');
  });

  it('records a ground explained in person with no notice, and cancels a notice when the ground changes before it is issued', async () => {
    t = await signedRegister('2026-03-09');
    const session = await t.client.sessions.upsert({ kind: 'regular', date: '2026-03-09' });
    const oral = await t.client.visits.save(visitInput(session.id, { outcome: 'refused', refusalGround: 'decree_4_a' }));
    expect(oral.refusalNotice).toBeNull();
    const written = await t.client.visits.save(visitInput(session.id, { outcome: 'refused', refusalGround: 'law_9_3' }));
    expect(written.refusalNotice).not.toBeNull();
    const changed = await t.client.visits.save({ ...visitInput(session.id, { outcome: 'refused', refusalGround: 'decree_4_d' }), id: written.id });
    expect(changed.refusalNotice).toBeNull();
    expect((await t.client.todo.law()).notices).toEqual([]);
    const [cancelled] = await t.client.notices.list({ visitId: written.id });
    await refused(t, 'notices.issue', { id: cancelled!.id, on: '2026-03-09' }, 'CONFLICT');
  });

  it('refuses a refusal without its legal ground, and writes nothing', async () => {
    t = await signedRegister('2026-03-09');
    const session = await t.client.sessions.upsert({ kind: 'regular', date: '2026-03-09' });
    const error = await refused(t, 'visits.save', visitInput(session.id, { outcome: 'refused' }), 'VALIDATION');
    expect(error.message).toContain('căn cứ pháp lý');
  });
});

describe('deadlines by kind and step', () => {
  it('are data with their article', () => {
    expect(DEADLINES.board_handling).toMatchObject({ days: 10, count: 'working', article: 'Luật Tiếp công dân, Điều 28 khoản 1' });
    expect(DEADLINES.denunciation_forward).toMatchObject({ days: 5, article: 'Luật Tố cáo, Điều 24 khoản 1' });
    expect(DEADLINES.complaint_acceptance.days).toBe(7);
    expect(DEADLINES.result_notice).toMatchObject({ days: 5, article: 'Luật Tiếp công dân, Điều 28 khoản 2' });
    expect(DEADLINES.refusal_notice.days).toBe(3);
  });

  it('counts at a plain date, across a weekend and across public holidays', async () => {
    t = await signedRegister('2026-05-20');
    // A complaint received Tue 3 March: 7 working days across one weekend, Thu 12 March.
    const complaint = await createPetition(t, { receivedOn: '2026-03-03' });
    expect(await petitionOf(t, complaint.id)).toMatchObject({ dueOn: '2026-03-17' });
    // A denunciation received Mon 2 March: 5 working days, Mon 9 March (across the weekend).
    const denounced = await createPetition(t, denunciation({ receivedOn: '2026-03-02' }));
    // A denunciation received Wed 4 March, plain: Wed 11 March.
    const plain = await createPetition(t, denunciation({ receivedOn: '2026-03-04', summary: 'Tố cáo khác' }));
    // Received Tue 28 April: 30 April and 1 May are holidays, then the weekend.
    const holiday = await createPetition(t, { receivedOn: '2026-04-28', summary: 'Khiếu nại trước lễ' });
    const holidayDenunciation = await createPetition(t, denunciation({ receivedOn: '2026-04-28', summary: 'Tố cáo trước lễ' }));
    const steps = (await t.register.db.selectFrom('petitions').select(['id', 'step', 'step_due_on']).orderBy('id').execute()).map((r) => [r.id, r.step, r.step_due_on]);
    expect(steps).toEqual([
      [complaint.id, 'complaint_acceptance', '2026-03-12'],
      [denounced.id, 'denunciation_forward', '2026-03-09'],
      [plain.id, 'denunciation_forward', '2026-03-11'],
      [holiday.id, 'complaint_acceptance', '2026-05-11'],
      [holidayDenunciation.id, 'denunciation_forward', '2026-05-07'],
    ]);
  });

  it('moves with the calendar, and shows in the to-do list while undecided', async () => {
    t = await signedRegister('2026-03-06');
    const p = await createPetition(t, denunciation({ receivedOn: '2026-03-02' }));
    let todo = await t.client.todo.law();
    expect(todo.steps.map((s) => [s.id, s.step, s.dueOn, s.overdue])).toEqual([]);
    t.clock.set('2026-03-09');
    todo = await t.client.todo.law();
    expect(todo.steps.map((s) => [s.id, s.step, s.dueOn, s.overdue])).toEqual([[p.id, 'denunciation_forward', '2026-03-09', false]]);
    await t.client.holidays.upsert({ date: '2026-03-05', name: 'Ngày nghỉ bù (thử)' });
    todo = await t.client.todo.law();
    expect(todo.steps.map((s) => s.dueOn)).toEqual(['2026-03-10']);
    const agency = await agencyByCode(t, 'SO-NNMT');
    await t.client.workflow.classify({ petitionId: p.id, eligible: true, on: '2026-03-09' });
    await t.client.workflow.decide({ petitionId: p.id, action: 'forward', agencyId: agency.id, on: '2026-03-09' });
    expect((await t.client.todo.law()).steps).toEqual([]);
  });
});

describe('decisions', () => {
  it('urges the competent body that has the case, with a numbered document and a notice', async () => {
    t = await signedRegister('2026-03-20');
    const p = await createPetition(t, { receivedOn: '2026-03-16' });
    await t.client.workflow.classify({ petitionId: p.id, eligible: true, on: '2026-03-17' });
    const error = await refused(t, 'workflow.decide', { petitionId: p.id, action: 'urge', on: '2026-03-18' }, 'VALIDATION');
    expect(error.message).toContain('Đôn đốc giải quyết phải chọn cơ quan');
    const agency = await agencyByCode(t, 'SO-NNMT');
    const w = await t.client.workflow.decide({ petitionId: p.id, action: 'urge', agencyId: agency.id, on: '2026-03-18' });
    expect(w.decisions.at(-1)).toMatchObject({ action: 'urge', documentNo: '01/BTCD', agency: { code: 'SO-NNMT' } });
    expect(w.stage).toBe('closed');
    const [notice] = await t.client.notices.list({ petitionId: p.id });
    // The outcome of handling is told within the Board's 10 working days of receipt.
    expect(notice).toMatchObject({ kind: 'handling', dueOn: '2026-03-30', recipient: 'Nguyễn Văn Đức' });
    // Reversing the decision cancels the notice not yet issued.
    await t.client.workflow.reverse({ petitionId: p.id, what: 'decision', note: 'Nhầm cơ quan' });
    expect((await t.client.notices.list({ petitionId: p.id }))[0]!.cancelledAt).not.toBeNull();
  });

  it('forwards an anonymous denunciation with evidence to the inspection body, with no one to tell', async () => {
    t = await signedRegister('2026-03-20');
    const inspection = await agencyByCode(t, 'SO-NNMT');
    const p = await createPetition(t, denunciation({ receivedOn: '2026-03-16', petitioners: [] }));
    await t.client.workflow.classify({ petitionId: p.id, eligible: false, reason: 'anonymous', on: '2026-03-17' });
    const plain = await refused(t, 'workflow.decide', { petitionId: p.id, action: 'forward', agencyId: inspection.id, on: '2026-03-18' }, 'CONFLICT');
    expect(plain.message).toContain('không đủ điều kiện');
    const w = await t.client.workflow.decide({ petitionId: p.id, action: 'forward', agencyId: inspection.id, on: '2026-03-18', toInspection: true });
    expect(w.decisions.at(-1)).toMatchObject({ action: 'forward', toInspection: true });
    expect(await t.client.notices.list({ petitionId: p.id })).toEqual([]);
  });

  it('refuses the inspection flag on a petition that is not an anonymous denunciation, and on another decision', async () => {
    t = await signedRegister('2026-03-20');
    const agency = await agencyByCode(t, 'SO-NNMT');
    const p = await createPetition(t, { receivedOn: '2026-03-16' });
    await t.client.workflow.classify({ petitionId: p.id, eligible: false, reason: 'anonymous', on: '2026-03-17' });
    const error = await refused(t, 'workflow.decide', { petitionId: p.id, action: 'forward', agencyId: agency.id, on: '2026-03-18', toInspection: true }, 'CONFLICT');
    expect(error.message).toContain('Luật Tố cáo, Điều 25 khoản 2');
    await refused(t, 'workflow.decide', { petitionId: p.id, action: 'file', on: '2026-03-18', toInspection: true }, 'VALIDATION');
  });
});

describe('notices to citizens', () => {
  it('tells the denouncer of the forward within 5 working days of receipt, then the result within 5 of its arrival', async () => {
    t = await signedRegister('2026-03-06');
    const agency = await agencyByCode(t, 'SO-NNMT');
    const p = await createPetition(t, denunciation({ receivedOn: '2026-03-02', petitioners: [DUC] }));
    await t.client.workflow.classify({ petitionId: p.id, eligible: true, on: '2026-03-03' });
    await t.client.workflow.decide({ petitionId: p.id, action: 'forward', agencyId: agency.id, on: '2026-03-04' });
    const [forward] = await t.client.notices.list({ petitionId: p.id });
    expect(forward).toMatchObject({ kind: 'denunciation_forward', dueOn: '2026-03-09', recipient: 'Người tố cáo (được bảo vệ)', registerNo: p.registerNo });
    expect((await t.client.todo.law()).notices.map((n) => n.id)).toEqual([forward!.id]);
    t.clock.set('2026-03-10');
    expect((await t.client.todo.law()).notices[0]!.overdue).toBe(true);
    await t.client.notices.issue({ id: forward!.id, on: '2026-03-10' });

    // The agency's result arrives Fri 27 March: the citizen is told by Fri 3 April.
    t.clock.set('2026-03-27');
    await t.client.workflow.reply({ petitionId: p.id, on: '2026-03-27', outcome: 'resolved', documentNo: '12/BC-SNNMT' });
    const result = (await t.client.notices.list({ petitionId: p.id })).find((n) => n.kind === 'result')!;
    expect(result).toMatchObject({ dueOn: '2026-04-03', issuedOn: null });
    const issued = await t.client.notices.issue({ id: result.id, on: '2026-03-27' });
    expect(issued.documentNo).toBe('02/TB-BTCD');
    expect((await workflowOf(t, p.id)).stage).toBe('closed');
  });

  it('refuses an issue date before its basis or in the future, writing nothing', async () => {
    t = await signedRegister('2026-03-06');
    const agency = await agencyByCode(t, 'SO-NNMT');
    const p = await createPetition(t, { receivedOn: '2026-03-02' });
    await t.client.workflow.classify({ petitionId: p.id, eligible: true, on: '2026-03-03' });
    await t.client.workflow.decide({ petitionId: p.id, action: 'guide', agencyId: agency.id, on: '2026-03-04' });
    const [notice] = await t.client.notices.list({ petitionId: p.id });
    await refused(t, 'notices.issue', { id: notice!.id, on: '2026-03-01' }, 'VALIDATION');
    await refused(t, 'notices.issue', { id: notice!.id, on: '2026-03-07' }, 'VALIDATION');
  });
});

describe('documents of the notices and the urge', () => {
  it('prints a notice to the denouncer, a draft before it is issued and numbered after', async () => {
    t = await signedRegister('2026-03-06');
    const agency = await agencyByCode(t, 'SO-NNMT');
    const p = await createPetition(t, denunciation({ receivedOn: '2026-03-02', petitioners: [DUC] }));
    await t.client.workflow.classify({ petitionId: p.id, eligible: true, on: '2026-03-03' });
    await t.client.workflow.decide({ petitionId: p.id, action: 'forward', agencyId: agency.id, on: '2026-03-04' });
    const [notice] = await t.client.notices.list({ petitionId: p.id });
    const draft = await t.client.documents.render({ kind: 'notice', noticeId: notice!.id });
    expect(draft.number).toBeNull();
    expect(draft.html).toContain('Về việc chuyển đơn tố cáo');
    // Printed by the system actor, who may not see denouncers: the recipient stays protected.
    expect(draft.html).toContain('Người tố cáo (được bảo vệ)');
    expect(draft.html).not.toContain('Nguyễn Văn Đức');
    expect(draft.html).toContain('Điều 24 Luật Tố cáo');
    // Addressed to the denouncer only: no copy to the body handling the denunciation.
    expect(draft.html).not.toMatch(/<div class="recipients">[^<]*Sở Nông nghiệp/);
    await t.client.notices.issue({ id: notice!.id, on: '2026-03-06' });
    const issued = await t.client.documents.render({ kind: 'notice', noticeId: notice!.id });
    expect(issued).toMatchObject({ number: '01/TB-BTCD', fileName: 'thong-bao_01-TB-BTCD.html' });
    expect(issued.html).toContain('Số: 01/TB-BTCD');
  });

  it('prints the urge letter of a denunciation without naming the denouncer', async () => {
    t = await signedRegister('2026-03-20');
    const agency = await agencyByCode(t, 'SO-NNMT');
    const p = await createPetition(t, denunciation({ receivedOn: '2026-03-16', petitioners: [DUC] }));
    await t.client.workflow.classify({ petitionId: p.id, eligible: true, on: '2026-03-17' });
    await t.client.workflow.decide({ petitionId: p.id, action: 'urge', agencyId: agency.id, on: '2026-03-18' });
    const doc = await t.client.documents.render({ kind: 'urge', petitionId: p.id });
    expect(doc.number).toBe('01/BTCD');
    expect(doc.html).toContain('V/v đôn đốc giải quyết đơn');
    expect(doc.html).not.toContain('Nguyễn Văn Đức');
    expect(doc.html).not.toContain(DUC.address!);
  });

  it('prints the refusal notice with its number and the ground’s article', async () => {
    t = await signedRegister('2026-03-09');
    const session = await t.client.sessions.upsert({ kind: 'regular', date: '2026-03-09' });
    const visit = await t.client.visits.save(visitInput(session.id, { outcome: 'refused', refusalGround: 'law_9_3' }));
    await t.client.notices.issue({ id: visit.refusalNotice!.id, on: '2026-03-09' });
    for (const request of [{ kind: 'notice' as const, noticeId: visit.refusalNotice!.id }, { kind: 'refusal' as const, visitId: visit.id }]) {
      const doc = await t.client.documents.render(request);
      expect(doc.number).toBe('01/TB-BTCD');
      expect(doc.html).toContain('Số: 01/TB-BTCD');
      expect(doc.html).toContain('khoản 3 Điều 9 Luật Tiếp công dân');
    }
  });
});

describe('interchange of the 2026 facts (optional fields of the v1 file)', () => {
  it('exports, imports into an empty register and exports again the same file', async () => {
    t = await signedRegister('2026-03-20');
    const agency = await agencyByCode(t, 'SO-NNMT');
    await t.client.sessions.upsert({ kind: 'adhoc', date: '2026-03-09', hostMode: 'delegated', delegateName: 'Trần Văn Phó', delegateTitle: 'Phó Chủ tịch UBND tỉnh' });
    await t.client.sessions.upsert({ kind: 'online', date: '2026-03-10', onlineOf: 'periodic' });
    const regular = await t.client.sessions.upsert({ kind: 'regular', date: '2026-03-11' });
    await t.client.visits.save(visitInput(regular.id, { outcome: 'refused', refusalGround: 'decree_4_k', handledBy: 'Tòa án nhân dân khu vực 1' }));
    const urged = await createPetition(t, { receivedOn: '2026-03-16' });
    await t.client.workflow.classify({ petitionId: urged.id, eligible: true, on: '2026-03-17' });
    await t.client.workflow.decide({ petitionId: urged.id, action: 'urge', agencyId: agency.id, on: '2026-03-18' });
    const anonymous = await createPetition(t, denunciation({ receivedOn: '2026-03-16', petitioners: [] }));
    await t.client.workflow.classify({ petitionId: anonymous.id, eligible: false, reason: 'anonymous', on: '2026-03-17' });
    await t.client.workflow.decide({ petitionId: anonymous.id, action: 'forward', agencyId: agency.id, on: '2026-03-18', toInspection: true });

    const first = await exportRegister(t.register);
    expect(first.sessions.map((s) => [s.kind, s.host_mode, s.delegate_name, s.online_of])).toEqual([
      ['adhoc', 'delegated', 'Trần Văn Phó', undefined],
      ['online', undefined, undefined, 'periodic'],
      ['regular', undefined, undefined, undefined],
    ]);
    expect(first.visits[0]).toMatchObject({ refusal_ground: 'decree_4_k', handled_by: 'Tòa án nhân dân khu vực 1' });
    expect(first.petitions.map((p) => p.decision)).toEqual([
      expect.objectContaining({ action: 'urge', agency: 'SO-NNMT', document_no: '01/BTCD' }),
      expect.objectContaining({ action: 'forward', to_inspection: true }),
    ]);

    const other = await workflowRegister('2026-03-20');
    try {
      await importFile(other.register, JSON.parse(JSON.stringify(first)), { id: null, name: 'Nhập thử' });
      const again = await exportRegister(other.register);
      expect({ ...again, exported_at: null }).toEqual({ ...first, exported_at: null });
    } finally {
      await other.cleanup();
    }
  });
});
