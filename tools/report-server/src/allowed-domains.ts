/**
 * Origins allowed to embed a session's dashboard, as QuickSight's
 * AllowedDomains: `https://host.example` exactly, or every subdomain of
 * a domain with `https://*.example.com`.
 */
export class AllowedDomains {
  private constructor(readonly entries: string[]) {}

  /** @returns undefined when an entry is not an http(s) origin. */
  static parse(entries: string[]): AllowedDomains | undefined {
    const parsed = entries.map(normalise);
    return parsed.every((entry) => entry !== undefined)
      ? new AllowedDomains(parsed)
      : undefined;
  }

  allows(origin: string): boolean {
    return this.entries.some((entry) => {
      const wildcard = /^(https?:\/\/)\*\.(.+)$/.exec(entry);
      if (!wildcard) return entry === origin;
      const [, scheme = '', domain = ''] = wildcard;
      return origin.startsWith(scheme) && origin.endsWith(`.${domain}`);
    });
  }
}

function normalise(entry: string): string | undefined {
  // `*` cannot be parsed as a host; a placeholder label stands in for it.
  const wildcard = /^https?:\/\/\*\./.test(entry);
  const text = wildcard ? entry.replace('*.', 'wildcard.') : entry;
  try {
    const url = new URL(text);
    const bare = url.origin === text.replace(/\/$/, '');
    if (!bare || !/^https?:$/.test(url.protocol)) return undefined;
    return wildcard ? url.origin.replace('wildcard.', '*.') : url.origin;
  } catch {
    return undefined;
  }
}
