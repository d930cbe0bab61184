import type { Page } from 'puppeteer-core';
import { z } from 'zod';

/** The embedding events a report posts (QuickSight Embedding SDK names). */
export type EmbedEventName =
  'CONTENT_LOADED' | 'ERROR_OCCURRED' | 'PARAMETERS_CHANGED' | 'SIZE_CHANGED';

export interface EmbedEvent {
  /** Position in the page's event stream, from 1. */
  sequence: number;
  eventName: EmbedEventName;
  eventLevel?: string;
  message?: unknown;
}

const postedEvent = z.object({
  eventName: z.enum([
    'CONTENT_LOADED',
    'ERROR_OCCURRED',
    'PARAMETERS_CHANGED',
    'SIZE_CHANGED',
  ]),
  eventLevel: z.string().optional(),
  message: z.unknown().optional(),
});

const errorMessage = z.object({
  errorCode: z.string().optional(),
  visualId: z.string().optional(),
});

// Only the recent past matters: readiness looks at events after a mark.
const KEPT_EVENTS = 64;
const BINDING = '__snapshotsEmbedEvent';

/**
 * The embedding events one page has posted, in order. Readiness takes a
 * {@link mark} before it changes something and then looks only at what
 * came after it.
 */
export class EmbedEventLog {
  private events: EmbedEvent[] = [];
  private sequence = 0;
  private readonly listeners = new Set<() => void>();

  get mark(): number {
    return this.sequence;
  }

  record(posted: unknown): void {
    const parsed = postedEvent.safeParse(posted);
    if (!parsed.success) return;

    this.events.push({ sequence: ++this.sequence, ...parsed.data });
    if (this.events.length > KEPT_EVENTS) this.events.shift();
    for (const listener of this.listeners) listener();
  }

  since(mark: number, eventName?: EmbedEventName): EmbedEvent[] {
    return this.events.filter(
      (event) =>
        event.sequence > mark &&
        (eventName === undefined || event.eventName === eventName),
    );
  }

  /** The first ERROR_OCCURRED after `mark`, as code and visual. */
  errorSince(
    mark: number,
  ): { errorCode: string; visualId?: string } | undefined {
    const [event] = this.since(mark, 'ERROR_OCCURRED');
    if (!event) return undefined;
    const message = errorMessage.safeParse(event.message);
    return {
      errorCode: (message.success && message.data.errorCode) || 'UNKNOWN',
      visualId: message.success ? message.data.visualId : undefined,
    };
  }

  /** Resolves at the next event, or after `ms`, whichever comes first. */
  nextEvent(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.listeners.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.listeners.add(done);
    });
  }
}

/**
 * Shortcoming: the capture opens the embed URL as the top page, and relies
 * on the report posting its events to itself, as the report server does.
 * QuickSight posts them only to a host page that embeds it with the
 * Embedding SDK; this goes away when captures of real QuickSight open such
 * a host page (same origin as the allow-list) around the embed URL.
 *
 * Forwards the messages the report posts to its window (or, embedded, to
 * the top window) into `log`. Installed before any script of the report
 * runs, so no early event is missed; as source text, since a compiled
 * function may reference helpers the page does not have.
 */
export async function bridgeEmbedEvents(
  page: Page,
  log: EmbedEventLog,
  isAllowedOrigin: (origin: string) => boolean,
): Promise<void> {
  await page.exposeFunction(BINDING, (origin: string, data: unknown) => {
    // A frame from elsewhere must not be able to declare the report ready.
    if (isAllowedOrigin(origin)) log.record(data);
  });
  await page.evaluateOnNewDocument(`
    window.addEventListener('message', (event) => {
      const forward = window[${JSON.stringify(BINDING)}];
      if (typeof forward === 'function') forward(event.origin, event.data);
    });
  `);
}
