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

/** Posts to the embedding window, or to this one when not embedded. */
export function postToHost(eventName: HostEventName, message: unknown): void {
  window.parent.postMessage(
    {
      eventName,
      eventLevel: eventName === 'ERROR_OCCURRED' ? 'ERROR' : 'INFO',
      message,
      timestamp: Date.now(),
    },
    '*',
  );
}

/** Calls `handle` for each well-formed SET_PARAMETERS message. */
export function onSetParameters(
  handle: (changes: ParameterChange[]) => void,
): void {
  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    if (event.source !== window.parent && event.source !== window) return;
    const changes = readSetParameters(event.data);
    if (changes) handle(changes);
  });
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
