import {
  embeddingChannel,
  isFor,
  readEmbeddingTarget,
  type EmbeddingTarget,
} from './embedding';

/**
 * The embedding protocol of QuickSight's Embedding SDK: events posted to
 * the host window, and SET_PARAMETERS taken from it. Capture code written
 * for QuickSight listens to these unchanged.
 */
export type HostEventName =
  'CONTENT_LOADED' | 'ERROR_OCCURRED' | 'PARAMETERS_CHANGED' | 'SIZE_CHANGED';

export interface ParameterChange {
  Name: string;
  Values: string[];
}

// Read once, first: every event then carries it.
let embedder: EmbeddingTarget | undefined;

/** Learns whether an Embedding SDK embedded this page; call first. */
export function joinEmbedding(): void {
  embedder = readEmbeddingTarget();
}

/**
 * Posts to the embedding window, or to this one when not embedded. Under
 * the SDK the event names its target, by which the SDK routes it.
 */
export function postToHost(eventName: HostEventName, message: unknown): void {
  window.parent.postMessage(
    {
      eventName,
      eventLevel: eventName === 'ERROR_OCCURRED' ? 'ERROR' : 'INFO',
      message,
      timestamp: Date.now(),
      ...(embedder ? { eventTarget: embedder } : {}),
    },
    '*',
  );
}

/**
 * Calls `handle` for each well-formed SET_PARAMETERS: posted straight to
 * this window (a host without the SDK), or sent by the SDK through its
 * control frame, which is answered by the request's eventId.
 */
export function onSetParameters(
  handle: (changes: ParameterChange[]) => void,
): void {
  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    if (event.source !== window.parent && event.source !== window) return;
    const changes = readSetParameters(event.data);
    if (changes) handle(changes);
  });

  const target = embedder;
  if (!target) return;
  embeddingChannel(target.contextId).addEventListener(
    'message',
    (event: MessageEvent<unknown>) => {
      const request = event.data as Record<string, unknown> | null;
      if (!request || !isFor(request.eventTarget, target)) return;
      answerSdkRequest(request, handle);
    },
  );
}

function answerSdkRequest(
  request: Record<string, unknown>,
  handle: (changes: ParameterChange[]) => void,
): void {
  const reply = (message: object) =>
    window.parent.postMessage(
      { eventName: request.eventName, eventId: request.eventId, message },
      '*',
    );

  if (request.eventName !== 'SET_PARAMETERS') {
    reply({ success: false, errorCode: 'UNSUPPORTED_REQUEST' });
    return;
  }
  const changes = readSetParameters(request);
  if (!changes) {
    reply({ success: false, errorCode: 'INVALID_PARAMETERS' });
    return;
  }
  handle(changes);
  reply({ success: true });
}

function readSetParameters(data: unknown): ParameterChange[] | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const { eventName, message } = data as Record<string, unknown>;
  if (eventName !== 'SET_PARAMETERS' || !Array.isArray(message)) {
    return undefined;
  }
  const changes = message.filter(
    (item): item is ParameterChange =>
      typeof item === 'object' &&
      item !== null &&
      typeof (item as ParameterChange).Name === 'string' &&
      Array.isArray((item as ParameterChange).Values) &&
      (item as ParameterChange).Values.every((v) => typeof v === 'string'),
  );
  return changes.length === message.length ? changes : undefined;
}

/** Posts SIZE_CHANGED whenever the page's height changes. */
export function reportSizeChanges(): void {
  let height = -1;
  new ResizeObserver(() => {
    const now = document.documentElement.scrollHeight;
    if (now === height) return;
    height = now;
    postToHost('SIZE_CHANGED', { height });
  }).observe(document.body);
}
