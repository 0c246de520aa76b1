// The period a choice of the period picker names (stats.periods), or why it names none. Shared by
// the statistics and the official reports screens.
import { useEffect, useState } from 'react';
import { api, errorMessage } from '../../api.ts';
import type { Period } from '../../../../shared/stats/periods.ts';
import type { PeriodChoice } from './state.ts';

export function usePeriod(choice: PeriodChoice): { period: Period | null; error: string | null } {
  const [state, setState] = useState<{ period: Period | null; error: string | null }>({ period: null, error: null });
  const key = JSON.stringify(choice);
  useEffect(() => {
    const c = JSON.parse(key) as PeriodChoice;
    if (c.kind === 'custom' && (!c.from || !c.to)) {
      setState({ period: null, error: 'Chọn từ ngày và đến ngày của kỳ báo cáo.' });
      return;
    }
    let live = true;
    api.stats
      .periods({ kind: c.kind, year: c.year, index: c.index, ...(c.kind === 'custom' ? { from: c.from, to: c.to } : {}) })
      .then((period) => live && setState((s) => (s.period?.from === period.from && s.period.to === period.to ? { ...s, error: null } : { period, error: null })))
      .catch((e: unknown) => live && setState({ period: null, error: errorMessage(e) }));
    return () => {
      live = false;
    };
  }, [key]);
  return state;
}

