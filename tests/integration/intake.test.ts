// The intake desk over a real register: today's session, visits and delegations, the citizen
// registry behind every person, petition rules, the petition list, history and the register book.
import { vietnamDate } from '../../shared/domain/dates.ts';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { PetitionPage, Petition, PetitionListInput, ReceptionRegisterRow } from '../../shared/domain/petition.ts';
import { FIELDS, PETITION_KINDS, parseRegisterNo } from '../../shared/domain/petition.ts';
import type { PersonInput } from '../../shared/domain/person.ts';
import type { Visit } from '../../shared/domain/reception.ts';
import { expectError, expectOk } from '../helpers/envelope.ts';
import { BINH, DUC, HUNG, delegationInput, person, petitionInput, updateInput, visitInput } from '../helpers/intake.ts';
import { LIST_COUNT_CAP } from '../../db/ops/petitions.ts';
import { rawGet, tempRegister, TEST_NOW, type TempRegister, signInAs } from '../helpers/register.ts';
import { registerAuditRowsSince, registerLastAuditId, registerSnapshot } from '../helpers/snapshot.ts';

let t: TempRegister;
let extra: TempRegister[] = [];
beforeEach(async () => {
  t = await tempRegister();
});
afterEach(async () => {
  await t.cleanup();
  for (const x of extra) await x.cleanup();
  extra = [];
});

/** Calls a method expecting a refusal with `code`, and checks that nothing was written. */
async function refused(method: string, input: unknown, code: Parameters<typeof expectError>[1], register = t) {
  const before = await registerSnapshot(register.register);
  const error = expectError(await register.api.call(method, input), code);
  expect(await registerSnapshot(register.register)).toEqual(before);
  return error;
}

async function session(date = '2026-03-15', kind: 'regular' | 'periodic' | 'adhoc' | 'online' = 'regular') {
  return t.client.sessions.upsert({ kind, date });
}

describe('sessions.openToday', () => {
  it('opens today’s session once per kind; calling again returns it and writes nothing', async () => {
    const first = await t.client.sessions.openToday();
    expect(first).toEqual({
      id: expect.any(Number),
      kind: 'regular',
      date: '2026-03-15',
      host: 'Ban Tiếp công dân tỉnh',
      hostName: null,
      location: 'Trụ sở Tiếp công dân tỉnh',
      officers: ['Quản trị viên'],
      visitCount: 0,
      personCount: 0,
      hostMode: null,
      delegateName: null,
      delegateTitle: null,
      onlineOf: null,
    });
    const before = await registerSnapshot(t.register);
    expect(await t.client.sessions.openToday({ kind: 'regular' })).toEqual(first);
    expect(await t.client.sessions.openToday()).toEqual(first);
    expect(await registerSnapshot(t.register)).toEqual(before);

    const online = await t.client.sessions.openToday({ kind: 'online' });
    expect(online).toMatchObject({ kind: 'online', date: '2026-03-15', host: null, location: 'Trực tuyến' });
    expect(online.id).not.toBe(first.id);
    expect(await t.client.sessions.openToday({ kind: 'online' })).toEqual(online);
    expect((await t.client.sessions.list()).map((s) => s.id).sort()).toEqual([first.id, online.id].sort());
  });

  it('reuses a session of today entered by hand, and counts its visits', async () => {
    const manual = await session('2026-03-15', 'periodic');
    await t.client.visits.save(visitInput(manual.id, { persons: 3 }));
    expect(await t.client.sessions.openToday({ kind: 'periodic' })).toEqual({ ...manual, visitCount: 1, personCount: 3 });
  });

  it('uses the date in Vietnam (UTC+7), not the UTC date', async () => {
    let now = new Date('2026-03-15T16:59:59.000Z');
    const r = await tempRegister({ now: () => new Date(now) });
    extra.push(r);
    const lateEvening = await r.client.sessions.openToday();
    expect(lateEvening.date).toBe('2026-03-15'); // 23:59:59 in Vietnam

    now = new Date('2026-03-15T17:00:00.000Z'); // midnight in Vietnam
    const midnight = await r.client.sessions.openToday();
    expect(midnight.date).toBe('2026-03-16');
    expect(midnight.id).not.toBe(lateEvening.id);

    now = new Date('2026-03-15T18:00:00.000Z'); // still 15 March in UTC, already 16 March in Vietnam
    expect(await r.client.sessions.openToday()).toEqual(midnight);

    now = new Date('2026-03-16T16:00:00.000Z'); // 23:00 on the 16th in Vietnam
    expect(await r.client.sessions.openToday()).toEqual(midnight);

    now = new Date('2026-12-31T17:30:00.000Z'); // New Year in Vietnam
    expect((await r.client.sessions.openToday()).date).toBe('2027-01-01');
  });

  it('opened at the same moment from two registers on one file: still one session', async () => {
    const other = await tempRegister({ path: t.path });
    extra.push(other);
    const opened = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 ? t : other).client.sessions.openToday()));
    expect(new Set(opened.map((s) => s.id)).size).toBe(1);
    expect(await rawGet(t.register, 'select count(*) as n from reception_sessions')).toEqual({ n: 1 });
  });

  it('writes one audit row when it opens a session, naming the officer chosen', async () => {
    const officer = await t.client.users.upsert({ username: 'lan.nt', fullName: 'Nguyễn Thị Lan' });
    await signInAs(t, officer.id);
    const from = await registerLastAuditId(t.register);
    const opened = await t.client.sessions.openToday();
    expect(opened.officers).toEqual(['Nguyễn Thị Lan']);
    const rows = await registerAuditRowsSince(t.register, from);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'create', entity: 'session', entity_id: String(opened.id), actor_id: officer.id, actor_name: 'Nguyễn Thị Lan' });
    expect(JSON.parse(rows[0]!.after_json!)).toMatchObject({ ...opened, note: expect.stringContaining('hôm nay') });
  });
});

