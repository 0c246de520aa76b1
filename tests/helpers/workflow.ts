// Workflow fixtures: a clock the test moves day by day, refusals that must write nothing, and
// short-hands for the steps of a petition's life after intake.
import { expect } from 'vitest';
import type { Agency } from '../../shared/domain/agency.ts';
import type { Petition, PetitionCreateInput } from '../../shared/domain/petition.ts';
import type { Workflow } from '../../shared/domain/workflow.ts';
import type { ApiErrorCode, ApiErrorShape } from '../../shared/errors.ts';
import { addDays } from '../../shared/calendar/dates.ts';
import { expectError } from './envelope.ts';
import { petitionInput } from './intake.ts';
import { tempRegister, type TempRegister } from './register.ts';
import { registerSnapshot } from './snapshot.ts';

/** A clock the test moves: it reads 10:00 in Vietnam (03:00 UTC) of the current day. */
export interface MovableClock {
  now: () => Date;
  /** Today in Vietnam, YYYY-MM-DD. */
  today(): string;
  set(date: string): void;
  advance(days: number): void;
}

export function movableClock(date: string): MovableClock {
  let today = date;
  return {
    now: () => new Date(`${today}T03:00:00.000Z`),
    today: () => today,
    set(d) {
      today = d;
    },
    advance(days) {
      today = addDays(today, days);
    },
  };
}

export interface WorkflowRegister extends TempRegister {
  clock: MovableClock;
}

/** A seeded register whose clock reads `today` (10:00 in Vietnam) until the test moves it. */
export async function workflowRegister(today = '2026-03-20'): Promise<WorkflowRegister> {
  const clock = movableClock(today);
  const t = await tempRegister({ now: clock.now });
  return Object.assign(t, { clock });
}

/** Calls `method` expecting a refusal with `code`, and checks that nothing at all was written. */
export async function refused(t: TempRegister, method: string, input: unknown, code: ApiErrorCode | readonly ApiErrorCode[]): Promise<ApiErrorShape> {
  const before = await registerSnapshot(t.register);
  const error = expectError(await t.api.call(method, input), code);
  expect(await registerSnapshot(t.register)).toEqual(before);
  return error;
}

export async function agencyByCode(t: TempRegister, code: string): Promise<Agency> {
  const found = (await t.client.agencies.list({ search: code, includeInactive: true })).find((a) => a.code === code);
  if (!found) throw new Error(`no agency ${code}`);
  return found;
}

export function createPetition(t: TempRegister, patch: Partial<PetitionCreateInput> = {}): Promise<Petition> {
  return t.client.petitions.create(petitionInput(patch));
}

export async function workflowOf(t: TempRegister, id: number): Promise<Workflow> {
  return (await t.client.petitions.get({ id })).workflow;
}

export async function petitionOf(t: TempRegister, id: number): Promise<Petition> {
  return (await t.client.petitions.get({ id })).petition;
}

/** Classifies eligible on `on`, then forwards to `agencyId` on `on`. */
export async function classifyAndForward(t: TempRegister, petitionId: number, agencyId: number, on: string): Promise<Workflow> {
  await t.client.workflow.classify({ petitionId, eligible: true, on });
  return t.client.workflow.decide({ petitionId, action: 'forward', agencyId, on });
}
