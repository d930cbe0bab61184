import { embeddingChannel } from './embedding';

/**
 * The control frame of the QuickSight Embedding SDK: the host page sends
 * every request (SET_PARAMETERS, ...) here, and it hands them on to the
 * dashboards of the same embedding context, which answer the host
 * themselves. The host's acknowledgements of events end here.
 */
function main(): void {
  const contextId = new URLSearchParams(location.search).get('contextId');
  if (!contextId) return;
  const channel = embeddingChannel(contextId);

  window.addEventListener('message', (event: MessageEvent<unknown>) => {
    if (event.source !== window.parent) return;
    const data = event.data;
    if (typeof data !== 'object' || data === null) return;
    if ((data as { eventName?: unknown }).eventName === 'ACKNOWLEDGE') return;
    channel.postMessage(data);
  });
}

main();
