// The official report forms: the figures of a form for a period, the records behind a cell, and
// the form as a file.
import { vietnamDate } from '../../shared/domain/dates.ts';
import { petitionListSchema } from '../../shared/domain/petition.ts';
import { ApiError } from '../../shared/errors.ts';
import { drillIdsSql } from '../ops/reports.ts';
import { listPetitions } from '../ops/petitions.ts';
import { getSession, getVisits } from '../ops/reception.ts';
import { definitionOf, prepareReport, recordReportExport, renderReport, type PdfEngine } from '../reports-export/index.ts';
import { getSettings } from '../ops/settings.ts';
import type { HandlerTable } from './table.ts';

export function registerReportMethods(t: HandlerTable, meta: { pdf?: PdfEngine } = {}): void {
  t.method('reports.get', async (input, { register }) => (await prepareReport(register.db, input.form, input.from, input.to)).report);

  t.method('reports.drill', async (input, { register }) => {
    const definition = definitionOf(input.form);
    const settings = await getSettings(register.db);
    const drill = drillIdsSql(definition, input.ms, input.from, input.to, { fieldGroups: settings.fieldGroups });
    if (!drill) throw new ApiError('VALIDATION', `Cột ${input.ms} của mẫu ${input.form} không có số liệu để xem`);
    const today = vietnamDate(register.now());
    if (drill.records === 'petitions') {
      const page = petitionListSchema.parse({ offset: input.offset, limit: input.limit, sort: 'registerNo', direction: 'asc' });
      return { records: 'petitions' as const, page: await listPetitions(register.db, page, today, (q) => q.where('id', 'in', drill.ids)) };
    }
    const ids = (await register.db.selectFrom(drill.records === 'visits' ? 'visits' : 'reception_sessions').select('id').where('id', 'in', drill.ids).orderBy('id').execute()).map((r) => r.id);
    const slice = ids.slice(input.offset, input.offset + input.limit);
    if (drill.records === 'visits') return { records: 'visits' as const, total: ids.length, visits: await getVisits(register.db, { ids: slice }) };
    return { records: 'sessions' as const, total: ids.length, sessions: await Promise.all(slice.map((id) => getSession(register.db, id))) };
  });

  t.method('reports.export', async (input, ctx) => {
    const { definition, report, settings } = await prepareReport(ctx.register.db, input.form, input.from, input.to);
    const file = await renderReport(definition, report, settings, vietnamDate(ctx.register.now()), input.format, meta.pdf);
    await recordReportExport(ctx, input.form, report.period, input.format, file.fileName);
    return { fileName: file.fileName, base64: file.bytes.toString('base64') };
  });
}
