import {
  HostNotAllowedError,
  InvalidOriginError,
} from './quicksight-url-error';

interface AllowedOrigin {
  protocol: string;
  port: string;
  /** Exact host name, or the parent domain of a `*.` entry. */
  hostname: string;
  subdomains: boolean;
}

/**
 * Decides which origins a capture may open. Entries are origins
 * (`https://reports.example.com`, `http://127.0.0.1:4000`) or a wildcard
 * for the subdomains of one domain (`https://*.quicksight.aws.amazon.com`).
 * Only http and https URLs can be allowed; anything unparseable is refused.
 */
export class HostAllowList {
  private readonly entries: AllowedOrigin[];

  constructor(origins: readonly string[]) {
    this.entries = origins.map(parseAllowedOrigin);
  }

  /** The entries as given, normalised (e.g. for QuickSight AllowedDomains). */
  get origins(): string[] {
    return this.entries.map(
      (entry) =>
        `${entry.protocol}//${entry.subdomains ? '*.' : ''}${entry.hostname}` +
        (entry.port ? `:${entry.port}` : ''),
    );
  }

  isAllowed(url: string): boolean {
    let target: URL;
    try {
      target = new URL(url);
    } catch {
      return false;
    }
    return this.entries.some((entry) => matches(entry, target));
  }

  /** @throws HostNotAllowedError when {@link isAllowed} is false. */
  assertAllowed(url: string): void {
    if (!this.isAllowed(url)) throw new HostNotAllowedError(url);
  }
}

function matches(entry: AllowedOrigin, target: URL): boolean {
  if (target.protocol !== entry.protocol || target.port !== entry.port) {
    return false;
  }
  return entry.subdomains
    ? target.hostname.endsWith(`.${entry.hostname}`)
    : target.hostname === entry.hostname;
}

function parseAllowedOrigin(origin: string): AllowedOrigin {
  const wildcard = /^(https?:\/\/)\*\./.exec(origin);
  // `*` is not a valid host character, so the wildcard is swapped for a
  // placeholder label before parsing.
  const text = wildcard ? origin.replace('*.', 'wildcard.') : origin;
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    throw new InvalidOriginError(origin, 'not a URL');
  }

  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new InvalidOriginError(origin, 'only http and https are allowed');
  }
  const bare =
    parsed.pathname === '/' &&
    !parsed.search &&
    !parsed.hash &&
    !parsed.username &&
    !parsed.password &&
    !text.endsWith('?') &&
    !text.endsWith('#');
  if (!bare) {
    throw new InvalidOriginError(
      origin,
      'an origin has no path, query, fragment or credentials',
    );
  }
  return {
    protocol: parsed.protocol,
    port: parsed.port,
    hostname: wildcard
      ? parsed.hostname.slice('wildcard.'.length)
      : parsed.hostname,
    subdomains: wildcard !== null,
  };
}
