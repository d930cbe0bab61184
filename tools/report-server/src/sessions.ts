import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { RequestError } from './report-server-error';

export const sessionRequestSchema = z.object({
  dashboardId: z.string().min(1).max(100),
  ttlSeconds: z.number().int().min(1).max(36_000).default(600),
  // As GenerateEmbedUrl's AllowedDomains: at most three origins.
  allowedDomains: z.array(z.string().min(1).max(300)).min(1).max(3).optional(),
});

export interface Session {
  dashboardId: string;
  expiresAt: number;
  /** Origins whose pages may embed the session; any when absent. */
  allowedDomains?: string[];
}

/**
 * Embed sessions, as QuickSight's embed URLs: a token that opens one
 * dashboard until it expires. Kept in memory; a restart ends them all.
 */
export class SessionRegistry {
  private readonly sessions = new Map<string, Session>();

  constructor(private readonly clock: () => number = Date.now) {}

  create(
    dashboardId: string,
    ttlSeconds: number,
    allowedDomains?: string[],
  ): Session & { token: string } {
    this.forgetExpired();
    const token = randomBytes(18).toString('base64url');
    const session: Session = {
      dashboardId,
      expiresAt: this.clock() + ttlSeconds * 1000,
      ...(allowedDomains ? { allowedDomains } : {}),
    };
    this.sessions.set(token, session);
    return { token, ...session };
  }

  /** The session behind `token`, or SESSION_EXPIRED (also when unknown). */
  check(token: string, dashboardId: string): Session & { expiresInMs: number } {
    const session = this.sessions.get(token);
    const expiresInMs = session ? session.expiresAt - this.clock() : 0;
    if (!session || expiresInMs <= 0) {
      throw new RequestError(
        401,
        'SESSION_EXPIRED',
        'the embed session has expired',
      );
    }
    if (session.dashboardId !== dashboardId) {
      throw new RequestError(
        403,
        'SESSION_EXPIRED',
        'the embed session is for another dashboard',
      );
    }
    return { ...session, expiresInMs };
  }

  private forgetExpired(): void {
    const now = this.clock();
    for (const [token, session] of this.sessions) {
      if (session.expiresAt <= now) this.sessions.delete(token);
    }
  }
}
