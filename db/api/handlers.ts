// Every API method's handler, grouped by domain. Each is a thin call into db/ops.
import { nameAuditRecords } from '../ops/audit-names.ts';
import { getAgency, listAgencies, setAgencyActive, upsertAgency } from '../ops/agencies.ts';
import { listAudit } from '../ops/audit.ts';
import { getSettings, updateSettings } from '../ops/settings.ts';
import { getUser, listUsers, upsertUser } from '../ops/users.ts';
import { communeOn, communesOf, PROVINCES, provinceByCode, provinceOn } from '../units.ts';
import { ApiError } from '../../shared/errors.ts';
import { vietnamDate } from '../../shared/domain/dates.ts';
import { citizenHistory } from '../ops/citizens.ts';
import { petitionContents } from '../ops/matters.ts';
import { searchCitizens } from '../ops/persons.ts';
import { createPetition, getPetition, countPetitions, listPetitions, updatePetition } from '../ops/petitions.ts';
import { getSession, getVisit, getVisits, listSessions, openTodaySession, saveVisit, upsertSession } from '../ops/reception.ts';
import { receptionRegister } from '../ops/register-book.ts';
import { addReminder, classifyPetition, decidePetition, getWorkflow, recordReply, reverseStep, similarPetitions } from '../ops/workflow.ts';
import { todoCounts, todoSummary } from '../ops/todo.ts';
import { communeBreakdown, computeStatistics, drillPetitions, monthlyByKind } from '../ops/stats.ts';
import { resolvePeriod } from '../../shared/stats/periods.ts';
import { exportStatistics } from '../stats-export/index.ts';
import { listHolidays, removeHoliday, upsertHoliday } from '../ops/holidays.ts';
import { writeAudit } from '../audit.ts';
import { addAttachment, getAttachment, listAttachments, removeAttachment } from '../ops/attachments.ts';
import { loadDocument, recordPrint } from '../../print/load.ts';
import type { CallContext } from './table.ts';
import { canSeeProtected, isProtectedPetition, openAttachmentChecked, redactAudit, redactPetition, redactVisits, scrubAttachmentNames } from '../protection.ts';
import { scrubIdentity } from '../../shared/domain/protection.ts';
import { displayLocation } from '../engine/location.ts';
import type { HandlerTable } from './table.ts';
import type { LocationSource } from '../../shared/domain/location.ts';

export interface AppMeta {
  appVersion: string;
  /** HTML -> PDF (headless Chromium in the preview, Electron's printToPDF in the desktop app); absent: no PDF. */
  pdf?: (html: string) => Promise<Uint8Array>;
  /**
   * Where the app keeps its setting of which register to open, and what chose the one open now
   * (db/location-config.ts); absent where the register is given by the caller (tests, CLI).
   */
  location?: { dataDir: string; source: LocationSource };
}

export function registerAppMethods(t: HandlerTable, meta: AppMeta): void {
  t.method('app.info', async (_input, { register }) => {
    const count = async (table: 'agencies' | 'users' | 'audit_log', activeOnly = false) => {
      let q = register.db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n'));
      if (activeOnly && table === 'agencies') q = q.where('active', '=', 1);
      return Number((await q.executeTakeFirstOrThrow()).n);
    };
    return {
      appVersion: meta.appVersion,
      schemaVersion: register.schemaVersion(),
      // A server's address is shown without its password.
      databasePath: displayLocation(register.path),
      counts: {
        agencies: await count('agencies'),
        activeAgencies: await count('agencies', true),
        users: await count('users'),
        auditEntries: await count('audit_log'),
      },
    };
  });
}

export function registerAgencyMethods(t: HandlerTable): void {
  t.method('agencies.list', (input, { register }) => listAgencies(register.db, input));
  t.method('agencies.get', (input, { register }) => getAgency(register.db, input.id));
  t.method('agencies.upsert', (input, ctx) => upsertAgency(ctx, input));
  t.method('agencies.setActive', (input, ctx) => setAgencyActive(ctx, input));
}

export function registerSettingsMethods(t: HandlerTable): void {
  t.method('settings.get', (_input, { register }) => getSettings(register.db));
  t.method('settings.update', (input, ctx) => updateSettings(ctx, input));
}

export function registerUnitMethods(t: HandlerTable): void {
  // Named as they are on the register's today (db/data/unit-changes.json): "Thành phố Đồng Nai"
  // from 30 April 2026, not the name of the 2025 base list.
  t.method('units.provinces', async (_input, { register }) => {
    const today = vietnamDate(register.now());
    return PROVINCES.map((p) => {
      const named = provinceOn(p.code, today);
      return named ? { ...p, name: named.name, fullName: named.fullName } : p;
    });
  });
  t.method('units.communes', async ({ provinceCode }, { register }) => {
    if (!provinceByCode(provinceCode)) throw new ApiError('NOT_FOUND', `Không có tỉnh, thành phố mã ${provinceCode}`);
    const today = vietnamDate(register.now());
    return communesOf(provinceCode).map((c) => {
      const named = communeOn(c.code, today);
      return named ? { ...c, name: named.name, fullName: named.fullName, type: named.type as typeof c.type } : c;
    });
  });
}

