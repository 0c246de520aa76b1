// Defaults for a new register, from data files: the agency directory of the Board's province
// (its bodies plus the People's Committee of each of its communes), settings and an administrator.
import defaultAgencies from './data/agencies-default.json' with { type: 'json' };
import { DEFAULT_SETTINGS } from '../shared/domain/settings.ts';
import type { AgencyKind } from '../shared/domain/agency.ts';
import { writeAudit } from './audit.ts';
import { SYSTEM_ACTOR } from './context.ts';
import { insertMissingAgencies } from './ops/agencies.ts';
import { communeAgency, communesOf } from './units.ts';
import type { Register } from './register.ts';

const SEED_KEY = 'seed_version';
const SEED_VERSION = 1;

export async function seedDefaults(register: Register): Promise<void> {
  await register.db.transaction().execute(async (trx) => {
    const seeded = await trx.selectFrom('settings').select('value').where('key', '=', SEED_KEY).executeTakeFirst();
    if (seeded) return;
    const now = register.now().toISOString();
    const ctx = { register, actor: SYSTEM_ACTOR };
    const agencies = [
      ...(defaultAgencies as { code: string; name: string; kind: AgencyKind }[]),
      ...communesOf(DEFAULT_SETTINGS.provinceCode).map(communeAgency),
    ];
    const added = await insertMissingAgencies(trx, agencies, now);
    await trx
      .insertInto('users')
      .values({ username: 'admin', full_name: 'Quản trị viên', title: null, role: 'admin', active: 1, created_at: now })
      .onConflict((oc) => oc.column('username').doNothing())
      .execute();
    await trx.insertInto('settings').values({ key: SEED_KEY, value: String(SEED_VERSION), updated_at: now }).execute();
    await writeAudit(trx, ctx, { action: 'seed', entity: 'register', entityId: null, after: { agencies: added } });
  });
}
