// Protected denouncers over a real register: no API answer names a denouncer to an officer
// without the permission (nor to the system), a permitted officer's reveal is audited, only an
// administrator grants the permission, exports for other bodies redact, and nothing printed for
// an agency carries the identity (read back from the PDF with pdftotext).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { exportRegister } from '../../db/interchange/export.ts';
import { redactDenouncers } from '../../db/interchange/redact.ts';
import { findChromium, htmlToPdf } from '../../print/chromium-pdf.ts';
import { loadDocument } from '../../print/load.ts';
import type { PersonInput } from '../../shared/domain/person.ts';
import { PROTECTED_LABEL } from '../../shared/domain/protection.ts';
import type { User } from '../../shared/domain/user.ts';
import { serialiseInterchange } from '../../shared/interchange/v1.ts';
import { expectError, expectOk } from '../helpers/envelope.ts';
import { createApiServer } from '../../db/api/server.ts';
import { petitionInput, updateInput, visitInput } from '../helpers/intake.ts';
import { rawAll, rawGet, tempDir, tempRegister, type TempRegister, signInAs } from '../helpers/register.ts';
import { registerAuditRowsSince, registerLastAuditId, registerSnapshot } from '../helpers/snapshot.ts';
import { agencyByCode, classifyAndForward, refused } from '../helpers/workflow.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const HAS_PDF = findChromium() !== null && spawnSync('pdftotext', ['-v']).error === undefined;

/** The denouncer: every identifying string of hers must stay out of what others see. */
const GIAC: PersonInput = {
  fullName: 'Phan Thị Tố Giác',
  idNumber: '051190007777',
  birthYear: 1990,
  gender: 'female',
  phone: '0912 777 888',
  address: 'Tổ 5, phường Nghĩa Lộ',
  communeCode: null,
};
const SECRETS = [GIAC.fullName, GIAC.idNumber!, GIAC.phone!, GIAC.address!, 'Tố Giác', '051190007777'];

function expectNoIdentity(value: unknown, where: string): void {
  const text = JSON.stringify(value ?? null).normalize('NFC');
  for (const secret of SECRETS) expect(text, `${where} contains ${secret}`).not.toContain(secret);
  expect(text, `${where} contains the birth year`).not.toMatch(/"birthYear":1990/);
}

interface World {
  t: TempRegister;
  admin: User;
  plain: User;
  permitted: User;
  /** 2026/000001: the denunciation, handed in at `visitId`, forwarded, with a reminder. */
  denunciation: number;
  /** 2026/000002: a second denunciation by her, accepted (proposal to the Chairperson). */
  accepted: number;
  /** 2026/000003: an ordinary complaint by someone else. */
  complaint: number;
  visitId: number;
  sessionId: number;
  giacCitizen: number;
}

let w: World;

const NOW = new Date('2026-03-20T03:00:00.000Z');

async function as(user: User): Promise<void> {
  await signInAs(w.t, user.id);
}

/** Runs `body` as the system (no officer chosen): a second handle on the same register file. */
async function asSystem(body: () => Promise<void>): Promise<void> {
  const own = w.t;
  const system = await tempRegister({ path: own.path, now: NOW });
  w.t = system;
  try {
    await body();
  } finally {
    w.t = own;
    await system.close();
  }
}

