// Matters (vụ việc) at the desk: intake on an existing matter, several contents, visits, the
// duplicate hook, merge and move (audited), and petitioners of every kind.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Petition } from '../../shared/domain/petition.ts';
import type { ReceptionSession } from '../../shared/domain/reception.ts';
import { ApiError } from '../../shared/errors.ts';
import { rawAll, rawGet, tempRegister, type TempRegister } from '../helpers/register.ts';
import { registerSnapshot } from '../helpers/snapshot.ts';
import { DUC, petitionInput, visitInput } from '../helpers/intake.ts';

let t: TempRegister;
let session: ReceptionSession;
beforeEach(async () => {
  t = await tempRegister();
  session = await t.client.sessions.upsert({ kind: 'regular', date: '2026-03-02' });
});
afterEach(async () => {
  await t.cleanup();
});

/** The call starts only after the snapshot, so a refusal is never left unhandled while the snapshot is read. */
async function refused(call: () => Promise<unknown>, pattern: RegExp): Promise<ApiError> {
  const before = await registerSnapshot(t.register);
  const error = await call().then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ApiError);
  expect((error as ApiError).message).toMatch(pattern);
  expect(await registerSnapshot(t.register)).toEqual(before);
  return error as ApiError;
}

const matterOf = async (p: Petition) => (await t.client.petitions.get({ id: p.id })).contents[0]!.matterId;

