// Cài đặt → Nơi lưu sổ (issue 14): this machine's register file, or a register shared by several
// desks on a PostgreSQL server. The address is checked against the server before it is saved; the
// desk opens it when the app starts again.
import { Alert, Button, Card, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { api, errorMessage } from '../../api.ts';
import { LOCATION_SOURCE_LABELS, type RegisterLocationStatus } from '../../../../shared/domain/location.ts';

export function LocationCard() {
  const [status, setStatus] = useState<RegisterLocationStatus | null>(null);
  const [address, setAddress] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    api.register.location().then(setStatus, (e: unknown) => setError(errorMessage(e)));
  }, []);

  const save = async (location: string | null) => {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      const s = await api.register.setLocation({ location });
      setStatus(s);
      if (location === null) setNotice('Đã chọn lại tệp sổ trên máy này. Khởi động lại ứng dụng để dùng tệp này.');
      else if (s.check?.state === 'empty') setNotice('Máy chủ trả lời; cơ sở dữ liệu còn trống: sổ mới sẽ được tạo ở đó khi ứng dụng khởi động lại (chép sổ hiện có lên bằng “petreg copy”).');
      else setNotice(`Máy chủ trả lời; sổ ở đó đang có ${s.check?.petitions ?? 0} đơn. Khởi động lại ứng dụng để dùng sổ dùng chung này.`);
      setAddress('');
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card withBorder>
      <section aria-label="Nơi lưu sổ">
        <Stack>
          <Title order={4}>Nơi lưu sổ</Title>
          {status && (
            <Stack gap={4}>
              <Text size="sm">
                Đang dùng: <Text span ff="monospace" size="sm">{status.current}</Text> ({status.engine === 'postgres' ? 'sổ dùng chung trên máy chủ PostgreSQL' : 'tệp sổ trên máy này'}; theo {LOCATION_SOURCE_LABELS[status.source]}).
              </Text>
              {status.restartNeeded && (
                <Text size="sm" c="orange.8" data-testid="location-restart">
                  Lần khởi động sau sẽ mở: <Text span ff="monospace" size="sm">{status.setting ?? 'tệp sổ trên máy này'}</Text>.
                </Text>
              )}
              {status.overridden && <Text size="sm" c="dimmed">Nơi lưu sổ đang được chỉ định khi chạy ({LOCATION_SOURCE_LABELS[status.source]}); cài đặt dưới đây chỉ có hiệu lực khi không có chỉ định đó.</Text>}
            </Stack>
          )}
          <Text size="sm" c="dimmed">
            Nhiều máy dùng chung một sổ: quản trị viên tạo cơ sở dữ liệu trên máy chủ PostgreSQL (xem README) rồi nhập địa chỉ ở đây trên từng máy. Mật khẩu cơ sở dữ liệu nên để trong tệp pgpass của máy, không ghi vào địa chỉ.
          </Text>
          <Group align="end">
            <TextInput
              label="Địa chỉ sổ dùng chung"
              placeholder="postgres://canbo@192.168.1.10:5432/so_tiep_cong_dan"
              value={address}
              onChange={(e) => setAddress(e.currentTarget.value)}
              w={520}
            />
            <Button loading={busy} disabled={address.trim() === ''} onClick={() => void save(address)}>
              Kiểm tra và lưu
            </Button>
            {status?.setting && (
              <Button variant="light" loading={busy} onClick={() => void save(null)}>
                Dùng tệp sổ trên máy này
              </Button>
            )}
          </Group>
          {notice && (
            <Alert color="green" role="status">
              {notice}
            </Alert>
          )}
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
        </Stack>
      </section>
    </Card>
  );
}