beforeEach(async () => {
  const t = await tempRegister({ now: NOW });
  const admin = (await t.client.users.list()).find((u) => u.username === 'admin')!;
  await signInAs(t, admin.id);
  await t.client.settings.update({ signerName: 'Nguyễn Văn Ký' });
  const plain = await t.client.users.upsert({ username: 'lan.nt', fullName: 'Nguyễn Thị Lan', role: 'officer' });
  const permitted = await t.client.users.upsert({ username: 'tin.tv', fullName: 'Trần Văn Tín', role: 'officer', canSeeProtected: true });
  const session = await t.client.sessions.upsert({ kind: 'regular', date: '2026-03-16', officers: ['Nguyễn Thị Lan'] });
  const visit = await t.client.visits.save(visitInput(session.id, { citizen: GIAC, matter: 'denunciation', content: `Bà ${GIAC.fullName} tố cáo ông Trần Văn Bị nhận tiền` }));
  const denunciation = await t.client.petitions.create(
    petitionInput({
      receivedOn: '2026-03-16',
      visitId: visit.id,
      kind: 'denunciation',
      field: 'corruption',
      petitioners: [GIAC],
      subject: 'Ông Trần Văn Bị, cán bộ địa chính',
      summary: `Tôi là ${GIAC.fullName}, CCCD ${GIAC.idNumber}, điện thoại ${GIAC.phone}, tố cáo ông Trần Văn Bị nhận tiền khi cấp giấy chứng nhận quyền sử dụng đất`,
    }),
  );
  const accepted = await t.client.petitions.create(
    petitionInput({ receivedOn: '2026-03-16', channel: 'post', kind: 'denunciation', field: 'corruption', petitioners: [GIAC], summary: 'Tố cáo việc thu tiền sai quy định ở chợ' }),
  );
  const complaint = await t.client.petitions.create(petitionInput({ receivedOn: '2026-03-17' }));
  const agency = await agencyByCode(t, 'SO-NNMT');
  await classifyAndForward(t, denunciation.id, agency.id, '2026-03-17');
  await t.client.workflow.remind({ petitionId: denunciation.id, on: '2026-03-19' });
  await t.client.workflow.classify({ petitionId: accepted.id, eligible: true, on: '2026-03-17' });
  await t.client.workflow.decide({ petitionId: accepted.id, action: 'accept', on: '2026-03-17' });
  const giacCitizen = (await rawGet(t.register, 'select id from citizens where id_number = ?', GIAC.idNumber)) as { id: number };
  w = { t, admin, plain, permitted, denunciation: denunciation.id, accepted: accepted.id, complaint: complaint.id, visitId: visit.id, sessionId: session.id, giacCitizen: giacCitizen.id };
});
afterEach(async () => {
  await w.t.cleanup();
});

