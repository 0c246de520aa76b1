// The intake save answers with the petition as it wrote it (its inserted row and petitioners),
// not with a read of it afterwards (db/ops/petitions.ts insertPetitionAsStored). That answer, and
// the audit row that holds it, must be what a read gives: checked here for every shape of petition
// the desk saves, on both engines.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PetitionCreateInput, Petition } from '../../shared/domain/petition.ts';
import type { PersonInput } from '../../shared/domain/person.ts';
import { getPetition } from '../../db/ops/petitions.ts';
import { BINH, DUC, HUNG, delegationInput, petitionInput, visitInput } from '../helpers/intake.ts';
import { signInAs, tempRegister, type TempRegister } from '../helpers/register.ts';
import { registerAuditRowsSince, registerLastAuditId } from '../helpers/snapshot.ts';

const NOW = new Date('2026-03-20T03:00:00.000Z');
const TODAY = '2026-03-20';

const DENOUNCER: PersonInput = { fullName: 'Phan Thị Tố Giác', idNumber: '051190007777', birthYear: 1990, gender: 'female', phone: '0912 777 888', address: 'Tổ 5, phường Nghĩa Lộ' };

let t: TempRegister;
beforeEach(async () => {
  t = await tempRegister({ now: NOW });
});
afterEach(async () => {
  await t.cleanup();
});

/**
 * Saves `input` through the API and checks the answer against petitions.get (as the same officer
 * sees both) and the audit row's record against the petition read from the register.
 */
async function saveAndCompare(input: PetitionCreateInput): Promise<Petition> {
  const from = await registerLastAuditId(t.register);
  const answer = await t.client.petitions.create(input);
  expect(answer).toEqual((await t.client.petitions.get({ id: answer.id })).petition);
  const [audit, ...more] = await registerAuditRowsSince(t.register, from);
  expect(more).toEqual([]);
  expect(audit).toMatchObject({ action: 'create', entity: 'petition', entity_id: String(answer.id) });
  const stored = await getPetition(t.register.db, answer.id, TODAY);
  // The audit row holds the petition exactly, key order included (the hash chain is over its text).
  expect(audit!.after_json).toBe(JSON.stringify(stored));
  return answer;
}

describe('petitions.create answers with the petition as a read gives it', () => {
  it('a new citizen, then the same citizen again with others: known details kept, new ones written', async () => {
    const first = await saveAndCompare(petitionInput({ receivedOn: '2026-03-16' }));
    expect(first.petitioners[0]).toMatchObject({ fullName: DUC.fullName, idNumber: DUC.idNumber });
    // DUC again without his phone (the citizen keeps it; this petition's snapshot has none), with a
    // second petitioner without an ID number and an organisation.
    const second = await saveAndCompare(
      petitionInput({
        receivedOn: '2026-03-18',
        channel: 'mailbox',
        signatories: 3,
        subject: 'UBND xã Tịnh Khê',
        writtenOn: '2026-03-10',
        petitioners: [
          { ...DUC, phone: null },
          HUNG,
          { kind: 'organisation', fullName: 'Công ty TNHH An Phú', orgRegNo: '4300123456', representative: 'Giám đốc Lê Văn Hải' },
        ],
      }),
    );
    expect(second.petitioners.map((p) => p.citizenId)).toEqual([first.petitioners[0]!.citizenId, expect.any(Number), expect.any(Number)]);
    expect(second.petitioners[0]!.phone).toBeNull();
  });

  it('forwarded by an agency, and a foreigner', async () => {
    await saveAndCompare(
      petitionInput({
        channel: 'forwarded',
        forwardedBy: { agency: 'Văn phòng Đoàn ĐBQH tỉnh', letterNo: '123/ĐĐBQH', letterDate: '2026-03-12' },
        kind: 'recommendation',
        field: 'policy',
        petitioners: [{ kind: 'foreigner', fullName: 'John Smith', idNumber: 'N1234567', nationality: 'Hoa Kỳ', idIssuedOn: '2020-05-01', idIssuedPlace: 'Washington' }],
      }),
    );
  });

  it('several contents: a denunciation after the first marks the petition as protecting its petitioners', async () => {
    const p = await saveAndCompare(
      petitionInput({
        contents: [
          { kind: 'denunciation', field: 'corruption', summary: 'Tố cáo cán bộ địa chính nhận tiền' },
          { kind: 'recommendation', field: 'policy', summary: 'Kiến nghị chế độ' },
        ],
      }),
    );
    expect(p.hasDenunciation).toBe(true);
    const plain = await saveAndCompare(petitionInput({ contents: [{ kind: 'recommendation', field: 'policy', summary: 'Kiến nghị chế độ' }] }));
    expect(plain.hasDenunciation).toBeUndefined();
  });

  it('handed in at a delegation visit, its representatives the petitioners', async () => {
    const session = await t.client.sessions.upsert({ kind: 'regular', date: '2026-03-19', officers: ['Nguyễn Thị Lan'] });
    const visit = await t.client.visits.save(delegationInput(session.id, 12, [BINH, HUNG]));
    const reps = visit.delegation!.representatives;
    await saveAndCompare(petitionInput({ receivedOn: '2026-03-19', visitId: visit.id, signatories: 12, petitioners: reps.map((r) => ({ ...r })) }));
  });

  it('a denunciation from a protected visit, saved by an officer who sees the denouncer only redacted', async () => {
    const session = await t.client.sessions.upsert({ kind: 'regular', date: '2026-03-19', officers: ['Nguyễn Thị Lan'] });
    const visit = await t.client.visits.save(visitInput(session.id, { citizen: DENOUNCER, matter: 'denunciation', content: 'Tố cáo ông Trần Văn Bị nhận tiền' }));
    const plain = await t.client.users.upsert({ username: 'lan.nt', fullName: 'Nguyễn Thị Lan', role: 'officer' });
    await signInAs(t, plain.id);
    const seen = await t.client.visits.get({ id: visit.id });
    expect(seen.citizen.fullName).not.toBe(DENOUNCER.fullName);
    const p = await saveAndCompare(
      petitionInput({ receivedOn: '2026-03-19', visitId: visit.id, kind: 'denunciation', field: 'corruption', petitioners: [{ ...seen.citizen }], summary: 'Tố cáo ông Trần Văn Bị nhận tiền' }),
    );
    // The officer's answer is redacted; the register holds the denouncer, and so does the audit row.
    expect(p.petitioners[0]!.fullName).not.toBe(DENOUNCER.fullName);
    expect((await getPetition(t.register.db, p.id, TODAY)).petitioners[0]).toMatchObject({ fullName: DENOUNCER.fullName, idNumber: DENOUNCER.idNumber });
  });
});
