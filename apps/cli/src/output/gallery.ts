import { writeFile } from 'node:fs/promises';

export interface GalleryEntry {
  snapshotId: string;
  title: string;
  /** Campus, region and filters, as a reader would describe them. */
  caption: string;
  status: 'READY' | 'FAILED';
  /** Path of the picture relative to the gallery file, when READY. */
  picture?: string;
  format: 'png' | 'pdf';
  reason?: string;
}

/**
 * Writes a self-contained HTML page that shows every snapshot of a run with
 * its campus and parameters, so a person can see at a glance what the
 * service produced.
 */
export async function writeGallery(
  path: string,
  heading: string,
  entries: readonly GalleryEntry[],
): Promise<void> {
  const cards = entries.map(card).join('\n');
  const page = `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>${escape(heading)}</title>
<style>
body{font:14px system-ui,sans-serif;margin:24px;background:#f4f5f7;color:#222}
h1{font-size:20px}
.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(320px,1fr));
gap:16px}
figure{margin:0;background:#fff;border-radius:8px;padding:12px;
box-shadow:0 1px 3px #0002}
figure img{width:100%;border:1px solid #ddd}
figcaption{margin-top:8px}
.failed{color:#b00020}
code{font-size:12px;color:#666}
</style></head>
<body><h1>${escape(heading)}</h1>
<div class="grid">
${cards}
</div></body></html>
`;
  await writeFile(path, page, 'utf8');
}

function card(entry: GalleryEntry): string {
  const body =
    entry.status === 'READY' && entry.picture
      ? entry.format === 'pdf'
        ? `<a href="${escape(entry.picture)}">PDF</a>`
        : `<a href="${escape(entry.picture)}"><img loading="lazy" ` +
          `src="${escape(entry.picture)}" alt="${escape(entry.title)}"></a>`
      : `<p class="failed">FAILED: ${escape(entry.reason ?? 'unknown')}</p>`;
  return (
    `<figure>${body}<figcaption><strong>${escape(entry.title)}` +
    `</strong><br>${escape(entry.caption)}<br>` +
    `<code>${escape(entry.snapshotId)}</code></figcaption></figure>`
  );
}

function escape(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;');
}
