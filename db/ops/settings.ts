// Board settings, stored one JSON value per key; missing keys fall back to the defaults.
import type { Kysely } from 'kysely';
import { DEFAULT_SETTINGS, NESTED_SETTINGS, type Settings, type settingsUpdateSchema } from '../../shared/domain/settings.ts';
import { ApiError } from '../../shared/errors.ts';
import type { z } from '../../shared/validation.ts';
import { writeAudit } from '../audit.ts';
import type { OpContext } from '../context.ts';
import type { DB } from '../schema.ts';
import { communeAgency, communesOf, provinceByCode } from '../units.ts';
import { insertMissingAgencies } from './agencies.ts';
import { recomputeReplyDeadlines } from './deadlines.ts';

const SETTING_KEYS = Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[];

export async function getSettings(db: Kysely<DB>): Promise<Settings> {
  const rows = await db.selectFrom('settings').select(['key', 'value']).where('key', 'in', SETTING_KEYS).execute();
  const stored = Object.fromEntries(rows.map((r) => [r.key, JSON.parse(r.value) as unknown]));
  const merged = { ...DEFAULT_SETTINGS, ...stored } as Record<string, unknown>;
  for (const key of NESTED_SETTINGS) merged[key] = { ...DEFAULT_SETTINGS[key], ...(stored[key] as object | undefined) };
  return merged as unknown as Settings;
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
    const after = { ...before, ...input } as Record<string, unknown>;
    for (const key of NESTED_SETTINGS) after[key] = { ...before[key], ...input[key] };
    const settings = after as unknown as Settings;
    const now = ctx.register.now().toISOString();
    for (const key of SETTING_KEYS) {
      const value = JSON.stringify(settings[key]);
      if (JSON.stringify(before[key]) === value) continue;
      await trx
        .insertInto('settings')
        .values({ key, value, updated_at: now })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: now }))
        .execute();
    }
    let communesAdded = 0;
    if (settings.provinceCode !== before.provinceCode) {
      communesAdded = await insertMissingAgencies(trx, communesOf(settings.provinceCode).map(communeAgency), now);
    }
    if (JSON.stringify(settings.replyDays) !== JSON.stringify(before.replyDays)) {
      await recomputeReplyDeadlines(trx, settings.replyDays);
    }
    await writeAudit(trx, ctx, { action: 'update', entity: 'settings', entityId: null, before, after: { ...settings, communesAdded } });
    return settings;
  });
}
