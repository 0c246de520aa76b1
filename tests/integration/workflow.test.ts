// A petition's life after intake over a real register: classification, handling decisions with
// numbered documents, replies, reminders, reversals and the statuses derived from them. Every
// refused step writes nothing at all.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Agency } from '../../shared/domain/agency.ts';
import type { Petition, PetitionStatus } from '../../shared/domain/petition.ts';
import type { Workflow } from '../../shared/domain/workflow.ts';
import { addWorkingDays } from '../../shared/calendar/working-days.ts';
import { defaultHolidays, holidaySet } from '../../shared/calendar/holidays.ts';
import { BINH, DUC, person, updateInput } from '../helpers/intake.ts';
import { rawAll, rawGet, tempRegister, signInAs } from '../helpers/register.ts';
import { registerAuditRowsSince, registerLastAuditId } from '../helpers/snapshot.ts';
import { agencyByCode, classifyAndForward, createPetition, petitionOf, refused, workflowOf, workflowRegister, type WorkflowRegister } from '../helpers/workflow.ts';

let t: WorkflowRegister;
/** Sở Nông nghiệp và Môi trường. */
let agency: Agency;
/** Sở Tư pháp. */
let other: Agency;
/** Received Monday 2026-03-16 from Nguyễn Văn Đức; the clock reads Friday 2026-03-20. */
let p: Petition;

beforeEach(async () => {
  t = await workflowRegister('2026-03-20');
  agency = await agencyByCode(t, 'SO-NNMT');
  other = await agencyByCode(t, 'SO-TP');
  p = await createPetition(t, { receivedOn: '2026-03-16' });
});
afterEach(async () => {
  await t.cleanup();
});

const holidays2026 = holidaySet([...defaultHolidays(2026), ...defaultHolidays(2027)]);
const active = <T extends { reversed: unknown }>(xs: T[]) => xs.filter((x) => x.reversed === null);

async function classify(id = p.id, on = '2026-03-17') {
  return t.client.workflow.classify({ petitionId: id, eligible: true, on });
}

