import type { FastifyInstance, FastifyReply } from 'fastify';
import { ERROR_MESSAGES, type ErrorCode } from '../core/errors';
import type { AccountRecord } from '../core/records';
import { imageType, MAX_PHOTO_BYTES } from '../cloudfunctions/matters/photos';
import type { Clock } from '../cloudfunctions/shared/clock';
import type { EmbeddedFileStore } from '../cloudfunctions/shared/files/embedded';
import type { StoredFile } from '../cloudfunctions/shared/files/port';
import { resolveCaller, verifyLocalToken } from '../cloudfunctions/shared/identity';
import type { Store } from '../cloudfunctions/shared/store/port';

/**
 * GET /api/files/:id: a stored photo, for H5 and local development (WeChat shows `cloud://` ids
 * itself). Only to a signed-in caller of the village the uploader belongs to (township staff: a
 * village in their scope), and only pictures: a roster CSV is for the committee's import, never
 * served back. Anything else answers 404 NOT_FOUND, so an id tells nothing about whether it exists.
 */
const CONTENT_TYPES = { jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp' } as const;

function fail(reply: FastifyReply, code: ErrorCode, status: number): FastifyReply {
  return reply.code(status).send({ ok: false, error: { code, message: ERROR_MESSAGES[code] } });
}

function bearer(header: string | undefined): string | undefined {
  const m = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return m ? m[1] : undefined;
}

export function serveFiles(
  app: FastifyInstance,
  options: {
    readonly store: Store;
    readonly clock: Clock;
    readonly tokenSecret: string;
    readonly files: EmbeddedFileStore;
  },
): void {
  const { store, clock, files } = options;
  app.get<{ Params: { id: string } }>('/api/files/:id', async (request, reply) => {
    const identity = verifyLocalToken(options.tokenSecret, bearer(request.headers.authorization), clock.now());
    const caller = await resolveCaller(store, identity);
    if (!caller) return fail(reply, 'UNAUTHENTICATED', 401);
    let file: StoredFile;
    try {
      file = await files.read(request.params.id, MAX_PHOTO_BYTES);
    } catch {
      return fail(reply, 'NOT_FOUND', 404);
    }
    const kind = imageType(file.bytes);
    const uploader = file.uploadedBy ? await store.get<AccountRecord>('accounts', file.uploadedBy) : null;
    const village = uploader?.villageId ?? null;
    const maySee =
      file.uploadedBy === caller.accountId ||
      (village !== null && (caller.villageId === village || caller.scopeVillageIds.includes(village)));
    if (!kind || !maySee) {
      return fail(reply, 'NOT_FOUND', 404);
    }
    return (
      reply
        .header('content-type', CONTENT_TYPES[kind])
        .header('content-length', String(file.size))
        .header('x-content-type-options', 'nosniff')
        // Ids are random and a stored file never changes: the browser may keep it, privately.
        .header('cache-control', 'private, max-age=86400, immutable')
        .send(file.bytes)
    );
  });
}