describe('intake on matters', () => {
  it('starts a new matter by default, and a second petition joins the chosen one as a repeat', async () => {
    const first = await t.client.petitions.create(petitionInput({ receivedOn: '2026-03-02', petitioners: [DUC] }));
    const matterId = await matterOf(first);
    const second = await t.client.petitions.create(petitionInput({ receivedOn: '2026-03-10', petitioners: [DUC], summary: 'Khiếu nại lần nữa', matterId }));
    const other = await t.client.petitions.create(petitionInput({ receivedOn: '2026-03-10', petitioners: [DUC], summary: 'Việc khác' }));
    expect(await matterOf(second)).toBe(matterId);
    expect(await matterOf(other)).not.toBe(matterId);
    const detail = await t.client.matters.get({ id: matterId });
    expect(detail.matter).toMatchObject({ petitions: 2, visits: 0, repeated: true, firstSeenOn: '2026-03-02' });
    expect(detail.items.map((i) => [i.type === 'petition' && i.registerNo, i.first])).toEqual([
      [first.registerNo, true],
      [second.registerNo, false],
    ]);
    // The suggestions at intake put Đức's matters first, with the latest register number.
    const candidates = await t.client.matters.suggest({ petitioners: [{ fullName: DUC.fullName, idNumber: DUC.idNumber }], summary: 'Khiếu nại lần nữa' });
    expect(candidates.map((c) => c.matterId).sort()).toEqual([matterId, await matterOf(other)].sort());
    expect(candidates.find((c) => c.matterId === matterId)).toMatchObject({ petitions: 2, lastRegisterNo: second.registerNo, reasons: expect.arrayContaining(['person']) });
  });

  it('registers further contents, each on its own matter with its own kind; the petition keeps the first kind', async () => {
    const earlier = await t.client.petitions.create(petitionInput({ receivedOn: '2026-03-02', kind: 'denunciation', field: 'corruption', summary: 'Tố cáo cán bộ địa chính' }));
    const p = await t.client.petitions.create(
      petitionInput({
        receivedOn: '2026-03-05',
        kind: 'complaint',
        field: 'land',
        summary: 'Khiếu nại thu hồi đất',
        contents: [
          { kind: 'denunciation', field: 'corruption', summary: 'Tố cáo cán bộ địa chính nhận tiền', matterId: await matterOf(earlier) },
          { kind: 'recommendation', field: 'policy', summary: 'Kiến nghị chế độ' },
        ],
      }),
    );
    expect(p.kind).toBe('complaint');
    const contents = (await t.client.petitions.get({ id: p.id })).contents;
    expect(contents.map((c) => [c.position, c.kind, c.field, c.repeat])).toEqual([
      [0, 'complaint', 'land', false],
      [1, 'denunciation', 'corruption', true],
      [2, 'recommendation', 'policy', false],
    ]);
    expect(contents[1]!.matterId).toBe(await matterOf(earlier));
    expect(new Set(contents.map((c) => c.matterId)).size).toBe(3);
    // An update with today's shape keeps the contents; one with contents replaces the further ones.
    const { id, registerNo: _r, status: _s, stage: _st, dueOn: _d, replyDueOn: _rd, createdAt: _c, updatedAt: _u, hasDenunciation: _h, ...rest } = p;
    await t.client.petitions.update({ id, ...rest, summary: 'Khiếu nại thu hồi đất (sửa)' });
    expect((await t.client.petitions.get({ id })).contents.map((c) => c.summary)).toEqual(['Khiếu nại thu hồi đất (sửa)', 'Tố cáo cán bộ địa chính nhận tiền', 'Kiến nghị chế độ']);
    // Dropping the denunciation content would show its denouncer to everyone: only a permitted
    // officer may (the system actor may not), and nothing changes.
    const dropped = await t.api.call('petitions.update', { id, ...rest, contents: [] });
    expect(dropped).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect((await t.client.petitions.get({ id })).contents).toHaveLength(3);
  });

  it('refuses a missing or merged matter, a content of kind multiple, and writes nothing', async () => {
    const a = await t.client.petitions.create(petitionInput({ receivedOn: '2026-03-02' }));
    const b = await t.client.petitions.create(petitionInput({ receivedOn: '2026-03-03', summary: 'Khác' }));
    await refused(() => t.client.petitions.create(petitionInput({ receivedOn: '2026-03-04', matterId: 999 })), /Không tìm thấy vụ việc có mã số 999/);
    await t.client.matters.merge({ fromId: await matterOf(b), intoId: await matterOf(a) });
    await refused(() => t.client.petitions.create(petitionInput({ receivedOn: '2026-03-04', matterId: b.id })), /đã được gộp vào vụ việc số/);
    await refused(
      () => t.client.petitions.create(petitionInput({ receivedOn: '2026-03-04', contents: [{ kind: 'multiple' as never, field: 'land', summary: 'x' }] })),
      /Loại nội dung phải là khiếu nại, tố cáo hoặc kiến nghị/,
    );
    const { id, registerNo: _r, status: _s, stage: _st, dueOn: _d, replyDueOn: _rd, createdAt: _c, updatedAt: _u, ...rest } = a;
    await refused(() => t.client.petitions.update({ id, ...rest, kind: 'multiple' }), /Nhiều nội dung.*không còn dùng/);
  });

  it('a petition handed in at a visit shares its matter; a visit may join an existing matter and is then a repeat', async () => {
    const v1 = await t.client.visits.save(visitInput(session.id));
    const p = await t.client.petitions.create(petitionInput({ receivedOn: '2026-03-02', visitId: v1.id }));
    expect(await matterOf(p)).toBe(v1.matterId);
    const v2 = await t.client.visits.save(visitInput(session.id, { matterId: v1.matterId, outcome: 'explained' }));
    expect(v2).toMatchObject({ matterId: v1.matterId, repeat: true });
    const v3 = await t.client.visits.save(visitInput(session.id, { content: 'Việc khác', outcome: 'explained' }));
    expect(v3.matterId).not.toBe(v1.matterId);
    expect(v3.repeat).toBe(false);
    const detail = await t.client.matters.get({ id: v1.matterId! });
    expect(detail.items.map((i) => [i.type, i.first])).toEqual([
      ['visit', true],
      ['visit', false],
      ['petition', true],
    ]);
    await refused(() => t.client.visits.save(visitInput(session.id, { matterId: 12345 })), /Không tìm thấy vụ việc/);
  });

  it('a duplicate classification puts the petition on its original matter as a repeat', async () => {
    const original = await t.client.petitions.create(petitionInput({ receivedOn: '2026-03-02' }));
    const dup = await t.client.petitions.create(petitionInput({ receivedOn: '2026-03-09', summary: 'Gửi lại đơn cũ' }));
    expect(await matterOf(dup)).not.toBe(await matterOf(original));
    await t.client.workflow.classify({ petitionId: dup.id, eligible: false, reason: 'duplicate', duplicateOf: original.id, on: '2026-03-10' });
    const contents = (await t.client.petitions.get({ id: dup.id })).contents;
    expect(contents[0]).toMatchObject({ matterId: await matterOf(original), repeat: true });
    expect((await t.client.matters.get({ id: await matterOf(original) })).matter.petitions).toBe(2);
  });

  it('reversing a duplicate classification puts the petition back on the matter it left, audited', async () => {
    const original = await t.client.petitions.create(petitionInput({ receivedOn: '2026-03-02' }));
    const dup = await t.client.petitions.create(petitionInput({ receivedOn: '2026-03-09', summary: 'Gửi lại đơn cũ' }));
    const own = await matterOf(dup);
    await t.client.workflow.classify({ petitionId: dup.id, eligible: false, reason: 'duplicate', duplicateOf: original.id, on: '2026-03-10' });
    expect(await matterOf(dup)).toBe(await matterOf(original));
    await t.client.workflow.reverse({ petitionId: dup.id, what: 'classification', note: 'Không trùng: nội dung khác' });
    expect((await t.client.petitions.get({ id: dup.id })).contents[0]).toMatchObject({ matterId: own, repeat: false });
    expect((await t.client.matters.get({ id: await matterOf(original) })).matter.petitions).toBe(1);
    const last = (await rawGet(t.register, 'select action, entity, entity_id, after_json from audit_log order by id desc limit 1')) as Record<string, string>;
    expect(last).toMatchObject({ action: 'reverse', entity: 'petition', entity_id: String(dup.id) });
    expect(JSON.parse(last.after_json!).detail.matter).toEqual({ from: await matterOf(original), to: own, newMatter: false });
  });

  it('a reversed duplicate whose own matter was merged away gets a new matter; its visit goes with it', async () => {
    const original = await t.client.petitions.create(petitionInput({ receivedOn: '2026-03-02' }));
    const visit = await t.client.visits.save(visitInput(session.id, { outcome: 'petition_received' }));
    const dup = await t.client.petitions.create(petitionInput({ receivedOn: '2026-03-02', visitId: visit.id, summary: 'Đơn nộp tại buổi tiếp' }));
    const own = await matterOf(dup);
    await t.client.workflow.classify({ petitionId: dup.id, eligible: false, reason: 'duplicate', duplicateOf: original.id, on: '2026-03-03' });
    const shared = await matterOf(original);
    expect((await t.client.visits.get({ id: visit.id })).matterId).toBe(shared);
    // The emptied matter is merged into a third one meanwhile: it cannot take the petition back.
    const third = await t.client.petitions.create(petitionInput({ receivedOn: '2026-03-03', summary: 'Đơn khác' }));
    await t.client.matters.merge({ fromId: own, intoId: await matterOf(third) });
    await t.client.workflow.reverse({ petitionId: dup.id, what: 'classification', note: 'Phân loại nhầm' });
    const back = await matterOf(dup);
    expect([shared, own, await matterOf(third)]).not.toContain(back);
    expect((await t.client.visits.get({ id: visit.id })).matterId).toBe(back);
    expect((await t.client.matters.get({ id: back })).items.map((i) => i.type)).toEqual(['visit', 'petition']);
  });

  it('a duplicate chosen on its original matter at intake stays there when the classification is reversed', async () => {
    const original = await t.client.petitions.create(petitionInput({ receivedOn: '2026-03-02' }));
    const dup = await t.client.petitions.create(petitionInput({ receivedOn: '2026-03-09', summary: 'Gửi lại', matterId: await matterOf(original) }));
    await t.client.workflow.classify({ petitionId: dup.id, eligible: false, reason: 'duplicate', duplicateOf: original.id, on: '2026-03-10' });
    await t.client.workflow.reverse({ petitionId: dup.id, what: 'classification', note: 'Phân loại nhầm' });
    expect(await matterOf(dup)).toBe(await matterOf(original));
  });
});

