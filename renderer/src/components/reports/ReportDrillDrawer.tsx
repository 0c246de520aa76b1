// The records behind one cell of an official form (reports.drill, the very condition that counted
// it): petitions, visits or reception sessions, a page at a time; a petition opens on click.
import { Alert, Drawer, Group, Pagination, Stack, Table, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { api, errorMessage } from '../../api.ts';
import { SESSION_KIND_LABELS } from '../../../../shared/domain/reception.ts';
import type { ReportDrill } from '../../../../shared/reports/report.ts';
import { describePeriod, type Period } from '../../../../shared/stats/periods.ts';
import { formatCount, formatIsoDate } from '../petitions/format.ts';
import { DrillPetitionTable } from '../stats/DrillPetitionTable.tsx';

export const REPORT_DRILL_PAGE = 50;

export interface ReportDrillTarget {
  form: string;
  ms: number;
  label: string;
}

function totalOf(drill: ReportDrill): number {
  return drill.records === 'petitions' ? drill.page.total : drill.total;
}

const UNIT_WORD: Record<ReportDrill['records'], string> = { petitions: 'đơn', visits: 'lượt tiếp', sessions: 'kỳ tiếp' };

export function ReportDrillDrawer({ target, period, page, onPage, onClose, onOpenPetition }: {
  target: ReportDrillTarget | null;
  period: Period;
  /** The page shown (kept by the screen, so coming back from a petition finds it again). */
  page: number;
  onPage(page: number): void;
  onClose(): void;
  onOpenPetition(id: number): void;
}) {
  const [result, setResult] = useState<ReportDrill | null>(null);
  const [error, setError] = useState<string | null>(null);
  const key = target ? JSON.stringify({ form: target.form, ms: target.ms, ...period }) : null;

  useEffect(() => {
    setResult(null);
    setError(null);
    if (!key) return;
    const { form, ms, from, to } = JSON.parse(key) as { form: string; ms: number; from: string; to: string };
    let live = true;
    api.reports
      .drill({ form: form as never, ms, from, to, offset: (page - 1) * REPORT_DRILL_PAGE, limit: REPORT_DRILL_PAGE })
      .then((r) => live && setResult(r))
      .catch((e: unknown) => live && setError(errorMessage(e)));
    return () => {
      live = false;
    };
  }, [key, page]);

  const total = result ? totalOf(result) : 0;
  const pages = Math.max(1, Math.ceil(total / REPORT_DRILL_PAGE));

  return (
    <Drawer opened={target !== null} onClose={onClose} position="right" size={940} title={<Text fw={700} size="lg">{target?.label}</Text>}>
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          Biểu số {target?.form} · kỳ báo cáo {describePeriod(period)} ·{' '}
          <Text span fw={700} c="dark" data-testid="report-drill-total">{result ? `${formatCount(total)} ${UNIT_WORD[result.records]}` : 'Đang tải…'}</Text>
        </Text>
        {error && <Alert color="red" title="Không tải được danh sách">{error}</Alert>}
        {result && total === 0 && <Text c="dimmed" ta="center" py="lg">Không có hồ sơ nào.</Text>}
        {result?.records === 'petitions' && total > 0 && (
          <DrillPetitionTable rows={result.page.rows} label="Các đơn của ô số liệu" onOpen={onOpenPetition} />
        )}
        {result?.records === 'visits' && total > 0 && (
          <Table striped fz="sm" aria-label="Các lượt tiếp của ô số liệu" style={{ tableLayout: 'fixed' }}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={96}>Ngày tiếp</Table.Th>
                <Table.Th w={150}>Hình thức</Table.Th>
                <Table.Th w={190}>Công dân</Table.Th>
                <Table.Th w={70}>Số người</Table.Th>
                <Table.Th>Nội dung</Table.Th>
                <Table.Th w={90}>Lần</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {result.visits.map((v) => (
                <Table.Tr key={v.id}>
                  <Table.Td>{formatIsoDate(v.sessionDate)}</Table.Td>
                  <Table.Td>{SESSION_KIND_LABELS[v.sessionKind]}</Table.Td>
                  <Table.Td><Text size="sm" truncate>{v.citizen.fullName}</Text></Table.Td>
                  <Table.Td ta="center">{v.persons}</Table.Td>
                  <Table.Td><Text size="sm" truncate title={v.content}>{v.content}</Text></Table.Td>
                  <Table.Td>{v.repeat ? 'Nhiều lần' : 'Lần đầu'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {result?.records === 'sessions' && total > 0 && (
          <Table striped fz="sm" aria-label="Các kỳ tiếp của ô số liệu">
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={110}>Ngày tiếp</Table.Th>
                <Table.Th w={180}>Hình thức</Table.Th>
                <Table.Th>Người chủ trì</Table.Th>
                <Table.Th>Địa điểm</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {result.sessions.map((s) => (
                <Table.Tr key={s.id}>
                  <Table.Td>{formatIsoDate(s.date)}</Table.Td>
                  <Table.Td>{SESSION_KIND_LABELS[s.kind]}</Table.Td>
                  <Table.Td>{[s.hostName, s.host].filter(Boolean).join(', ')}</Table.Td>
                  <Table.Td>{s.location ?? ''}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
        {pages > 1 && (
          <Group justify="center">
            <Pagination total={pages} value={page} onChange={onPage} size="sm" getItemProps={(p) => ({ 'aria-label': `Trang ${p}` })} />
          </Group>
        )}
      </Stack>
    </Drawer>
  );
}