describe('an officer without the permission, and the system', () => {
  for (const who of ['officer', 'system'] as const) {
    it(`${who}: no API answer names the denouncer`, async () => {
      if (who === 'officer') {
        await as(w.plain);
        await noIdentityAnywhere();
      } else {
        await asSystem(noIdentityAnywhere);
      }
    });
  }

  async function noIdentityAnywhere(): Promise<void> {
      const { client } = w.t;
      const seen: [string, unknown][] = [];
      const look = async (label: string, value: Promise<unknown>) => seen.push([label, await value]);

      const detail = await client.petitions.get({ id: w.denunciation });
      expect(detail.petition.petitioners).toEqual([expect.objectContaining({ fullName: PROTECTED_LABEL, idNumber: null, address: null, phone: null, citizenId: null })]);
      expect(detail.visit?.citizen.fullName).toBe(PROTECTED_LABEL);
      seen.push(['petitions.get', detail]);
      await look('petitions.get accepted', client.petitions.get({ id: w.accepted }));
      const list = await client.petitions.list({});
      expect(list.rows.find((r) => r.id === w.denunciation)?.petitionerNames).toBe(PROTECTED_LABEL);
      seen.push(['petitions.list', list]);
      // Searching by her name, her ID number or her phone finds no denunciation...
      for (const search of [GIAC.fullName, 'to giac', GIAC.idNumber!, 'Phan Thi']) {
        const found = await client.petitions.list({ search });
        expect(found.rows.filter((r) => r.id === w.denunciation || r.id === w.accepted), search).toEqual([]);
      }
      // ...its own words do, and show it protected.
      const bySubject = await client.petitions.list({ search: 'Trần Văn Bị' });
      expect(bySubject.rows.map((r) => [r.id, r.petitionerNames])).toEqual([[w.denunciation, PROTECTED_LABEL]]);
      expect((await client.petitions.list({ search: '2026/000002' })).rows.map((r) => r.id)).toEqual([w.accepted]);
      // She is known only as a denouncer: the citizen lookup does not find her, her history is not shown.
      expect(await client.citizens.search({ query: 'Tố Giác' })).toEqual([]);
      expect(await client.citizens.search({ query: GIAC.idNumber! })).toEqual([]);
      expectError(await w.t.api.call('citizens.history', { id: w.giacCitizen }), 'NOT_FOUND');
      await look('visits.get', client.visits.get({ id: w.visitId }));
      await look('sessions.get', client.sessions.get({ id: w.sessionId }));
      await look('register.reception', client.register.reception({ from: '2026-03-01', to: '2026-03-31' }));
      await look('todo.summary', client.todo.summary());
      for (const drill of ['received', 'eligible', 'decision', 'agency_forwarded'] as const) {
        await look(`stats.drill ${drill}`, client.stats.drill({ from: '2026-03-01', to: '2026-03-31', drill }));
      }
      await look('audit.list', client.audit.list({ limit: 500 }));
      await look('petitions.similar', client.petitions.similar({ excludeId: null, receivedOn: '2026-03-20', petitioners: [{ fullName: GIAC.fullName, idNumber: GIAC.idNumber }], summary: 'x' }));
      for (const kind of ['forward', 'reminder', 'guide'] as const) {
        if (kind === 'guide') continue;
        await look(`documents.render ${kind}`, client.documents.render({ kind, petitionId: w.denunciation }));
      }
      await look('documents.render accept', client.documents.render({ kind: 'accept', petitionId: w.accepted }));
      await look('documents.render receipt', client.documents.render({ kind: 'receipt', petitionId: w.denunciation }));
      await look('documents.render register', client.documents.render({ kind: 'register', from: '2026-03-01', to: '2026-03-31' }));
      await look('stats.export csv', client.stats.export({ from: '2026-03-01', to: '2026-03-31', format: 'csv' }).then((f) => Buffer.from(f.base64, 'base64').toString('utf8')));
      for (const [label, value] of seen) expectNoIdentity(value, label);
      // The similar petitions for her name and ID do not include her denunciations.
      const similar = seen.find(([l]) => l === 'petitions.similar')![1] as { id: number }[];
      expect(similar.map((s) => s.id)).not.toContain(w.denunciation);
      // Revealing is refused, and writes nothing.
      await refused(w.t, 'petitions.revealDenouncer', { id: w.denunciation }, 'FORBIDDEN');
      await refused(w.t, 'visits.revealDenouncer', { id: w.visitId }, 'FORBIDDEN');
  }

  it('the register still holds the identity, and an edit through the redacted form keeps it', async () => {
    await as(w.plain);
    const { petition } = await w.t.client.petitions.get({ id: w.denunciation });
    expectNoIdentity(petition, 'the edit form');
    // Saved unchanged: her name, and the words that named her, stay as stored.
    await w.t.client.petitions.update(updateInput(petition));
    const words = (await rawGet(w.t.register, 'select summary from petitions where id = ?', w.denunciation)) as { summary: string };
    expect(words.summary).toContain(GIAC.fullName);
    const { id, ...rest } = updateInput(petition);
    await w.t.client.petitions.update({ id, ...rest, summary: 'Tố cáo ông Trần Văn Bị (đã sửa)' });
    const stored = await rawAll(w.t.register, 'select x.full_name, x.id_number from petition_petitioners pp join persons x on x.id = pp.person_id where pp.petition_id = ?', w.denunciation);
    expect(stored).toEqual([{ full_name: GIAC.fullName, id_number: GIAC.idNumber }]);
    // Turning the denunciation into a complaint would unmask her: refused without the permission.
    const error = await refused(w.t, 'petitions.update', { id, ...rest, kind: 'complaint' }, 'FORBIDDEN');
    expect(error.message).toMatch(/quyền xem danh tính người tố cáo/);

    // The same for the visit: saved through its redacted form, the visitor stays hers.
    const visit = await w.t.client.visits.get({ id: w.visitId });
    expectNoIdentity(visit, 'the visit form');
    const { citizenId: _c, ...citizen } = visit.citizen;
    const again = { id: w.visitId, ...visitInput(w.sessionId, { citizen, matter: 'denunciation', content: visit.content }) };
    await w.t.client.visits.save(again);
    const visitor = await rawGet(w.t.register, 'select x.full_name from visits v join persons x on x.id = v.person_id where v.id = ?', w.visitId);
    expect(visitor).toEqual({ full_name: GIAC.fullName });
    await refused(w.t, 'visits.save', { ...again, matter: 'complaint' }, 'FORBIDDEN');

    // A petition pre-filled from her visit (the form got her redacted) is registered in her name.
    const input = petitionInput({ receivedOn: '2026-03-16', visitId: w.visitId, kind: 'denunciation', petitioners: [citizen], summary: 'Bổ sung tài liệu tố cáo' });
    const added = await w.t.client.petitions.create(input);
    expectNoIdentity(added, 'petitions.create');
    const signed = await rawGet(w.t.register, 'select x.full_name from petition_petitioners pp join persons x on x.id = pp.person_id where pp.petition_id = ?', added.id);
    expect(signed).toEqual({ full_name: GIAC.fullName });
    await refused(w.t, 'petitions.create', { ...input, kind: 'complaint' }, 'FORBIDDEN');
  });
});