describe('classification', () => {
  it('records an eligible classification and moves the petition to awaiting_decision', async () => {
    const w = await classify();
    expect(w.classifications).toEqual([
      { id: expect.any(Number), eligible: true, reason: null, duplicateOf: null, note: null, decidedOn: '2026-03-17', decidedBy: 'Quản trị viên', reversed: null },
    ]);
    expect(w).toMatchObject({ status: 'awaiting_decision', stage: 'awaiting_decision', dueOn: '2026-03-30', replyDueOn: null, decisions: [], replies: [], reminders: [] });
    expect(await petitionOf(t, p.id)).toMatchObject({ status: 'awaiting_decision', stage: 'awaiting_decision', dueOn: '2026-03-30' });
  });

  it('records an ineligible classification with its reason and note', async () => {
    const w = await t.client.workflow.classify({ petitionId: p.id, eligible: false, reason: 'other', note: '  Đơn viết bằng bút chì, mờ  ', on: '2026-03-16' });
    expect(w.classifications[0]).toMatchObject({ eligible: false, reason: 'other', note: 'Đơn viết bằng bút chì, mờ', decidedOn: '2026-03-16' });
    expect(w.stage).toBe('awaiting_decision');
  });

  it.each([
    ['ineligible without a reason', { eligible: false }],
    ['eligible with a reason', { eligible: true, reason: 'anonymous' }],
    ['an unknown reason', { eligible: false, reason: 'lazy' }],
    ['reason other without a note', { eligible: false, reason: 'other' }],
    ['duplicate without the original', { eligible: false, reason: 'duplicate' }],
    ['an original on a reason that is not duplicate', { eligible: false, reason: 'anonymous', duplicateOf: 1 }],
    ['no date', { eligible: true, on: undefined }],
    ['an impossible date', { eligible: true, on: '2026-02-30' }],
    ['a day/month/year date', { eligible: true, on: '17/03/2026' }],
    ['a string as eligible', { eligible: 'yes' }],
    ['an extra field', { eligible: true, by: 'x' }],
  ])('refuses %s (VALIDATION) and writes nothing', async (_label, patch) => {
    await refused(t, 'workflow.classify', { petitionId: p.id, on: '2026-03-17', ...patch }, 'VALIDATION');
  });

  it('refuses a date before receipt or after today, naming the field', async () => {
    const before = await refused(t, 'workflow.classify', { petitionId: p.id, eligible: true, on: '2026-03-15' }, 'VALIDATION');
    expect(before.issues).toEqual([{ path: 'on', message: expect.stringContaining('ngày nhận đơn') }]);
    const future = await refused(t, 'workflow.classify', { petitionId: p.id, eligible: true, on: '2026-03-21' }, 'VALIDATION');
    expect(future.issues).toEqual([{ path: 'on', message: expect.stringContaining('hôm nay') }]);
    // The day of receipt and today are both fine.
    await classify(p.id, '2026-03-16');
    const q = await createPetition(t, { receivedOn: '2026-03-16' });
    expect((await classify(q.id, '2026-03-20')).classifications[0]!.decidedOn).toBe('2026-03-20');
  });

  it('judges "today" in Vietnam (UTC+7): just after midnight there, the new day is already allowed', async () => {
    const late = await tempRegister({ path: t.path, now: new Date('2026-03-20T17:30:00.000Z') }); // 00:30 on 21 March in Vietnam
    try {
      expect((await late.client.workflow.classify({ petitionId: p.id, eligible: true, on: '2026-03-21' })).classifications[0]!.decidedOn).toBe('2026-03-21');
      await refused(late, 'workflow.decide', { petitionId: p.id, action: 'accept', on: '2026-03-22' }, 'VALIDATION');
      expect((await late.client.todo.summary()).today).toBe('2026-03-21');
    } finally {
      await late.close();
    }
  });

  it('refuses an unknown petition (NOT_FOUND)', async () => {
    await refused(t, 'workflow.classify', { petitionId: 987_654, eligible: true, on: '2026-03-17' }, 'NOT_FOUND');
  });

  it('refuses a second classification while one is active (CONFLICT)', async () => {
    await classify();
    const error = await refused(t, 'workflow.classify', { petitionId: p.id, eligible: false, reason: 'anonymous', on: '2026-03-18' }, 'CONFLICT');
    expect(error.message).toContain(p.registerNo);
    expect(error.message).toMatch(/hủy/);
  });

  it('once classified, the receipt date cannot be edited to after the classification', async () => {
    await classify(p.id, '2026-03-17');
    const error = await refused(t, 'petitions.update', updateInput(p, { receivedOn: '2026-03-18' }), 'VALIDATION');
    expect(error.issues).toEqual([{ path: 'receivedOn', message: expect.stringContaining('17/03/2026') }]);
    expect((await t.client.petitions.update(updateInput(p, { receivedOn: '2026-03-17' }))).receivedOn).toBe('2026-03-17');
    // After the classification is reversed the date is free again (within its year).
    await t.client.workflow.reverse({ petitionId: p.id, what: 'classification', note: 'Ngày nhận ghi sai' });
    expect((await t.client.petitions.update(updateInput(p, { receivedOn: '2026-03-19' }))).dueOn).toBe('2026-04-02');
  });

  describe('a duplicate', () => {
    it('links an existing earlier original', async () => {
      const original = await createPetition(t, { receivedOn: '2026-03-02' });
      const w = await t.client.workflow.classify({ petitionId: p.id, eligible: false, reason: 'duplicate', duplicateOf: original.id, on: '2026-03-17' });
      expect(w.classifications[0]).toMatchObject({ eligible: false, reason: 'duplicate', duplicateOf: { id: original.id, registerNo: original.registerNo } });
    });

    it('may link an original received the same day and registered before it, never one registered after', async () => {
      const later = await createPetition(t, { receivedOn: '2026-03-16', summary: 'Đơn nhận sau trong ngày' });
      const dup = (petitionId: number, duplicateOf: number) => ({ petitionId, eligible: false, reason: 'duplicate', duplicateOf, on: '2026-03-17' });
      const w = await t.client.workflow.classify(dup(later.id, p.id) as never);
      expect(w.classifications[0]!.duplicateOf).toEqual({ id: p.id, registerNo: p.registerNo });
      // Otherwise two petitions could be duplicates of each other and neither be processed.
      const error = await refused(t, 'workflow.classify', dup(p.id, later.id), 'VALIDATION');
      expect(error.issues?.[0]?.path).toBe('duplicateOf');
    });

    it('refuses a missing original (NOT_FOUND), itself, or a later one (VALIDATION)', async () => {
      const later = await createPetition(t, { receivedOn: '2026-03-18' });
      const dup = (duplicateOf: number) => ({ petitionId: p.id, eligible: false, reason: 'duplicate', duplicateOf, on: '2026-03-17' });
      const missing = await refused(t, 'workflow.classify', dup(987_654), 'NOT_FOUND');
      expect(missing.issues?.[0]?.path).toBe('duplicateOf');
      const itself = await refused(t, 'workflow.classify', dup(p.id), 'VALIDATION');
      expect(itself.issues?.[0]?.path).toBe('duplicateOf');
      const afterwards = await refused(t, 'workflow.classify', dup(later.id), 'VALIDATION');
      expect(afterwards.issues?.[0]?.path).toBe('duplicateOf');
      expect(afterwards.message).toContain(later.registerNo);
    });
  });
});