describe('merge and move', () => {
  it('merge moves everything to the survivor, keeps the merged matter pointing at it, in one audited write', async () => {
    const v = await t.client.visits.save(visitInput(session.id, { outcome: 'explained' }));
    const p = await t.client.petitions.create(petitionInput({ receivedOn: '2026-03-05' }));
    const from = await matterOf(p);
    const auditBefore = ((await rawGet(t.register, 'select count(*) as n from audit_log')) as { n: number }).n;
    const merged = await t.client.matters.merge({ fromId: from, intoId: v.matterId! });
    expect(merged.matter).toMatchObject({ id: v.matterId, petitions: 1, visits: 1, repeated: true });
    expect(merged.merged).toEqual([{ id: from, title: expect.any(String) }]);
    expect(merged.items.map((i) => [i.type, i.first])).toEqual([
      ['visit', true],
      ['petition', false],
    ]);
    const rows = (await rawAll(t.register, 'select action, entity, entity_id, before_json, after_json from audit_log where id > ? order by id', auditBefore)) as Record<string, string>[];
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'merge', entity: 'matter', entity_id: String(v.matterId) });
    expect(JSON.parse(rows[0]!.before_json!).from.id).toBe(from);
    expect((await t.client.matters.get({ id: from })).matter).toMatchObject({ mergedInto: v.matterId, petitions: 0, visits: 0 });
    expect((await t.client.matters.list()).rows.map((m) => m.id)).toEqual([v.matterId]);
    await refused(() => t.client.matters.merge({ fromId: from, intoId: v.matterId! }), /đã được gộp/);
  });

  it('move takes a content or a visit to another matter or a new one, audited; refusals write nothing', async () => {
    const a = await t.client.petitions.create(petitionInput({ receivedOn: '2026-03-02' }));
    const b = await t.client.petitions.create(petitionInput({ receivedOn: '2026-03-04', summary: 'Đơn thứ hai', matterId: await matterOf(a) }));
    const contentId = (await t.client.petitions.get({ id: b.id })).contents[0]!.id;
    const moved = await t.client.matters.move({ contentId, toMatterId: null });
    expect(moved.matter.id).not.toBe(await matterOf(a));
    expect(moved.items).toEqual([expect.objectContaining({ type: 'petition', petitionId: b.id, first: true })]);
    const last = (await rawGet(t.register, 'select action, entity, before_json, after_json from audit_log order by id desc limit 1')) as Record<string, string>;
    expect(last).toMatchObject({ action: 'move', entity: 'matter' });
    expect(JSON.parse(last.before_json!)).toMatchObject({ matterId: await matterOf(a), contentId, registerNo: b.registerNo });
    expect(JSON.parse(last.after_json!)).toMatchObject({ matterId: moved.matter.id, contentId });
    await refused(() => t.client.matters.move({ contentId, toMatterId: moved.matter.id }), /đã thuộc vụ việc/);
    await refused(() => t.client.matters.move({ contentId: 4242, toMatterId: null }), /Không tìm thấy nội dung đơn/);
  });

  it('update records the state on arrival and refuses what does not fit the kind', async () => {
    const p = await t.client.petitions.create(petitionInput({ receivedOn: '2026-03-02', kind: 'denunciation', field: 'corruption' }));
    const id = await matterOf(p);
    const m = await t.client.matters.update({ id, title: 'Tố cáo cán bộ', kind: 'denunciation', field: 'corruption', arrivalState: 'denunciation_overdue', caseCommuneCode: '21184' });
    expect(m).toMatchObject({ arrivalState: 'denunciation_overdue', caseCommuneCode: '21184', complaintLevel: null });
    await refused(() => t.client.matters.update({ id, title: 'X', kind: 'denunciation', arrivalState: 'resolved_twice', decidedBy: 'UBND tỉnh' }), /chỉ dùng cho vụ việc khiếu nại/);
    await refused(() => t.client.matters.update({ id, title: 'X', kind: 'denunciation', arrivalState: 'unresolved', complaintLevel: 'first' }), /Chỉ vụ việc khiếu nại mới có cấp khiếu nại/);
    expect((await t.client.matters.list({ search: 'to cao can bo' })).rows.map((r) => r.id)).toEqual([id]);
  });
});

