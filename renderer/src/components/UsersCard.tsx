// Cài đặt → Cán bộ: the officers, and who may see a denouncer's identity. Only an administrator
// (the officer chosen at the top of the window, with the role Quản trị) grants or withdraws it;
// the register checks it again (db/ops/users.ts).
import { Alert, Badge, Card, Switch, Table, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { api, errorMessage } from '../api.ts';
import { useUi } from '../state/ui.ts';
import { PROTECTION_PERMISSION_LABEL } from '../../../shared/domain/protection.ts';
import { USER_ROLE_LABELS, type User } from '../../../shared/domain/user.ts';

export function UsersCard() {
  const officer = useUi((s) => s.officer);
  const setOfficer = useUi((s) => s.setOfficer);
  const [users, setUsers] = useState<User[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const isAdmin = officer?.role === 'admin' && officer.active;

  useEffect(() => {
    api.users.list().then(setUsers, (e: unknown) => setError(errorMessage(e)));
  }, []);

  async function toggle(user: User, value: boolean) {
    setError(null);
    setSaved(null);
    try {
      const updated = await api.users.upsert({ id: user.id, username: user.username, fullName: user.fullName, title: user.title, role: user.role, active: user.active, canSeeProtected: value });
      setUsers((list) => list?.map((u) => (u.id === updated.id ? updated : u)) ?? null);
      if (officer?.id === updated.id) setOfficer(updated);
      setSaved(`${value ? 'Đã cấp' : 'Đã thu hồi'} quyền xem danh tính người tố cáo của ${updated.fullName}.`);
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  return (
    <Card withBorder padding="md" component="section" aria-label="Cán bộ">
      <Title order={3} mb="xs">Cán bộ</Title>
      <Text size="sm" c="dimmed" mb="sm">
        Quyền xem danh tính người tố cáo (Luật Tố cáo, Điều 56): chỉ quản trị viên cấp hoặc thu hồi. Người có quyền vẫn thấy “Người tố cáo (được bảo
        vệ)” cho đến khi bấm “Hiện danh tính”; mỗi lần xem được ghi vào nhật ký.
      </Text>
      {!isAdmin && <Alert color="gray" mb="sm">Cán bộ đang làm việc không phải quản trị viên: chỉ xem, không đổi được quyền.</Alert>}
      {error && <Alert color="red" mb="sm">{error}</Alert>}
      {saved && <Alert color="green" mb="sm" role="status">{saved}</Alert>}
      {users && (
        <Table withTableBorder fz="sm" aria-label="Danh sách cán bộ">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Họ và tên</Table.Th>
              <Table.Th>Tên đăng nhập</Table.Th>
              <Table.Th>Vai trò</Table.Th>
              <Table.Th>Trạng thái</Table.Th>
              <Table.Th>{PROTECTION_PERMISSION_LABEL}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {users.map((u) => (
              <Table.Tr key={u.id}>
                <Table.Td fw={500}>{u.fullName}</Table.Td>
                <Table.Td ff="monospace">{u.username}</Table.Td>
                <Table.Td>{USER_ROLE_LABELS[u.role]}</Table.Td>
                <Table.Td>{u.active ? <Badge variant="light" color="green">Đang làm việc</Badge> : <Badge variant="light" color="gray">Ngừng hoạt động</Badge>}</Table.Td>
                <Table.Td>
                  <Switch
                    checked={u.canSeeProtected}
                    disabled={!isAdmin}
                    aria-label={`${PROTECTION_PERMISSION_LABEL}: ${u.fullName}`}
                    onChange={(e) => void toggle(u, e.currentTarget.checked)}
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Card>
  );
}