describe('handling decisions', () => {
  it('refuses any decision before classification (CONFLICT)', async () => {
    const error = await refused(t, 'workflow.decide', { petitionId: p.id, action: 'file', on: '2026-03-17' }, 'CONFLICT');
    expect(error.message).toMatch(/phân loại/);
    await refused(t, 'workflow.decide', { petitionId: p.id, action: 'forward', agencyId: agency.id, on: '2026-03-17' }, 'CONFLICT');
  });

  it('an ineligible petition may only be filed or returned', async () => {
    await t.client.workflow.classify({ petitionId: p.id, eligible: false, reason: 'anonymous', on: '2026-03-17' });
    for (const [action, agencyId] of [['accept', null], ['forward', agency.id], ['guide', agency.id]] as const) {
      const error = await refused(t, 'workflow.decide', { petitionId: p.id, action, agencyId, on: '2026-03-17' }, 'CONFLICT');
      expect(error.issues).toEqual([{ path: 'action', message: expect.any(String) }]);
    }
    const filed = await t.client.workflow.decide({ petitionId: p.id, action: 'file', on: '2026-03-17' });
    expect(filed.decisions).toEqual([
      { id: expect.any(Number), action: 'file', decidedOn: '2026-03-17', agency: null, documentNo: null, note: null, replyDueOn: null, decidedBy: 'Quản trị viên', reversed: null, toInspection: false, contentId: expect.any(Number), contentPosition: 0 },
    ]);
    expect(filed).toMatchObject({ stage: 'closed', status: 'closed', replyDueOn: null });

    const q = await createPetition(t, { receivedOn: '2026-03-16' });
    await t.client.workflow.classify({ petitionId: q.id, eligible: false, reason: 'no_signature_or_address', on: '2026-03-17' });
    const returned = await t.client.workflow.decide({ petitionId: q.id, action: 'return', on: '2026-03-18' });
    expect(returned.decisions[0]).toMatchObject({ action: 'return', documentNo: '01/BTCD' });
    expect(returned.stage).toBe('closed');
  });

  it('forward and guide need an agency that exists and is active', async () => {
    await classify();
    for (const action of ['forward', 'guide']) {
      const missing = await refused(t, 'workflow.decide', { petitionId: p.id, action, on: '2026-03-18' }, 'VALIDATION');
      expect(missing.issues?.[0]?.path).toBe('agencyId');
      await refused(t, 'workflow.decide', { petitionId: p.id, action, agencyId: null, on: '2026-03-18' }, 'VALIDATION');
      const unknown = await refused(t, 'workflow.decide', { petitionId: p.id, action, agencyId: 987_654, on: '2026-03-18' }, 'NOT_FOUND');
      expect(unknown.issues?.[0]?.path).toBe('agencyId');
    }
    await t.client.agencies.setActive({ id: agency.id, active: false });
    const inactive = await refused(t, 'workflow.decide', { petitionId: p.id, action: 'forward', agencyId: agency.id, on: '2026-03-18' }, 'CONFLICT');
    expect(inactive.message).toContain(agency.name);
    await refused(t, 'workflow.decide', { petitionId: p.id, action: 'guide', agencyId: agency.id, on: '2026-03-18' }, 'CONFLICT');

    const guided = await t.client.workflow.decide({ petitionId: p.id, action: 'guide', agencyId: other.id, on: '2026-03-18' });
    expect(guided.decisions[0]).toMatchObject({ action: 'guide', agency: { id: other.id, code: 'SO-TP', name: other.name }, documentNo: '01/HD-BTCD', replyDueOn: null });
    expect(guided.stage).toBe('closed');
  });

  it('refuses a date before the classification or after today', async () => {
    await classify(p.id, '2026-03-18');
    const early = await refused(t, 'workflow.decide', { petitionId: p.id, action: 'accept', on: '2026-03-17' }, 'VALIDATION');
    expect(early.issues).toEqual([{ path: 'on', message: expect.stringContaining('ngày phân loại') }]);
    await refused(t, 'workflow.decide', { petitionId: p.id, action: 'accept', on: '2026-03-21' }, 'VALIDATION');
    await refused(t, 'workflow.decide', { petitionId: p.id, action: 'accept', on: '2027-01-01' }, 'VALIDATION');
    expect((await t.client.workflow.decide({ petitionId: p.id, action: 'accept', on: '2026-03-18' })).decisions[0]).toMatchObject({ documentNo: '01/TTr-BTCD' });
  });

  it('refuses a second decision while one is active (CONFLICT)', async () => {
    await classify();
    await t.client.workflow.decide({ petitionId: p.id, action: 'accept', on: '2026-03-18' });
    const error = await refused(t, 'workflow.decide', { petitionId: p.id, action: 'forward', agencyId: agency.id, on: '2026-03-18' }, 'CONFLICT');
    expect(error.message).toMatch(/hủy/);
  });

  it.each([
    ['an unknown action', { action: 'ignore' }],
    ['no action', { action: undefined }],
    ['a string agency id', { action: 'forward', agencyId: '5' }],
    ['a too-long note', { action: 'accept', note: 'x'.repeat(2001) }],
    ['an extra field', { action: 'accept', documentNo: '05/PC-BTCD' }],
  ])('refuses %s (VALIDATION) and writes nothing', async (_label, patch) => {
    await classify();
    await refused(t, 'workflow.decide', { petitionId: p.id, on: '2026-03-18', ...patch }, 'VALIDATION');
  });

  it('a forward sets the reply deadline: working days per kind from settings.replyDays', async () => {
    await classify();
    const w = await t.client.workflow.decide({ petitionId: p.id, action: 'forward', agencyId: agency.id, on: '2026-03-18', note: 'Chuyển theo thẩm quyền' });
    const due = addWorkingDays('2026-03-18', 37, holidays2026);
    expect(w.decisions[0]).toMatchObject({ action: 'forward', agency: { id: agency.id }, documentNo: '01/PC-BTCD', note: 'Chuyển theo thẩm quyền', replyDueOn: due });
    expect(w).toMatchObject({ stage: 'forwarded', status: 'forwarded', replyDueOn: due });

    const rec = await createPetition(t, { receivedOn: '2026-03-16', kind: 'recommendation', summary: 'Kiến nghị sửa đường' });
    const wr = await classifyAndForward(t, rec.id, agency.id, '2026-03-18');
    expect(wr.replyDueOn).toBe(addWorkingDays('2026-03-18', 22, holidays2026));
  });
});

