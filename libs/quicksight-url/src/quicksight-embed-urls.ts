import {
  GenerateEmbedUrlForAnonymousUserCommand,
  GenerateEmbedUrlForRegisteredUserCommand,
} from '@aws-sdk/client-quicksight';

import type { EmbedUrlSource, EmbeddedDashboard } from './embed-url-source';
import {
  withParameterFragment,
  type ReportParameters,
} from './parameter-fragment';
import { EmbedUrlError, QuickSightUrlError } from './quicksight-url-error';
import type { SessionTagsFor } from './session-tags';

/** The one call of the QuickSight client this source makes. */
export interface QuickSightEmbedClient {
  send(
    command:
      | GenerateEmbedUrlForRegisteredUserCommand
      | GenerateEmbedUrlForAnonymousUserCommand,
  ): Promise<{ EmbedUrl?: string }>;
}

/** A QuickSight user who owns the session. */
export interface RegisteredViewer {
  kind: 'registered';
  userArn: string;
}

/** A session with no QuickSight user, scoped by row-level security tags. */
export interface AnonymousViewer {
  kind: 'anonymous';
  /** QuickSight namespace; `default` when not given. */
  namespace?: string;
  sessionTags?: SessionTagsFor;
}

export interface QuickSightEmbedUrlsOptions {
  client: QuickSightEmbedClient;
  accountId: string;
  region: string;
  /** ARN partition, `aws` unless in China or GovCloud. */
  partition?: string;
  viewer: RegisteredViewer | AnonymousViewer;
  /** 15 to 600 minutes; 15 by default. */
  sessionLifetimeMinutes?: number;
  /** Overrides the account's embedding domains (at most three). */
  allowedDomains?: string[];
}

/**
 * Embed URLs from QuickSight itself, with the parameter fragment added.
 * Each call makes a new one-time URL, and so a new session.
 */
export class QuickSightEmbedUrls implements EmbedUrlSource {
  private readonly lifetime: number;

  constructor(private readonly options: QuickSightEmbedUrlsOptions) {
    this.lifetime = options.sessionLifetimeMinutes ?? 15;
    if (
      !Number.isInteger(this.lifetime) ||
      this.lifetime < 15 ||
      this.lifetime > 600
    ) {
      throw new QuickSightUrlError(
        'sessionLifetimeMinutes must be a whole number from 15 to 600',
      );
    }
  }

  async embedUrl(
    report: EmbeddedDashboard,
    parameters: ReportParameters,
  ): Promise<string> {
    let response: { EmbedUrl?: string };
    try {
      response = await this.options.client.send(
        this.command(report.dashboardId, parameters),
      );
    } catch (cause) {
      const reason = cause instanceof Error ? cause.name : 'request failed';
      throw new EmbedUrlError(report.dashboardId, reason, { cause });
    }

    if (!response.EmbedUrl) {
      throw new EmbedUrlError(report.dashboardId, 'response has no EmbedUrl');
    }
    return withParameterFragment(response.EmbedUrl, parameters);
  }

  /**
   * A registered viewer sees what that user may see; an anonymous one
   * what its namespace and session tags allow, so the tags the parameters
   * give are part of the key (sorted: their order means nothing).
   */
  sessionKey(report: EmbeddedDashboard, parameters: ReportParameters): string {
    const { accountId, viewer } = this.options;
    const shared = { accountId, dashboardId: report.dashboardId };
    if (viewer.kind === 'registered') {
      return JSON.stringify({ ...shared, userArn: viewer.userArn });
    }

    const tags = (viewer.sessionTags?.(parameters) ?? [])
      .map((tag) => [tag.Key ?? '', tag.Value ?? ''])
      .sort(([a = ''], [b = '']) => a.localeCompare(b));
    return JSON.stringify({
      ...shared,
      namespace: viewer.namespace ?? 'default',
      tags,
    });
  }

  private command(dashboardId: string, parameters: ReportParameters) {
    const { accountId, viewer, allowedDomains } = this.options;
    const shared = {
      AwsAccountId: accountId,
      SessionLifetimeInMinutes: this.lifetime,
      ExperienceConfiguration: {
        Dashboard: { InitialDashboardId: dashboardId },
      },
      ...(allowedDomains ? { AllowedDomains: allowedDomains } : {}),
    };

    if (viewer.kind === 'registered') {
      return new GenerateEmbedUrlForRegisteredUserCommand({
        ...shared,
        UserArn: viewer.userArn,
      });
    }

    const tags = viewer.sessionTags?.(parameters) ?? [];
    return new GenerateEmbedUrlForAnonymousUserCommand({
      ...shared,
      Namespace: viewer.namespace ?? 'default',
      AuthorizedResourceArns: [this.dashboardArn(dashboardId)],
      ...(tags.length > 0 ? { SessionTags: tags } : {}),
    });
  }

  private dashboardArn(dashboardId: string): string {
    const { partition = 'aws', region, accountId } = this.options;
    return `arn:${partition}:quicksight:${region}:${accountId}:dashboard/${dashboardId}`;
  }
}
