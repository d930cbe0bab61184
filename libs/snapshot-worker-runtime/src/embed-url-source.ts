import { QuickSightClient } from '@aws-sdk/client-quicksight';
import {
  QuickSightEmbedUrls,
  ReportServerUrls,
  sessionTagsFromParameters,
  type EmbedUrlSource,
} from '@snapshots/quicksight-url';
import type { ReportSource } from './worker-settings';

/** The URL source the settings name: the report server or QuickSight. */
export function embedUrlSource(
  source: ReportSource,
  region: string,
): EmbedUrlSource {
  if (source.kind === 'report-server') {
    return new ReportServerUrls({
      baseUrl: source.baseUrl,
      query: source.query,
      sessionTtlSeconds: source.sessionTtlSeconds,
    });
  }

  const tags = Object.keys(source.sessionTags).length > 0;
  return new QuickSightEmbedUrls({
    client: new QuickSightClient({ region }),
    accountId: source.accountId,
    region,
    sessionLifetimeMinutes: source.sessionMinutes,
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