describe('sessions', () => {
  it('upsert creates and edits (text trimmed, NFC), with an audit row of before and after', async () => {
    const created = await t.client.sessions.upsert({ kind: 'periodic', date: '2026-03-20', hostName: ' Phạm Văn Ký '.normalize('NFD'), officers: ['Lê Thị Hoa', ' Võ Văn Tư '] });
    expect(created).toMatchObject({ hostName: 'Phạm Văn Ký', officers: ['Lê Thị Hoa', 'Võ Văn Tư'], host: null, location: null });
    const from = await registerLastAuditId(t.register);
    const edited = await t.client.sessions.upsert({ id: created.id, kind: 'periodic', date: '2026-03-21', host: 'Chủ tịch UBND tỉnh', hostName: 'Phạm Văn Ký' });
    expect(edited).toEqual({ ...created, date: '2026-03-21', host: 'Chủ tịch UBND tỉnh', officers: [] });
    const [row] = await registerAuditRowsSince(t.register, from);
    expect(row).toMatchObject({ action: 'update', entity: 'session', entity_id: String(created.id) });
    expect(JSON.parse(row!.before_json!)).toEqual(created);
    expect(JSON.parse(row!.after_json!)).toEqual(edited);
  });

  it('list filters by date, newest first', async () => {
    const ids: Record<string, number> = {};
    for (const date of ['2026-03-10', '2026-03-20', '2026-02-28', '2026-03-15']) ids[date] = (await session(date)).id;
    expect((await t.client.sessions.list()).map((s) => s.date)).toEqual(['2026-03-20', '2026-03-15', '2026-03-10', '2026-02-28']);
    expect((await t.client.sessions.list({ from: '2026-03-10', to: '2026-03-15' })).map((s) => s.id)).toEqual([ids['2026-03-15'], ids['2026-03-10']]);
    expect((await t.client.sessions.list({ limit: 1 })).map((s) => s.date)).toEqual(['2026-03-20']);
  });
});

describe('visits and delegations', () => {
  it('a delegation of 7 may send 2 representatives, stored in order', async () => {
    const s = await session();
    const visit = await t.client.visits.save(delegationInput(s.id, 7, [BINH, HUNG]));
    expect(visit.delegation).toEqual({
      members: 7,
      representatives: [
        expect.objectContaining({ fullName: 'Trần Thị Bình', idNumber: '051170004321' }),
        expect.objectContaining({ fullName: 'Lê Văn Hùng', idNumber: null }),
      ],
    });
    expect(visit.persons).toBe(7);
    expect(visit.citizen).toMatchObject({ fullName: 'Trần Thị Bình' });
    expect(await t.client.visits.get({ id: visit.id })).toEqual(visit);
    expect((await t.client.sessions.get({ id: s.id })).session).toMatchObject({ visitCount: 1, personCount: 7 });
  });

  it('a delegation of 7 sending 3 representatives is refused: "Đoàn 7 người cử tối đa 2 người đại diện"', async () => {
    const s = await session();
    const error = await refused('visits.save', delegationInput(s.id, 7, [BINH, HUNG, DUC]), 'VALIDATION');
    expect(error.issues).toContainEqual({ path: 'delegation.representatives', message: 'Đoàn 7 người cử tối đa 2 người đại diện' });
    expect(error.message).toContain('Đoàn 7 người cử tối đa 2 người đại diện');
  });

  it('up to 10 people send at most 2; more than 10 may send up to 5, never 6', async () => {
    const s = await session();
    const reps = (n: number): PersonInput[] => Array.from({ length: n }, (_, i) => person({ fullName: `Đại diện số ${i + 1}` }));
    const eleven = await t.client.visits.save(delegationInput(s.id, 11, reps(5)));
    expect(eleven.delegation?.representatives.map((r) => r.fullName)).toEqual(['Đại diện số 1', 'Đại diện số 2', 'Đại diện số 3', 'Đại diện số 4', 'Đại diện số 5']);
    expect((await refused('visits.save', delegationInput(s.id, 10, reps(3)), 'VALIDATION')).issues).toContainEqual({
      path: 'delegation.representatives',
      message: 'Đoàn 10 người cử tối đa 2 người đại diện',
    });
    await refused('visits.save', delegationInput(s.id, 200, reps(6)), 'VALIDATION');
    await t.client.visits.save(delegationInput(s.id, 5, reps(1)));
  });

  it('a delegation has at least 5 people: 4 is refused', async () => {
    const s = await session();
    const error = await refused('visits.save', delegationInput(s.id, 4, [BINH]), 'VALIDATION');
    expect(error.issues).toContainEqual({ path: 'delegation.members', message: 'Đoàn đông người có từ 5 người trở lên' });
  });

  it('editing a visit replaces its representatives and is audited with before and after', async () => {
    const s = await session();
    const visit = await t.client.visits.save(delegationInput(s.id, 7, [BINH, HUNG]));
    const from = await registerLastAuditId(t.register);
    const edited = await t.client.visits.save({ ...delegationInput(s.id, 12, [BINH, HUNG, DUC]), id: visit.id, repeat: true });
    expect(edited).toMatchObject({ id: visit.id, persons: 12, repeat: true, delegation: { members: 12 } });
    expect(edited.delegation?.representatives.map((r) => r.fullName)).toEqual(['Trần Thị Bình', 'Lê Văn Hùng', 'Nguyễn Văn Đức']);
    const rows = await registerAuditRowsSince(t.register, from);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'update', entity: 'visit', entity_id: String(visit.id) });
    expect(JSON.parse(rows[0]!.before_json!)).toEqual(visit);
    expect(JSON.parse(rows[0]!.after_json!)).toEqual(edited);

    // A delegation edited into a single visitor keeps no representatives.
    const single = await t.client.visits.save({ ...visitInput(s.id), id: visit.id, delegation: null });
    expect(single.delegation).toBeNull();
    expect(await rawGet(t.register, 'select count(*) as n from visit_representatives where visit_id = ?', visit.id)).toEqual({ n: 0 });
  });
});

