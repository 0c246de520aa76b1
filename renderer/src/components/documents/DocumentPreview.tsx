// The print preview of a Board document: the page the core renders (documents.render), shown at
// A4 size in a sandboxed frame, with "In" (the system print dialog, for the frame only) and
// "Lưu PDF" (documents.pdf, saved through the browser's download). Every render and PDF is
// recorded as a print in the audit log by the core.
import { Alert, Button, Group, Loader, Modal, Stack, Text } from '@mantine/core';
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { downloadBase64 } from '../../download.ts';
import { api, errorMessage } from '../../api.ts';
import { DOCUMENT_TYPES, type DocumentRequest, type RenderedDocument } from '../../../../shared/documents/kinds.ts';

export interface DocumentPreviewProps {
  /** What to print; null keeps the preview closed. */
  request: DocumentRequest | null;
  onClose(): void;
}



export function DocumentPreview({ request, onClose }: DocumentPreviewProps) {
  const [doc, setDoc] = useState<RenderedDocument | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [frameHeight, setFrameHeight] = useState<number | null>(null);
  const frame = useRef<HTMLIFrameElement>(null);
  // The request as a value: a parent re-rendering with an equal object does not print again.
  const key = request ? JSON.stringify(request) : null;

  useEffect(() => {
    setDoc(null);
    setError(null);
    setFrameHeight(null);
    if (key === null) return;
    let live = true;
    api.documents
      .render(JSON.parse(key) as DocumentRequest)
      .then((rendered) => {
        if (live) setDoc(rendered);
      })
      .catch((e: unknown) => {
        if (live) setError(errorMessage(e));
      });
    return () => {
      live = false;
    };
  }, [key]);

  const landscape = request ? DOCUMENT_TYPES[request.kind].landscape : false;
  const pageWidth = landscape ? '297mm' : '210mm';
  const pageHeight = landscape ? '210mm' : '297mm';

  /** The frame grows to the document's height (several pages), so only the dialog scrolls. */
  const fit = () => {
    const body = frame.current?.contentDocument?.documentElement;
    if (body) setFrameHeight(body.scrollHeight + 4);
  };

  const print = () => {
    try {
      frame.current?.contentWindow?.print();
    } catch (e) {
      setError(`Không mở được hộp thoại in: ${errorMessage(e)}`);
    }
  };

  const savePdf = async () => {
    if (!request) return;
    setSaving(true);
    try {
      const pdf = await api.documents.pdf(request);
      downloadBase64(pdf.base64, 'application/pdf', pdf.fileName);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setSaving(false);
    }
  };

  const title = doc ? `${doc.title}${doc.number ? ` số ${doc.number}` : ''}` : request ? DOCUMENT_TYPES[request.kind].title : '';

  return (
    <Modal opened={request !== null} onClose={onClose} title={title} size={`calc(${pageWidth} + 48px)`} padding="md" aria-label="Xem trước văn bản">
      <Stack gap="sm">
        <Group justify="space-between">
          <Text size="sm" c="dimmed">
            {doc ? `Khổ A4${landscape ? ' ngang' : ''}. Mỗi lần in được ghi vào nhật ký.` : ''}
          </Text>
          <Group gap="xs">
            <Button variant="default" onClick={onClose}>
              Đóng
            </Button>
            <Button variant="default" onClick={savePdf} loading={saving} disabled={!doc}>
              Lưu PDF
            </Button>
            <Button onClick={print} disabled={!doc}>
              In
            </Button>
          </Group>
        </Group>
        {error && (
          <Alert color="red" title="Không in được văn bản" role="alert">
            {error}
          </Alert>
        )}
        {!doc && !error && (
          <Group justify="center" p="xl">
            <Loader size="sm" />
            <Text size="sm">Đang tạo văn bản…</Text>
          </Group>
        )}
        {doc && (
          <div style={{ overflowX: 'auto', background: '#e9ecef', padding: 8 }}>
            {/* No scripts run in the frame; same-origin only so that "In" can call its print(). */}
            <iframe
              ref={frame}
              title={doc.title}
              srcDoc={doc.html}
              sandbox="allow-modals allow-same-origin"
              onLoad={fit}
              style={{
                display: 'block',
                width: pageWidth,
                height: frameHeight === null ? pageHeight : `${frameHeight}px`,
                minHeight: pageHeight,
                border: 0,
                background: '#fff',
                margin: '0 auto',
                boxShadow: '0 1px 4px rgba(0,0,0,.25)',
              }}
            />
          </div>
        )}
      </Stack>
    </Modal>
  );
}

export interface DocumentButtonProps {
  request: DocumentRequest;
  label: ReactNode;
  variant?: 'default' | 'filled' | 'light' | 'outline' | 'subtle';
  size?: 'xs' | 'sm' | 'md';
  disabled?: boolean;
}

/** A button that opens the print preview of one document: `<DocumentButton request={…} label="In phiếu chuyển" />`. */
export function DocumentButton({ request, label, variant = 'default', size = 'xs', disabled }: DocumentButtonProps) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button variant={variant} size={size} disabled={disabled} onClick={() => setOpen(true)}>
        {label}
      </Button>
      <DocumentPreview request={open ? request : null} onClose={() => setOpen(false)} />
    </>
  );
}
