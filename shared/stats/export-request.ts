// stats.export: the request and the answer. Light on purpose (zod only): the API contract, and so
// the preload and the renderer, import this file.
import { z } from '../validation.ts';
import { isIsoDate } from '../domain/dates.ts';

export const STATS_EXPORT_FORMATS = ['xlsx', 'csv', 'pdf'] as const;
export type StatsExportFormat = (typeof STATS_EXPORT_FORMATS)[number];
export const STATS_EXPORT_FORMAT_LABELS: Record<StatsExportFormat, string> = {
  xlsx: 'Bảng tính Excel (.xlsx)',
  csv: 'Tệp CSV (.csv)',
  pdf: 'Bản in PDF (.pdf)',
};

export const statsExportSchema = z
  .strictObject({
    from: z.string({ error: 'Thiếu từ ngày' }).refine(isIsoDate, { error: 'Từ ngày không phải ngày hợp lệ (dd/mm/yyyy)' }),
    to: z.string({ error: 'Thiếu đến ngày' }).refine(isIsoDate, { error: 'Đến ngày không phải ngày hợp lệ (dd/mm/yyyy)' }),
    format: z.enum(STATS_EXPORT_FORMATS, { error: 'Định dạng xuất phải là xlsx, csv hoặc pdf' }),
  })
  .refine((r) => r.from <= r.to, { error: 'Từ ngày phải trước hoặc bằng đến ngày', path: ['to'] });
export type StatsExportRequest = z.input<typeof statsExportSchema>;

/** The file, base64 (it crosses IPC and the preview's JSON bridge). */
export interface StatsExportFile {
  fileName: string;
  base64: string;
}