describe('the citizen registry', () => {
  const citizenRow = async (id: number) => (await rawGet(t.register, 'select * from citizens where id = ?', id)) as Record<string, unknown>;
  const citizenCount = async () => ((await rawGet(t.register, 'select count(*) as n from citizens')) as { n: number }).n;

  it('the same ID number is the same citizen, however it is typed; each occasion keeps its own snapshot', async () => {
    const s = await session();
    const first = await t.client.visits.save(visitInput(s.id));
    const second = await t.client.visits.save(visitInput(s.id, { citizen: { ...DUC, idNumber: '0510 6500 1234', phone: '0912 000 111' } }));
    const p = await t.client.petitions.create(petitionInput({ petitioners: [{ fullName: 'Nguyễn Văn Đức', idNumber: ' 051065001234 ' }] }));
    expect(second.citizen.citizenId).toBe(first.citizen.citizenId);
    expect(p.petitioners[0]!.citizenId).toBe(first.citizen.citizenId);
    expect(await citizenCount()).toBe(1);
    expect(await rawGet(t.register, 'select count(*) as n from persons where citizen_id = ?', first.citizen.citizenId)).toEqual({ n: 3 });
    // The first visit still shows the phone number given then.
    expect((await t.client.visits.get({ id: first.id })).citizen.phone).toBe('0905 123 456');
    expect((await t.client.visits.get({ id: second.id })).citizen.phone).toBe('0912 000 111');
  });

  it('a new ID number saved at the same moment from two registers on one file makes one citizen', async () => {
    const other = await tempRegister({ path: t.path });
    extra.push(other);
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => (i % 2 ? t : other).client.petitions.create(petitionInput())));
    expect(new Set(results.map((p) => p.petitioners[0]!.citizenId)).size).toBe(1);
    expect(await citizenCount()).toBe(1);
  });

  it('a passport number is stored without spaces, upper case, and links the same way', async () => {
    const a = await t.client.petitions.create(petitionInput({ petitioners: [{ fullName: 'John Smith', idNumber: 'c 123 4567' }] }));
    const b = await t.client.petitions.create(petitionInput({ petitioners: [{ fullName: 'John Smith', idNumber: 'C1234567' }] }));
    expect(a.petitioners[0]).toMatchObject({ idNumber: 'C1234567' });
    expect(b.petitioners[0]!.citizenId).toBe(a.petitioners[0]!.citizenId);
  });

  it('a citizen chosen in the lookup (citizenId) is linked even without an ID number', async () => {
    const s = await session();
    const first = await t.client.visits.save(visitInput(s.id));
    const id = first.citizen.citizenId!;
    const linked = await t.client.visits.save(visitInput(s.id, { citizen: { citizenId: id, fullName: 'Nguyễn Văn Đức' } }));
    expect(linked.citizen).toMatchObject({ citizenId: id, idNumber: null });
    expect(await citizenCount()).toBe(1);
  });

  it('without an ID number or a choice, the same name is not guessed to be the same citizen', async () => {
    const a = await t.client.petitions.create(petitionInput({ petitioners: [HUNG] }));
    const b = await t.client.petitions.create(petitionInput({ petitioners: [HUNG] }));
    expect(a.petitioners[0]!.citizenId).not.toBe(b.petitioners[0]!.citizenId);
  });

  it("an ID number that belongs to another citizen is refused, naming that citizen", async () => {
    const s = await session();
    const duc = (await t.client.visits.save(visitInput(s.id))).citizen.citizenId!;
    await t.client.visits.save(visitInput(s.id, { citizen: BINH }));
    const error = await refused('visits.save', visitInput(s.id, { citizen: { ...DUC, citizenId: duc, idNumber: '051170004321' } }), 'CONFLICT');
    expect(error.message).toContain('051170004321');
    expect(error.message).toContain('Trần Thị Bình');
    expect(error.issues).toEqual([{ path: 'citizen.idNumber', message: expect.stringContaining('Trần Thị Bình') }]);
    await refused('petitions.create', petitionInput({ petitioners: [{ ...DUC, citizenId: duc, idNumber: '051170004321' }] }), 'CONFLICT');
    await refused('visits.save', visitInput(s.id, { citizen: { ...DUC, citizenId: 987_654 } }), 'NOT_FOUND');
  });

  it('refreshes the citizen with the latest details, but a blank keeps what was known', async () => {
    const s = await session();
    const id = (await t.client.visits.save(visitInput(s.id))).citizen.citizenId!;
    const before = await citizenRow(id);
    expect(before).toMatchObject({ full_name: 'Nguyễn Văn Đức', phone: '0905 123 456', address: 'Thôn An Phú, xã Tịnh Khê', birth_year: 1965, gender: 'male' });

    await t.client.visits.save(
      visitInput(s.id, { citizen: { citizenId: id, fullName: 'Nguyễn Văn Đức'.normalize('NFD') + ' ', phone: '0912 000 111', address: '  ', birthYear: null } }),
    );
    expect(await citizenRow(id)).toMatchObject({
      full_name: 'Nguyễn Văn Đức',
      full_name_folded: 'nguyen van duc',
      id_number: '051065001234',
      phone: '0912 000 111',
      address: 'Thôn An Phú, xã Tịnh Khê',
      birth_year: 1965,
      gender: 'male',
      updated_at: TEST_NOW.toISOString(),
    });

    // A new spelling of the name replaces the old one (the latest given).
    await t.client.petitions.create(petitionInput({ petitioners: [{ fullName: 'Nguyễn Văn Đức (Đức Sáu)', idNumber: DUC.idNumber, address: 'Tổ 3, phường Trương Quang Trọng' }] }));
    expect(await citizenRow(id)).toMatchObject({ full_name: 'Nguyễn Văn Đức (Đức Sáu)', address: 'Tổ 3, phường Trương Quang Trọng', phone: '0912 000 111' });
  });
});

describe('citizens.search', () => {
  let ids: Record<'duc' | 'binh' | 'hung' | 'duc2', number>;
  beforeEach(async () => {
    const s = await session();
    const duc = await t.client.visits.save(visitInput(s.id));
    const delegation = await t.client.visits.save(delegationInput(s.id, 7, [BINH, HUNG]));
    const duc2 = await t.client.petitions.create(petitionInput({ petitioners: [{ fullName: 'ĐỖ ĐỨC NGUYÊN', idNumber: '051090009999' }] }));
    ids = {
      duc: duc.citizen.citizenId!,
      binh: delegation.delegation!.representatives[0]!.citizenId!,
      hung: delegation.delegation!.representatives[1]!.citizenId!,
      duc2: duc2.petitioners[0]!.citizenId!,
    };
  });
  const found = async (query: string, limit?: number) =>
    (await t.client.citizens.search(limit === undefined ? { query } : { query, limit })).map((c) => c.id).sort((a, b) => a - b);
  const sorted = (...xs: number[]) => [...xs].sort((a, b) => a - b);

  it('matches folded name tokens in any order, each token the beginning of a word of the name', async () => {
    for (const q of ['nguyen van duc', 'NGUYỄN VĂN ĐỨC', 'Nguyễn Văn Đức'.normalize('NFD'), 'duc van nguyen', 'van duc']) {
      expect(await found(q), q).toEqual([ids.duc]);
    }
    for (const q of ['duc nguyen', 'NGUYEN DUC', '  nguyen   duc ', 'ng đứ']) {
      expect(await found(q), q).toEqual(sorted(ids.duc, ids.duc2));
    }
    expect(await found('Đỗ Đức'.normalize('NFD'))).toEqual([ids.duc2]);
    expect(await found('van')).toEqual(sorted(ids.duc, ids.hung));
    expect(await found('tran thi binh')).toEqual([ids.binh]);
    expect(await found('binh hung')).toEqual([]);
  });

  it('matches an ID number by its prefix, spaces ignored', async () => {
    expect(await found('051065001234')).toEqual([ids.duc]);
    expect(await found('0510 65')).toEqual([ids.duc]);
    expect(await found('051')).toEqual(sorted(ids.duc, ids.binh, ids.duc2));
    expect(await found('065001234')).toEqual([]); // a prefix, not anywhere
  });

  it('needs two characters, honours the limit, and treats % and _ literally', async () => {
    expect(await found('d')).toEqual([]);
    expect(await found('')).toEqual([]);
    expect(await found('nguyen', 1)).toHaveLength(1);
    expect(await found('%%')).toEqual([]);
    expect(await found('__')).toEqual([]);
  });

  it('counts the visits and petitions of each citizen', async () => {
    await t.client.petitions.create(petitionInput());
    const [duc] = await t.client.citizens.search({ query: 'van duc' });
    expect(duc).toMatchObject({ id: ids.duc, fullName: 'Nguyễn Văn Đức', idNumber: '051065001234', visits: 1, petitions: 1 });
  });
});

