/**
 * Who embedded this page through the QuickSight Embedding SDK. The SDK
 * adds `contextId` and `discriminator` to the frame's query and routes
 * the events a page posts by this target; without it, they are dropped.
 */
export interface EmbeddingTarget {
  experienceType: 'DASHBOARD';
  contextId: string;
  dashboardId: string;
  discriminator: number;
}

/** The target of this page, when an SDK embedded it; else undefined. */
export function readEmbeddingTarget(): EmbeddingTarget | undefined {
  const query = new URLSearchParams(location.search);
  const contextId = query.get('contextId');
  if (!contextId || window.parent === window) return undefined;

  // The SDK reads the dashboard id from the frame's path, as done here.
  const dashboardId = /\/dashboards\/([\w-]+)$/.exec(location.pathname)?.[1];
  if (!dashboardId) return undefined;
  return {
    experienceType: 'DASHBOARD',
    contextId,
    dashboardId,
    discriminator: Number(query.get('discriminator') ?? 0),
  };
}

/**
 * Where the control frame of one embedding context hands on the host's
 * messages: frames of one origin under one page share the channel.
 */
export function embeddingChannel(contextId: string): BroadcastChannel {
  return new BroadcastChannel(`quicksight-embedding-${contextId}`);
}

/** Whether a message from the host is meant for `target`. */
export function isFor(eventTarget: unknown, target: EmbeddingTarget): boolean {
  if (typeof eventTarget !== 'object' || eventTarget === null) return false;
  const { experienceType, contextId, dashboardId, discriminator } =
    eventTarget as Partial<EmbeddingTarget>;
  return (
    experienceType === target.experienceType &&
    contextId === target.contextId &&
    dashboardId === target.dashboardId &&
    discriminator === target.discriminator
  );
}
