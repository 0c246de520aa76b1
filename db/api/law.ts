// API methods of the law in force since 1 July 2026: notices to citizens and the to-do list of
// legal deadlines besides the Board's handling (db/ops/notices.ts).
import { vietnamDate } from '../../shared/domain/dates.ts';
import { getNotice, issueNotice, lawTodo, listNotices } from '../ops/notices.ts';
import type { HandlerTable } from './table.ts';

export function registerLawMethods(t: HandlerTable): void {
  t.method('notices.list', (input, { register }) => listNotices(register.db, input));
  t.method('notices.get', (input, { register }) => getNotice(register.db, input.id));
  t.method('notices.issue', (input, ctx) => issueNotice(ctx, input));
  t.method('todo.law', (_input, { register }) => lawTodo(register.db, vietnamDate(register.now())));
}
