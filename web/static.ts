// Serving the built renderer from disk without ever leaving its folder.
import fs from 'node:fs';
import path from 'node:path';

export { CONTENT_SECURITY_POLICY, contentTypeFor as contentType } from '../shared/security.ts';

/** The file under root that a URL path names, or null if it escapes root or does not exist. */
export function resolveStaticFile(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const base = path.resolve(root);
  const file = path.resolve(base, '.' + path.posix.normalize('/' + decoded));
  if (file !== base && !file.startsWith(base + path.sep)) return null;
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) return null;
  return file;
}
