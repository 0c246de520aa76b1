// Tiếp công dân: today's session (opened with one keystroke), earlier sessions, and the visits
// received in the chosen session; each visit can hand a petition on to the intake screen.
import { Alert, Anchor, Badge, Button, Group, Modal, Paper, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useCallback, useEffect, useRef, useState } from 'react';
import { api, errorMessage } from '../api.ts';
import { useUi } from '../state/ui.ts';
import { vietnamDate } from '../../../shared/domain/dates.ts';
import {
  MATTER_LABELS,
  OUTCOME_LABELS,
  SESSION_KIND_LABELS,
  type ReceptionSession,
  type SessionKind,
  type Visit,
} from '../../../shared/domain/reception.ts';
import { SESSION_KIND_OPTIONS, SessionForm } from '../components/intake/SessionForm.tsx';
import { VisitForm } from '../components/intake/VisitForm.tsx';
import { formatDate } from '../components/intake/util.ts';
import { isProtectedVisit, type RevealedVisit } from '../../../shared/domain/protection.ts';

/** The session last looked at, kept while the app runs (e.g. across a petition intake). */
let rememberedSessionId: number | null = null;

function sessionLabel(s: ReceptionSession, today: string): string {
  return `${formatDate(s.date)}${s.date === today ? ' (hôm nay)' : ''} · ${SESSION_KIND_LABELS[s.kind]} · ${s.visitCount} lượt tiếp`;
}

function SessionSummary({ session, today, onEdit }: { session: ReceptionSession; today: string; onEdit(): void }) {
  const host = [session.host, session.hostName].filter(Boolean).join(' ');
  return (
    <Group justify="space-between" wrap="nowrap" align="flex-start" aria-label="Kỳ tiếp đang xem" role="region">
      <Stack gap={2}>
        <Group gap="xs">
          <Badge variant="light">{SESSION_KIND_LABELS[session.kind]}</Badge>
          <Text fw={600}>
            Kỳ tiếp ngày {formatDate(session.date)}
            {session.date === today ? ' (hôm nay)' : ''}
          </Text>
          <Text size="sm" c="dimmed">
            {session.visitCount} lượt tiếp, {session.personCount} người
          </Text>
        </Group>
        <Text size="sm" c="dimmed">
          {[host && `Chủ trì: ${host}`, session.location && `Địa điểm: ${session.location}`, session.officers.length > 0 && `Cán bộ tiếp: ${session.officers.join(', ')}`]
            .filter(Boolean)
            .join(' · ') || 'Chưa ghi người chủ trì, địa điểm, cán bộ tiếp'}
        </Text>
      </Stack>
      <Button size="xs" variant="subtle" onClick={onEdit}>
        Sửa thông tin kỳ tiếp
      </Button>
    </Group>
  );
}

/**
 * A denunciation's visit shows its visitor as protected; an officer permitted to see denouncers may
 * reveal them in the row ("Hiện danh tính"), and the register writes that view to the audit log.
 */
function useVisitReveal(visit: Visit, no: number) {
  const officer = useUi((s) => s.officer);
  const [revealed, setRevealed] = useState<RevealedVisit | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const shown = revealed ? { ...visit, citizen: revealed.citizen, delegation: visit.delegation ? { ...visit.delegation, representatives: revealed.representatives } : null } : visit;
  const control =
    isProtectedVisit(visit) && officer?.canSeeProtected === true ? (
      <Group gap={4} mt={2}>
        {revealed ? (
          <Button size="compact-xs" variant="default" onClick={() => setRevealed(null)} aria-label={`Ẩn danh tính lượt tiếp ${no}`}>
            Ẩn danh tính
          </Button>
        ) : (
          <Button
            size="compact-xs"
            color="orange"
            variant="light"
            loading={busy}
            aria-label={`Hiện danh tính người tố cáo của lượt tiếp ${no}`}
            onClick={async () => {
              setBusy(true);
              setError(null);
              try {
                setRevealed(await api.visits.revealDenouncer({ id: visit.id }));
              } catch (e) {
                setError(errorMessage(e));
              } finally {
                setBusy(false);
              }
            }}
          >
            Hiện danh tính
          </Button>
        )}
        {revealed && <Text size="xs" c="orange.8">Lần xem đã được ghi vào nhật ký</Text>}
        {error && <Text size="xs" c="red">{error}</Text>}
      </Group>
    ) : null;
  return { visit: shown, control };
}

