import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import type { Logger } from '@snapshots/logging';
import {
  checkRequestFitsReport,
  type ReportCatalogue,
  type ReportDefinition,
} from '@snapshots/reports';
import {
  InvalidRequestError,
  parseSnapshotRequest,
  snapshotIdentity,
  type CanonicalRequest,
} from '@snapshots/snapshot-keys';
import type {
  EnsureOutcome,
  SnapshotRecord,
  SnapshotStore,
} from '@snapshots/snapshot-metadata';
import type { Caller } from '../access/caller';
import { mayList, mayRequest } from '../access/scope';
import {
  DispatchFailedError,
  InvalidInputError,
  ReportNotFoundError,
  ScopeForbiddenError,
  SnapshotNotFoundError,
} from '../service-error';
import type { DataEpochSource } from './data-epochs';
import type { SnapshotDispatcher } from './dispatcher';
import { parseReportId, parseSnapshotId } from './path-parameters';
import { describeReport, type ReportSummary } from './report-summary';
import type { SnapshotLinks } from './snapshot-links';
import type { SnapshotView } from './snapshot-view';

export interface SnapshotServiceOptions {
  catalogue: ReportCatalogue;
  store: SnapshotStore;
  epochs: DataEpochSource;
  dispatcher: SnapshotDispatcher;
  links: SnapshotLinks;
  logger: Logger;
  metrics: Pick<Metrics, 'addMetric'>;
  /** What a 202 tells the caller to wait before polling again. */
  retryAfterSeconds: number;
  /**
   * How long a render started here may take before its snapshot counts
   * as abandoned (see `renderDeadlineMs`).
   */
  renderDeadlineMs: number;
  /** Epoch milliseconds; `Date.now` unless a test hands in another. */
  clock?: () => number;
}

// What a caller polling abandoned work is told; the log says more.
const abandonedReason =
  'the render stopped without an answer; request the snapshot again';

/**
 * The private on-demand flow, free of HTTP: request a snapshot, read one,
 * list the reports. Every input is checked (shape, report, scope) before
 * anything is read or written.
 */
export class SnapshotService {
  constructor(private readonly options: SnapshotServiceOptions) {}

  /**
   * Answers with a link when the snapshot is READY. Otherwise makes sure
   * the metadata exists and starts a render only when this call created
   * (or reset) it; every concurrent caller joins that one render.
   */
  async request(
    caller: Caller,
    pathReportId: string | undefined,
    body: unknown,
  ): Promise<SnapshotView> {
    const report = this.report(parseReportId(pathReportId));
    const request = parseBody(report, body);
    if (!mayRequest(caller, request)) throw new ScopeForbiddenError(request);

    const dataEpoch = await this.options.epochs.dataEpoch();
    const identity = snapshotIdentity(request, {
      version: report.version,
      dataEpoch,
    });
    const { logger, renderDeadlineMs } = this.options;
    logger.appendKeys({
      reportId: report.reportId,
      snapshotId: identity.snapshotId,
    });

    const known = await this.options.store.get(identity.snapshotId);
    if (known?.status === 'READY') return this.served(known, 'hit');

    const { record, outcome } = await this.options.store.ensure({
      snapshotId: identity.snapshotId,
      reportId: report.reportId,
      request,
      reportVersion: report.version,
      dataEpoch,
      objectKey: identity.objectKey,
      deadline: (this.options.clock ?? Date.now)() + renderDeadlineMs,
    });
    return this.afterEnsure(record, outcome);
  }

  /** The state of one snapshot the caller may see. */
  async status(
    caller: Caller,
    pathSnapshotId: string | undefined,
  ): Promise<SnapshotView> {
    const snapshotId = parseSnapshotId(pathSnapshotId);
    const record = await this.options.store.get(snapshotId);
    if (!record) throw new SnapshotNotFoundError(snapshotId);
    if (!mayRequest(caller, record.request)) {
      throw new ScopeForbiddenError(record.request);
    }
    this.options.logger.appendKeys({
      reportId: record.reportId,
      snapshotId,
    });

    if (record.status === 'READY') return this.served(record, 'status');
    if (this.options.store.isAbandoned(record)) return this.abandon(record);
    return this.view(record);
  }

  /** The reports this caller may request, with their parameters. */
  listReports(caller: Caller): ReportSummary[] {
    return this.options.catalogue
      .list()
      .filter((report) => mayList(caller, report))
      .map(describeReport);
  }

  private report(reportId: string): ReportDefinition {
    const report = this.options.catalogue.get(reportId);
    if (!report) throw new ReportNotFoundError(reportId);
    return report;
  }

