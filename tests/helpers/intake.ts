// Intake fixtures: people, visits and petitions as an officer would type them, and helpers that
// turn a saved record back into the input that would save it again.
import type { PetitionCreateInput, PetitionUpdateInput, Petition } from '../../shared/domain/petition.ts';
import type { Person, PersonInput } from '../../shared/domain/person.ts';
import type { VisitSaveInput } from '../../shared/domain/reception.ts';

/** Nguyễn Văn Đức, with a CCCD; the usual single visitor and petitioner. */
export const DUC: PersonInput = {
  fullName: 'Nguyễn Văn Đức',
  idNumber: '051065001234',
  birthYear: 1965,
  gender: 'male',
  phone: '0905 123 456',
  address: 'Thôn An Phú, xã Tịnh Khê',
  communeCode: null,
};

/** Trần Thị Bình, with a CCCD; a delegation's first representative. */
export const BINH: PersonInput = {
  fullName: 'Trần Thị Bình',
  idNumber: '051170004321',
  birthYear: 1970,
  gender: 'female',
  address: 'Thôn Trường Thọ, xã Tịnh Khê',
};

/** Lê Văn Hùng, no ID number; a delegation's second representative. */
export const HUNG: PersonInput = { fullName: 'Lê Văn Hùng', birthYear: 1958, gender: 'male', address: 'Thôn Trường Thọ, xã Tịnh Khê' };

export function person(patch: Partial<PersonInput> = {}): PersonInput {
  return { fullName: 'Phạm Thị Lan', ...patch };
}

/** A person as saved, back to input form (same citizen, same details). */
export function personInput(p: Person): PersonInput {
  return { ...p };
}

export function visitInput(sessionId: number, patch: Partial<VisitSaveInput> = {}): VisitSaveInput {
  return {
    sessionId,
    persons: 1,
    citizen: DUC,
    matter: 'complaint',
    content: 'Khiếu nại quyết định thu hồi đất của UBND xã',
    outcome: 'petition_received',
    ...patch,
  };
}

/** A delegation visit: `members` people, represented by `reps` (the first is also the visitor). */
export function delegationInput(sessionId: number, members: number, reps: PersonInput[], patch: Partial<VisitSaveInput> = {}): VisitSaveInput {
  return visitInput(sessionId, {
    persons: members,
    delegation: { members, representatives: reps },
    citizen: reps[0]!,
    matter: 'complaint',
    content: 'Đoàn đông người khiếu nại về bồi thường giải phóng mặt bằng',
    outcome: 'guided',
    ...patch,
  });
}

export function petitionInput(patch: Partial<PetitionCreateInput> = {}): PetitionCreateInput {
  return {
    receivedOn: '2026-03-15',
    channel: 'in_person',
    kind: 'complaint',
    field: 'land',
    petitioners: [DUC],
    summary: 'Đề nghị xem xét lại quyết định thu hồi đất đai tại thôn An Phú',
    ...patch,
  };
}

/** A saved petition as the update input that would save it unchanged. */
export function updateInput(p: Petition, patch: Partial<PetitionUpdateInput> = {}): PetitionUpdateInput {
  return {
    id: p.id,
    receivedOn: p.receivedOn,
    channel: p.channel,
    visitId: p.visitId,
    forwardedBy: p.forwardedBy,
    writtenOn: p.writtenOn,
    kind: p.kind,
    field: p.field,
    signatories: p.signatories,
    petitioners: p.petitioners.map(personInput),
    subject: p.subject,
    summary: p.summary,
    ...patch,
  };
}
