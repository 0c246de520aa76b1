// One official report form laid out as on paper: the multi-level headings drawn from the form's
// definition, the number row with its identities, and the unit's row; every figure is a button
// that opens the records behind it. Wide forms scroll sideways inside their card.
import { Table, UnstyledButton } from '@mantine/core';
import type { ReportDefinition } from '../../../../shared/reports/model.ts';
import { headerRows, msLabel, type OfficialReport } from '../../../../shared/reports/report.ts';
import './reports.css';

const number = (n: number) => n.toLocaleString('vi-VN');

export function OfficialForm({ definition, report, onDrill }: {
  definition: ReportDefinition;
  report: OfficialReport;
  onDrill(ms: number, label: string): void;
}) {
  const head = headerRows(definition);
  const labelOf = (ms: number) => {
    const column = definition.columns.find((c) => c.ms === ms)!;
    return [...column.parents, column.heading].join(' – ');
  };
  return (
    <div className="rp-scroll" role="region" aria-label={`Biểu số ${definition.form}`} tabIndex={0}>
      <Table withTableBorder withColumnBorders className="rp-form" data-testid="official-form">
        <Table.Thead>
          {head.map((row, r) => (
            <Table.Tr key={r}>
              {row.map((cell, i) => (
                <Table.Th key={i} rowSpan={cell.rowSpan} colSpan={cell.colSpan} className={cell.ms === undefined ? 'rp-parent' : 'rp-leaf'}>
                  {cell.text}
                </Table.Th>
              ))}
            </Table.Tr>
          ))}
          <Table.Tr className="rp-ms">
            <Table.Th>A</Table.Th>
            <Table.Th>B</Table.Th>
            {definition.columns.map((c) => (
              <Table.Th key={c.ms} data-ms={c.ms}>{msLabel(definition, c.ms)}</Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {report.rows.map((row, i) => (
            <Table.Tr key={row.unit}>
              <Table.Td ta="center">{i + 1}</Table.Td>
              <Table.Td className="rp-unit">{row.unit}</Table.Td>
              {definition.columns.map((c) =>
                c.value === 'note' ? (
                  <Table.Td key={c.ms}>{row.note ?? ''}</Table.Td>
                ) : (
                  <Table.Td key={c.ms} ta="center" p={0}>
                    <UnstyledButton
                      className="rp-figure"
                      data-ms={c.ms}
                      aria-label={`Cột ${c.ms}: ${labelOf(c.ms)}: ${number(row.columns[String(c.ms)] ?? 0)}`}
                      onClick={() => onDrill(c.ms, `Cột ${c.ms} – ${labelOf(c.ms)}`)}
                    >
                      {number(row.columns[String(c.ms)] ?? 0)}
                    </UnstyledButton>
                  </Table.Td>
                ),
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </div>
  );
}
