// The workflow's print buttons, all through one place: the documents component's DocumentButton
// (print preview with "In" and "Lưu PDF").
import { DocumentButton, type DocumentRequest } from '../documents/index.ts';

export function PrintButton({ request, label }: { request: DocumentRequest; label: string }) {
  return <DocumentButton request={request} label={label} variant="light" size="xs" />;
}