describe('document numbers', () => {
  async function forwardNew(on: string, patch: Parameters<typeof createPetition>[1] = {}) {
    const q = await createPetition(t, { receivedOn: '2026-03-16', ...patch });
    const w = await classifyAndForward(t, q.id, agency.id, on);
    return { petition: q, documentNo: active(w.decisions)[0]!.documentNo };
  }

  it('counts per kind and year, gap-free, padded under 10', async () => {
    const numbers: string[] = [];
    for (let i = 0; i < 11; i++) numbers.push((await forwardNew('2026-03-18', { summary: `Khiếu nại số ${i}` })).documentNo!);
    expect(numbers).toEqual(['01', '02', '03', '04', '05', '06', '07', '08', '09', '10', '11'].map((n) => `${n}/PC-BTCD`));

    // Other kinds have their own sequences.
    await classify();
    expect((await t.client.workflow.decide({ petitionId: p.id, action: 'guide', agencyId: other.id, on: '2026-03-18' })).decisions[0]!.documentNo).toBe('01/HD-BTCD');
    const q = await createPetition(t, { receivedOn: '2026-03-16' });
    await classify(q.id);
    expect((await t.client.workflow.decide({ petitionId: q.id, action: 'accept', on: '2026-03-18' })).decisions[0]!.documentNo).toBe('01/TTr-BTCD');
    const rows = await rawAll(t.register, 'select kind, year, seq, number from outgoing_documents order by id');
    expect(rows).toHaveLength(13);
    expect(rows.at(-1)).toEqual({ kind: 'accept', year: 2026, seq: 1, number: '01/TTr-BTCD' });
  });

  it('reminders are công văn: 01/BTCD, 02/BTCD, one series with the return letters', async () => {
    const { petition } = await forwardNew('2026-03-17');
    const first = await t.client.workflow.remind({ petitionId: petition.id, on: '2026-03-19' });
    const second = await t.client.workflow.remind({ petitionId: petition.id, on: '2026-03-20' });
    expect(first.reminders.map((r) => r.documentNo)).toEqual(['01/BTCD']);
    expect(second.reminders).toEqual([
      { id: expect.any(Number), decisionId: active(second.decisions)[0]!.id, sentOn: '2026-03-19', documentNo: '01/BTCD', recordedBy: 'Quản trị viên' },
      { id: expect.any(Number), decisionId: active(second.decisions)[0]!.id, sentOn: '2026-03-20', documentNo: '02/BTCD', recordedBy: 'Quản trị viên' },
    ]);
    // A return letter is a công văn too (Decree 30/2020, Appendix I): it takes the next number of the series.
    const q = await createPetition(t, { receivedOn: '2026-03-16' });
    await t.client.workflow.classify({ petitionId: q.id, eligible: false, reason: 'no_signature_or_address', on: '2026-03-17' });
    const returned = await t.client.workflow.decide({ petitionId: q.id, action: 'return', on: '2026-03-20' });
    expect(returned.decisions[0]).toMatchObject({ action: 'return', documentNo: '03/BTCD' });
  });

  it('a refused decision consumes no number', async () => {
    await forwardNew('2026-03-18'); // 01
    await classify();
    await t.client.agencies.setActive({ id: other.id, active: false });
    await refused(t, 'workflow.decide', { petitionId: p.id, action: 'forward', agencyId: other.id, on: '2026-03-18' }, 'CONFLICT');
    await refused(t, 'workflow.decide', { petitionId: p.id, action: 'forward', agencyId: agency.id, on: '2026-03-21' }, 'VALIDATION');
    expect((await t.client.workflow.decide({ petitionId: p.id, action: 'forward', agencyId: agency.id, on: '2026-03-18' })).decisions[0]!.documentNo).toBe('02/PC-BTCD');
  });

  it('a refused second forward of a denunciation consumes no number either', async () => {
    const summary = 'Tố cáo ông Nguyễn Văn X, cán bộ địa chính xã, nhận tiền';
    await forwardNew('2026-03-18', { kind: 'denunciation', summary }); // 01
    const second = await createPetition(t, { receivedOn: '2026-03-17', kind: 'denunciation', summary, petitioners: [BINH] });
    await classify(second.id, '2026-03-18');
    await refused(t, 'workflow.decide', { petitionId: second.id, action: 'forward', agencyId: agency.id, on: '2026-03-18' }, 'CONFLICT');
    expect((await forwardNew('2026-03-19')).documentNo).toBe('02/PC-BTCD');
  });

  it('a reversed decision keeps its number; the next one takes the following number', async () => {
    const { petition } = await forwardNew('2026-03-18'); // 01
    await t.client.workflow.reverse({ petitionId: petition.id, what: 'decision', note: 'Chuyển nhầm cơ quan' });
    const again = await t.client.workflow.decide({ petitionId: petition.id, action: 'forward', agencyId: other.id, on: '2026-03-19' });
    expect(again.decisions.map((d) => [d.documentNo, d.reversed === null])).toEqual([
      ['01/PC-BTCD', false],
      ['02/PC-BTCD', true],
    ]);
  });

  it('a new year starts again at 01; a late entry dated in the old year continues the old sequence', async () => {
    await forwardNew('2026-03-18'); // 2026: 01
    await forwardNew('2026-03-18', { summary: 'Khiếu nại thứ hai' }); // 2026: 02
    t.clock.set('2027-01-05');
    const lastYear = await createPetition(t, { receivedOn: '2026-12-28', summary: 'Khiếu nại cuối năm' });
    const firstOfYear = await classifyAndForward(t, lastYear.id, agency.id, '2027-01-04');
    expect(firstOfYear.decisions[0]!.documentNo).toBe('01/PC-BTCD');
    const late = await createPetition(t, { receivedOn: '2026-12-29', summary: 'Khiếu nại nhập muộn' });
    expect((await classifyAndForward(t, late.id, agency.id, '2026-12-30')).decisions[0]!.documentNo).toBe('03/PC-BTCD');
    const next = await createPetition(t, { receivedOn: '2027-01-04', summary: 'Khiếu nại đầu năm' });
    expect((await classifyAndForward(t, next.id, agency.id, '2027-01-05')).decisions[0]!.documentNo).toBe('02/PC-BTCD');
    expect(await rawAll(t.register, 'select year, seq from outgoing_documents order by year, seq')).toEqual([
      { year: 2026, seq: 1 },
      { year: 2026, seq: 2 },
      { year: 2026, seq: 3 },
      { year: 2027, seq: 1 },
      { year: 2027, seq: 2 },
    ]);
  });

  it('two registers on one file forwarding at once never share or skip a number', async () => {
    const second = await tempRegister({ path: t.path, now: t.clock.now });
    try {
      const ids: number[] = [];
      for (let i = 0; i < 20; i++) {
        const q = await createPetition(t, { receivedOn: '2026-03-16', summary: `Đơn đồng thời ${i}` });
        await classify(q.id);
        ids.push(q.id);
      }
      const results = await Promise.all(
        ids.map((petitionId, i) => (i % 2 ? t : second).client.workflow.decide({ petitionId, action: 'forward', agencyId: agency.id, on: '2026-03-18' })),
      );
      const numbers = results.map((w) => w.decisions[0]!.documentNo!).sort();
      expect(numbers).toEqual(Array.from({ length: 20 }, (_, i) => `${String(i + 1).padStart(2, '0')}/PC-BTCD`));
    } finally {
      await second.close();
    }
  });

  it('uses the prefix in settings at the time of issue', async () => {
    await t.client.settings.update({ docPrefixes: { forward: 'PC-TCD' } });
    expect((await forwardNew('2026-03-18')).documentNo).toBe('01/PC-TCD');
  });
});