describe('citizens.history', () => {
  it('lists the visits where the citizen came or represented a delegation, and the petitions signed, newest first', async () => {
    const march10 = await session('2026-03-10');
    const march14 = await session('2026-03-14');
    const own = await t.client.visits.save(visitInput(march10.id, { citizen: HUNG, outcome: 'explained' }));
    const hungId = own.citizen.citizenId!;
    const hung = { ...HUNG, citizenId: hungId };
    const delegation = await t.client.visits.save(delegationInput(march14.id, 9, [BINH, hung]));
    const atDelegation = await t.client.petitions.create(petitionInput({ receivedOn: '2026-03-14', visitId: delegation.id, signatories: 9, petitioners: [BINH, hung] }));
    const byPost = await t.client.petitions.create(petitionInput({ receivedOn: '2026-02-01', channel: 'post', petitioners: [{ ...HUNG, citizenId: hungId }] }));
    await t.client.petitions.create(petitionInput()); // Đức's, not Hùng's

    const history = await t.client.citizens.history({ id: hungId });
    expect(history.citizen).toMatchObject({ id: hungId, fullName: 'Lê Văn Hùng', visits: 2, petitions: 2 });
    expect(history.visits.map((v) => v.id)).toEqual([delegation.id, own.id]);
    expect(history.visits[0]).toEqual({ ...delegation, petitions: [{ id: atDelegation.id, registerNo: atDelegation.registerNo }] });
    expect(history.petitions).toEqual([atDelegation, byPost]);

    // The lookup counts the same visits and petitions as the history.
    expect((await t.client.citizens.search({ query: 'le van hung' })).find((c) => c.id === hungId)).toEqual(history.citizen);

    const binh = await t.client.citizens.history({ id: delegation.citizen.citizenId! });
    expect((await t.client.citizens.search({ query: BINH.idNumber! }))[0]).toEqual(binh.citizen);
    expect(binh.visits.map((v) => v.id)).toEqual([delegation.id]); // once, though both visitor and representative
    expect(binh.petitions.map((p) => p.id)).toEqual([atDelegation.id]);
    await refused('citizens.history', { id: 987_654 }, 'NOT_FOUND');
  });
});

