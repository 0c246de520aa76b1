import { AppShell, Badge, Group, NavLink, Stack, Text, Title } from '@mantine/core';
import { LeaveGuardDialog } from './components/useUnsavedGuard.tsx';
import { useHotkeys } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { SignOutButton } from './components/SignInGate.tsx';
import { mayCall } from '../../shared/domain/permissions.ts';
import type { MethodName } from '../../shared/api/contract.ts';
import { api } from './api.ts';
import { useUi, type Page } from './state/ui.ts';
import { OverviewPage } from './pages/OverviewPage.tsx';
import { AgenciesPage } from './pages/AgenciesPage.tsx';
import { SettingsPage } from './pages/SettingsPage.tsx';
import { ReceptionPage } from './pages/ReceptionPage.tsx';
import { ReceptionRegisterPage } from './pages/ReceptionRegisterPage.tsx';
import { PetitionsPage } from './pages/PetitionsPage.tsx';
import { PetitionIntakePage } from './pages/PetitionIntakePage.tsx';
import { PetitionDetailPage } from './pages/PetitionDetailPage.tsx';
import { TodoPage } from './pages/TodoPage.tsx';
import { StatisticsPage } from './pages/StatisticsPage.tsx';
import { ReportsPage } from './pages/ReportsPage.tsx';
import { MattersPage } from './pages/MattersPage.tsx';
import { MatterPage } from './pages/MatterPage.tsx';
import type { TodoSummary } from '../../shared/domain/workflow.ts';
import { USER_ROLE_LABELS } from '../../shared/domain/user.ts';

interface NavItem {
  page: Page;
  /** Screens reached from this item (it stays highlighted on them). */
  children?: Page[];
  label: string;
  key: string;
  /** Screens of later releases are listed but cannot be opened yet. */
  ready: boolean;
  /** The method the screen needs (shared/domain/permissions.ts): hidden from a role without it. */
  needs?: MethodName;
}

const NAV: NavItem[] = [
  { page: 'overview', label: 'Tổng quan', key: '1', ready: true },
  { page: 'todo', label: 'Việc cần làm', key: '0', ready: true },
  { page: 'reception', label: 'Tiếp công dân', key: '2', ready: true, children: ['receptionRegister'], needs: 'sessions.openToday' },
  { page: 'petitions', label: 'Đơn thư', key: '3', ready: true, children: ['petitionNew', 'petition'] },
  { page: 'matters', label: 'Vụ việc', key: '7', ready: true, children: ['matter'] },
  { page: 'agencies', label: 'Cơ quan', key: '4', ready: true },
  { page: 'statistics', label: 'Thống kê', key: '5', ready: true },
  { page: 'reports', label: 'Báo cáo biểu mẫu', key: '8', ready: true },
  { page: 'settings', label: 'Cài đặt', key: '6', ready: true, needs: 'settings.update' },
];

/** The signed-in officer and their role, beside the sign-out button. */
function OfficerBadge() {
  const officer = useUi((s) => s.officer);
  if (!officer) return null;
  return (
    <Text size="sm" fw={500} data-testid="signed-in-officer">
      {officer.fullName} <Text span size="xs" c="dimmed">({USER_ROLE_LABELS[officer.role]})</Text>
    </Text>
  );
}

/** To-do counts on the navigation: refreshed on every screen change, after edits, and each minute. */
function useTodoCounts(): TodoSummary['counts'] | null {
  const page = useUi((s) => s.page);
  const revision = useUi((s) => s.revision);
  const [counts, setCounts] = useState<TodoSummary['counts'] | null>(null);
  useEffect(() => {
    const load = () => api.todo.counts().then((s) => setCounts(s.counts), () => undefined);
    void load();
    const timer = setInterval(load, 60_000);
    return () => clearInterval(timer);
  }, [page, revision]);
  return counts;
}

function TodoBadges({ counts }: { counts: TodoSummary['counts'] | null }) {
  if (!counts) return null;
  const late = counts.overdue + counts.replyOverdue;
  const soon = counts.dueToday + counts.dueThisWeek;
  return (
    <Group gap={4} wrap="nowrap" aria-label={`${late} quá hạn, ${soon} sắp đến hạn`}>
      {late > 0 && <Badge size="sm" color="red" variant="filled" title="Quá hạn">{late}</Badge>}
      {soon > 0 && <Badge size="sm" color="orange" variant="light" title="Đến hạn hôm nay và trong tuần">{soon}</Badge>}
      <kbd className="key">Alt+0</kbd>
    </Group>
  );
}

export function App() {
  const page = useUi((s) => s.page);
  const params = useUi((s) => s.params);
  const go = useUi((s) => s.go);
  const boardName = useUi((s) => s.boardName);
  const setBoardName = useUi((s) => s.setBoardName);

  useEffect(() => {
    void api.settings.get().then((s) => setBoardName(s.boardName), () => undefined);
  }, [setBoardName]);

  // The navigation shows only what the signed-in officer's role may open.
  const officer = useUi((s) => s.officer);
  const nav = NAV.filter((n) => n.needs === undefined || mayCall(officer, n.needs));
  // Shortcuts work from inside inputs too: the whole intake is done from the keyboard.
  useHotkeys(nav.filter((n) => n.ready).map((n) => [`alt+${n.key}`, () => go(n.page)]), [officer?.role ?? '']);
  const todoCounts = useTodoCounts();

  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 220, breakpoint: 0 }} padding="md">
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Title order={4} c="red.8">Sổ tiếp công dân</Title>
            <Text size="sm" c="dimmed" truncate>{boardName}</Text>
          </Group>
          <Group gap="xs" wrap="nowrap">
            <Text size="sm" c="dimmed">Cán bộ:</Text>
            <OfficerBadge />
            <SignOutButton />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" aria-label="Điều hướng">
        <Stack gap={2}>
          {nav.map((item) => (
            <NavLink
              key={item.page}
              component="button"
              label={item.label}
              description={item.ready ? undefined : 'Có trong bản sau'}
              disabled={!item.ready}
              active={page === item.page || (item.children?.includes(page) ?? false)}
              onClick={() => go(item.page)}
              rightSection={
                item.page === 'todo' ? (
                  <TodoBadges counts={todoCounts} />
                ) : item.ready ? (
                  <kbd className="key">Alt+{item.key}</kbd>
                ) : (
                  <Badge size="xs" variant="light" color="gray">sắp có</Badge>
                )
              }
            />
          ))}
        </Stack>
      </AppShell.Navbar>
      <AppShell.Main>
        <LeaveGuardDialog />
        {page === 'overview' && <OverviewPage />}
        {page === 'todo' && <TodoPage />}
        {page === 'reception' && <ReceptionPage />}
        {page === 'receptionRegister' && <ReceptionRegisterPage />}
        {page === 'petitions' && <PetitionsPage />}
        {page === 'petitionNew' && <PetitionIntakePage key={`new-${params.visitId ?? ''}`} visitId={params.visitId ?? null} />}
        {page === 'petition' && params.petitionId !== undefined && <PetitionDetailPage key={params.petitionId} petitionId={params.petitionId} />}
        {page === 'matters' && <MattersPage />}
        {page === 'matter' && params.matterId !== undefined && <MatterPage key={params.matterId} matterId={params.matterId} />}
        {page === 'agencies' && <AgenciesPage />}
        {page === 'statistics' && <StatisticsPage />}
        {page === 'reports' && <ReportsPage />}
        {page === 'settings' && <SettingsPage />}
      </AppShell.Main>
    </AppShell>
  );
}