describe('a permitted officer', () => {
  it('finds the denunciation by the denouncer’s name, still shown protected, and reveals it with one audit row', async () => {
    await as(w.permitted);
    const { client } = w.t;
    const found = await client.petitions.list({ search: GIAC.fullName });
    expect(found.rows.map((r) => [r.id, r.petitionerNames]).sort()).toEqual([
      [w.denunciation, PROTECTED_LABEL],
      [w.accepted, PROTECTED_LABEL],
    ].sort());
    expectNoIdentity(await client.petitions.get({ id: w.denunciation }), 'petitions.get (permitted, before reveal)');

    const from = await registerLastAuditId(w.t.register);
    const revealed = await client.petitions.revealDenouncer({ id: w.denunciation });
    expect(revealed.petitioners).toEqual([expect.objectContaining({ fullName: GIAC.fullName, idNumber: GIAC.idNumber, address: GIAC.address, phone: GIAC.phone })]);
    const rows = await registerAuditRowsSince(w.t.register, from);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'view_protected', entity: 'petition', entity_id: String(w.denunciation), actor_id: w.permitted.id, actor_name: 'Trần Văn Tín' });
    expectNoIdentity(rows[0], 'the view_protected row');

    const visit = await client.visits.revealDenouncer({ id: w.visitId });
    expect(visit.citizen.fullName).toBe(GIAC.fullName);
    expect((await registerAuditRowsSince(w.t.register, from)).map((r) => [r.action, r.entity])).toEqual([
      ['view_protected', 'petition'],
      ['view_protected', 'visit'],
    ]);
    // The audit trail shows who looked, never what they saw.
    const trail = await client.audit.list({ entity: 'petition', entityId: String(w.denunciation) });
    expect(trail[0]).toMatchObject({ action: 'view_protected', actorName: 'Trần Văn Tín' });
    expectNoIdentity(trail, 'audit.list (permitted)');
  });

  it('prints a letter to the denouncer with her name, and that print is audited as a view', async () => {
    await as(w.permitted);
    const from = await registerLastAuditId(w.t.register);
    const receipt = await w.t.client.documents.render({ kind: 'receipt', petitionId: w.denunciation });
    expect(receipt.html).toContain(GIAC.fullName);
    expect((await registerAuditRowsSince(w.t.register, from)).map((r) => r.action)).toEqual(['print', 'view_protected']);
    // The forwarding slip is for the agency: no name even for her.
    const slip = await w.t.client.documents.render({ kind: 'forward', petitionId: w.denunciation });
    expectNoIdentity(slip.html, 'forwarding slip (permitted)');
  });

  it('a revoked or deactivated officer may no longer reveal', async () => {
    await as(w.admin);
    await w.t.client.users.upsert({ id: w.permitted.id, username: 'tin.tv', fullName: 'Trần Văn Tín', role: 'officer', canSeeProtected: false });
    await as(w.permitted);
    await refused(w.t, 'petitions.revealDenouncer', { id: w.denunciation }, 'FORBIDDEN');
  });
});

