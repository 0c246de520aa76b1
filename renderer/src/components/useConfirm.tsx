// One confirmation before a step that cannot be taken back (a document number used, a record
// deactivated, unsaved work discarded): says what will happen, asks once, focus on "Hủy" so that
// Enter pressed by habit does not confirm.
import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useCallback, useRef, useState, type ReactNode } from 'react';

export interface ConfirmOptions {
  title: string;
  /** What will happen, in a sentence or two. */
  message: ReactNode;
  /** A warning shown above the message (e.g. "the reply is not due yet"). */
  warning?: ReactNode;
  confirmLabel: string;
  cancelLabel?: string;
  color?: string;
}

export function useConfirm(): [(options: ConfirmOptions) => Promise<boolean>, ReactNode] {
  const [options, setOptions] = useState<ConfirmOptions | null>(null);
  const resolver = useRef<((ok: boolean) => void) | null>(null);
  const confirm = useCallback(
    (next: ConfirmOptions) =>
      new Promise<boolean>((resolve) => {
        resolver.current?.(false);
        resolver.current = resolve;
        setOptions(next);
      }),
    [],
  );
  const close = (ok: boolean) => {
    resolver.current?.(ok);
    resolver.current = null;
    setOptions(null);
  };
  const element = (
    <Modal opened={options !== null} onClose={() => close(false)} title={options?.title} centered size="md" closeButtonProps={{ 'aria-label': 'Đóng' }}>
      {options && (
        <Stack gap="sm">
          {options.warning && (
            <Alert color="orange" title="Lưu ý">
              {options.warning}
            </Alert>
          )}
          <Text size="sm">{options.message}</Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => close(false)} data-autofocus>
              {options.cancelLabel ?? 'Hủy'}
            </Button>
            <Button color={options.color ?? 'red'} onClick={() => close(true)}>
              {options.confirmLabel}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
  return [confirm, element];
}
