// The petitions behind one figure (stats.drill, the very conditions that counted it), a page at a
// time; a row opens the petition.
import { Alert, Drawer, Group, Pagination, Stack, Text } from '@mantine/core';
import { useEffect, useState } from 'react';
import { api, errorMessage } from '../../api.ts';
import type { PetitionPage } from '../../../../shared/domain/petition.ts';
import { describePeriod, type Period } from '../../../../shared/stats/periods.ts';
import { formatCount } from '../petitions/format.ts';
import type { DrillTarget } from './Figure.tsx';
import { DrillPetitionTable } from './DrillPetitionTable.tsx';
import './stats.css';

export const DRILL_PAGE_SIZE = 50;

export function DrillDrawer({ target, period, page, onPage, onClose, onOpen }: {
  target: DrillTarget | null;
  period: Period;
  /** The page shown (kept by the screen, so coming back from a petition finds it again). */
  page: number;
  onPage(page: number): void;
  onClose(): void;
  onOpen(petitionId: number): void;
}) {
  const [result, setResult] = useState<PetitionPage | null>(null);
  const [error, setError] = useState<string | null>(null);
  const key = target ? JSON.stringify({ drill: target.drill, part: target.part, ...period }) : null;
  const setPage = onPage;

  useEffect(() => {
    setResult(null);
    setError(null);
    if (!key) return;
    const { drill, part, from, to } = JSON.parse(key) as { drill: DrillTarget['drill']; part: string | null; from: string; to: string };
    let live = true;
    api.stats
      .drill({ from, to, drill, part, offset: (page - 1) * DRILL_PAGE_SIZE, limit: DRILL_PAGE_SIZE })
      .then((r) => live && setResult(r))
      .catch((e: unknown) => live && setError(errorMessage(e)));
    return () => {
      live = false;
    };
  }, [key, page]);

  const pages = result ? Math.max(1, Math.ceil(result.total / DRILL_PAGE_SIZE)) : 1;
  const first = (page - 1) * DRILL_PAGE_SIZE + 1;

  return (
    <Drawer
      opened={target !== null}
      onClose={onClose}
      position="right"
      size={940}
      title={<Text fw={700} size="lg">{target?.label}</Text>}
      aria-describedby="st-drill-summary"
    >
      <Stack gap="sm">
        <Group justify="space-between">
          <Text size="sm" c="dimmed" id="st-drill-summary">
            Kỳ báo cáo {describePeriod(period)} ·{' '}
            <Text span fw={700} c="dark" data-testid="drill-total">{result ? `${formatCount(result.total)} đơn` : 'Đang tải…'}</Text>
          </Text>
          {result && result.total > DRILL_PAGE_SIZE && (
            <Text size="sm" c="dimmed">Đơn {formatCount(first)}–{formatCount(Math.min(result.total, first + result.rows.length - 1))}</Text>
          )}
        </Group>
        {error && <Alert color="red" title="Không tải được danh sách đơn">{error}</Alert>}
        {result && result.total === 0 && <Text c="dimmed" ta="center" py="lg">Không có đơn nào.</Text>}
        {result && result.total > 0 && (
          <DrillPetitionTable rows={result.rows} label="Danh sách đơn của chỉ tiêu" onOpen={onOpen} />
        )}
        {pages > 1 && (
          <Group justify="center">
            <Pagination total={pages} value={page} onChange={setPage} size="sm" getControlProps={(control) => ({ 'aria-label': control === 'previous' ? 'Trang trước' : control === 'next' ? 'Trang sau' : control === 'first' ? 'Trang đầu' : 'Trang cuối' })} getItemProps={(p) => ({ 'aria-label': `Trang ${p}` })} />
          </Group>
        )}
      </Stack>
    </Drawer>
  );
}