describe('replies and reminders', () => {
  it('a reply needs an active forward', async () => {
    const reply = { petitionId: p.id, on: '2026-03-19', outcome: 'resolved' };
    expect((await refused(t, 'workflow.reply', reply, 'CONFLICT')).message).toMatch(/chưa được chuyển/);
    await classify();
    await refused(t, 'workflow.reply', reply, 'CONFLICT');
    await t.client.workflow.decide({ petitionId: p.id, action: 'guide', agencyId: agency.id, on: '2026-03-18' });
    await refused(t, 'workflow.reply', reply, 'CONFLICT');
    await t.client.workflow.reverse({ petitionId: p.id, what: 'decision', note: 'Nhầm hướng xử lý' });
    await refused(t, 'workflow.reply', reply, 'CONFLICT'); // a reversed forward is no forward
  });

  it('a reply is dated on or after the forward and not after today; it closes the petition', async () => {
    await classifyAndForward(t, p.id, agency.id, '2026-03-18');
    const early = await refused(t, 'workflow.reply', { petitionId: p.id, on: '2026-03-17', outcome: 'resolved' }, 'VALIDATION');
    expect(early.issues).toEqual([{ path: 'on', message: expect.stringContaining('ngày chuyển đơn') }]);
    await refused(t, 'workflow.reply', { petitionId: p.id, on: '2026-03-21', outcome: 'resolved' }, 'VALIDATION');
    await refused(t, 'workflow.reply', { petitionId: p.id, on: '2026-03-19', outcome: 'ignored' }, 'VALIDATION');
    await refused(t, 'workflow.reply', { petitionId: p.id, on: '2026-03-19' }, 'VALIDATION');
    await refused(t, 'workflow.reply', { petitionId: p.id, on: '2026-03-19', outcome: 'resolved', documentNo: 'x'.repeat(51) }, 'VALIDATION');

    const w = await t.client.workflow.reply({ petitionId: p.id, on: '2026-03-18', outcome: 'partial', documentNo: ' 123/UBND ', summary: 'Đã giải quyết một phần' });
    expect(w.replies).toEqual([
      {
        id: expect.any(Number),
        decisionId: w.decisions[0]!.id,
        receivedOn: '2026-03-18',
        documentNo: '123/UBND',
        outcome: 'partial',
        summary: 'Đã giải quyết một phần',
        recordedBy: 'Quản trị viên',
        reversed: null,
      },
    ]);
    // The reply deadline stays on the petition, so statistics can tell an on-time reply from a late one.
    expect(w).toMatchObject({ stage: 'closed', status: 'closed', replyDueOn: w.decisions[0]!.replyDueOn });
    await refused(t, 'workflow.reply', { petitionId: p.id, on: '2026-03-19', outcome: 'resolved' }, 'CONFLICT');
  });

  it('a reminder needs an active forward, is dated within [forward, today], and not after a reply', async () => {
    await refused(t, 'workflow.remind', { petitionId: p.id, on: '2026-03-19' }, 'CONFLICT');
    await classify();
    await refused(t, 'workflow.remind', { petitionId: p.id, on: '2026-03-19' }, 'CONFLICT');
    await t.client.workflow.decide({ petitionId: p.id, action: 'forward', agencyId: agency.id, on: '2026-03-18' });
    await refused(t, 'workflow.remind', { petitionId: p.id, on: '2026-03-17' }, 'VALIDATION');
    await refused(t, 'workflow.remind', { petitionId: p.id, on: '2026-03-23' }, 'VALIDATION');
    await refused(t, 'workflow.remind', { petitionId: p.id, on: '2026-03-19', documentNo: '01/BTCD' }, 'VALIDATION');
    const reminded = await t.client.workflow.remind({ petitionId: p.id, on: '2026-03-19' });
    expect(reminded.stage).toBe('forwarded');
    await t.client.workflow.reply({ petitionId: p.id, on: '2026-03-20', outcome: 'resolved' });
    const after = await refused(t, 'workflow.remind', { petitionId: p.id, on: '2026-03-20' }, 'CONFLICT');
    expect(after.message).toMatch(/báo cáo kết quả/);
    // Once the reply is reversed, the agency may be reminded again (numbers continue).
    await t.client.workflow.reverse({ petitionId: p.id, what: 'reply', note: 'Báo cáo nhập nhầm đơn' });
    expect((await t.client.workflow.remind({ petitionId: p.id, on: '2026-03-20' })).reminders.map((r) => r.documentNo)).toEqual(['01/BTCD', '02/BTCD']);
  });
});