describe('petition rules', () => {
  it('a forwarded petition needs the forwarding agency; other channels must not have one', async () => {
    const e1 = await refused('petitions.create', petitionInput({ channel: 'forwarded' }), 'VALIDATION');
    expect(e1.issues).toContainEqual({ path: 'forwardedBy', message: 'Đơn do cơ quan khác chuyển đến phải ghi cơ quan chuyển' });
    const e2 = await refused('petitions.create', petitionInput({ channel: 'mailbox', forwardedBy: { agency: 'Thanh tra tỉnh' } }), 'VALIDATION');
    expect(e2.issues?.[0]?.path).toBe('forwardedBy');
    const ok = await t.client.petitions.create(
      petitionInput({ channel: 'forwarded', forwardedBy: { agency: ' Thanh tra tỉnh ', letterNo: '12/TTr-NV', letterDate: '2026-03-15' }, writtenOn: '2026-03-01' }),
    );
    expect(ok.forwardedBy).toEqual({ agency: 'Thanh tra tỉnh', letterNo: '12/TTr-NV', letterDate: '2026-03-15' });
    // No forwarding agency: blank letter fields become null.
    expect((await t.client.petitions.create(petitionInput({ channel: 'forwarded', forwardedBy: { agency: 'UBND xã', letterNo: '', letterDate: '' } }))).forwardedBy).toEqual({
      agency: 'UBND xã',
      letterNo: null,
      letterDate: null,
    });
  });

  it('the petition cannot be written, nor the forwarding letter dated, after it was received', async () => {
    expect((await refused('petitions.create', petitionInput({ writtenOn: '2026-03-16' }), 'VALIDATION')).issues).toContainEqual({
      path: 'writtenOn',
      message: 'Ngày viết đơn không được sau ngày nhận đơn',
    });
    const e = await refused('petitions.create', petitionInput({ channel: 'forwarded', forwardedBy: { agency: 'UBND xã', letterDate: '2026-03-16' } }), 'VALIDATION');
    expect(e.issues).toContainEqual({ path: 'forwardedBy.letterDate', message: 'Ngày văn bản chuyển không được sau ngày nhận đơn' });
    expect((await t.client.petitions.create(petitionInput({ writtenOn: '2026-03-15' }))).writtenOn).toBe('2026-03-15');
  });

  it('signatories cannot be fewer than the petitioners listed, but may be more', async () => {
    const e = await refused('petitions.create', petitionInput({ signatories: 2, petitioners: [DUC, BINH, HUNG] }), 'VALIDATION');
    expect(e.issues).toContainEqual({ path: 'signatories', message: 'Số người đứng tên không được ít hơn số người đứng đơn đã ghi (3)' });
    const many = await t.client.petitions.create(petitionInput({ signatories: 40, petitioners: [DUC, BINH] }));
    expect(many).toMatchObject({ signatories: 40, petitioners: [{ fullName: 'Nguyễn Văn Đức' }, { fullName: 'Trần Thị Bình' }] });
    // An anonymous-looking petition with no petitioner listed is allowed (1 signatory by default).
    expect(await t.client.petitions.create(petitionInput({ petitioners: [] }))).toMatchObject({ signatories: 1, petitioners: [] });
  });

  it('an unknown visit is NOT_FOUND', async () => {
    const e = await refused('petitions.create', petitionInput({ visitId: 987_654 }), 'NOT_FOUND');
    expect(e.issues).toEqual([{ path: 'visitId', message: 'Lượt tiếp không tồn tại' }]);
  });

  it('at a delegation’s visit, every representative must be among the petitioners', async () => {
    const s = await session();
    const visit = await t.client.visits.save(delegationInput(s.id, 7, [BINH, HUNG]));
    const e = await refused('petitions.create', petitionInput({ visitId: visit.id, signatories: 7, petitioners: [BINH, DUC] }), 'VALIDATION');
    expect(e.message).toContain('Lê Văn Hùng');
    expect(e.issues).toEqual([{ path: 'petitioners', message: 'Thiếu người đại diện Lê Văn Hùng trong danh sách người đứng đơn' }]);
    await refused('petitions.create', petitionInput({ visitId: visit.id, petitioners: [] }), 'VALIDATION');
    // Someone else with Bình's name but another ID number is not Bình.
    await refused('petitions.create', petitionInput({ visitId: visit.id, signatories: 2, petitioners: [{ ...BINH, idNumber: '051170009999' }, HUNG] }), 'VALIDATION');

    // Matched by citizen, by ID number, or (without either) by the folded name.
    const [binh, hung] = visit.delegation!.representatives;
    const ok = [
      [{ citizenId: binh!.citizenId, fullName: 'Bình' }, { fullName: 'LÊ VĂN HÙNG' }],
      [{ fullName: 'Trần T. Bình', idNumber: BINH.idNumber }, { fullName: 'le van hung ' }],
      [DUC, { fullName: 'Lê Văn Hùng', citizenId: hung!.citizenId }, BINH],
    ];
    for (const petitioners of ok) {
      const p = await t.client.petitions.create(petitionInput({ visitId: visit.id, signatories: 7, petitioners }));
      expect(p.visitId).toBe(visit.id);
    }
    // An ordinary visit has no such rule.
    const single = await t.client.visits.save(visitInput(s.id));
    await t.client.petitions.create(petitionInput({ visitId: single.id, petitioners: [BINH] }));
  });

  it('an edit is held to the same rules, and writes nothing when refused', async () => {
    const s = await session();
    const delegation = await t.client.visits.save(delegationInput(s.id, 7, [BINH, HUNG]));
    const p = await t.client.petitions.create(petitionInput());
    await refused('petitions.update', updateInput(p, { channel: 'forwarded' }), 'VALIDATION');
    await refused('petitions.update', updateInput(p, { writtenOn: '2026-03-16' }), 'VALIDATION');
    await refused('petitions.update', updateInput(p, { signatories: 1, petitioners: [DUC, BINH] }), 'VALIDATION');
    await refused('petitions.update', updateInput(p, { visitId: 987_654 }), 'NOT_FOUND');
    await refused('petitions.update', updateInput(p, { visitId: delegation.id }), 'VALIDATION');
    await refused('petitions.update', updateInput(p, { id: 987_654 }), 'NOT_FOUND');
    expect((await t.client.petitions.get({ id: p.id })).petition).toEqual(p);
  });

  it('stores text trimmed and NFC, and a folded search copy', async () => {
    const p = await t.client.petitions.create(
      petitionInput({
        petitioners: [{ fullName: '  Nguyễn Văn Đức '.normalize('NFD') }],
        subject: ' Chủ tịch UBND xã '.normalize('NFD'),
        summary: ' Tranh chấp đất đai '.normalize('NFD'),
      }),
    );
    expect(p).toMatchObject({ subject: 'Chủ tịch UBND xã', summary: 'Tranh chấp đất đai', petitioners: [{ fullName: 'Nguyễn Văn Đức' }] });
    const row = (await rawGet(t.register, 'select subject, summary, search_folded from petitions where id = ?', p.id)) as Record<string, string>;
    expect(row.summary).toBe('Tranh chấp đất đai'.normalize('NFC'));
    expect(row.subject).toBe('Chủ tịch UBND xã'.normalize('NFC'));
    expect(row.search_folded).toBe('2026/000001 nguyen van duc  chu tich ubnd xa tranh chap dat dai'.replace(/\s+/g, ' '));
  });
});

describe('petitions.get and edits', () => {
  it('returns the petition with its visit and its audit history, newest first; each edit is audited with before and after', async () => {
    const officer = await t.client.users.upsert({ username: 'lan.nt', fullName: 'Nguyễn Thị Lan' });
    const s = await session('2026-03-14');
    const visit = await t.client.visits.save(visitInput(s.id));
    const created = await t.client.petitions.create(petitionInput({ receivedOn: '2026-03-14', visitId: visit.id }));

    await signInAs(t, officer.id);
    const from = await registerLastAuditId(t.register);
    const edited = await t.client.petitions.update(
      updateInput(created, { field: 'compensation', subject: 'UBND xã Tịnh Khê', signatories: 2, petitioners: [...created.petitioners, { fullName: 'Nguyễn Thị Hoa' }] }),
    );
    expect(edited).toMatchObject({ id: created.id, registerNo: '2026/000001', field: 'compensation', subject: 'UBND xã Tịnh Khê', createdAt: created.createdAt });
    expect(edited.petitioners.map((x) => x.fullName)).toEqual(['Nguyễn Văn Đức', 'Nguyễn Thị Hoa']);
    expect(edited.petitioners[0]!.citizenId).toBe(created.petitioners[0]!.citizenId);

    const rows = await registerAuditRowsSince(t.register, from);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'update', entity: 'petition', entity_id: String(created.id), actor_id: officer.id, actor_name: 'Nguyễn Thị Lan' });
    expect(JSON.parse(rows[0]!.before_json!)).toEqual(created);
    expect(JSON.parse(rows[0]!.after_json!)).toEqual(edited);

    const second = await t.client.petitions.update(updateInput(edited, { summary: 'Bổ sung nội dung' }));
    const detail = await t.client.petitions.get({ id: created.id });
    expect(detail.petition).toEqual(second);
    expect(detail.visit).toEqual({ ...visit, petitions: [{ id: created.id, registerNo: '2026/000001' }] });
    expect(detail.history.map((h) => [h.action, h.actorName])).toEqual([
      ['update', 'Nguyễn Thị Lan'],
      ['update', 'Nguyễn Thị Lan'],
      ['create', 'Quản trị viên'],
    ]);
    expect(detail.history[0]).toMatchObject({ entity: 'petition', entityId: String(created.id), before: edited, after: second });
    expect(detail.history[2]).toMatchObject({ before: null, after: created });

    // A petition not received at a visit has none; others' audit rows are not in its history.
    const other = await t.client.petitions.create(petitionInput({ channel: 'post' }));
    const otherDetail = await t.client.petitions.get({ id: other.id });
    expect(otherDetail.visit).toBeNull();
    expect(otherDetail.history).toHaveLength(1);
  });
});

