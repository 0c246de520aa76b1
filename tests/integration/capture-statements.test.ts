// The statement recorder the query-plan test and the bench use (tests/helpers/statements.ts):
// it records the work's statements, each once, and none of a later call that reuses the statements
// the work prepared (the bench replays what it records on a raw handle: a later call recorded
// into the same list made the raw side run two calls' statements and look twice as slow).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureStatements } from '../helpers/statements.ts';
import { petitionInput } from '../helpers/intake.ts';
import { onPostgres, tempRegister, type TempRegister } from '../helpers/register.ts';

let t: TempRegister;
let petitionId: number;

beforeAll(async () => {
  t = await tempRegister();
  petitionId = (await t.client.petitions.create(petitionInput({ receivedOn: '2026-03-02' }))).id;
});
afterAll(() => t.cleanup());

describe('captureStatements', () => {
  // The recorder reads a SQLite handle; the bench and the plan test run on SQLite.
  it.skipIf(onPostgres)('records the statements of the work alone, each once', async () => {
    const alone = await captureStatements(t.register.sqlite, () => t.client.petitions.get({ id: petitionId }));
    expect(alone.statements.length).toBeGreaterThan(3);
    const recorded = alone.statements.length;
    // The same call again, outside the capture: it runs on the statements the capture prepared.
    await t.client.petitions.get({ id: petitionId });
    await t.client.petitions.get({ id: petitionId });
    expect(alone.statements).toHaveLength(recorded);
    // A second capture records the call once more, on its own.
    const again = await captureStatements(t.register.sqlite, () => t.client.petitions.get({ id: petitionId }));
    expect(again.statements.map((s) => s.sql)).toEqual(alone.statements.map((s) => s.sql));
  });
});
