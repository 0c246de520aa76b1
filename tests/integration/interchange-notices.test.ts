// Notices to citizens in interchange v2: exported with their numbers, deadlines and steps,
// imported into an empty register to give the same file again, the series continued after them,
// a denouncer's name redacted for other bodies, and every inconsistency refused with nothing written.
import { afterEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../db/context.ts';
import { exportRegister } from '../../db/interchange/export.ts';
import { importFile } from '../../db/interchange/import.ts';
import { redactDenouncers } from '../../db/interchange/redact.ts';
import { ApiError } from '../../shared/errors.ts';
import { PROTECTED_LABEL } from '../../shared/domain/protection.ts';
import { checkInterchangeV2, serialiseInterchangeV2, type V2File } from '../../shared/interchange/v2.ts';
import { DUC, petitionInput, visitInput } from '../helpers/intake.ts';
import { rawGet, tempRegister, type TempRegister } from '../helpers/register.ts';
import { registerSnapshot } from '../helpers/snapshot.ts';

const ACTOR: Actor = { id: null, name: 'Kiểm thử nhập tệp' };
const AUGUST = new Date('2026-08-20T03:00:00Z');
const withoutExportedAt = (text: string) => text.replace(/^ {2}"exported_at": "[^"]*",\n/m, '');

const registers: TempRegister[] = [];
async function newRegister(): Promise<TempRegister> {
  const r = await tempRegister({ now: AUGUST });
  registers.push(r);
  await r.client.settings.update({ signerName: 'Nguyễn Văn Ký' });
  return r;
}
afterEach(async () => {
  for (const r of registers.splice(0)) await r.cleanup();
});

const agencyId = async (t: TempRegister) => (await rawGet<{ id: number }>(t.register, "select id from agencies where code = 'SO-NNMT'"))!.id;

/**
 * A register with every kind of notice: a refusal notice issued; a guidance notice due; a
 * denunciation's forward notice issued and its result notice due; a notice issued before its
 * decision was reversed (kept, no step) and the new decision's notice due; a notice cancelled with
 * its decision (not carried).
 */
async function registerWithNotices(): Promise<TempRegister> {
  const t = await newRegister();
  const c = t.client;
  const session = await c.sessions.upsert({ kind: 'regular', date: '2026-08-03' });
  const refusedVisit = await c.visits.save(visitInput(session.id, { outcome: 'refused', refusalGround: 'law_9_3' }));
  await c.notices.issue({ id: refusedVisit.refusalNotice!.id, on: '2026-08-04' });

  const decided = async (input: Parameters<typeof petitionInput>[0], action: 'guide' | 'forward') => {
    const p = await c.petitions.create(petitionInput(input));
    await c.workflow.classify({ petitionId: p.id, eligible: true, on: '2026-08-04' });
    await c.workflow.decide({ petitionId: p.id, action, agencyId: await agencyId(t), on: '2026-08-05' });
    return p;
  };
  await decided({ receivedOn: '2026-08-03' }, 'guide');

  const denunciation = await decided({ receivedOn: '2026-08-03', kind: 'denunciation', field: 'corruption', summary: 'Tố cáo cán bộ địa chính xã', petitioners: [DUC] }, 'forward');
  const [forward] = await c.notices.list({ petitionId: denunciation.id });
  await c.notices.issue({ id: forward!.id, on: '2026-08-06' });
  await c.workflow.reply({ petitionId: denunciation.id, on: '2026-08-18', outcome: 'resolved', documentNo: '12/BC-SNNMT' });

  const redecided = await decided({ receivedOn: '2026-08-04', summary: 'Kiến nghị cấp giấy chứng nhận' }, 'guide');
  const [first] = await c.notices.list({ petitionId: redecided.id });
  await c.notices.issue({ id: first!.id, on: '2026-08-06' });
  await c.workflow.reverse({ petitionId: redecided.id, what: 'decision', note: 'Hướng dẫn nhầm cơ quan' });
  await c.workflow.decide({ petitionId: redecided.id, action: 'guide', agencyId: await agencyId(t), on: '2026-08-07' });

  const cancelled = await decided({ receivedOn: '2026-08-04', summary: 'Đơn hướng dẫn rồi hủy' }, 'guide');
  await c.workflow.reverse({ petitionId: cancelled.id, what: 'decision', note: 'Chưa đủ thông tin' });
  return t;
}

describe('notices in interchange v2', () => {
  it('round trip: export, import into an empty register, export again gives the same file; the series continues', async () => {
    const first = await registerWithNotices();
    const text1 = serialiseInterchangeV2(await exportRegister(first.register));
    const file = JSON.parse(text1) as V2File;
    expect(Object.keys(file).at(-1)).toBe('notices');
    expect(file.notices!.map((n) => [n.kind, n.petition === null ? n.visit : 'P', n.step, n.document_no])).toEqual([
      ['refusal', 'V1', null, '01/TB-BTCD'],
      ['handling', 'P', 'decision', null],
      ['denunciation_forward', 'P', 'decision', '02/TB-BTCD'],
      ['result', 'P', 'reply', null],
      ['handling', 'P', null, '03/TB-BTCD'],
      ['handling', 'P', 'decision', null],
    ]);
    // The register stores a notice to a denouncer under the protected label already.
    expect(file.notices![2]!.recipient).toBe(PROTECTED_LABEL);

    const second = await newRegister();
    const counts = await importFile(second.register, JSON.parse(text1), ACTOR);
    expect(counts.notices).toBe(6);
    const text2 = serialiseInterchangeV2(await exportRegister(second.register));
    expect(withoutExportedAt(text2)).toBe(withoutExportedAt(text1));

    // Imported notices are the desk's: due ones in Việc cần làm, the next number after the file's.
    const todo = await second.client.todo.law();
    expect(todo.notices.map((n) => n.kind).sort()).toEqual(['handling', 'handling', 'result']);
    const issued = await second.client.notices.issue({ id: todo.notices[0]!.id, on: '2026-08-20' });
    expect(issued.documentNo).toBe('04/TB-BTCD');
  });

  it('an export for another body names no denouncer in its notices', async () => {
    const t = await registerWithNotices();
    // A visitor refused while denouncing: the refusal notice is addressed to them by name.
    const session = (await t.client.sessions.upsert({ kind: 'regular', date: '2026-08-03' })).id;
    const denouncer = { ...DUC, fullName: 'Hoàng Văn Tố', idNumber: '051080009999' };
    await t.client.visits.save(visitInput(session, { citizen: denouncer, matter: 'denunciation', content: 'Tố cáo chủ tịch xã', outcome: 'refused', refusalGround: 'law_9_3' }));
    const full = await exportRegister(t.register);
    expect(full.notices!.at(-1)!.recipient).toBe(denouncer.fullName);
    const { file } = redactDenouncers(full);
    expect(file.notices!.at(-1)!.recipient).toBe(PROTECTED_LABEL);
    expect(file.notices!.filter((n) => n.kind === 'denunciation_forward' || n.kind === 'result').map((n) => n.recipient)).toEqual([PROTECTED_LABEL, PROTECTED_LABEL]);
    // The first refusal notice's visitor was not denouncing: named as before.
    expect(file.notices![0]!.recipient).toBe(DUC.fullName);
    expect(JSON.stringify(file)).not.toContain(denouncer.fullName);
  });

  it.each<[string, (f: V2File) => void, string, string]>([
    ['an unknown petition', (f) => void (f.notices![1]!.petition = 'P99'), 'notices[ref=N2].petition', 'Không có đơn ref “P99”'],
    ['a refusal without its visit', (f) => void (f.notices![0]!.visit = null), 'notices[ref=N1].visit', 'phải ghi lượt tiếp'],
    ['a result notice on a petition without a reply', (f) => void Object.assign(f.notices![1]!, { kind: 'result', step: 'reply' }), 'notices[ref=N2].step', 'không có báo cáo kết quả'],
    ['a notice due without its step', (f) => void (f.notices![1]!.step = null), 'notices[ref=N2].step', 'chưa ban hành phải gắn với bước'],
    ['an issue date without a number', (f) => void (f.notices![1]!.issued_on = '2026-08-10'), 'notices[ref=N2].document_no', 'có cả ngày ban hành'],
    ['a number used twice', (f) => void (f.notices![4]!.document_no = '02/TB-BTCD'), 'notices[ref=N5].document_no', 'đã dùng cho thông báo N3'],
    ['a forward notice on a content that is no denunciation', (f) => void (f.notices![1]!.kind = 'denunciation_forward'), 'notices[ref=N2].kind', 'không phải nội dung tố cáo'],
    ['an issue date after today', (f) => void Object.assign(f.notices![1]!, { issued_on: '2026-09-01', document_no: '09/TB-BTCD' }), 'notices[ref=N2].issued_on', 'sau ngày hôm nay'],
  ])('refuses %s, naming the notice and field, and writes nothing', async (_label, mutate, where, message) => {
    const source = await registerWithNotices();
    const file = JSON.parse(serialiseInterchangeV2(await exportRegister(source.register))) as V2File;
    mutate(file);
    const check = checkInterchangeV2(file, { today: '2026-08-20' });
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.issues).toContainEqual({ path: where, message: expect.stringContaining(message) });
    const r = await newRegister();
    const before = await registerSnapshot(r.register);
    const error = await importFile(r.register, file, ACTOR).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).toContain(where);
    expect(await registerSnapshot(r.register)).toEqual(before);
  });

  it('refuses a notice number the register already holds, and writes nothing', async () => {
    const source = await registerWithNotices();
    const file = JSON.parse(serialiseInterchangeV2(await exportRegister(source.register))) as V2File;
    // The file's petitions take the register's next numbers; its notice numbers are kept.
    for (const p of file.petitions) (p as { register_no: string | null }).register_no = null;
    const r = await newRegister();
    const p = await r.client.petitions.create(petitionInput({ receivedOn: '2026-08-03' }));
    await r.client.workflow.classify({ petitionId: p.id, eligible: true, on: '2026-08-04' });
    await r.client.workflow.decide({ petitionId: p.id, action: 'guide', agencyId: await agencyId(r), on: '2026-08-05' });
    const [notice] = await r.client.notices.list({ petitionId: p.id });
    await r.client.notices.issue({ id: notice!.id, on: '2026-08-05' });
    const before = await registerSnapshot(r.register);
    const error = await importFile(r.register, file, ACTOR).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).message).toMatch(/notices\[ref=N1\]\.document_no: Số thông báo 01\/TB-BTCD năm 2026 đã có trong sổ/);
    expect(await registerSnapshot(r.register)).toEqual(before);
  });
});
