// Form 02/XLD: receipt, classification and handling of petitions in the period, and the petitions
// forwarded to each competent body with their replies. Every petition figure opens its list.
import { Card, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { FIELDS, FIELD_LABELS, PETITION_KINDS, PETITION_KIND_LABELS } from '../../../../shared/domain/petition.ts';
import { DECISION_ACTIONS, DECISION_ACTION_LABELS, INELIGIBLE_REASONS, type IneligibleReason } from '../../../../shared/domain/workflow.ts';
import { PETITION_FIGURE_LABELS, type AgencyFigures, type Statistics, type StatsDrill } from '../../../../shared/stats/definitions.ts';
import { Figure, Plain, type DrillTarget } from './Figure.tsx';
import './stats.css';

interface Row {
  key: string;
  no: string;
  label: string;
  /** 0: heading figure, 1: part, 2: part of a part. */
  level: 0 | 1 | 2;
  value: number;
  /** The list behind the figure; none for sums of other figures. */
  drill?: { drill: StatsDrill; part?: string };
  /** The figure's full name (for the list's title and the button's name). */
  name?: string;
}

function Section({ title, rows, onDrill, label }: { title: string; label: string; rows: Row[]; onDrill(t: DrillTarget): void }) {
  return (
    <Card withBorder padding="sm">
      <Title order={4} mb="xs">{title}</Title>
      <Table withTableBorder withColumnBorders className="st-table" fz="sm" verticalSpacing={5} aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={44}>STT</Table.Th>
            <Table.Th className="st-left">Chỉ tiêu</Table.Th>
            <Table.Th w={90}>Số đơn</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.key} data-level={r.level}>
              <Table.Td className="st-no">{r.no}</Table.Td>
              <Table.Td className="st-label">{r.label}</Table.Td>
              <Table.Td className="st-num">
                {r.drill ? (
                  <Figure label={r.name ?? r.label} value={r.value} drill={r.drill.drill} part={r.drill.part ?? null} onDrill={onDrill} />
                ) : (
                  <Plain value={r.value} strong={r.level === 0} title="Tổng của các chỉ tiêu bên dưới" />
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}

const L = PETITION_FIGURE_LABELS;

function AgencyTable({ agencies, onDrill }: { agencies: AgencyFigures[]; onDrill(t: DrillTarget): void }) {
  const sum = (k: keyof Omit<AgencyFigures, 'agency' | 'name'>) => agencies.reduce((n, a) => n + a[k], 0);
  const cell = (value: number, name: string, drill: StatsDrill | null, part: string | null): ReactNode =>
    drill ? <Figure label={name} value={value} drill={drill} part={part} onDrill={onDrill} /> : <Plain value={value} title="Đơn đã có báo cáo kết quả" />;
  const rows = [
    ...agencies.map((a, i) => ({ key: a.agency, no: String(i + 1), name: a.name, part: a.agency as string | null, f: a })),
    {
      key: '',
      no: '',
      name: 'Tổng cộng',
      part: null,
      f: {
        agency: '',
        name: 'Tổng cộng',
        forwarded: sum('forwarded'),
        replied: sum('replied'),
        replied_on_time: sum('replied_on_time'),
        replied_late: sum('replied_late'),
        overdue: sum('overdue'),
        pending: sum('pending'),
      },
    },
  ];
  const who = (name: string) => (name === 'Tổng cộng' ? 'Tất cả cơ quan' : name);
  return (
    <Table withTableBorder withColumnBorders className="st-table" fz="sm" verticalSpacing={5} aria-label="Đơn chuyển đến cơ quan có thẩm quyền">
      <Table.Thead>
        <Table.Tr>
          <Table.Th rowSpan={2} w={44}>STT</Table.Th>
          <Table.Th rowSpan={2} className="st-left">Cơ quan có thẩm quyền</Table.Th>
          <Table.Th rowSpan={2} w={90}>Số đơn đã chuyển</Table.Th>
          <Table.Th colSpan={3}>Đã trả lời (báo cáo kết quả)</Table.Th>
          <Table.Th colSpan={2}>Chưa trả lời</Table.Th>
        </Table.Tr>
        <Table.Tr>
          <Table.Th w={90}>Tổng số</Table.Th>
          <Table.Th w={90}>Đúng hạn</Table.Th>
          <Table.Th w={90}>Trễ hạn</Table.Th>
          <Table.Th w={110}>Quá hạn chưa trả lời</Table.Th>
          <Table.Th w={100}>Chưa đến hạn</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {agencies.length === 0 && (
          <Table.Tr>
            <Table.Td colSpan={8}><Text c="dimmed" ta="center" size="sm" py="xs">Không có đơn nào được chuyển trong kỳ.</Text></Table.Td>
          </Table.Tr>
        )}
        {rows.map((r) =>
          r.key === '' && agencies.length === 0 ? null : (
            <Table.Tr key={r.key || 'total'} data-total={r.key === ''}>
              <Table.Td className="st-no">{r.no}</Table.Td>
              <Table.Td><div className="st-agency" title={r.name}>{r.name}</div></Table.Td>
              <Table.Td className="st-num">{cell(r.f.forwarded, `${who(r.name)} — Số đơn đã chuyển`, 'agency_forwarded', r.part)}</Table.Td>
              <Table.Td className="st-num">{cell(r.f.replied, `${who(r.name)} — Đã trả lời`, 'agency_replied', r.part)}</Table.Td>
              <Table.Td className="st-num">{cell(r.f.replied_on_time, `${who(r.name)} — Trả lời đúng hạn`, 'agency_replied_on_time', r.part)}</Table.Td>
              <Table.Td className="st-num">{cell(r.f.replied_late, `${who(r.name)} — Trả lời trễ hạn`, 'agency_replied_late', r.part)}</Table.Td>
              <Table.Td className="st-num">{cell(r.f.overdue, `${who(r.name)} — Quá hạn chưa trả lời`, 'agency_overdue', r.part)}</Table.Td>
              <Table.Td className="st-num">{cell(r.f.pending, `${who(r.name)} — Chưa đến hạn trả lời`, 'agency_pending', r.part)}</Table.Td>
            </Table.Tr>
          ),
        )}
      </Table.Tbody>
    </Table>
  );
}

export function PetitionReport({ stats, reasonLabels, onDrill }: {
  stats: Statistics;
  reasonLabels: Record<IneligibleReason, string>;
  onDrill(target: DrillTarget): void;
}) {
  const p = stats.petitions;
  const receipt: Row[] = [
    { key: 'all', no: '1', label: 'Tổng số đơn phải xử lý', level: 0, value: p.received + p.carried_over },
    { key: 'carried', no: '1.1', label: L.carried_over, level: 1, value: p.carried_over, drill: { drill: 'carried_over' } },
    { key: 'received', no: '1.2', label: L.received, level: 1, value: p.received, drill: { drill: 'received' } },
    { key: 'multi', no: '', label: `Trong đó: ${L.multi_signatory.charAt(0).toLowerCase()}${L.multi_signatory.slice(1)}`, name: L.multi_signatory, level: 2, value: p.multi_signatory, drill: { drill: 'multi_signatory' } },
  ];
  const classification: Row[] = [
    { key: 'eligible', no: '1', label: L.eligible, level: 0, value: p.eligible.total, drill: { drill: 'eligible' } },
    ...PETITION_KINDS.map((k, i): Row => ({
      key: `eligible:${k}`,
      no: `1.${i + 1}`,
      label: PETITION_KIND_LABELS[k],
      name: `${L.eligible} — ${PETITION_KIND_LABELS[k]}`,
      level: 1,
      value: p.eligible[k],
      drill: { drill: 'eligible', part: k },
    })),
    { key: 'ineligible', no: '2', label: L.ineligible, level: 0, value: p.ineligible.total, drill: { drill: 'ineligible' } },
    ...INELIGIBLE_REASONS.map((r, i): Row => ({
      key: `reason:${r}`,
      no: `2.${i + 1}`,
      label: reasonLabels[r],
      name: `${L.ineligible} — ${reasonLabels[r]}`,
      level: 1,
      value: p.ineligible.by_reason[r],
      drill: { drill: 'ineligible', part: r },
    })),
    { key: 'unclassified', no: '3', label: L.unclassified, level: 0, value: p.unclassified, drill: { drill: 'unclassified' } },
  ];
  const fields: Row[] = FIELDS.map((f, i) => ({
    key: f,
    no: String(i + 1),
    label: FIELD_LABELS[f],
    name: `Lĩnh vực — ${FIELD_LABELS[f]}`,
    level: 1,
    value: p.by_field[f],
    drill: { drill: 'field', part: f },
  }));
  const decisions: Row[] = [
    { key: 'decided', no: '1', label: 'Đơn đã có hướng xử lý', level: 0, value: p.decisions.total },
    ...DECISION_ACTIONS.map((a, i): Row => ({
      key: a,
      no: `1.${i + 1}`,
      label: DECISION_ACTION_LABELS[a],
      name: `${L.decisions} — ${DECISION_ACTION_LABELS[a]}`,
      level: 1,
      value: p.decisions[a],
      drill: { drill: 'decision', part: a },
    })),
    { key: 'undecided', no: '2', label: L.undecided, level: 0, value: p.decisions.undecided, drill: { drill: 'decision' } },
  ];

  return (
    <Stack gap="md">
      <SimpleGrid cols={2} spacing="md">
        <Stack gap="md">
          <Section title="I. Tiếp nhận đơn" label="Tiếp nhận đơn" rows={receipt} onDrill={onDrill} />
          <Section title="II. Phân loại đơn tiếp nhận trong kỳ" label="Phân loại đơn" rows={classification} onDrill={onDrill} />
        </Stack>
        <Stack gap="md">
          <Section title={`III. ${L.by_field}`} label={L.by_field} rows={fields} onDrill={onDrill} />
          <Section title={`IV. ${L.decisions}`} label={L.decisions} rows={decisions} onDrill={onDrill} />
        </Stack>
      </SimpleGrid>
      <Card withBorder padding="sm">
        <Title order={4} mb={4}>V. {L.forwarded_by_agency}</Title>
        <Text size="xs" c="dimmed" mb="xs">
          Quá hạn tính đến ngày {stats.as_of.slice(8, 10)}/{stats.as_of.slice(5, 7)}/{stats.as_of.slice(0, 4)}. Bấm vào một số liệu để xem danh sách đơn.
        </Text>
        <AgencyTable agencies={p.forwarded_by_agency} onDrill={onDrill} />
      </Card>
    </Stack>
  );
}
