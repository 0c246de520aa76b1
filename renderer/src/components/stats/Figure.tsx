// A petition figure: the number as a button that opens the petitions behind it.
import type { StatsDrill } from '../../../../shared/stats/definitions.ts';
import { formatCount } from '../petitions/format.ts';
import './stats.css';

export interface DrillTarget {
  drill: StatsDrill;
  part: string | null;
  /** The figure's full name, e.g. "Đơn đủ điều kiện xử lý — Khiếu nại". */
  label: string;
  value: number;
}

export function Figure({ label, value, drill, part = null, onDrill }: {
  label: string;
  value: number;
  drill: StatsDrill;
  part?: string | null;
  onDrill(target: DrillTarget): void;
}) {
  return (
    <button
      type="button"
      className="st-fig"
      data-zero={value === 0}
      aria-label={`${label}: ${formatCount(value)} đơn`}
      title={`Xem danh sách ${formatCount(value)} đơn`}
      onClick={() => onDrill({ drill, part, label, value })}
    >
      {formatCount(value)}
    </button>
  );
}

/** A figure that is not a list of petitions (a sum of parts, or counts of sessions and visits). */
export function Plain({ value, title, strong = false }: { value: number; title?: string; strong?: boolean }) {
  return (
    <span className="st-plain" data-strong={strong} data-zero={value === 0} title={title}>
      {formatCount(value)}
    </span>
  );
}