function VisitRow({ no, visit: stored, onEdit }: { no: number; visit: Visit; onEdit(): void }) {
  const go = useUi((s) => s.go);
  const { visit, control } = useVisitReveal(stored, no);
  const reps = visit.delegation?.representatives ?? [];
  return (
    <Table.Tr>
      <Table.Td>{no}</Table.Td>
      <Table.Td>
        {visit.delegation ? (
          <>
            <Text size="sm" fw={600}>
              Đoàn {visit.delegation.members} người
            </Text>
            <Text size="xs" c="dimmed">
              Đại diện: {reps.map((r) => r.fullName).join(', ')}
            </Text>
          </>
        ) : (
          <>
            <Text size="sm" fw={600}>
              {visit.citizen.fullName}
            </Text>
            <Text size="xs" c="dimmed" lineClamp={1}>
              {[visit.citizen.birthYear && `sinh ${visit.citizen.birthYear}`, visit.citizen.idNumber && `CCCD ${visit.citizen.idNumber}`, visit.citizen.address]
                .filter(Boolean)
                .join(' · ')}
            </Text>
          </>
        )}
        {control}
      </Table.Td>
      <Table.Td>
        <Text size="sm" lineClamp={2}>
          {visit.content}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{MATTER_LABELS[visit.matter]}</Text>
        {visit.repeat && (
          <Badge size="xs" variant="light" color="orange">
            Tiếp nhiều lần
          </Badge>
        )}
        {visit.matterId !== null && (
          <Anchor component="button" type="button" size="xs" display="block" onClick={() => go('matter', { matterId: visit.matterId! })} aria-label={`Vụ việc của lượt tiếp ${no}`}>
            Vụ việc số {visit.matterId}
          </Anchor>
        )}
      </Table.Td>
      <Table.Td ta="right">{visit.persons}</Table.Td>
      <Table.Td>
        <Text size="sm">{OUTCOME_LABELS[visit.outcome]}</Text>
      </Table.Td>
      <Table.Td>
        <Stack gap={2} align="flex-start">
          {visit.petitions.map((p) => (
            <Anchor key={p.id} component="button" type="button" size="sm" ff="monospace" onClick={() => go('petition', { petitionId: p.id })}>
              {p.registerNo}
            </Anchor>
          ))}
          <Group gap={4} wrap="nowrap">
            <Button
              size="compact-xs"
              variant={visit.outcome === 'petition_received' && visit.petitions.length === 0 ? 'filled' : 'light'}
              onClick={() => go('petitionNew', { visitId: visit.id })}
              aria-label={`Nhận đơn của lượt tiếp ${no}`}
            >
              Nhận đơn
            </Button>
            <Button size="compact-xs" variant="subtle" color="gray" onClick={onEdit} aria-label={`Sửa lượt tiếp ${no}`}>
              Sửa
            </Button>
          </Group>
        </Stack>
      </Table.Td>
    </Table.Tr>
  );
}

