// "Xuất Excel / CSV / PDF": the core builds the file from the same figures (stats.export) and the
// browser's own download saves it under the name the core gives.
import { Button, Group } from '@mantine/core';
import { useState } from 'react';
import { downloadBase64 } from '../../download.ts';
import { api, errorMessage } from '../../api.ts';
import type { StatsExportFormat } from '../../../../shared/stats/export-request.ts';
import type { Period } from '../../../../shared/stats/periods.ts';

const MIME: Record<StatsExportFormat, string> = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv;charset=utf-8',
  pdf: 'application/pdf',
};

const BUTTONS: { format: StatsExportFormat; label: string }[] = [
  { format: 'xlsx', label: 'Xuất Excel' },
  { format: 'csv', label: 'Xuất CSV' },
  { format: 'pdf', label: 'Xuất PDF' },
];



export function ExportButtons({ period, onError }: { period: Period | null; onError(message: string | null): void }) {
  const [busy, setBusy] = useState<StatsExportFormat | null>(null);
  const run = async (format: StatsExportFormat) => {
    if (!period) return;
    setBusy(format);
    onError(null);
    try {
      const file = await api.stats.export({ from: period.from, to: period.to, format });
      downloadBase64(file.base64, MIME[format], file.fileName);
    } catch (e) {
      onError(`Không xuất được tệp: ${errorMessage(e)}`);
    } finally {
      setBusy(null);
    }
  };
  return (
    <Group gap="xs" wrap="nowrap">
      {BUTTONS.map((b) => (
        <Button key={b.format} variant="default" disabled={!period || (busy !== null && busy !== b.format)} loading={busy === b.format} onClick={() => void run(b.format)}>
          {b.label}
        </Button>
      ))}
    </Group>
  );
}
