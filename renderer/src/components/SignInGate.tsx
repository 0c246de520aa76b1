// The sign-in gate (issue 14): the first administrator's password on a new register, the sign-in
// form, the lock screen after idle time and the forced change of a temporary password. Nothing
// of the register shows until the core says an officer is signed in and the session is unlocked.
import { Alert, Button, Center, Paper, PasswordInput, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useCallback, useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { api, errorMessage, UNAUTHENTICATED_EVENT } from '../api.ts';
import { useUi } from '../state/ui.ts';
import { PASSWORD_MIN, type AuthStatus } from '../../../shared/domain/user.ts';

function Card({ title, children, onSubmit }: { title: string; children: ReactNode; onSubmit: (e: FormEvent) => void }) {
  return (
    <Center h="100vh" bg="gray.1">
      <Paper component="form" onSubmit={onSubmit} withBorder shadow="sm" p="xl" w={420} aria-label={title}>
        <Stack gap="md">
          <Title order={3} c="red.8">Sổ tiếp công dân</Title>
          <Title order={4}>{title}</Title>
          {children}
        </Stack>
      </Paper>
    </Center>
  );
}

function useSubmit(action: () => Promise<AuthStatus>, done: (s: AuthStatus) => void) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      done(await action());
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };
  return { error, busy, submit };
}

function SetupScreen({ status, done }: { status: AuthStatus; done: (s: AuthStatus) => void }) {
  const [username, setUsername] = useState(status.setupUsernames[0] ?? 'admin');
  const [password, setPassword] = useState('');
  const [again, setAgain] = useState('');
  const [mismatch, setMismatch] = useState<string | null>(null);
  const { error, busy, submit } = useSubmit(() => api.auth.setup({ username, password }), done);
  return (
    <Card
      title="Đặt mật khẩu quản trị lần đầu"
      onSubmit={(e) => {
        if (password !== again) {
          e.preventDefault();
          setMismatch('Hai lần nhập mật khẩu không giống nhau');
          return;
        }
        setMismatch(null);
        void submit(e);
      }}
    >
      <Text size="sm">Sổ chưa có mật khẩu nào. Quản trị viên đặt mật khẩu của mình (ít nhất {PASSWORD_MIN} ký tự), rồi tạo tài khoản cho các cán bộ trong Cài đặt.</Text>
      <Select label="Tài khoản quản trị" data={status.setupUsernames} value={username} onChange={(v) => v && setUsername(v)} allowDeselect={false} />
      <PasswordInput label="Mật khẩu" value={password} onChange={(e) => setPassword(e.currentTarget.value)} autoFocus />
      <PasswordInput label="Nhập lại mật khẩu" value={again} onChange={(e) => setAgain(e.currentTarget.value)} error={mismatch} />
      {error && <Alert color="red" role="alert">{error}</Alert>}
      <Button type="submit" loading={busy}>Đặt mật khẩu và vào sổ</Button>
    </Card>
  );
}

function SignInScreen({ locked, officerName, username: fixed, done }: { locked: boolean; officerName?: string; username?: string; done: (s: AuthStatus) => void }) {
  const [username, setUsername] = useState(fixed ?? '');
  const [password, setPassword] = useState('');
  const { error, busy, submit } = useSubmit(() => api.auth.signIn({ username, password }), (s) => {
    setPassword('');
    done(s);
  });
  return (
    <Card title={locked ? 'Phiên làm việc đã khóa' : 'Đăng nhập'} onSubmit={(e) => void submit(e)}>
      {locked && <Text size="sm">Phiên của {officerName} đã khóa vì lâu không dùng. Nhập lại mật khẩu để tiếp tục; việc đang làm dở vẫn còn.</Text>}
      <TextInput label="Tên đăng nhập" value={username} onChange={(e) => setUsername(e.currentTarget.value)} readOnly={locked} autoFocus={!locked} autoComplete="username" />
      <PasswordInput label="Mật khẩu" value={password} onChange={(e) => setPassword(e.currentTarget.value)} autoFocus={locked} autoComplete="current-password" />
      {error && <Alert color="red" role="alert">{error}</Alert>}
      <Button type="submit" loading={busy}>{locked ? 'Mở khóa' : 'Đăng nhập'}</Button>
      {locked && (
        <Button variant="subtle" onClick={() => void api.auth.signOut().then(done, () => window.location.reload())}>
          Đăng nhập bằng tài khoản khác
        </Button>
      )}
    </Card>
  );
}