describe('petitioners of every kind', () => {
  it('stores a foreigner with passport and nationality, an organisation with its tax number and representative', async () => {
    const p = await t.client.petitions.create(
      petitionInput({
        receivedOn: '2026-03-02',
        signatories: 2,
        petitioners: [
          { kind: 'foreigner', fullName: 'John Smith', idNumber: 'N1234567', nationality: 'Hoa Kỳ', idIssuedOn: '2020-05-01', idIssuedPlace: 'Washington' },
          { kind: 'organisation', fullName: 'Công ty TNHH An Phú', orgRegNo: '4300123456', representative: 'Giám đốc Lê Văn Hải', address: 'Quảng Ngãi' },
        ],
      }),
    );
    expect(p.petitioners).toEqual([
      expect.objectContaining({ kind: 'foreigner', idNumber: 'N1234567', nationality: 'Hoa Kỳ', idIssuedOn: '2020-05-01', idIssuedPlace: 'Washington' }),
      expect.objectContaining({ kind: 'organisation', fullName: 'Công ty TNHH An Phú', orgRegNo: '4300123456', representative: 'Giám đốc Lê Văn Hải', idNumber: null }),
    ]);
    // A citizen reads exactly as before (no new keys), with the ID's date and place when given.
    const c = await t.client.petitions.create(petitionInput({ receivedOn: '2026-03-02', petitioners: [{ ...DUC, idIssuedOn: '2021-07-01', idIssuedPlace: 'Cục Cảnh sát QLHC về TTXH' }] }));
    expect(c.petitioners[0]).toMatchObject({ idIssuedOn: '2021-07-01', idIssuedPlace: 'Cục Cảnh sát QLHC về TTXH' });
    expect(c.petitioners[0]!.kind).toBeUndefined();
  });

  it('checks the ID for each kind', async () => {
    await refused(() => t.client.petitions.create(petitionInput({ receivedOn: '2026-03-02', petitioners: [{ kind: 'foreigner', fullName: 'Jane Doe', idNumber: 'X1234567' }] })), /phải ghi quốc tịch/);
    await refused(
      () => t.client.petitions.create(petitionInput({ receivedOn: '2026-03-02', petitioners: [{ kind: 'foreigner', fullName: 'Jane Doe', idNumber: '051065001234', nationality: 'Pháp' }] })),
      /ghi số hộ chiếu/,
    );
    await refused(
      () => t.client.petitions.create(petitionInput({ receivedOn: '2026-03-02', petitioners: [{ kind: 'organisation', fullName: 'Hợp tác xã', idNumber: '051065001234' }] })),
      /không ghi số CCCD/,
    );
    await refused(() => t.client.petitions.create(petitionInput({ receivedOn: '2026-03-02', petitioners: [{ fullName: 'Lê A', orgRegNo: '4300123456' }] })), /chỉ ghi cho cơ quan, tổ chức/);
    await refused(() => t.client.petitions.create(petitionInput({ receivedOn: '2026-03-02', petitioners: [{ fullName: 'Lê A', idNumber: '12345' }] })), /Số CCCD gồm 12 chữ số/);
  });
});