describe('petitions.list over ~1,000 petitions', () => {
  const N = 1000;
  let big: TempRegister;
  let all: Petition[];
  const SURNAMES = ['Nguyễn', 'Trần', 'Lê', 'Phạm', 'Huỳnh'];
  const GIVEN = ['Đức', 'An', 'Bình', 'Dũng', 'Hoa', 'Lan', 'Minh'];
  const SUMMARIES = [
    'Tranh chấp đất đai với hộ liền kề',
    'Đề nghị giải quyết chế độ chính sách người có công',
    'Khiếu nại việc bồi thường khi thu hồi đất',
    'Phản ánh ô nhiễm môi trường',
    'Tố cáo cán bộ xã nhũng nhiễu',
  ];
  const CHANNEL_CYCLE = ['in_person', 'post', 'mailbox', 'online'] as const;
  const day = (offset: number) => new Date(Date.UTC(2025, 6, 1) + offset * 86_400_000).toISOString().slice(0, 10);

  beforeAll(async () => {
    // The petitions are received up to 2026-03-18: they are recorded on that day (a receipt after
    // today is refused), then read at TEST_NOW as the assertions below expect.
    let clock = new Date('2026-03-18T08:30:00.000Z');
    big = await tempRegister({ now: () => clock });
    all = [];
    for (let i = 0; i < N; i++) {
      const given = GIVEN[i % 7]!;
      const petitioners: PersonInput[] = [
        { fullName: i === 7 ? 'NGUYỄN VĂN ĐỨC' : `${SURNAMES[i % 5]} ${i % 2 ? 'Thị' : 'Văn'} ${given}`, idNumber: i % 50 === 0 ? `0510${String(i).padStart(8, '0')}` : null },
      ];
      if (i % 11 === 0) petitioners.push({ fullName: 'Võ Thị Mai' });
      const forwarded = i % 10 === 9;
      all.push(
        await big.client.petitions.create({
          receivedOn: day((i * 7919) % 260),
          channel: forwarded ? 'forwarded' : CHANNEL_CYCLE[Math.floor(i / 3) % 4]!,
          forwardedBy: forwarded ? { agency: 'Thanh tra tỉnh', letterNo: `${i}/TTr` } : null,
          kind: PETITION_KINDS[i % 4]!,
          field: FIELDS[(i * 3) % 8]!,
          signatories: petitioners.length,
          petitioners,
          subject: i % 3 === 0 ? 'UBND xã Tịnh Khê' : null,
          summary: SUMMARIES[i % 5]!,
        }),
      );
    }
    clock = TEST_NOW;
  }, 120_000);
  afterAll(async () => {
    await big.cleanup();
  });

  const list = (input: PetitionListInput = {}): Promise<PetitionPage> => big.client.petitions.list(input);
  /** Every row for a query, page by page. */
  async function everything(input: PetitionListInput, pageSize: number): Promise<{ ids: number[]; totals: Set<number> }> {
    const ids: number[] = [];
    const totals = new Set<number>();
    for (let offset = 0; ; offset += pageSize) {
      const page = await list({ ...input, offset, limit: pageSize });
      expect(page.offset).toBe(offset);
      totals.add(page.total);
      ids.push(...page.rows.map((r) => r.id));
      if (page.rows.length < pageSize) break;
    }
    return { ids, totals };
  }
  const byRegisterNo = (a: Petition, b: Petition) => {
    const x = parseRegisterNo(a.registerNo)!;
    const y = parseRegisterNo(b.registerNo)!;
    return x.year - y.year || x.seq - y.seq;
  };
  const byReceived = (a: Petition, b: Petition) => a.receivedOn.localeCompare(b.receivedOn) || a.id - b.id;
  const idsOf = (ps: Petition[]) => ps.map((p) => p.id);
  const names = (p: Petition) => p.petitioners.map((x) => x.fullName).join(', ');

  it('numbered each year from 000001 in the order received', () => {
    const years = new Map<number, number[]>();
    for (const p of all) {
      const { year, seq } = parseRegisterNo(p.registerNo)!;
      expect(String(year)).toBe(p.receivedOn.slice(0, 4));
      years.set(year, [...(years.get(year) ?? []), seq]);
    }
    expect([...years.keys()].sort()).toEqual([2025, 2026]);
    for (const seqs of years.values()) expect(seqs).toEqual(seqs.map((_, i) => i + 1));
  });

  it('folded search: "dat dai" finds "đất đai", "duc" and "DUC" find "Đức"', async () => {
    const datDai = all.filter((p) => p.summary.includes('đất đai'));
    expect(datDai.length).toBe(200);
    for (const q of ['dat dai', 'ĐẤT ĐAI', 'Đất đai'.normalize('NFD'), '  dat   dai  ']) {
      const page = await list({ search: q, limit: 1000 });
      expect(page.total, q).toBe(datDai.length);
      expect(page.rows.map((r) => r.id).sort((a, b) => a - b), q).toEqual(idsOf(datDai));
    }

    const duc = all.filter((p) => /Đức|ĐỨC/.test(names(p)));
    expect(duc.length).toBeGreaterThan(100);
    for (const q of ['duc', 'DUC', 'Đức', 'đức'.normalize('NFD')]) {
      const page = await list({ search: q, limit: 1000 });
      expect(page.total, q).toBe(duc.length);
      for (const row of page.rows) expect(row.petitionerNames).toMatch(/Đức|ĐỨC/);
    }
    expect((await list({ search: 'nguyen van duc', limit: 1000 })).rows.map((r) => r.id)).toContain(all[7]!.id);
  });

  it('several words must all match (AND), in any field', async () => {
    const expected = all.filter((p) => /Đức|ĐỨC/.test(names(p)) && p.summary.includes('đất đai'));
    expect(expected.length).toBeGreaterThan(0);
    for (const q of ['duc dat dai', 'dai duc dat']) {
      const page = await list({ search: q, limit: 1000 });
      expect(page.total).toBe(expected.length);
      expect(page.rows.map((r) => r.id).sort((a, b) => a - b)).toEqual(idsOf(expected));
    }
    const withSubject = all.filter((p) => p.subject !== null && p.summary.startsWith('Tố cáo'));
    expect((await list({ search: 'tinh khe to cao', limit: 1000 })).total).toBe(withSubject.length);
    const viaAgency = all.filter((p) => p.forwardedBy !== null && p.summary.startsWith('Phản ánh'));
    expect((await list({ search: 'thanh tra o nhiem', limit: 1000 })).total).toBe(viaAgency.length);
    expect((await list({ search: 'dat dai khongco' })).total).toBe(0);
  });

  it('finds a register number and an ID number', async () => {
    for (const registerNo of ['2026/000002', '2025/000002', '2025/000010']) {
      const page = await list({ search: registerNo });
      expect(page.total, registerNo).toBe(1);
      expect(page.rows[0]!.registerNo).toBe(registerNo);
    }
    const withId = all.find((p) => p.petitioners[0]!.idNumber === '051000000500')!;
    expect((await list({ search: '051000000500' })).rows.map((r) => r.id)).toEqual([withId.id]);
    expect((await list({ search: '%' })).total).toBe(0);
    expect((await list({ search: '_' })).total).toBe(0);
  });

  it('filters by dates (inclusive), kind, field and channel, alone and together with search', async () => {
    const check = async (input: PetitionListInput, keep: (p: Petition) => boolean) => {
      const expected = all.filter(keep);
      const page = await list({ ...input, limit: 1000 });
      expect(page.total, JSON.stringify(input)).toBe(expected.length);
      expect(page.rows.map((r) => r.id).sort((a, b) => a - b), JSON.stringify(input)).toEqual(idsOf(expected));
      // The exact count of the same filters (the screen asks for it when the list is capped).
      const { search, ...filters } = input ?? {};
      if (!search) expect((await big.client.petitions.count(filters)).total, JSON.stringify(input)).toBe(expected.length);
    };
    await check({ from: '2026-01-01' }, (p) => p.receivedOn >= '2026-01-01');
    await check({ from: '2025-09-01', to: '2025-09-30' }, (p) => p.receivedOn >= '2025-09-01' && p.receivedOn <= '2025-09-30');
    const someDay = all[123]!.receivedOn;
    await check({ from: someDay, to: someDay }, (p) => p.receivedOn === someDay);
    await check({ kind: 'denunciation' }, (p) => p.kind === 'denunciation');
    await check({ field: 'land' }, (p) => p.field === 'land');
    await check({ channel: 'forwarded' }, (p) => p.channel === 'forwarded');
    // None is classified: each is awaiting classification until its deadline, then overdue.
    const today = vietnamDate(TEST_NOW);
    await check({ status: 'awaiting_classification' }, (p) => p.dueOn !== null && p.dueOn >= today);
    await check({ status: 'overdue' }, (p) => p.dueOn !== null && p.dueOn < today);
    await check({ kind: 'complaint', field: 'policy', channel: 'post' }, (p) => p.kind === 'complaint' && p.field === 'policy' && p.channel === 'post');
    await check({ kind: null, field: null, channel: null, search: null, from: null, to: null }, () => true);
    await check(
      { search: 'dat dai', from: '2026-01-01', kind: 'complaint' },
      (p) => p.summary.includes('đất đai') && p.receivedOn >= '2026-01-01' && p.kind === 'complaint',
    );
  });

  it('sorts by register number (default newest first) or by received date, both ways', async () => {
    const first = await list();
    expect(first.total).toBe(N);
    expect(first.rows).toHaveLength(200);
    const newest = [...all].sort(byRegisterNo).reverse();
    expect(first.rows.map((r) => r.id)).toEqual(idsOf(newest.slice(0, 200)));
    expect(first.rows[0]!.registerNo.startsWith('2026/')).toBe(true);

    expect((await list({ sort: 'registerNo', direction: 'asc', limit: 5 })).rows.map((r) => r.registerNo)).toEqual(
      ['2025/000001', '2025/000002', '2025/000003', '2025/000004', '2025/000005'],
    );
    const asc = await list({ sort: 'receivedOn', direction: 'asc', limit: 1000 });
    expect(asc.rows.map((r) => r.id)).toEqual(idsOf([...all].sort(byReceived)));
    const desc = await list({ sort: 'receivedOn', direction: 'desc', limit: 1000 });
    expect(desc.rows.map((r) => r.id)).toEqual(idsOf([...all].sort(byReceived).reverse()));
  });

  it('pages with offset and limit: every row exactly once, the same total on every page', async () => {
    for (const [input, model] of [
      [{ sort: 'registerNo', direction: 'asc' }, [...all].sort(byRegisterNo)],
      [{ sort: 'receivedOn', direction: 'desc' }, [...all].sort(byReceived).reverse()],
      [{ search: 'duc', sort: 'registerNo', direction: 'desc' }, all.filter((p) => /Đức|ĐỨC/.test(names(p))).sort(byRegisterNo).reverse()],
    ] as [PetitionListInput, Petition[]][]) {
      const { ids, totals } = await everything(input, 73);
      expect(ids).toEqual(idsOf(model));
      expect([...totals]).toEqual([model.length]);
    }
    const beyond = await list({ offset: N + 10, limit: 10 });
    expect(beyond).toEqual({ total: N, offset: N + 10, rows: [] });
    const last = await list({ sort: 'registerNo', direction: 'asc', offset: N - 3, limit: 10 });
    expect(last.rows).toHaveLength(3);
  });

  it('each row carries what the list shows, petitioners in order', async () => {
    const p = all.find((x) => x.petitioners.length === 2 && x.forwardedBy !== null)!;
    const page = await list({ search: p.registerNo });
    expect(page.rows).toEqual([
      {
        id: p.id,
        registerNo: p.registerNo,
        receivedOn: p.receivedOn,
        channel: 'forwarded',
        kind: p.kind,
        field: p.field,
        signatories: 2,
        petitionerNames: `${p.petitioners[0]!.fullName}, Võ Thị Mai`,
        subject: p.subject,
        summary: p.summary,
        // The list and the record agree on the derived status and the deadline.
        status: p.status,
        dueOn: p.dueOn,
      },
    ]);
  });

  // Last in this block: it adds petitions past the list's cap.
  it('without a search the list counts up to its cap; petitions.count gives the exact total', async () => {
    for (let i = 0; i < 3; i++) {
      all.push(
        await big.client.petitions.create({
          receivedOn: day(10),
          channel: 'online',
          kind: 'complaint',
          field: 'land',
          signatories: 1,
          petitioners: [{ fullName: 'Lê Văn Tám' }],
          summary: 'Đề nghị cấp giấy chứng nhận quyền sử dụng đất',
        }),
      );
    }
    expect(all.length).toBeGreaterThan(LIST_COUNT_CAP);
    const first = await list({ limit: 50 });
    expect(first).toMatchObject({ total: LIST_COUNT_CAP, totalCapped: true });
    expect(first.rows.map((r) => r.id)).toEqual(idsOf([...all].sort(byRegisterNo).reverse().slice(0, 50)));
    expect(await big.client.petitions.count({})).toEqual({ total: all.length });
    // A page further down counts further: near the end the total is exact.
    const deep = await list({ offset: 950, limit: 50 });
    expect(deep.total).toBe(all.length);
    expect(deep.totalCapped).toBeUndefined();
    // A filter under the cap is counted exactly by both.
    const online = all.filter((p) => p.channel === 'online').length;
    const onlinePage = await list({ channel: 'online' });
    expect(onlinePage.total).toBe(online);
    expect(onlinePage.totalCapped).toBeUndefined();
    expect(await big.client.petitions.count({ channel: 'online' })).toEqual({ total: online });
    // The statistics' drill-downs still give an exact total (it is a figure of the screen).
    const drill = await big.client.stats.drill({ from: '2025-01-01', to: '2026-12-31', drill: 'received', limit: 10 });
    expect(drill.total).toBe(all.length);
    expect(drill.totalCapped).toBeUndefined();
  });
});