function ChangePasswordScreen({ done }: { done: (s: AuthStatus) => void }) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const { error, busy, submit } = useSubmit(() => api.auth.changePassword({ current, next }), done);
  return (
    <Card title="Đổi mật khẩu tạm" onSubmit={(e) => void submit(e)}>
      <Text size="sm">Quản trị viên đã đặt cho anh/chị một mật khẩu tạm. Hãy đặt mật khẩu của riêng mình (ít nhất {PASSWORD_MIN} ký tự).</Text>
      <PasswordInput label="Mật khẩu tạm" value={current} onChange={(e) => setCurrent(e.currentTarget.value)} autoFocus />
      <PasswordInput label="Mật khẩu mới" value={next} onChange={(e) => setNext(e.currentTarget.value)} />
      {error && <Alert color="red" role="alert">{error}</Alert>}
      <Button type="submit" loading={busy}>Đổi mật khẩu</Button>
    </Card>
  );
}

/** Locks the screen after the idle setting without a key press, click or pointer move. */
function useIdleLock(status: AuthStatus | null, lock: () => void): void {
  const last = useRef(Date.now());
  const active = status?.officer !== null && status !== null && !status.locked;
  useEffect(() => {
    if (!active || !status) return;
    last.current = Date.now();
    const touch = () => (last.current = Date.now());
    const events = ['keydown', 'mousedown', 'mousemove', 'wheel', 'touchstart'] as const;
    for (const e of events) window.addEventListener(e, touch, { passive: true });
    const timer = setInterval(() => {
      if (Date.now() - last.current > status.idleLockMinutes * 60_000) lock();
    }, 5_000);
    return () => {
      for (const e of events) window.removeEventListener(e, touch);
      clearInterval(timer);
    };
  }, [active, status, lock]);
}

export function SignInGate({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<AuthStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const setOfficer = useUi((s) => s.setOfficer);

  const apply = useCallback(
    (s: AuthStatus) => {
      setStatus(s);
      setOfficer(s.officer);
    },
    [setOfficer],
  );
  const refresh = useCallback(() => {
    api.auth.status().then(apply, (e) => setError(errorMessage(e)));
  }, [apply]);

  useEffect(() => {
    refresh();
    window.addEventListener(UNAUTHENTICATED_EVENT, refresh);
    return () => window.removeEventListener(UNAUTHENTICATED_EVENT, refresh);
  }, [refresh]);
  useIdleLock(status, useCallback(() => setStatus((s) => (s ? { ...s, locked: true } : s)), []));

  if (error) return <Alert color="red" m="xl" role="alert">{error}</Alert>;
  if (!status) return null;
  if (status.needsSetup) return <SetupScreen status={status} done={apply} />;
  if (!status.officer) return <SignInScreen locked={false} done={apply} />;
  if (status.mustChangePassword) return <ChangePasswordScreen done={apply} />;
  return (
    <>
      {/* The register stays mounted under the lock screen: unsaved work is kept. */}
      <div style={status.locked ? { display: 'none' } : undefined} aria-hidden={status.locked}>{children}</div>
      {status.locked && <SignInScreen locked officerName={status.officer.fullName} username={status.officer.username} done={apply} />}
    </>
  );
}

/** Signs out from the header. */
export function SignOutButton() {
  return (
    <Button size="xs" variant="default" onClick={() => void api.auth.signOut().finally(() => window.dispatchEvent(new Event(UNAUTHENTICATED_EVENT)))}>
      Đăng xuất
    </Button>
  );
}
