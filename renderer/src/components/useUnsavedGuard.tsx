// Work is never lost: a form with unsaved changes registers a guard, so navigating away
// (Alt+0…6, the navigation, a link) or closing its dialog asks first; and a half-filled intake
// form keeps a draft in the renderer's localStorage that survives a screen change and a restart,
// offered back as "Khôi phục bản nháp?".
import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';
import type { FieldValues, UseFormReturn } from 'react-hook-form';
import { useUi } from '../state/ui.ts';

/**
 * Registers the leave guard while `dirty`; removes it when clean or unmounted. Call the returned
 * `release()` once the work is saved, before the form's owner moves on.
 */
export function useUnsavedGuard(dirty: boolean, what: string, drafted = false): () => void {
  const setGuard = useUi((s) => s.setGuard);
  const released = useRef(false);
  useEffect(() => {
    if (!dirty || released.current) return;
    setGuard({ what, drafted });
    return () => setGuard(null);
  }, [dirty, what, drafted, setGuard]);
  return () => {
    released.current = true;
    setGuard(null);
  };
}

/** The question asked when leaving a guarded form; mounted once in the App. */
export function LeaveGuardDialog() {
  const guard = useUi((s) => s.guard);
  const pending = useUi((s) => s.pendingLeave);
  const answer = useUi((s) => s.answerLeave);
  return (
    <Modal opened={pending !== null} onClose={() => answer(false)} title="Rời khỏi khi chưa lưu?" centered zIndex={400} closeButtonProps={{ 'aria-label': 'Đóng' }}>
      <Stack gap="sm">
        <Text size="sm">
          {guard?.what ?? 'Biểu mẫu'} có thay đổi chưa được lưu.{' '}
          {guard?.drafted ? 'Bản nháp được giữ lại: khi quay lại có thể khôi phục.' : 'Nếu rời đi, các thay đổi này sẽ mất.'}
        </Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={() => answer(false)} data-autofocus>
            Ở lại nhập tiếp
          </Button>
          <Button color="red" onClick={() => answer(true)}>
            {guard?.drafted ? 'Rời đi, giữ bản nháp' : 'Bỏ thay đổi và rời đi'}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

const PREFIX = 'petreg:draft:';

interface StoredDraft<T> {
  savedAt: string;
  values: T;
}

export function readDraft<T>(key: string): StoredDraft<T> | null {
  try {
    const raw = window.localStorage.getItem(PREFIX + key);
    return raw ? (JSON.parse(raw) as StoredDraft<T>) : null;
  } catch {
    return null;
  }
}

export function clearDraft(key: string): void {
  try {
    window.localStorage.removeItem(PREFIX + key);
  } catch {
    // Storage unavailable: nothing was kept.
  }
}

/**
 * Keeps the form's values as a draft under `key` while it is dirty (written at most every 400 ms),
 * and returns the offer to restore an earlier draft, shown above the form until answered.
 * `clear()` after a successful save.
 */
export function useDraft<T extends FieldValues>(key: string | null, form: UseFormReturn<T, any, any>): { offer: React.ReactNode; clear(): void } {
  const [found, setFound] = useState(() => (key ? readDraft<T>(key) : null));
  const answered = useRef(false);
  useEffect(() => {
    if (!key) return;
    let timer: number | undefined;
    const sub = form.watch(() => {
      window.clearTimeout(timer);
      timer = window.setTimeout(() => {
        if (!form.formState.isDirty) return;
        try {
          window.localStorage.setItem(PREFIX + key, JSON.stringify({ savedAt: new Date().toISOString(), values: form.getValues() }));
        } catch {
          // Storage full or unavailable: the leave guard still asks.
        }
      }, 400);
    });
    return () => {
      window.clearTimeout(timer);
      sub.unsubscribe();
    };
  }, [key, form]);

  const offer =
    found && !answered.current ? (
      <Alert color="blue" title="Khôi phục bản nháp?" role="alert">
        <Stack gap="xs">
          <Text size="sm">
            Có một bản nháp chưa lưu từ {new Date(found.savedAt).toLocaleString('vi-VN', { timeZone: 'Asia/Ho_Chi_Minh', hour: '2-digit', minute: '2-digit', day: '2-digit', month: '2-digit', year: 'numeric' })}.
          </Text>
          <Group gap="xs">
            <Button
              size="xs"
              onClick={() => {
                answered.current = true;
                form.reset(found.values, { keepDefaultValues: true });
                setFound(null);
              }}
            >
              Khôi phục bản nháp
            </Button>
            <Button
              size="xs"
              variant="default"
              onClick={() => {
                answered.current = true;
                if (key) clearDraft(key);
                setFound(null);
              }}
            >
              Bỏ bản nháp
            </Button>
          </Group>
        </Stack>
      </Alert>
    ) : null;
  return { offer, clear: () => key && clearDraft(key) };
}