describe('register.reception (form 03/TCD)', () => {
  it('one 13-column row per visit in the period, in date order; delegations as "Đoàn N người, đại diện: …"', async () => {
    // Sessions entered out of date order.
    const march16 = await session('2026-03-16');
    const march10 = await session('2026-03-10', 'periodic');
    const outside = await session('2026-04-01');
    const later = await t.client.visits.save(visitInput(march16.id, { citizen: { fullName: 'Võ Thị Mai' }, matter: 'recommendation', outcome: 'refused', refusalGround: 'law_9_2' }));
    const delegation = await t.client.visits.save(delegationInput(march10.id, 12, [BINH, HUNG, { fullName: 'Phạm Văn Ba' }], { repeat: true }));
    const withPetition = await t.client.visits.save(visitInput(march10.id));
    const guided = await t.client.visits.save(visitInput(march16.id, { citizen: HUNG, matter: 'denunciation', outcome: 'guided' }));
    await t.client.visits.save(visitInput(outside.id));
    const p1 = await t.client.petitions.create(petitionInput({ receivedOn: '2026-03-10', visitId: withPetition.id }));
    const p2 = await t.client.petitions.create(petitionInput({ receivedOn: '2026-03-10', visitId: withPetition.id, summary: 'Đơn thứ hai' }));

    const rows = await t.client.register.reception({ from: '2026-03-01', to: '2026-03-31' });
    for (const row of rows) {
      expect(Object.keys(row).filter((k) => k !== 'visitId')).toEqual([
        'no',
        'date',
        'nameAndAddress',
        'idNumber',
        'content',
        'classification',
        'persons',
        'handledBefore',
        'accepted',
        'guided',
        'forwarded',
        'followUp',
        'note',
      ]);
    }
    expect(rows.map((r) => [r.no, r.date, r.visitId])).toEqual([
      [1, '2026-03-10', delegation.id],
      [2, '2026-03-10', withPetition.id],
      [3, '2026-03-16', later.id],
      [4, '2026-03-16', guided.id],
    ]);
    const [d, w, l, g] = rows as [ReceptionRegisterRow, ReceptionRegisterRow, ReceptionRegisterRow, ReceptionRegisterRow];
    expect(d).toMatchObject({
      nameAndAddress: 'Đoàn 12 người, đại diện: Trần Thị Bình (Thôn Trường Thọ, xã Tịnh Khê); Lê Văn Hùng (Thôn Trường Thọ, xã Tịnh Khê); Phạm Văn Ba',
      idNumber: '051170004321',
      classification: 'Khiếu nại',
      persons: 12,
      guided: 'Hướng dẫn đến cơ quan có thẩm quyền',
      followUp: null,
      note: 'Đoàn đông người (12 người); Tiếp nhiều lần',
    });
    expect(w).toEqual({
      no: 2,
      date: '2026-03-10',
      nameAndAddress: 'Nguyễn Văn Đức, Thôn An Phú, xã Tịnh Khê',
      idNumber: '051065001234',
      content: 'Khiếu nại quyết định thu hồi đất của UBND xã',
      classification: 'Khiếu nại',
      persons: 1,
      handledBefore: null,
      accepted: false,
      guided: null,
      forwarded: null,
      followUp: `Nhận đơn số ${p1.registerNo}, ${p2.registerNo}`,
      note: null,
      visitId: withPetition.id,
    });
    expect(l).toMatchObject({ nameAndAddress: 'Võ Thị Mai', idNumber: null, classification: 'Kiến nghị, phản ánh', followUp: 'Từ chối tiếp' });
    expect(g).toMatchObject({ classification: 'Tố cáo', guided: 'Hướng dẫn đến cơ quan có thẩm quyền' });

    expect((await t.client.register.reception({ from: '2026-03-16', to: '2026-03-16' })).map((r) => [r.no, r.visitId])).toEqual([
      [1, later.id],
      [2, guided.id],
    ]);
    expect(await t.client.register.reception({ from: '2026-05-01', to: '2026-05-31' })).toEqual([]);
  });
});