export function ReceptionPage() {
  const go = useUi((s) => s.go);
  const today = vietnamDate(new Date());
  const [sessions, setSessions] = useState<ReceptionSession[]>([]);
  const [selectedId, setSelectedId] = useState<number | null>(rememberedSessionId);
  const [current, setCurrent] = useState<{ session: ReceptionSession; visits: Visit[] } | null>(null);
  const [openKind, setOpenKind] = useState<SessionKind>('regular');
  const [editingSession, setEditingSession] = useState(false);
  const [editingVisit, setEditingVisit] = useState<Visit | 'new' | null>(null);
  const [saved, setSaved] = useState<{ visit: Visit; no: number; isNew: boolean } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [loaded, setLoaded] = useState(false);
  const addRef = useRef<HTMLButtonElement>(null);
  const intakeRef = useRef<HTMLButtonElement>(null);
  /** Where the focus goes once the visit dialog has closed. */
  const focusAfterDialog = useRef<'add' | 'intake'>('add');

  const loadSessions = useCallback(async () => {
    const list = await api.sessions.list();
    setSessions(list);
    return list;
  }, []);

  // First load: the remembered session, else today's (regular first), else none.
  useEffect(() => {
    void (async () => {
      try {
        const list = await loadSessions();
        setSelectedId((id) => {
          if (id !== null && list.some((s) => s.id === id)) return id;
          const todays = list.filter((s) => s.date === today).sort((a, b) => Number(b.kind === 'regular') - Number(a.kind === 'regular') || a.id - b.id);
          return todays[0]?.id ?? null;
        });
      } catch (e) {
        setError(errorMessage(e));
      } finally {
        setLoaded(true);
      }
    })();
  }, [loadSessions, today]);

  const loadCurrent = useCallback(async (id: number | null) => {
    if (id === null) return setCurrent(null);
    try {
      setCurrent(await api.sessions.get({ id }));
    } catch (e) {
      setError(errorMessage(e));
    }
  }, []);

  useEffect(() => {
    rememberedSessionId = selectedId;
    void loadCurrent(selectedId);
  }, [selectedId, loadCurrent]);

  const openToday = async (kind: SessionKind = openKind) => {
    try {
      const known = new Set(sessions.map((s) => s.id));
      const session = await api.sessions.openToday({ kind });
      await loadSessions();
      setSelectedId(session.id);
      await loadCurrent(session.id);
      setError(null);
      // Periodic, ad-hoc and online sessions name their host and place: ask at once.
      if (!known.has(session.id) && kind !== 'regular') setEditingSession(true);
      else window.setTimeout(() => addRef.current?.focus(), 0);
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  const addVisit = () => {
    if (!current) {
      setError('Chưa có kỳ tiếp: nhấn Alt+O để mở kỳ tiếp hôm nay, hoặc chọn một kỳ tiếp đã có.');
      return;
    }
    setSaved(null);
    setEditingVisit('new');
  };

  useHotkeys([
    ['alt+O', () => editingVisit === null && !editingSession && void openToday()],
    ['alt+N', () => editingVisit === null && !editingSession && addVisit()],
  ], []);

  const onVisitSaved = async (visit: Visit) => {
    const isNew = editingVisit === 'new';
    const fresh = await api.sessions.get({ id: visit.sessionId }).catch(() => null);
    if (fresh) setCurrent(fresh);
    void loadSessions();
    const no = (fresh?.visits.findIndex((v) => v.id === visit.id) ?? -1) + 1;
    focusAfterDialog.current = visit.outcome === 'petition_received' ? 'intake' : 'add';
    setSaved({ visit, no, isNew });
    setEditingVisit(null);
  };

  const todays = sessions.filter((s) => s.date === today);
  const session = current?.session ?? null;
  const visitName = (v: Visit) => (v.delegation ? `đoàn ${v.delegation.members} người` : v.citizen.fullName);

  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>Tiếp công dân</Title>
        <Button variant="default" onClick={() => go('receptionRegister')}>
          Sổ tiếp công dân (mẫu 03/TCD)
        </Button>
      </Group>

      <Paper withBorder p="sm">
        <Stack gap="sm">
          <Group justify="space-between" align="flex-end">
            <Select
              label="Kỳ tiếp"
              placeholder={sessions.length ? 'Chọn kỳ tiếp để xem' : 'Chưa có kỳ tiếp nào'}
              w={380}
              data={sessions.map((s) => ({ value: String(s.id), label: sessionLabel(s, today) }))}
              value={selectedId === null ? null : String(selectedId)}
              onChange={(v) => {
                setSaved(null);
                setSelectedId(v === null ? null : Number(v));
              }}
              allowDeselect={false}
              nothingFoundMessage="Không có kỳ tiếp nào"
            />
            <Group align="flex-end" gap="xs">
              <Select
                label="Loại kỳ tiếp mở mới"
                w={170}
                data={SESSION_KIND_OPTIONS}
                value={openKind}
                onChange={(v) => v && setOpenKind(v as SessionKind)}
                allowDeselect={false}
              />
              <Button variant={todays.length ? 'default' : 'filled'} onClick={() => void openToday()}>
                Mở kỳ tiếp hôm nay <kbd className="key" style={{ marginLeft: 8 }}>Alt+O</kbd>
              </Button>
            </Group>
          </Group>
          {session && <SessionSummary session={session} today={today} onEdit={() => setEditingSession(true)} />}
          {loaded && todays.length === 0 && (
            <Alert color="yellow" title="Hôm nay chưa mở kỳ tiếp">
              Nhấn <kbd className="key">Alt+O</kbd> (hoặc nút “Mở kỳ tiếp hôm nay”) để mở kỳ tiếp {SESSION_KIND_LABELS[openKind].toLowerCase()} ngày {formatDate(today)}.
            </Alert>
          )}
        </Stack>
      </Paper>

      {error && (
        <Alert color="red" withCloseButton onClose={() => setError(null)}>
          {error}
        </Alert>
      )}
      {saved && (
        <Alert color="green" withCloseButton onClose={() => setSaved(null)} role="status">
          <Group justify="space-between" wrap="nowrap">
            <Text size="sm">
              {saved.isNew ? 'Đã thêm' : 'Đã lưu'} lượt tiếp{saved.no > 0 ? ` số ${saved.no}` : ''}: {visitName(saved.visit)}.
            </Text>
            {saved.visit.outcome === 'petition_received' && (
              <Button ref={intakeRef} size="xs" onClick={() => go('petitionNew', { visitId: saved.visit.id })}>
                Nhập đơn của lượt tiếp này <kbd className="key" style={{ marginLeft: 8 }}>Enter</kbd>
              </Button>
            )}
          </Group>
        </Alert>
      )}

      <Group justify="space-between">
        <Title order={4}>Các lượt tiếp{session ? ` ngày ${formatDate(session.date)}` : ''}</Title>
        <Button ref={addRef} onClick={addVisit} disabled={!session}>
          Thêm lượt tiếp <kbd className="key" style={{ marginLeft: 8 }}>Alt+N</kbd>
        </Button>
      </Group>
      <Table striped withTableBorder verticalSpacing={6} aria-label="Các lượt tiếp của kỳ tiếp" layout="fixed">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={48}>STT</Table.Th>
            <Table.Th w={230}>Họ tên / đoàn</Table.Th>
            <Table.Th>Nội dung</Table.Th>
            <Table.Th w={150}>Loại</Table.Th>
            <Table.Th w={92} ta="right" style={{ whiteSpace: 'nowrap' }}>Số người</Table.Th>
            <Table.Th w={170}>Kết quả</Table.Th>
            <Table.Th w={150}>Đơn</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {(current?.visits.length ?? 0) === 0 && (
            <Table.Tr>
              <Table.Td colSpan={7}>
                <Text c="dimmed" ta="center" py="md">
                  {session ? 'Chưa có lượt tiếp nào trong kỳ tiếp này. Nhấn Alt+N để thêm.' : 'Chưa chọn kỳ tiếp.'}
                </Text>
              </Table.Td>
            </Table.Tr>
          )}
          {current?.visits.map((v, i) => <VisitRow key={v.id} no={i + 1} visit={v} onEdit={() => setEditingVisit(v)} />)}
        </Table.Tbody>
      </Table>

      <Modal
        opened={editingVisit !== null && session !== null}
        onClose={() =>
          useUi.getState().leave(() => {
            focusAfterDialog.current = 'add';
            setEditingVisit(null);
          })
        }
        title={<Text fw={600}>{editingVisit === 'new' ? 'Thêm lượt tiếp' : 'Sửa lượt tiếp'}</Text>}
        size={1240}
        returnFocus={false}
        closeOnClickOutside={false}
        onExitTransitionEnd={() => (focusAfterDialog.current === 'intake' ? (intakeRef.current ?? addRef.current) : addRef.current)?.focus()}
      >
        {editingVisit !== null && session && (
          <VisitForm
            session={session}
            visit={editingVisit === 'new' ? undefined : editingVisit}
            onCancel={() =>
              useUi.getState().leave(() => {
                focusAfterDialog.current = 'add';
                setEditingVisit(null);
              })
            }
            onSaved={(v) => void onVisitSaved(v)}
          />
        )}
      </Modal>
      <Modal opened={editingSession && session !== null} onClose={() => setEditingSession(false)} title={<Text fw={600}>Thông tin kỳ tiếp</Text>} size="lg">
        {editingSession && session && (
          <SessionForm
            session={session}
            onCancel={() => setEditingSession(false)}
            onSaved={(s) => {
              setEditingSession(false);
              void loadSessions();
              void loadCurrent(s.id);
              setSelectedId(s.id);
            }}
          />
        )}
      </Modal>
    </Stack>
  );
}
