import type { Page } from 'puppeteer-core';
import { z } from 'zod';

import { EMBED_EVENT_BINDING } from './host-page';

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
 * Forwards the events the host page's Embedding SDK hands it into `log`.
 * Only the report's own origin reaches the SDK (the host page sees to
 * that), and the allow-list lets no other frame load at all.
 */
export async function exposeEmbedEvents(
  page: Page,
  log: EmbedEventLog,
): Promise<void> {
  await page.exposeFunction(EMBED_EVENT_BINDING, (data: unknown) => {
    log.record(data);
  });
}