  private async afterEnsure(
    record: SnapshotRecord,
    outcome: EnsureOutcome,
  ): Promise<SnapshotView> {
    switch (outcome) {
      case 'ready':
        return this.served(record, 'hit');
      case 'joined':
        this.count('SnapshotJoin');
        this.options.logger.info('render joined', { status: record.status });
        return this.view(record);
      case 'created':
      case 'reset':
        this.count('SnapshotCacheMiss');
        await this.dispatch(record, outcome);
        return this.view(record);
    }
  }

  /**
   * Ends work that nothing will end any more (its starter died before
   * the render began, or its execution was stopped), so that a polling
   * caller gets an answer and the next request starts the work over. The
   * store's condition decides: a reset or a heartbeat since the read wins.
   */
  private async abandon(record: SnapshotRecord): Promise<SnapshotView> {
    const { logger, store } = this.options;
    const { record: current, abandoned } = await store.abandon(
      record.snapshotId,
      abandonedReason,
    );
    if (abandoned) {
      this.count('SnapshotAbandoned');
      logger.warn('snapshot abandoned', {
        attempt: record.attempt,
        status: record.status,
        deadline: record.deadline,
      });
    }

    if (current.status === 'READY') return this.served(current, 'status');
    return this.view(current);
  }

  private async dispatch(
    record: SnapshotRecord,
    outcome: 'created' | 'reset',
  ): Promise<void> {
    const { dispatcher, logger, store } = this.options;
    try {
      await dispatcher.dispatch({
        snapshotId: record.snapshotId,
        reportId: record.reportId,
        request: record.request,
        reportVersion: record.reportVersion,
        dataEpoch: record.dataEpoch,
        objectKey: record.objectKey,
        attempt: record.attempt,
      });
      logger.info('render started', { outcome, attempt: record.attempt });
    } catch (cause) {
      // Nothing else will move this snapshot on: fail it so the next
      // request resets it instead of joining a render that never runs.
      logger.error('render not started', { error: cause as Error });
      this.count('SnapshotDispatchFailed');
      await store
        .markAttemptFailed(
          record.snapshotId,
          record.attempt,
          'the render could not be started',
        )
        .catch((error: unknown) =>
          logger.error('snapshot not marked failed', {
            error: error as Error,
          }),
        );
      throw new DispatchFailedError(record.snapshotId, { cause });
    }
  }

  private async served(
    record: SnapshotRecord,
    why: 'hit' | 'status',
  ): Promise<SnapshotView> {
    if (why === 'hit') {
      this.count('SnapshotCacheHit');
      this.options.logger.info('snapshot served from cache');
    }
    // The link is a bearer credential: it goes to the caller, never to a
    // log line.
    const link = await this.options.links.link(record);
    return {
      status: 'READY',
      snapshotId: record.snapshotId,
      url: link.url,
      expiresAt: link.expiresAt,
    };
  }

  private view(record: SnapshotRecord): SnapshotView {
    switch (record.status) {
      case 'FAILED':
        return {
          status: 'FAILED',
          snapshotId: record.snapshotId,
          reason: record.failureReason ?? 'the render failed',
        };
      case 'PENDING':
      case 'RENDERING':
      case 'READY':
        return {
          status: record.status === 'RENDERING' ? 'RENDERING' : 'PENDING',
          snapshotId: record.snapshotId,
          retryAfterSeconds: this.options.retryAfterSeconds,
        };
    }
  }

  private count(metric: string): void {
    this.options.metrics.addMetric(metric, MetricUnit.Count, 1);
  }
}

/**
 * The body as a canonical request that fits its report: the shape first,
 * then what the report takes (its scope, its filters).
 */
function parseBody(report: ReportDefinition, body: unknown): CanonicalRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new InvalidInputError('INVALID_REQUEST', 'the body is not valid', [
      { path: '', message: 'must be a JSON object' },
    ]);
  }
  if (Object.hasOwn(body, 'reportId')) {
    // The path names the report; a second name in the body could disagree.
    throw new InvalidInputError('INVALID_REQUEST', 'the body is not valid', [
      { path: 'reportId', message: 'is not a known field' },
    ]);
  }

  try {
    const request = parseSnapshotRequest({
      ...body,
      reportId: report.reportId,
    });
    checkRequestFitsReport(report, request);
    return request;
  } catch (error) {
    if (!(error instanceof InvalidRequestError)) throw error;
    throw new InvalidInputError(
      'INVALID_REQUEST',
      'the body is not valid',
      error.issues,
      { cause: error },
    );
  }
}
