import { InvalidLinkRequestError } from './presigner-error';

// Characters a quoted file name may hold as they are; anything else goes
// only into the UTF-8 form, so that no browser is handed a broken header.
const plainName = /^[A-Za-z0-9._-]+$/;
const maxNameLength = 200;

/**
 * `inline; filename="x.png"`, with an RFC 5987 `filename*` when the name is
 * not plain ASCII, so a browser shows the snapshot and saves it under a
 * name a person can read.
 */
export function inlineDisposition(fileName: string): string {
  if (fileName.length === 0 || fileName.length > maxNameLength) {
    throw new InvalidLinkRequestError(
      'fileName',
      `must be 1 to ${maxNameLength} characters`,
    );
  }
  if (/[\p{Cc}/\\]/u.test(fileName)) {
    throw new InvalidLinkRequestError(
      'fileName',
      'must not contain control characters or path separators',
    );
  }

  if (plainName.test(fileName)) return `inline; filename="${fileName}"`;

  const fallback = fileName.replace(/[^A-Za-z0-9._-]/g, '_');
  const encoded = encodeURIComponent(fileName).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
  return `inline; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
