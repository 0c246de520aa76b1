// The notice over a denunciation's petitioners: the identity is hidden by default, even from an
// officer who may see it; "Hiện danh tính" asks the register for it, and that view is audited.
import { Alert, Button, Group, Text } from '@mantine/core';
import { useState } from 'react';
import { errorMessage } from '../../api.ts';
import { useUi } from '../../state/ui.ts';

interface Props {
  revealed: boolean;
  onReveal(): Promise<void>;
  onHide(): void;
}

export function ProtectedDenouncerNotice({ revealed, onReveal, onHide }: Props) {
  const officer = useUi((s) => s.officer);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const permitted = officer?.canSeeProtected === true;
  return (
    <Alert color={revealed ? 'orange' : 'gray'} title="Người tố cáo được bảo vệ" mb="sm" role="note" aria-label="Người tố cáo được bảo vệ">
      <Text size="sm">
        Họ tên, địa chỉ, số giấy tờ và thông tin liên hệ của người tố cáo được giữ bí mật (Luật Tố cáo, Điều 56; tiết lộ bị xử lý kỷ luật theo
        Nghị định 31/2019/NĐ-CP, Điều 22). Văn bản gửi cơ quan khác không ghi danh tính người tố cáo.
      </Text>
      {revealed && <Text size="sm" mt={4} fw={500}>Đang hiện danh tính; lần xem này đã được ghi vào nhật ký.</Text>}
      {!permitted && <Text size="sm" mt={4} c="dimmed">Chỉ cán bộ được quản trị viên cấp quyền (Cài đặt → Cán bộ) mới xem được danh tính.</Text>}
      {error && <Text size="sm" mt={4} c="red">{error}</Text>}
      {permitted && (
        <Group mt="xs">
          {revealed ? (
            <Button size="xs" variant="default" onClick={onHide}>Ẩn danh tính</Button>
          ) : (
            <Button
              size="xs"
              color="orange"
              loading={busy}
              onClick={async () => {
                setBusy(true);
                setError(null);
                try {
                  await onReveal();
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
        </Group>
      )}
    </Alert>
  );
}