export function registerUserMethods(t: HandlerTable): void {
  t.method('users.list', (_input, { register }) => listUsers(register.db));
  t.method('users.upsert', (input, ctx) => upsertUser(ctx, input));
  t.method('session.get', async (_input, { register, session }) => ({
    officer: session.officerId === null ? null : await getUser(register.db, session.officerId),
  }));
  t.method('audit.list', async (input, { register }) => redactAudit(register.db, await nameAuditRecords(register.db, await listAudit(register.db, input))));
}

export function registerReceptionMethods(t: HandlerTable): void {
  t.method('citizens.search', (input, { register }) => searchCitizens(register.db, input.query, input.limit));
  t.method('citizens.history', (input, { register }) => citizenHistory(register.db, input.id, vietnamDate(register.now())));
  t.method('sessions.openToday', (input, ctx) => openTodaySession(ctx, input));
  t.method('sessions.list', (input, { register }) => listSessions(register.db, input));
  t.method('sessions.get', async (input, { register }) => ({
    session: await getSession(register.db, input.id),
    visits: await redactVisits(register.db, await getVisits(register.db, { sessionId: input.id })),
  }));
  t.method('sessions.upsert', (input, ctx) => upsertSession(ctx, input));
  t.method('visits.save', async (input, ctx) => (await redactVisits(ctx.register.db, [await saveVisit(ctx, input)]))[0]!);
  t.method('visits.get', async (input, { register }) => (await redactVisits(register.db, [await getVisit(register.db, input.id)]))[0]!);
  t.method('register.reception', (input, { register }) => receptionRegister(register.db, input.from, input.to));
}

export function registerPetitionMethods(t: HandlerTable): void {
  t.method('petitions.create', async (input, ctx) => redactPetition(await createPetition(ctx, input)));
  t.method('petitions.update', async (input, ctx) => redactPetition(await updatePetition(ctx, input)));
  // A denunciation's petitioners, the visit it came from and its audit trail are redacted for
  // everyone; a permitted officer reveals them with petitions.revealDenouncer (db/protection.ts).
  t.method('petitions.get', async (input, { register }) => {
    const petition = await getPetition(register.db, input.id, vietnamDate(register.now()));
    const visit = petition.visitId === null ? null : await getVisit(register.db, petition.visitId);
    return {
      petition: redactPetition(petition),
      visit: visit && (await redactVisits(register.db, [visit]))[0]!,
      workflow: await getWorkflow(register.db, petition.id, vietnamDate(register.now())),
      history: await redactAudit(register.db, await listAudit(register.db, { entity: 'petition', entityId: String(petition.id), limit: 100 })),
      // A content's summary and its matter's title repeat the letter's words: the denouncer's identity comes out.
      contents: (await petitionContents(register.db, petition.id)).map((c) =>
        isProtectedPetition(petition) ? { ...c, summary: scrubIdentity(c.summary, petition.petitioners), matterTitle: scrubIdentity(c.matterTitle, petition.petitioners) } : c,
      ),
    };
  });
  t.method('petitions.list', async (input, ctx) => listPetitions(ctx.register.db, input, vietnamDate(ctx.register.now()), undefined, await canSeeProtected(ctx)));
  t.method('petitions.count', (input, { register }) => countPetitions(register.db, input, vietnamDate(register.now())));
}

export function registerWorkflowMethods(t: HandlerTable): void {
  t.method('workflow.classify', (input, ctx) => classifyPetition(ctx, input));
  t.method('workflow.decide', (input, ctx) => decidePetition(ctx, input));
  t.method('workflow.reply', (input, ctx) => recordReply(ctx, input));
  t.method('workflow.remind', (input, ctx) => addReminder(ctx, input));
  t.method('workflow.reverse', (input, ctx) => reverseStep(ctx, input));
  t.method('todo.summary', (_input, { register }) => todoSummary(register.db, vietnamDate(register.now())));
  // The navigation's badges, fetched on every screen change: the counts alone, on indexes.
  t.method('todo.counts', (_input, { register }) => todoCounts(register.db, vietnamDate(register.now())));
  t.method('petitions.similar', (input, { register }) =>
    similarPetitions(register.db, {
      excludeId: input.excludeId,
      receivedOn: input.receivedOn,
      citizenIds: input.petitioners.flatMap((p) => (p.citizenId ? [p.citizenId] : [])),
      idNumbers: input.petitioners.flatMap((p) => (p.idNumber ? [p.idNumber.replace(/\s+/g, '').toUpperCase()] : [])),
      names: input.petitioners.map((p) => p.fullName),
      subject: input.subject,
      summary: input.summary,
    }),
  );
}