describe('granting the permission', () => {
  const grant = () => ({ id: w.plain.id, username: 'lan.nt', fullName: 'Nguyễn Thị Lan', role: 'officer', canSeeProtected: true });

  it('is refused to an officer who is not an administrator, and to the system, writing nothing', async () => {
    await as(w.plain);
    const error = await refused(w.t, 'users.upsert', grant(), 'FORBIDDEN');
    // The dispatch refuses first: managing users is the administrator's (shared/domain/permissions.ts).
    expect(error.message).toMatch(/không có quyền quản trị/);
    await refused(w.t, 'users.upsert', { username: 'moi', fullName: 'Người Mới', canSeeProtected: true }, 'FORBIDDEN');
    // Nobody signed in: refused before anything is read.
    const before = await registerSnapshot(w.t.register);
    expectError(await createApiServer(w.t.register, { appVersion: 'x' }).call('users.upsert', grant()), 'UNAUTHENTICATED');
    expect(await registerSnapshot(w.t.register)).toEqual(before);
  });

  it('an administrator grants it, audited; editing a user later without the field keeps it', async () => {
    await as(w.admin);
    const before = await registerSnapshot(w.t.register);
    const granted = expectOk(await w.t.api.call('users.upsert', grant())) as User;
    expect(granted.canSeeProtected).toBe(true);
    expect((await registerSnapshot(w.t.register)).auditCount).toBe(before.auditCount + 1);
    // Absent: the grant is kept as it is.
    expect((await w.t.client.users.upsert({ id: w.plain.id, username: 'lan.nt', fullName: 'Nguyễn Thị Lan', title: 'Chuyên viên', role: 'officer' })).canSeeProtected).toBe(true);
  });
});

describe('exports for other bodies', () => {
  it('--redact-denouncers leaves no identity in the file; the full export keeps it', async () => {
    const full = await exportRegister(w.t.register);
    expect(JSON.stringify(full)).toContain(GIAC.fullName);
    const { file, summary } = redactDenouncers(full);
    expect(summary).toEqual({ petitions: 2, visits: 1 });
    expectNoIdentity(file, 'redacted export');
    expect(file.petitions.find((p) => p.kind === 'complaint')?.petitioners[0]?.full_name).toBe('Nguyễn Văn Đức');
    expect(JSON.stringify(full)).toContain(GIAC.fullName); // the input is left alone

    // The CLI writes the same, and says what it hid.
    const dir = tempDir();
    try {
      const out = path.join(dir.dir, 'gui-co-quan.json');
      const run = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'petreg.js'), 'export', out, '--redact-denouncers', '--db', w.t.path], {
        cwd: ROOT,
        encoding: 'utf8',
        env: { ...process.env, PETREG_DB: '', PETREG_DATA_DIR: path.join(dir.dir, 'default') },
      });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
      expect(run.stdout).toContain('đã ẩn danh tính người tố cáo của 2 đơn và 1 lượt tiếp');
      const text = fs.readFileSync(out, 'utf8');
      expectNoIdentity(text, 'petreg export --redact-denouncers');
      expect(JSON.parse(text).petitions).toHaveLength(3);
      expect(serialiseInterchange(file)).not.toContain(GIAC.idNumber!);
    } finally {
      dir.cleanup();
    }
  });
});

