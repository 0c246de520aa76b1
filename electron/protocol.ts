// Serves the renderer (dist/renderer) over app://renderer/ instead of file://, with the CSP on
// every response. Paths are resolved by security.ts's resolveAppRequest; anything else is a 404.
import { pathToFileURL } from 'node:url';
import { net, protocol, type Session } from 'electron';
import { APP_SCHEME, appResponseHeaders, resolveAppRequest, withCspHeader } from './security.ts';

function notFound(): Response {
  return new Response('Không tìm thấy', { status: 404, headers: { ...appResponseHeaders(null), 'Content-Type': 'text/plain; charset=utf-8' } });
}

/** protocol.handle('app', ...): call after app is ready. */
export function registerAppProtocol(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET' && request.method !== 'HEAD') return notFound();
    const file = resolveAppRequest(rendererDir, request.url);
    if (!file) return notFound();
    let upstream: Response;
    try {
      upstream = await net.fetch(pathToFileURL(file).toString());
    } catch {
      return notFound(); // missing file: net::ERR_FILE_NOT_FOUND
    }
    if (!upstream.ok) return notFound();
    return new Response(request.method === 'HEAD' ? null : upstream.body, { status: 200, headers: appResponseHeaders(file) });
  });
}

/** The same CSP on every response the session receives (devtools' own pages excepted). */
export function enforceCsp(ses: Session): void {
  ses.webRequest.onHeadersReceived((details, callback) => {
    if (details.url.startsWith('devtools:')) {
      callback({});
      return;
    }
    callback({ responseHeaders: withCspHeader(details.responseHeaders) });
  });
}