describe('reversal', () => {
  it('needs a note of at least 3 characters and a known step', async () => {
    await classify();
    await refused(t, 'workflow.reverse', { petitionId: p.id, what: 'classification' }, 'VALIDATION');
    await refused(t, 'workflow.reverse', { petitionId: p.id, what: 'classification', note: '' }, 'VALIDATION');
    await refused(t, 'workflow.reverse', { petitionId: p.id, what: 'classification', note: '  ab  ' }, 'VALIDATION');
    await refused(t, 'workflow.reverse', { petitionId: p.id, what: 'classification', note: 'x'.repeat(1001) }, 'VALIDATION');
    await refused(t, 'workflow.reverse', { petitionId: p.id, what: 'reminder', note: 'Nhầm lẫn' }, 'VALIDATION');
    await refused(t, 'workflow.reverse', { petitionId: 987_654, what: 'classification', note: 'Nhầm lẫn' }, 'NOT_FOUND');
  });

  it('goes in order: reply, then decision, then classification', async () => {
    for (const what of ['classification', 'decision', 'reply']) {
      await refused(t, 'workflow.reverse', { petitionId: p.id, what, note: 'Không có gì để hủy' }, 'CONFLICT');
    }
    await classifyAndForward(t, p.id, agency.id, '2026-03-18');
    await t.client.workflow.reply({ petitionId: p.id, on: '2026-03-19', outcome: 'resolved' });
    expect((await refused(t, 'workflow.reverse', { petitionId: p.id, what: 'classification', note: 'Phân loại sai' }, 'CONFLICT')).message).toMatch(/hủy quyết định trước/);
    expect((await refused(t, 'workflow.reverse', { petitionId: p.id, what: 'decision', note: 'Chuyển sai' }, 'CONFLICT')).message).toMatch(/hủy báo cáo trước/);

    let w = await t.client.workflow.reverse({ petitionId: p.id, what: 'reply', note: 'Báo cáo của đơn khác' });
    expect(w).toMatchObject({ stage: 'forwarded', replyDueOn: w.decisions[0]!.replyDueOn });
    await refused(t, 'workflow.reverse', { petitionId: p.id, what: 'reply', note: 'Hủy lần nữa' }, 'CONFLICT');
    w = await t.client.workflow.reverse({ petitionId: p.id, what: 'decision', note: 'Chuyển sai cơ quan' });
    expect(w).toMatchObject({ stage: 'awaiting_decision', status: 'awaiting_decision', replyDueOn: null });
    w = await t.client.workflow.reverse({ petitionId: p.id, what: 'classification', note: 'Phân loại lại' });
    expect(w).toMatchObject({ stage: 'awaiting_classification', status: 'awaiting_classification' });
  });

  it('keeps the reversed records, flagged with when, who and why; a new record is then allowed', async () => {
    const officer = await t.client.users.upsert({ username: 'lan.nt', fullName: 'Nguyễn Thị Lan', role: 'handler' });
    await signInAs(t, officer.id);
    await t.client.workflow.classify({ petitionId: p.id, eligible: false, reason: 'anonymous', on: '2026-03-17' });
    await t.client.workflow.decide({ petitionId: p.id, action: 'file', on: '2026-03-17' });
    t.clock.advance(1); // Saturday 2026-03-21
    await t.client.workflow.reverse({ petitionId: p.id, what: 'decision', note: '  Đơn có chữ ký, không nặc danh  ' });
    await t.client.workflow.reverse({ petitionId: p.id, what: 'classification', note: 'Đơn có chữ ký, không nặc danh' });
    await t.client.workflow.classify({ petitionId: p.id, eligible: true, on: '2026-03-21' });
    const w = await t.client.workflow.decide({ petitionId: p.id, action: 'forward', agencyId: agency.id, on: '2026-03-21' });

    const reversed = { at: '2026-03-21T03:00:00.000Z', by: 'Nguyễn Thị Lan', note: 'Đơn có chữ ký, không nặc danh' };
    expect(w.classifications.map((c) => [c.eligible, c.reason, c.decidedBy, c.reversed])).toEqual([
      [false, 'anonymous', 'Nguyễn Thị Lan', reversed],
      [true, null, 'Nguyễn Thị Lan', null],
    ]);
    expect(w.decisions.map((d) => [d.action, d.reversed])).toEqual([
      ['file', reversed],
      ['forward', null],
    ]);
    expect(w.stage).toBe('forwarded');
    const rows = await rawGet(t.register, 'select count(*) as n from classifications where petition_id = ?', p.id);
    expect(rows).toEqual({ n: 2 });
  });
});

