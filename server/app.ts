import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { existsSync } from 'node:fs';
import { z } from 'zod';
import { ERROR_MESSAGES, type ErrorCode } from '../core/errors';
import type { AccountRecord, VillageRecord } from '../core/records';
import { ROLE_LABELS } from '../core/roles';
import { FUNCTION_ROUTES } from '../cloudfunctions/registry';
import type { Clock } from '../cloudfunctions/shared/clock';
import type { EmbeddedFileStore } from '../cloudfunctions/shared/files/embedded';
import { dispatch, type LogEntry } from '../cloudfunctions/shared/handler';
import { signLocalToken, verifyLocalToken } from '../cloudfunctions/shared/identity';
import type { Store } from '../cloudfunctions/shared/store/port';
import { serveFiles } from './files';

/**
 * The local gateway: every cloud function at POST /api/<fn>, the H5 build at /, and (only on the
 * embedded store outside production) demo sign-in at /api/dev/*.
 */
export interface GatewayOptions {
  readonly store: Store;
  readonly clock: Clock;
  readonly tokenSecret: string;
  /** Offer /api/dev/users, /api/dev/login and /api/dev/outbox. Only true on the embedded store outside production. */
  readonly devRoutes: boolean;
  /** The H5 build to serve; omitted in API-only tests. */
  readonly staticDir?: string;
  readonly log?: (entry: LogEntry) => void;
  /** Where uploads go (H5 and local development); without it POST and GET /api/files are not offered. */
  readonly files?: EmbeddedFileStore;
  /** Largest request body; larger ones get PAYLOAD_TOO_LARGE. */
  readonly bodyLimit?: number;
}

function fail(reply: FastifyReply, code: ErrorCode, status = 200): FastifyReply {
  return reply.code(status).send({ ok: false, error: { code, message: ERROR_MESSAGES[code] } });
}

/** Uploads above this are refused at the door; each function sets its own, smaller, limit. */
const MAX_UPLOAD = 5 * 1024 * 1024;

const DevLogin = z.strictObject({ userId: z.string().min(1).max(64) });
const DevOutbox = z.strictObject({ accountId: z.string().min(1).max(64) });

function bearer(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const m = /^Bearer\s+(\S+)$/i.exec(header);
  return m ? m[1] : undefined;
}

export async function buildGateway(options: GatewayOptions): Promise<FastifyInstance> {
  // forceCloseConnections: a browser's idle keep-alive socket must not hold up a shutdown.
  const app = Fastify({ logger: false, bodyLimit: options.bodyLimit ?? 1024 * 1024, forceCloseConnections: true });
  const { store, clock } = options;

  // Transport-level failures (bad JSON, too large, wrong content type) still answer in the contract.
  app.setErrorHandler((error: { statusCode?: number; code?: string }, request, reply) => {
    if (error.statusCode === 413 || error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      return fail(reply, request.url.startsWith('/api/files') ? 'FILE_TOO_LARGE' : 'PAYLOAD_TOO_LARGE');
    }
    if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
      return fail(reply, 'INVALID_INPUT');
    }
    return fail(reply, 'INTERNAL', 500);
  });

  app.get('/api/health', async () => ({ ok: true, data: { status: 'up' } }));

  app.post<{ Params: { fn: string } }>('/api/:fn', async (request, reply) => {
    const fn = request.params.fn;
    const table = Object.prototype.hasOwnProperty.call(FUNCTION_ROUTES, fn)
      ? FUNCTION_ROUTES[fn as keyof typeof FUNCTION_ROUTES]
      : undefined;
    if (!table) return fail(reply, 'UNKNOWN_ACTION');
    const identity = verifyLocalToken(options.tokenSecret, bearer(request.headers.authorization), clock.now());
    return dispatch(table, request.body ?? null, { store, clock, identity, files: options.files, log: options.log });
  });

  const files = options.files;
  if (files) {
    // Uploads (CSV rosters, photos) arrive as raw bytes; the name travels URI-encoded in a header.
    app.addContentTypeParser(
      ['application/octet-stream', 'text/csv'],
      { parseAs: 'buffer', bodyLimit: MAX_UPLOAD },
      (_req, body, done) => done(null, body),
    );
    app.post('/api/files', { bodyLimit: MAX_UPLOAD }, async (request, reply) => {
      const identity = verifyLocalToken(options.tokenSecret, bearer(request.headers.authorization), clock.now());
      const account =
        identity?.kind === 'local' ? await store.get<AccountRecord>('accounts', identity.accountId) : null;
      if (!account) return fail(reply, 'UNAUTHENTICATED');
      if (!Buffer.isBuffer(request.body) || request.body.length === 0) return fail(reply, 'FILE_TYPE');
      let name = 'upload';
      try {
        name = decodeURIComponent(String(request.headers['x-file-name'] ?? 'upload')).slice(0, 100);
      } catch {
        // a badly encoded name is not worth refusing the file for
      }
      const fileId = files.save(request.body, name, account._id, clock.now());
      return { ok: true, data: { fileId, size: request.body.length } };
    });
    serveFiles(app, { store, clock, tokenSecret: options.tokenSecret, files });
  }

  if (options.devRoutes) {
    app.get('/api/dev/users', async () => {
      const accounts = await store.find<AccountRecord>('accounts', { demo: true }, { limit: 200 });
      const villages = new Map<string, string>();
      for (const v of await store.find<VillageRecord>('villages', {}, { limit: 1000 })) villages.set(v._id, v.name);
      const order = (a: AccountRecord) => (a.roles.includes('townshipStaff') ? 1 : 0);
      return {
        ok: true,
        data: accounts
          .sort(
            (a, b) =>
              order(a) - order(b) || (a.villageId ?? '').localeCompare(b.villageId ?? '') || a._id.localeCompare(b._id),
          )
          .map((a) => ({
            accountId: a._id,
            name: a.name,
            roles: a.roles,
            roleLabels: a.roles.map((r) => ROLE_LABELS[r]),
            villageName: a.villageId
              ? (villages.get(a.villageId) ?? '')
              : a.roles.includes('townshipStaff')
                ? '乡镇'
                : '还没加入村子',
          })),
      };
    });
    app.post('/api/dev/login', async (request, reply) => {
      const parsed = DevLogin.safeParse(request.body);
      if (!parsed.success) return fail(reply, 'INVALID_INPUT');
      const account = await store.get<AccountRecord>('accounts', parsed.data.userId);
      if (!account || !account.demo) return fail(reply, 'NOT_FOUND');
      return { ok: true, data: { token: signLocalToken(options.tokenSecret, account._id, clock.now()) } };
    });
    // What would be sent to a demo user (matters' notifications), newest first: there is no WeChat to send to here.
    app.get('/api/dev/outbox', async (request, reply) => {
      const parsed = DevOutbox.safeParse(request.query);
      if (!parsed.success) return fail(reply, 'INVALID_INPUT');
      const account = await store.get<AccountRecord>('accounts', parsed.data.accountId);
      if (!account || !account.demo) return fail(reply, 'NOT_FOUND');
      const items = account.personId
        ? await store.find('outbox', { personId: account.personId }, { sort: [['at', 'desc']], limit: 50 })
        : [];
      return { ok: true, data: items };
    });
  }

  // Unknown API paths answer in the contract too, never with an HTML page.
  app.all('/api/*', async (_request, reply) => fail(reply, 'UNKNOWN_ACTION', 404));

  if (options.staticDir && existsSync(options.staticDir)) {
    await app.register(fastifyStatic, { root: options.staticDir, prefix: '/', wildcard: true });
  }
  return app;
}
