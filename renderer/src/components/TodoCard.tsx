// One section of Việc cần làm: its title, how many it holds, what it means, then its list.
import { Badge, Card, Group, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';

export function TodoCard({ title, hint, color, total, children }: { title: string; hint: string; color: string; total: number; children: ReactNode }) {
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={4}>{title}</Title>
          <Badge color={color} size="lg" variant="filled">{total}</Badge>
        </Group>
        <Text size="sm" c="dimmed">{hint}</Text>
        {children}
      </Stack>
    </Card>
  );
}
