// The statistics screen's chart in one call (stats.monthly): per month and kind, the very totals the
// petition list gives for the same dates and kind (what the chart asked 48 times before).
import { statementCacheOf } from '../../db/dialect.ts';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addDays } from '../../shared/calendar/dates.ts';
import { PETITION_KINDS } from '../../shared/domain/petition.ts';
import { resolvePeriod } from '../../shared/stats/periods.ts';
import { petitionInput } from '../helpers/intake.ts';
import { tempRegister, type TempRegister } from '../helpers/register.ts';
import { registerSnapshot } from '../helpers/snapshot.ts';

let t: TempRegister;
beforeEach(async () => {
  t = await tempRegister({ now: new Date('2026-03-20T03:00:00.000Z') });
});
afterEach(async () => {
  await t.cleanup();
});

describe('stats.monthly', () => {
  it('counts each month and kind as the petition list does, official months and calendar months alike, in one statement', async () => {
    // Petitions on both sides of every boundary: the 14th/15th (official months) and month ends.
    let day = '2025-03-01';
    for (let i = 0; day <= '2026-03-20'; i++) {
      const kind = PETITION_KINDS[i % 3]!;
      await t.client.petitions.create(petitionInput({ receivedOn: day, kind, petitioners: [{ fullName: `Người thử ${i}` }], summary: `Đơn ${i}` }));
      day = addDays(day, [1, 13, 3, 9, 1, 4][i % 6]!);
    }
    for (const kind of ['official_month', 'calendar_month'] as const) {
      const months = Array.from({ length: 12 }, (_, i) => resolvePeriod({ kind, year: i < 9 ? 2025 : 2026, index: ((i + 3) % 12) + 1 }));
      months[11] = { ...months[11]!, to: '2026-03-20' < months[11]!.to ? '2026-03-20' : months[11]!.to };
      const before = await registerSnapshot(t.register);
      let statements = 0;
      // The sign-in check reads the signed-in officer; the chart's statements are over petitions.
      const count = (source: string) => {
        if (/"?petitions"?/.test(source)) statements++;
      };
      let chart: Awaited<ReturnType<typeof t.client.stats.monthly>>;
      if (t.register.engine === 'sqlite') {
        statementCacheOf(t.register.sqlite)?.clear();
        const prepare = t.register.sqlite.prepare;
        t.register.sqlite.prepare = function (this: typeof t.register.sqlite, source: string) {
          count(source);
          return prepare.call(this, source);
        } as typeof prepare;
        chart = await t.client.stats.monthly({ months });
        t.register.sqlite.prepare = prepare;
      } else {
        // On PostgreSQL every statement goes through a pooled pg.Client's query.
        const query = pg.Client.prototype.query;
        pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
          count(typeof args[0] === 'string' ? args[0] : String((args[0] as { text?: string }).text));
          return (query as (...a: unknown[]) => unknown).apply(this, args);
        } as typeof query;
        try {
          chart = await t.client.stats.monthly({ months });
        } finally {
          pg.Client.prototype.query = query;
        }
      }
      expect(statements).toBe(1);
      expect(await registerSnapshot(t.register)).toEqual(before);
      let total = 0;
      for (const [i, m] of months.entries()) {
        expect(chart[i]).toMatchObject({ from: m.from, to: m.to });
        for (const k of PETITION_KINDS) {
          const listed = (await t.client.petitions.list({ from: m.from, to: m.to, kind: k, limit: 1 })).total;
          expect(chart[i]!.counts[k], `${kind} ${m.from}..${m.to} ${k}`).toBe(listed);
          total += listed;
        }
      }
      expect(total).toBeGreaterThan(30);
    }
  });
});