describe('a denunciation is forwarded only once per content', () => {
  const SUMMARY = 'Tố cáo ông Trần Văn X, công chức địa chính xã, nhận tiền để cấp giấy chứng nhận';
  const denunciation = (patch: Parameters<typeof createPetition>[1] = {}) =>
    createPetition(t, { receivedOn: '2026-03-16', kind: 'denunciation', field: 'corruption', subject: 'Ông Trần Văn X', summary: SUMMARY, ...patch });

  async function forwardable(q: Petition) {
    await classify(q.id);
    return { petitionId: q.id, action: 'forward', agencyId: agency.id, on: '2026-03-18' };
  }

  it('refuses forwarding the same summary again, whoever denounces it (case and marks aside)', async () => {
    const first = await denunciation();
    await classifyAndForward(t, first.id, agency.id, '2026-03-17');
    const second = await denunciation({ petitioners: [BINH], subject: 'Ông X', summary: `  ${SUMMARY.toUpperCase()} `.normalize('NFD') });
    const error = await refused(t, 'workflow.decide', await forwardable(second), 'CONFLICT');
    expect(error.message).toContain(first.registerNo);
    expect(error.issues).toEqual([{ path: 'action', message: expect.stringContaining(first.registerNo) }]);
    // Other handling of the second one is still possible.
    expect((await t.client.workflow.decide({ petitionId: second.id, action: 'guide', agencyId: agency.id, on: '2026-03-18' })).stage).toBe('closed');
  });

  it('refuses the same subject from the same denouncer, even reworded', async () => {
    const first = await denunciation();
    await classifyAndForward(t, first.id, agency.id, '2026-03-17');
    const second = await denunciation({ subject: 'ông trần văn x', summary: 'Tố cáo tiếp ông X vì chưa thấy xử lý', petitioners: [{ ...DUC, phone: null }] });
    await refused(t, 'workflow.decide', await forwardable(second), 'CONFLICT');
  });

  it('allows the same subject from another denouncer with other content', async () => {
    const first = await denunciation();
    await classifyAndForward(t, first.id, agency.id, '2026-03-17');
    const second = await denunciation({ petitioners: [BINH], summary: 'Tố cáo ông X chiếm đất công' });
    expect((await t.client.workflow.decide((await forwardable(second)) as never)).stage).toBe('forwarded');
  });

  it('does not count a reversed forward, nor limit complaints', async () => {
    const first = await denunciation();
    await classifyAndForward(t, first.id, agency.id, '2026-03-17');
    await t.client.workflow.reverse({ petitionId: first.id, what: 'decision', note: 'Chuyển nhầm' });
    const second = await denunciation();
    expect((await t.client.workflow.decide((await forwardable(second)) as never)).stage).toBe('forwarded');
    // ...and now the first may not be forwarded again: the second holds the content.
    await refused(t, 'workflow.decide', { petitionId: first.id, action: 'forward', agencyId: agency.id, on: '2026-03-18' }, 'CONFLICT');

    const c1 = await createPetition(t, { receivedOn: '2026-03-16', summary: 'Khiếu nại giống hệt' });
    const c2 = await createPetition(t, { receivedOn: '2026-03-16', summary: 'Khiếu nại giống hệt' });
    await classifyAndForward(t, c1.id, agency.id, '2026-03-17');
    expect((await classifyAndForward(t, c2.id, agency.id, '2026-03-17')).stage).toBe('forwarded');
  });
});

describe('statuses through the whole life, as the clock moves', () => {
  async function statusEverywhere(id: number): Promise<PetitionStatus> {
    const detail = await t.client.petitions.get({ id });
    expect(detail.workflow.status).toBe(detail.petition.status);
    const row = (await t.client.petitions.list({ limit: 1000 })).rows.find((r) => r.id === id)!;
    expect(row.status).toBe(detail.petition.status);
    // The SQL form of the status filter agrees with the derived status.
    const filtered = await t.client.petitions.list({ status: detail.petition.status, limit: 1000 });
    expect(filtered.rows.map((r) => r.id)).toContain(id);
    return detail.petition.status;
  }

  it('awaiting_classification → awaiting_decision → forwarded → reply_overdue → closed', async () => {
    t.clock.set('2026-03-02');
    const q = await createPetition(t, { receivedOn: '2026-03-02' });
    expect(q).toMatchObject({ status: 'awaiting_classification', stage: 'awaiting_classification', dueOn: '2026-03-16', replyDueOn: null });
    expect(await statusEverywhere(q.id)).toBe('awaiting_classification');

    t.clock.set('2026-03-03');
    await classify(q.id, '2026-03-03');
    expect(await statusEverywhere(q.id)).toBe('awaiting_decision');

    t.clock.set('2026-03-05');
    const forwarded = await t.client.workflow.decide({ petitionId: q.id, action: 'forward', agencyId: agency.id, on: '2026-03-05' });
    const replyDue = addWorkingDays('2026-03-05', 37, holidays2026);
    expect(forwarded.replyDueOn).toBe(replyDue);
    expect(await statusEverywhere(q.id)).toBe('forwarded');

    // Past the processing deadline, a forwarded petition is not "overdue": it was handled.
    t.clock.set('2026-03-20');
    expect(await statusEverywhere(q.id)).toBe('forwarded');
    t.clock.set(replyDue);
    expect(await statusEverywhere(q.id)).toBe('forwarded'); // the deadline day itself is on time
    t.clock.advance(1);
    expect(await statusEverywhere(q.id)).toBe('reply_overdue');
    await t.client.workflow.remind({ petitionId: q.id, on: t.clock.today() });
    expect(await statusEverywhere(q.id)).toBe('reply_overdue');

    await t.client.workflow.reply({ petitionId: q.id, on: t.clock.today(), outcome: 'resolved' });
    expect(await statusEverywhere(q.id)).toBe('closed');
    t.clock.advance(400);
    expect(await statusEverywhere(q.id)).toBe('closed');
  });

  it('awaiting a classification or decision past the processing deadline is overdue', async () => {
    t.clock.set('2026-03-02');
    const q = await createPetition(t, { receivedOn: '2026-03-02' });
    t.clock.set('2026-03-16');
    expect(await statusEverywhere(q.id)).toBe('awaiting_classification');
    t.clock.set('2026-03-17');
    expect(await statusEverywhere(q.id)).toBe('overdue');
    await classify(q.id, '2026-03-17');
    expect(await statusEverywhere(q.id)).toBe('overdue');
    await t.client.workflow.decide({ petitionId: q.id, action: 'accept', on: '2026-03-17' });
    expect(await statusEverywhere(q.id)).toBe('closed');
  });
});

