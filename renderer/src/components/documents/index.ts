// Printing the Board's documents from the renderer: the preview dialog and the button that opens it.
export { DocumentButton, DocumentPreview, type DocumentButtonProps, type DocumentPreviewProps } from './DocumentPreview.tsx';
export type { DocumentRequest } from '../../../../shared/documents/kinds.ts';
