import { QuickSightClient } from '@aws-sdk/client-quicksight';
import {
  QuickSightEmbedUrls,
  ReportServerUrls,
  sessionTagsFromParameters,
  type EmbedUrlSource,
} from '@snapshots/quicksight-url';
import type { ReportSource } from './worker-settings';

/**
 * The URL source the settings name: the report server or QuickSight. Its
 * sessions render only inside a page at `hostOrigin`, the captures' host
 * page.
 */
export function embedUrlSource(
  source: ReportSource,
  region: string,
  hostOrigin: string,
): EmbedUrlSource {
  if (source.kind === 'report-server') {
    return new ReportServerUrls({
      baseUrl: source.baseUrl,
      query: source.query,
      sessionTtlSeconds: source.sessionTtlSeconds,
      allowedDomains: [hostOrigin],
    });
  }

  const tags = Object.keys(source.sessionTags).length > 0;
  return new QuickSightEmbedUrls({
    client: new QuickSightClient({ region }),
    accountId: source.accountId,
    region,
    sessionLifetimeMinutes: source.sessionMinutes,
    allowedDomains: [hostOrigin],
    viewer: source.userArn
      ? { kind: 'registered', userArn: source.userArn }
      : {
          kind: 'anonymous',
          namespace: source.namespace,
          ...(tags
            ? { sessionTags: sessionTagsFromParameters(source.sessionTags) }
            : {}),
        },
  });
}
