// Board settings, stored one JSON value per key; missing keys fall back to the defaults.
import type { Kysely } from 'kysely';
import { DEFAULT_SETTINGS, type Settings, type settingsUpdateSchema } from '../../shared/domain/settings.ts';
import { ApiError } from '../../shared/errors.ts';
import type { z } from '../../shared/validation.ts';
import { writeAudit } from '../audit.ts';
import type { OpContext } from '../context.ts';
import type { DB } from '../schema.ts';
import { communeAgency, communesOf, provinceByCode } from '../units.ts';
import { insertMissingAgencies } from './agencies.ts';

const SETTING_KEYS = Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[];

export async function getSettings(db: Kysely<DB>): Promise<Settings> {
  const rows = await db.selectFrom('settings').select(['key', 'value']).where('key', 'in', SETTING_KEYS).execute();
  const stored = Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value) as unknown]));
  return {
    ...DEFAULT_SETTINGS,
    ...stored,
    docPrefixes: { ...DEFAULT_SETTINGS.docPrefixes, ...(stored.docPrefixes as Partial<Settings['docPrefixes']> | undefined) },
  } as Settings;
}

/**
 * Saves the given fields. Choosing another province adds the People's Committee of each of
 * its communes to the agency directory (existing entries are left as they are).
 */
export function updateSettings(ctx: OpContext, input: z.output<typeof settingsUpdateSchema>): Promise<Settings> {
  return ctx.register.db.transaction().execute(async (trx) => {
    if (input.provinceCode !== undefined && !provinceByCode(input.provinceCode)) {
      throw new ApiError('VALIDATION', `Không có tỉnh, thành phố mã ${input.provinceCode}`, [
        { path: 'provinceCode', message: `Không có tỉnh, thành phố mã ${input.provinceCode}` },
      ]);
    }
    const before = await getSettings(trx);
    const after: Settings = { ...before, ...input, docPrefixes: { ...before.docPrefixes, ...input.docPrefixes } } as Settings;
    const now = ctx.register.now().toISOString();
    for (const key of SETTING_KEYS) {
      if (JSON.stringify(before[key]) === JSON.stringify(after[key])) continue;
      await trx
        .insertInto('settings')
        .values({ key, value: JSON.stringify(after[key]), updated_at: now })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value: JSON.stringify(after[key]), updated_at: now }))
        .execute();
    }
    let communesAdded = 0;
    if (after.provinceCode !== before.provinceCode) {
      communesAdded = await insertMissingAgencies(trx, communesOf(after.provinceCode).map(communeAgency), now);
    }
    await writeAudit(trx, ctx, { action: 'update', entity: 'settings', entityId: null, before, after: { ...after, communesAdded } });
    return after;
  });
}
