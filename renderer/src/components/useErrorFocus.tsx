// After a failed save: focus and scroll go to the FIRST invalid field in the order the officer
// sees them (DOM order, not react-hook-form's registration order), and a summary of the errors
// at the top of the form is announced (role=alert).
import { Alert, List } from '@mantine/core';
import { useCallback, useRef, useState, type ReactNode } from 'react';

function describe(form: HTMLFormElement, el: HTMLElement): string {
  const label = el.id ? form.querySelector(`label[for="${CSS.escape(el.id)}"]`)?.textContent?.replace(/\s*\*\s*$/, '').trim() : null;
  const errorId = (el.getAttribute('aria-describedby') ?? '').split(/\s+/).find((id) => id.endsWith('-error'));
  const message = errorId ? document.getElementById(errorId)?.textContent?.trim() : null;
  return [label || el.getAttribute('aria-label'), message].filter(Boolean).join(': ');
}

/** The error message shown under a group of choices (Mantine's wrapper puts it after the group). */
function errorOfGroup(group: HTMLElement): string | null {
  const wrapper = group.closest('.mantine-InputWrapper-root') ?? group;
  return wrapper.querySelector('.mantine-InputWrapper-error')?.textContent?.trim() || null;
}

function describeGroup(group: HTMLElement): string {
  const labelId = group.getAttribute('aria-labelledby');
  const label = (labelId ? document.getElementById(labelId)?.textContent : group.getAttribute('aria-label'))?.replace(/\s*\*\s*$/, '').trim();
  return [label, errorOfGroup(group)].filter(Boolean).join(': ');
}

export function useErrorFocus(): { ref: React.RefObject<HTMLFormElement | null>; onInvalid(): void; summary: ReactNode; clear(): void } {
  const ref = useRef<HTMLFormElement | null>(null);
  const [lines, setLines] = useState<string[]>([]);
  const onInvalid = useCallback(() => {
    // The errors are on the fields once React has rendered them.
    window.setTimeout(() => {
      const form = ref.current;
      if (!form) return;
      const invalid = [...form.querySelectorAll<HTMLElement>('[aria-invalid="true"]')].filter((el) => !el.closest('[aria-hidden="true"]'));
      // A group of choices (radio buttons) shows its error under the group, with no invalid input:
      // the group counts as one invalid field, focused on its first choice.
      const groups = [...form.querySelectorAll<HTMLElement>('[role="radiogroup"]')].filter((g) => errorOfGroup(g) !== null && !g.querySelector('[aria-invalid="true"]'));
      const items = [...invalid.map((el) => ({ el, line: describe(form, el), focus: el })), ...groups.map((g) => ({ el: g, line: describeGroup(g), focus: g.querySelector<HTMLElement>('input:checked, input') ?? g }))];
      items.sort((a, b) => (a.el.compareDocumentPosition(b.el) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
      setLines([...new Set(items.map((i) => i.line).filter(Boolean))]);
      const first = items[0]?.focus;
      if (first) {
        first.scrollIntoView({ block: 'center' });
        first.focus({ preventScroll: true });
      } else {
        form.scrollIntoView({ block: 'start' });
      }
    }, 40);
  }, []);
  const summary =
    lines.length > 0 ? (
      <Alert color="red" role="alert" title={`Chưa lưu được: ${lines.length} ô cần sửa`} data-testid="error-summary">
        <List size="sm">
          {lines.map((line) => (
            <List.Item key={line}>{line}</List.Item>
          ))}
        </List>
      </Alert>
    ) : null;
  return { ref, onInvalid, summary, clear: () => setLines([]) };
}