/** Only an administrator edits reference data that changes every deadline (the CLI acts as the system). */
async function requireAdmin(ctx: CallContext, what: string): Promise<void> {
  if (ctx.actor.id === null) return;
  const user = await getUser(ctx.register.db, ctx.actor.id);
  if (user.role !== 'admin') throw new ApiError('FORBIDDEN', `Chỉ quản trị viên được ${what}; cán bộ đang làm việc là ${user.fullName}.`);
}

export function registerHolidayMethods(t: HandlerTable): void {
  t.method('holidays.list', (input, { register }) => listHolidays(register.db, input.year));
  t.method('holidays.upsert', async (input, ctx) => {
    await requireAdmin(ctx, 'sửa lịch ngày nghỉ');
    return ctx.register.db.transaction().execute(async (trx) => {
      const before = await upsertHoliday(trx, input, ctx.register.now().toISOString());
      await writeAudit(trx, ctx, { action: before ? 'update' : 'create', entity: 'holiday', entityId: input.date, before, after: input });
      return listHolidays(trx, Number(input.date.slice(0, 4)));
    });
  });
  t.method('holidays.remove', async (input, ctx) => {
    await requireAdmin(ctx, 'sửa lịch ngày nghỉ');
    return ctx.register.db.transaction().execute(async (trx) => {
      const before = await removeHoliday(trx, input.date, ctx.register.now().toISOString());
      if (!before) throw new ApiError('NOT_FOUND', `Ngày ${input.date} không có trong lịch ngày nghỉ`);
      await writeAudit(trx, ctx, { action: 'delete', entity: 'holiday', entityId: input.date, before });
      return listHolidays(trx, Number(input.date.slice(0, 4)));
    });
  });
}

export function registerAttachmentMethods(t: HandlerTable): void {
  t.method('attachments.add', (input, ctx) => addAttachment(ctx, input));
  t.method('attachments.list', async (input, ctx) => scrubAttachmentNames(ctx, input.petitionId, await listAttachments(ctx.register.db, input.petitionId)));
  t.method('attachments.get', (input, ctx) => openAttachmentChecked(ctx, input.id, (db) => getAttachment({ ...ctx.register, db }, input.id)));
  t.method('attachments.remove', (input, ctx) => removeAttachment(ctx, input));
}

/** Printing: each render or PDF is one audit row (action 'print'); nothing else is written. */
export function registerDocumentMethods(t: HandlerTable, meta: AppMeta): void {
  const officerOf = (ctx: CallContext) => (ctx.actor.id === null ? null : ctx.actor.name);
  t.method('documents.render', async (input, ctx) => {
    const doc = await loadDocument(ctx.register, input, { officer: officerOf(ctx), seeProtected: await canSeeProtected(ctx) });
    await recordPrint(ctx, doc, 'html');
    const { audit: _audit, ...rendered } = doc;
    return rendered;
  });
  t.method('documents.pdf', async (input, ctx) => {
    if (!meta.pdf) throw new ApiError('INTERNAL', 'Máy này không có Chromium để tạo PDF');
    const doc = await loadDocument(ctx.register, input, { officer: officerOf(ctx), extension: 'pdf', seeProtected: await canSeeProtected(ctx) });
    const bytes = await meta.pdf(doc.html);
    await recordPrint(ctx, doc, 'pdf');
    return { fileName: doc.fileName, base64: Buffer.from(bytes).toString('base64') };
  });
}

/** `meta.pdf` prints the PDF export; without it stats.export refuses pdf with a clear INTERNAL error. */
export function registerStatsMethods(t: HandlerTable, meta: Pick<AppMeta, 'pdf'> = {}): void {
  t.method('stats.get', (input, { register }) => computeStatistics(register.db, input.from, input.to, vietnamDate(register.now()), undefined, { communes: input.communes !== false }));
  t.method('stats.communes', (input, { register }) => communeBreakdown(register.db, input.from, input.to, vietnamDate(register.now())));
  t.method('stats.drill', (input, { register }) => drillPetitions(register.db, input, vietnamDate(register.now())));
  t.method('stats.monthly', (input, { register }) => monthlyByKind(register.db, input));
  t.method('stats.periods', async (input) => {
    try {
      return resolvePeriod(input);
    } catch (error) {
      throw new ApiError('VALIDATION', (error as Error).message);
    }
  });
  t.method('stats.export', async (input, ctx) => {
    const file = await exportStatistics(ctx, input, meta.pdf);
    return { fileName: file.fileName, base64: file.bytes.toString('base64') };
  });
}
