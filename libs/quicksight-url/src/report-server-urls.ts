import type { EmbedUrlSource, EmbeddedDashboard } from './embed-url-source';
import {
  withParameterFragment,
  type ReportParameters,
} from './parameter-fragment';
import { EmbedUrlError } from './quicksight-url-error';

export interface ReportServerUrlsOptions {
  /** The report server's address, e.g. `http://127.0.0.1:4000`. */
  baseUrl: string;
  /**
   * When set, every URL comes from a fresh embed session that expires
   * after this many seconds, as with QuickSight; otherwise the server's
   * public embed address, which needs no session, is used.
   */
  sessionTtlSeconds?: number;
  /**
   * Origins of the pages that may embed a session's dashboard, as
   * QuickSight's AllowedDomains; any page when absent.
   */
  allowedDomains?: string[];
  /** Extra query string entries, e.g. `{ fault: 'slow' }` in tests. */
  query?: Record<string, string>;
  fetch?: typeof fetch;
}

const sessionResponse = (body: unknown): string | undefined =>
  typeof body === 'object' &&
  body !== null &&
  'embedUrl' in body &&
  typeof body.embedUrl === 'string'
    ? body.embedUrl
    : undefined;

/** Embed URLs of the local report server, built like QuickSight's. */
export class ReportServerUrls implements EmbedUrlSource {
  private readonly baseUrl: string;
  private readonly fetch: typeof fetch;

  constructor(private readonly options: ReportServerUrlsOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.fetch = options.fetch ?? fetch;
  }

  async embedUrl(
    report: EmbeddedDashboard,
    parameters: ReportParameters,
  ): Promise<string> {
    const address =
      this.options.sessionTtlSeconds === undefined
        ? this.publicAddress(report.dashboardId)
        : await this.openSession(
            report.dashboardId,
            this.options.sessionTtlSeconds,
          );

    const url = new URL(address);
    for (const [key, value] of Object.entries(this.options.query ?? {})) {
      url.searchParams.set(key, value);
    }
    return withParameterFragment(url.toString(), parameters);
  }

  /**
   * The report server shows every viewer everything, so the dashboard and
   * the query (a fault changes what the page does) name its session.
   */
  sessionKey(report: EmbeddedDashboard): string {
    const query = Object.entries(this.options.query ?? {}).sort(([a], [b]) =>
      a.localeCompare(b),
    );
    return JSON.stringify({
      server: this.baseUrl,
      dashboardId: report.dashboardId,
      query,
    });
  }

  // Shaped as QuickSight's embed URLs (a session in the path, a query),
  // the one shape the Embedding SDK takes.
  private publicAddress(dashboardId: string): string {
    return (
      `${this.baseUrl}/embed/public/dashboards/` +
      `${encodeURIComponent(dashboardId)}?identityprovider=quicksight`
    );
  }

  private async openSession(
    dashboardId: string,
    ttlSeconds: number,
  ): Promise<string> {
    let response: Response;
    try {
      response = await this.fetch(`${this.baseUrl}/sessions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          dashboardId,
          ttlSeconds,
          allowedDomains: this.options.allowedDomains,
        }),
      });
    } catch (cause) {
      throw new EmbedUrlError(dashboardId, 'report server unreachable', {
        cause,
      });
    }

    if (!response.ok) {
      throw new EmbedUrlError(
        dashboardId,
        `report server answered ${response.status}`,
      );
    }
    const embedUrl = sessionResponse(await response.json());
    if (!embedUrl) {
      throw new EmbedUrlError(dashboardId, 'session has no embedUrl');
    }
    return new URL(embedUrl, this.baseUrl).toString();
  }
}
