// A new register's defaults, seeding idempotence, and the shipped reference data.
import { afterEach, describe, expect, it } from 'vitest';
import defaultAgencies from '../../db/data/agencies-default.json' with { type: 'json' };
import unitsFile from '../../db/data/admin-units.json' with { type: 'json' };
import { communeAgency, communesOf, PROVINCES } from '../../db/units.ts';
import { agencyUpsertSchema, AGENCY_KINDS, type Agency } from '../../shared/domain/agency.ts';
import { DEFAULT_SETTINGS } from '../../shared/domain/settings.ts';
import { tempRegister, TEST_NOW, type TempRegister } from '../helpers/register.ts';
import { registerSnapshot } from '../helpers/snapshot.ts';

const DEFAULTS = defaultAgencies as { code: string; name: string; kind: string }[];

let open: TempRegister[] = [];
afterEach(async () => {
  for (const t of open.reverse()) await t.cleanup();
  open = [];
});
async function fresh(options: Parameters<typeof tempRegister>[0] = {}): Promise<TempRegister> {
  const t = await tempRegister(options);
  open.push(t);
  return t;
}

describe('seeding a new register', () => {
  it('adds the 29 default agencies and the 96 commune agencies of province 51', async () => {
    const { client } = await fresh();
    const agencies = await client.agencies.list({ includeInactive: true });
    expect(DEFAULTS).toHaveLength(29);
    expect(communesOf('51')).toHaveLength(96);
    expect(agencies).toHaveLength(29 + 96);
    expect(agencies.every((a) => a.active)).toBe(true);
    expect(agencies.every((a) => a.updatedAt === TEST_NOW.toISOString())).toBe(true);

    const byCode = new Map(agencies.map((a) => [a.code, a]));
    for (const d of DEFAULTS) {
      expect(byCode.get(d.code), d.code).toMatchObject({ code: d.code, name: d.name, kind: d.kind, active: true });
    }
    const communes = agencies.filter((a) => a.kind === 'commune');
    expect(communes).toHaveLength(96);
    for (const c of communesOf('51')) {
      const expected = communeAgency(c);
      expect(byCode.get(`XA-${c.code}`), c.code).toMatchObject({ code: expected.code, name: expected.name, kind: 'commune' });
    }
    // Administrative style: the unit type in lower case after "UBND".
    expect(byCode.get('XA-21548')?.name).toBe('UBND đặc khu Lý Sơn');
    expect(communes.every((a) => /^UBND (xã|phường|đặc khu) /.test(a.name))).toBe(true);
  });

  it('stores the default settings and one administrator', async () => {
    const { client, register } = await fresh();
    expect(await client.settings.get()).toEqual(DEFAULT_SETTINGS);
    const users = await client.users.list();
    expect(users).toEqual([{ id: expect.any(Number), username: 'admin', fullName: 'Quản trị viên', title: null, role: 'admin', active: true, canSeeProtected: false }]);
    const audit = await client.audit.list();
    expect(audit).toEqual([
      expect.objectContaining({ action: 'seed', entity: 'register', actorName: 'Hệ thống', after: { agencies: 125 }, at: TEST_NOW.toISOString() }),
    ]);
    const info = await client.app.info();
    expect(info.counts).toEqual({ agencies: 125, activeAgencies: 125, users: 1, auditEntries: 1 });
    expect(info.schemaVersion).toBe(register.schemaVersion());
  });

  it('adds nothing when the register is opened again', async () => {
    const first = await fresh();
    const before = await registerSnapshot(first.register);
    await first.close();
    for (let i = 0; i < 2; i++) {
      const again = await fresh({ path: first.path, now: new Date('2027-01-01T00:00:00Z') });
      expect(await registerSnapshot(again.register)).toEqual(before);
      await again.cleanup();
    }
  });

  it('does not re-add agencies the officers edited or deactivated', async () => {
    const first = await fresh();
    const [agency] = await first.client.agencies.list({ search: 'SO-NV' });
    await first.client.agencies.upsert({ id: agency!.id, code: 'SO-NV-2', name: 'Sở Nội vụ (đổi mã)', kind: 'provincial_department' });
    await first.client.agencies.setActive({ id: agency!.id, active: false });
    const before = await registerSnapshot(first.register);
    await first.close();
    const again = await fresh({ path: first.path });
    expect(await registerSnapshot(again.register)).toEqual(before);
    expect(await again.client.agencies.list({ search: 'SO-NV' })).toEqual([]);
  });

  it('seed: false leaves the tables empty', async () => {
    const { register } = await fresh({ seed: false });
    const counts = (await registerSnapshot(register)).counts;
    expect(counts).toMatchObject({ agencies: 0, users: 0, settings: 0, audit_log: 0 });
  });
});

describe('reference data', () => {
  const provinces = unitsFile.provinces;
  const communes = provinces.flatMap((p) => p.communes);

  it('has 34 provinces and 3,321 communes, 96 of them in province 51', () => {
    expect(provinces).toHaveLength(34);
    expect(communes).toHaveLength(3321);
    expect(provinces.find((p) => p.code === '51')?.communes).toHaveLength(96);
    expect(provinces.find((p) => p.code === '51')?.name).toBe('Quảng Ngãi');
    expect(PROVINCES).toHaveLength(34);
    expect(PROVINCES.reduce((n, p) => n + p.communeCount, 0)).toBe(3321);
  });

  it('has unique, well-formed codes', () => {
    expect(new Set(provinces.map((p) => p.code)).size).toBe(34);
    expect(new Set(communes.map((c) => c.code)).size).toBe(3321);
    for (const p of provinces) expect(p.code).toMatch(/^\d{2}$/);
    for (const c of communes) {
      expect(c.code).toMatch(/^\d{5}$/);
      expect(['ward', 'commune', 'special_zone']).toContain(c.type);
    }
  });

  it('is all NFC, trimmed and non-empty', () => {
    const strings: string[] = [];
    const walk = (value: unknown): void => {
      if (typeof value === 'string') strings.push(value);
      else if (Array.isArray(value)) value.forEach(walk);
      else if (value && typeof value === 'object') Object.values(value).forEach(walk);
    };
    walk(unitsFile);
    walk(defaultAgencies);
    expect(strings.length).toBeGreaterThan(3321 * 3);
    const bad = strings.filter((s) => s !== s.normalize('NFC') || s !== s.trim());
    expect(bad).toEqual([]);
    for (const p of provinces) expect(p.name.length).toBeGreaterThan(0);
    for (const c of communes) expect(c.full_name.endsWith(c.name)).toBe(true);
  });

  it('default agencies have unique codes that the API itself would accept', () => {
    expect(new Set(DEFAULTS.map((a) => a.code)).size).toBe(DEFAULTS.length);
    for (const a of DEFAULTS) {
      expect(AGENCY_KINDS).toContain(a.kind);
      const parsed = agencyUpsertSchema.parse(a) as Pick<Agency, 'code' | 'name' | 'kind'>;
      expect(parsed).toMatchObject({ code: a.code, name: a.name, kind: a.kind });
    }
    for (const c of communesOf('51').map(communeAgency)) expect(agencyUpsertSchema.safeParse(c).success).toBe(true);
  });
});