describe.skipIf(!HAS_PDF)('documents sent to an agency, as PDF', () => {
  it('no agency-addressed document of a denunciation names the denouncer (pdftotext)', async () => {
    const dir = tempDir();
    try {
      const cases = [
        { kind: 'forward', petitionId: w.denunciation },
        { kind: 'reminder', petitionId: w.denunciation },
        { kind: 'accept', petitionId: w.accepted },
      ] as const;
      for (const request of cases) {
        // Even with the permission: what goes to another body never carries the identity.
        for (const seeProtected of [false, true]) {
          const doc = await loadDocument(w.t.register, request, { extension: 'pdf', seeProtected });
          const file = path.join(dir.dir, `${request.kind}.pdf`);
          fs.writeFileSync(file, await htmlToPdf(doc.html));
          const result = spawnSync('pdftotext', [file, '-'], { encoding: 'utf8' });
          expect(result.status).toBe(0);
          const text = result.stdout.normalize('NFC').replace(/\s+/g, ' ');
          expect(text.length, request.kind).toBeGreaterThan(200);
          // The slip asks the agency to keep the denouncer's identity secret (Circular 05/2021 form 03).
          if (request.kind === 'forward') expect(text).toContain('giữ bí mật');
          for (const secret of SECRETS) expect(text, `${request.kind} names ${secret}`).not.toContain(secret);
          expect(text).not.toMatch(/Phan Thị/);
        }
      }
    } finally {
      dir.cleanup();
    }
  }, 120_000);
});

describe('a denunciation’s attachments', () => {
  const PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 72 72]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n', 'latin1');
  const add = (petitionId: number, fileName: string) => w.t.client.attachments.add({ petitionId, fileName, mime: 'application/pdf', base64: PDF.toString('base64') });

  it('open only for a permitted officer, each opening audited; file names that name the denouncer are listed without it', async () => {
    await as(w.admin);
    const scan = await add(w.denunciation, 'Don-to-cao_Phan_Thi_To_Giac.pdf');
    const evidence = await add(w.denunciation, 'anh-chup-bien-lai.pdf');
    const byId = await add(w.denunciation, 'cccd-051190007777.pdf');
    const ordinary = await add(w.complaint, 'Don khieu nai Nguyen Van Duc.pdf');

    // An officer without the permission: the list hides the name in file names; opening is refused and writes nothing.
    await as(w.plain);
    const listed = await w.t.client.attachments.list({ petitionId: w.denunciation });
    expectNoIdentity(listed, 'attachments.list');
    expect(listed.map((a) => a.fileName)).toEqual([`tep-dinh-kem-${scan.id}.pdf`, 'anh-chup-bien-lai.pdf', `tep-dinh-kem-${byId.id}.pdf`]);
    const before = await registerSnapshot(w.t.register);
    for (const a of [scan, evidence]) {
      const refusedOpen = await w.t.api.call('attachments.get', { id: a.id });
      expect(refusedOpen.ok).toBe(false);
      if (!refusedOpen.ok) {
        expect(refusedOpen.error.code).toBe('FORBIDDEN');
        expect(refusedOpen.error.message).toContain('chỉ cán bộ được quản trị viên cấp quyền mới được mở');
      }
    }
    expect(await registerSnapshot(w.t.register)).toEqual(before);
    // Another petition's attachments are as before, for everyone.
    expect((await w.t.client.attachments.list({ petitionId: w.complaint }))[0]!.fileName).toBe('Don khieu nai Nguyen Van Duc.pdf');
    expect((await w.t.client.attachments.get({ id: ordinary.id })).base64).toBe(PDF.toString('base64'));

    // The permitted officer sees the names and opens the scan; the opening is in the audit log, named.
    await as(w.permitted);
    expect((await w.t.client.attachments.list({ petitionId: w.denunciation })).map((a) => a.fileName)).toEqual(['Don-to-cao_Phan_Thi_To_Giac.pdf', 'anh-chup-bien-lai.pdf', 'cccd-051190007777.pdf']);
    const from = await registerLastAuditId(w.t.register);
    expect((await w.t.client.attachments.get({ id: scan.id })).base64).toBe(PDF.toString('base64'));
    const rows = await registerAuditRowsSince(w.t.register, from);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ action: 'view_protected', entity: 'petition', entity_id: String(w.denunciation), actor_name: 'Trần Văn Tín' });
  });
});
