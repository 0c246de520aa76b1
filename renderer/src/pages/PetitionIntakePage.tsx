// Nhập đơn: a new petition, pre-filled when it was handed in at a visit. Saving shows the
// register number it got and offers the next petition (same date and channel) or the record.
import { Alert, Button, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';
import { useEffect, useRef, useState } from 'react';
import { api, errorMessage } from '../api.ts';
import { useUi } from '../state/ui.ts';
import { CHANNEL_LABELS, PETITION_KIND_LABELS, type Petition } from '../../../shared/domain/petition.ts';
import type { Visit } from '../../../shared/domain/reception.ts';
import { PetitionForm, type PetitionFormDefaults } from '../components/intake/PetitionForm.tsx';
import { formatDate } from '../components/intake/util.ts';

function Registered({ petition, onNext, onView }: { petition: Petition; onNext(): void; onView(): void }) {
  const nextRef = useRef<HTMLButtonElement>(null);
  useEffect(() => nextRef.current?.focus(), []);
  const names = petition.petitioners.map((p) => p.fullName).join(', ') || 'không rõ họ tên';
  return (
    <Paper withBorder p="lg" role="status" aria-label="Đơn đã vào sổ">
      <Stack gap="xs">
        <Title order={2} c="green.8">
          Đã vào sổ: <span style={{ fontFamily: 'monospace' }}>{petition.registerNo}</span>
        </Title>
        <Text>
          {PETITION_KIND_LABELS[petition.kind]} nhận ngày {formatDate(petition.receivedOn)} ({CHANNEL_LABELS[petition.channel].toLowerCase()}), người đứng đơn: {names}.
        </Text>
        <Group mt="sm">
          <Button ref={nextRef} onClick={onNext}>
            Nhập đơn tiếp theo <kbd className="key" style={{ marginLeft: 8 }}>Alt+N</kbd>
          </Button>
          <Button variant="default" onClick={onView}>
            Xem đơn
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

export function PetitionIntakePage({ visitId }: { visitId: number | null }) {
  const go = useUi((s) => s.go);
  const [visit, setVisit] = useState<Visit | null | undefined>(visitId === null ? null : undefined);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<Petition | null>(null);
  const [round, setRound] = useState(0);
  const [defaults, setDefaults] = useState<PetitionFormDefaults | undefined>(undefined);

  useEffect(() => {
    if (visitId === null) return;
    let live = true;
    void api.visits.get({ id: visitId }).then(
      (v) => live && setVisit(v),
      (e: unknown) => {
        if (!live) return;
        setError(errorMessage(e));
        setVisit(null);
      },
    );
    return () => {
      live = false;
    };
  }, [visitId]);

  const next = () => {
    if (!saved) return;
    setDefaults({ receivedOn: saved.receivedOn, channel: saved.channel });
    setSaved(null);
    setRound((r) => r + 1);
  };

  useHotkeys([['alt+N', next]], []);

  // The first form comes from the visit; the next ones are plain petitions.
  const fromVisit = round === 0 ? visit : null;
  const back = () => go(visitId !== null ? 'reception' : 'petitions');

  return (
    <Stack>
      <Group justify="space-between">
        <div>
          <Title order={2}>Nhập đơn</Title>
          {fromVisit && (
            <Text size="sm" c="dimmed">
              Đơn nhận tại lượt tiếp ngày {formatDate(fromVisit.sessionDate)} — thông tin đã điền sẵn từ lượt tiếp
            </Text>
          )}
        </div>
        <Button variant="default" onClick={back}>
          {visitId !== null ? 'Về Tiếp công dân' : 'Về danh sách đơn'}
        </Button>
      </Group>
      {error && <Alert color="red">{error}</Alert>}
      {saved && <Registered petition={saved} onNext={next} onView={() => go('petition', { petitionId: saved.id })} />}
      {!saved && visit === undefined && <Loader />}
      {!saved && visit !== undefined && (
        <PetitionForm key={round} visit={fromVisit} defaults={defaults} onSaved={setSaved} onCancel={back} />
      )}
    </Stack>
  );
}