describe('duplicate candidates', () => {
  const ids = (w: Workflow) => w.duplicateCandidates.map((c) => c.id).sort((a, b) => a - b);

  it('finds earlier petitions by citizen ID, folded name or subject, and not itself nor later ones', async () => {
    const byId = await createPetition(t, { receivedOn: '2026-03-02', petitioners: [{ ...DUC, fullName: 'Nguyễn V. Đức' }], summary: 'Việc khác hẳn' });
    const byName = await createPetition(t, { receivedOn: '2026-03-03', petitioners: [person({ fullName: 'Lê Thị Thu' })], summary: 'Xin cấp sổ đỏ' });
    const bySubject = await createPetition(t, { receivedOn: '2026-03-04', petitioners: [BINH], subject: 'UBND xã Tịnh Khê', summary: 'Khiếu nại' });
    const unrelated = await createPetition(t, { receivedOn: '2026-03-05', petitioners: [person({ fullName: 'Hồ Văn Không' })], summary: 'Kiến nghị về điện' });
    const later = await createPetition(t, { receivedOn: '2026-03-18', petitioners: [DUC] });

    const probe = await createPetition(t, {
      receivedOn: '2026-03-17',
      petitioners: [DUC, person({ fullName: 'LÊ THI THU'.normalize('NFD') })],
      signatories: 2,
      subject: 'ubnd xã tịnh khê',
    });
    const w = await workflowOf(t, probe.id);
    expect(ids(w)).toEqual([p.id, byId.id, byName.id, bySubject.id].sort((a, b) => a - b));
    expect(ids(w)).not.toContain(unrelated.id);
    expect(ids(w)).not.toContain(later.id);
    expect(ids(w)).not.toContain(probe.id);
    // The same summary ranks first.
    expect(w.duplicateCandidates[0]).toMatchObject({ id: p.id, registerNo: p.registerNo, receivedOn: '2026-03-16', summary: p.summary });
    for (const c of w.duplicateCandidates) expect(c.score).toBeGreaterThan(0);
  });

  it('finds an old petition about the same subject however many later ones name it, and a protected denunciation by its subject', async () => {
    // The subject's earlier petitions are read by date, not the newest of all: 205 later petitions
    // about the same body do not hide the one received before the probe.
    const old = await createPetition(t, { receivedOn: '2026-01-05', petitioners: [person({ fullName: 'Hà Văn Cũ' })], subject: 'UBND phường Trần Phú', summary: 'Khiếu nại lần đầu' });
    for (let i = 0; i < 205; i++) {
      await createPetition(t, { receivedOn: '2026-03-10', petitioners: [person({ fullName: `Người Thứ ${i}` })], subject: 'UBND phường Trần Phú', summary: `Kiến nghị số ${i}` });
    }
    const probe = await createPetition(t, { receivedOn: '2026-01-20', petitioners: [person({ fullName: 'Đinh Thị Mới' })], subject: 'ubnd PHƯỜNG trần phú'.normalize('NFD'), summary: 'Khiếu nại' });
    expect(ids(await workflowOf(t, probe.id))).toEqual([old.id]);
    // A denunciation whose subject shares its words with the denouncer's name (hidden from the word
    // search of an officer without the permission) is still about that subject.
    const denounced = await createPetition(t, {
      receivedOn: '2026-02-02',
      kind: 'denunciation',
      field: 'corruption',
      petitioners: [person({ fullName: 'Nguyễn Văn Tú' })],
      subject: 'Ông Nguyễn Văn Tú, cán bộ địa chính',
      summary: 'Tố cáo',
    });
    const again = await createPetition(t, { receivedOn: '2026-02-03', kind: 'denunciation', field: 'corruption', petitioners: [person({ fullName: 'Lê Văn Khác' })], subject: 'ông nguyễn văn tú, cán bộ địa chính', summary: 'Tố cáo tiếp' });
    expect(ids(await workflowOf(t, again.id))).toEqual([denounced.id]);
  });

  it('a petition with nothing in common has none', async () => {
    const q = await createPetition(t, { receivedOn: '2026-03-17', petitioners: [person({ fullName: 'Đặng Văn Lạ' })], summary: 'Kiến nghị về nước sạch' });
    expect((await workflowOf(t, q.id)).duplicateCandidates).toEqual([]);
  });
});

describe('audit', () => {
  it('writes one row per step, naming the petition, with the status before and after', async () => {
    const steps: [string, () => Promise<unknown>, PetitionStatus, PetitionStatus][] = [
      ['classify', () => classify(), 'awaiting_classification', 'awaiting_decision'],
      ['decide', () => t.client.workflow.decide({ petitionId: p.id, action: 'forward', agencyId: agency.id, on: '2026-03-18' }), 'awaiting_decision', 'forwarded'],
      ['remind', () => t.client.workflow.remind({ petitionId: p.id, on: '2026-03-19' }), 'forwarded', 'forwarded'],
      ['reply', () => t.client.workflow.reply({ petitionId: p.id, on: '2026-03-20', outcome: 'resolved' }), 'forwarded', 'closed'],
      ['reverse', () => t.client.workflow.reverse({ petitionId: p.id, what: 'reply', note: 'Nhập nhầm' }), 'closed', 'forwarded'],
    ];
    for (const [action, step, before, after] of steps) {
      const from = await registerLastAuditId(t.register);
      await step();
      const rows = await registerAuditRowsSince(t.register, from);
      expect(rows, action).toHaveLength(1);
      expect(rows[0]).toMatchObject({ action, entity: 'petition', entity_id: String(p.id), actor_name: 'Quản trị viên', at: '2026-03-20T03:00:00.000Z' });
      expect(JSON.parse(rows[0]!.before_json!)).toMatchObject({ status: before });
      expect(JSON.parse(rows[0]!.after_json!)).toMatchObject({ status: after });
    }
    const decide = (await registerAuditRowsSince(t.register, 0)).find((r) => r.action === 'decide')!;
    expect(JSON.parse(decide.after_json!)).toMatchObject({
      decision: { action: 'forward', documentNo: '01/PC-BTCD' },
      detail: { action: 'forward', documentNo: '01/PC-BTCD', agency: agency.name },
    });
    expect(JSON.parse(decide.before_json!)).toMatchObject({ decision: null, classification: { eligible: true } });
    const history = (await t.client.petitions.get({ id: p.id })).history.map((h) => h.action);
    expect(history).toEqual(['reverse', 'reply', 'remind', 'decide', 'classify', 'create']);
  });
});
