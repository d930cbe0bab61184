import { AllowedDomains } from '../allowed-domains';
import { RequestError } from '../report-server-error';
import type { Session } from '../sessions';

/**
 * Holds an embedded page to its session's allowed domains, as QuickSight
 * holds a dashboard to the AllowedDomains of its embed URL: the origin of
 * the embedding page, which the Embedding SDK adds to the frame's URL as
 * `punyCodeEmbedOrigin`, must be one of them. Answers the headers that
 * make the browser refuse any other embedding page as well.
 *
 * @throws RequestError DOMAIN_NOT_ALLOWED (403) for another origin.
 */
export function checkEmbeddingOrigin(
  session: Session,
  url: URL,
): Record<string, string> {
  const { allowedDomains } = session;
  if (!allowedDomains) return {};

  const origin = embeddingOrigin(url.searchParams.get('punyCodeEmbedOrigin'));
  const allowed = AllowedDomains.parse(allowedDomains);
  if (!origin || !allowed?.allows(origin)) {
    throw new RequestError(
      403,
      'DOMAIN_NOT_ALLOWED',
      'the page embedding this dashboard is not in its allowed domains',
    );
  }
  return {
    'content-security-policy': `frame-ancestors ${allowedDomains.join(' ')}`,
  };
}

/**
 * The origin the SDK encoded: `location.origin` plus `/`, punycoded. An
 * origin is ASCII already (the URL parser punycodes host names), and
 * punycode leaves ASCII as it is, ending it with its `-` delimiter.
 */
function embeddingOrigin(encoded: string | null): string | undefined {
  if (!encoded?.endsWith('/-')) return undefined;
  try {
    return new URL(encoded.slice(0, -2)).origin;
  } catch {
    return undefined;
  }
}
