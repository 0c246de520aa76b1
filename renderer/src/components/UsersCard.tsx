// Cài đặt → Cán bộ: the officers, their roles and temporary passwords, and who may see a
// denouncer's identity. Only an administrator (signed in, role Quản trị) changes them;
// the register checks it again (db/ops/users.ts).
import { Alert, Badge, Button, Card, Group, PasswordInput, Select, Switch, Table, Text, TextInput, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { api, errorMessage } from '../api.ts';
import { useUi } from '../state/ui.ts';
import { PROTECTION_PERMISSION_LABEL } from '../../../shared/domain/protection.ts';
import { USER_ROLE_LABELS, USER_ROLES, type User, type UserRole } from '../../../shared/domain/user.ts';

const ROLE_OPTIONS = USER_ROLES.map((r) => ({ value: r, label: USER_ROLE_LABELS[r] }));

export function UsersCard() {
  const officer = useUi((s) => s.officer);
  const setOfficer = useUi((s) => s.setOfficer);
  const [users, setUsers] = useState<User[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const isAdmin = officer?.role === 'admin' && officer.active;
  const [temp, setTemp] = useState('');
  const [draft, setDraft] = useState<{ username: string; fullName: string; role: UserRole }>({ username: '', fullName: '', role: 'officer' });

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

  async function changeRole(user: User, role: UserRole) {
    setError(null);
    setSaved(null);
    try {
      const updated = await api.users.upsert({ id: user.id, username: user.username, fullName: user.fullName, title: user.title, role, active: user.active });
      setUsers((list) => list?.map((u) => (u.id === updated.id ? updated : u)) ?? null);
      setSaved(`${updated.fullName}: vai trò ${USER_ROLE_LABELS[updated.role]}.`);
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  async function resetPassword(user: User) {
    setError(null);
    setSaved(null);
    try {
      await api.users.resetPassword({ userId: user.id, password: temp });
      setSaved(`Đã đặt mật khẩu tạm cho ${user.fullName}; cán bộ đổi mật khẩu khi đăng nhập lần đầu.`);
      setTemp('');
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  async function addUser() {
    setError(null);
    setSaved(null);
    try {
      const created = await api.users.upsert({ username: draft.username, fullName: draft.fullName, role: draft.role });
      await api.users.resetPassword({ userId: created.id, password: temp });
      setUsers((list) => [...(list ?? []), created]);
      setDraft({ username: '', fullName: '', role: 'officer' });
      setTemp('');
      setSaved(`Đã thêm ${created.fullName} (${created.username}) với mật khẩu tạm.`);
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
              {isAdmin && <Table.Th>Mật khẩu</Table.Th>}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {users.map((u) => (
              <Table.Tr key={u.id}>
                <Table.Td fw={500}>{u.fullName}</Table.Td>
                <Table.Td ff="monospace">{u.username}</Table.Td>
                <Table.Td>
                  {isAdmin ? (
                    <Select size="xs" w={170} aria-label={`Vai trò: ${u.fullName}`} data={ROLE_OPTIONS} value={u.role} allowDeselect={false} onChange={(v) => v && v !== u.role && void changeRole(u, v as UserRole)} />
                  ) : (
                    USER_ROLE_LABELS[u.role]
                  )}
                </Table.Td>
                <Table.Td>{u.active ? <Badge variant="light" color="green">Đang làm việc</Badge> : <Badge variant="light" color="gray">Ngừng hoạt động</Badge>}</Table.Td>
                <Table.Td>
                  <Switch
                    checked={u.canSeeProtected}
                    disabled={!isAdmin}
                    aria-label={`${PROTECTION_PERMISSION_LABEL}: ${u.fullName}`}
                    onChange={(e) => void toggle(u, e.currentTarget.checked)}
                  />
                </Table.Td>
                {isAdmin && (
                  <Table.Td>
                    <Button size="xs" variant="default" disabled={temp.length === 0} onClick={() => void resetPassword(u)}>
                      Đặt mật khẩu tạm
                    </Button>
                  </Table.Td>
                )}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {isAdmin && (
        <Group mt="md" align="flex-end" gap="xs" role="group" aria-label="Thêm cán bộ">
          <TextInput size="xs" label="Tên đăng nhập" value={draft.username} onChange={(e) => setDraft({ ...draft, username: e.currentTarget.value })} />
          <TextInput size="xs" label="Họ và tên" value={draft.fullName} onChange={(e) => setDraft({ ...draft, fullName: e.currentTarget.value })} />
          <Select size="xs" w={170} label="Vai trò" data={ROLE_OPTIONS} value={draft.role} allowDeselect={false} onChange={(v) => v && setDraft({ ...draft, role: v as UserRole })} />
          <PasswordInput size="xs" label="Mật khẩu tạm" value={temp} onChange={(e) => setTemp(e.currentTarget.value)} />
          <Button size="xs" onClick={() => void addUser()} disabled={!draft.username || !draft.fullName || !temp}>
            Thêm cán bộ
          </Button>
        </Group>
      )}
      {isAdmin && <Text size="xs" c="dimmed" mt={4}>“Mật khẩu tạm” dùng cho cán bộ mới và cho nút “Đặt mật khẩu tạm” của từng người; cán bộ phải đổi khi đăng nhập.</Text>}
    </Card>
  );
}