describe('visits.get and sessions.get', () => {
  it('show the petitions handed in at a visit', async () => {
    const s = await session();
    const v = await t.client.visits.save(visitInput(s.id));
    const p = await t.client.petitions.create(petitionInput({ visitId: v.id }));
    const got: Visit = await t.client.visits.get({ id: v.id });
    expect(got.petitions).toEqual([{ id: p.id, registerNo: '2026/000001' }]);
    expect((await t.client.sessions.get({ id: s.id })).visits).toEqual([got]);
    expectOk(await t.api.call('visits.get', { id: v.id }));
    await refused('sessions.get', { id: 987_654 }, 'NOT_FOUND');
  });
});

describe('visitor who is also the first representative', () => {
  let t: TempRegister;
  beforeEach(async () => {
    t = await tempRegister();
  });
  afterEach(() => t.cleanup());

  it('is one citizen in the registry, even without an ID number', async () => {
    const s = expectOk(await t.api.call('sessions.openToday', undefined)) as { id: number };
    const lead = { fullName: 'Đinh Văn Khánh' };
    const visit = expectOk(
      await t.api.call('visits.save', {
        ...visitInput(s.id),
        citizen: lead,
        persons: 6,
        delegation: { members: 6, representatives: [lead, { fullName: 'Lò Thị Mây' }] },
      }),
    ) as Visit;
    expect(visit.delegation!.representatives[0]!.citizenId).toBe(visit.citizen.citizenId);
    const count = (await rawGet(t.register, "select count(*) as n from citizens where full_name = 'Đinh Văn Khánh'")) as { n: number };
    expect(count.n).toBe(1);
  });
});
