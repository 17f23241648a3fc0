import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CollectionSpec } from '../../cloudfunctions/shared/store/collections';
import { StandinData, StandinError } from './standin-data';
import { EjsonError, parse, type Document } from './standin-ejson';
import { StandinProtocol, type Body } from './standin-protocol';
import { StandinBadUpdate, StandinUnsupported } from './standin-query';

/**
 * A STAND-IN FOR THE CLOUDBASE DATABASE SERVICE, for tests only. It is not CloudBase and was not
 * checked against CloudBase: it answers the `/admin` HTTP protocol that the real
 * @cloudbase/node-sdk speaks (as observed in ../shared/CLOUDBASE-SDK.md) from memory, with
 * MongoDB-like semantics for the subset of operators our adapter sends. What it cannot tell us
 * about the real service is listed in docs/DEPLOY.md.
 *
 * It records every request, and a test can intercept one to answer it by hand (an error code, a
 * body that is not JSON, or no answer at all).
 */
export interface RecordedRequest {
  readonly action: string;
  readonly url: string;
  readonly body: Body;
}

export type InterceptReply =
  { readonly body: unknown; readonly status?: number } | { readonly raw: string; readonly status?: number } | 'hang';

export type Intercept = (body: Body) => InterceptReply | undefined;

export interface StandinOptions {
  /** Used for unique indexes, which the stand-in enforces as MongoDB does. */
  readonly collections?: Readonly<Record<string, CollectionSpec>>;
}

function errorCode(e: unknown): { code: string; message: string } {
  const message = e instanceof Error ? e.message : String(e);
  if (e instanceof StandinError) return { code: e.code, message };
  if (e instanceof StandinBadUpdate) return { code: 'DATABASE_REQUEST_FAILED', message };
  if (e instanceof StandinUnsupported) return { code: 'STANDIN_UNSUPPORTED', message };
  if (e instanceof EjsonError || e instanceof SyntaxError) return { code: 'STANDIN_BAD_REQUEST', message };
  return { code: 'STANDIN_INTERNAL', message };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export class CloudbaseStandin {
  readonly requests: RecordedRequest[] = [];
  intercept: Intercept | undefined;
  private readonly data: StandinData;
  private readonly protocol: StandinProtocol;
  private seq = 0;

  private constructor(
    private readonly server: Server,
    options: StandinOptions,
  ) {
    this.data = new StandinData(options.collections ?? {});
    this.protocol = new StandinProtocol(this.data);
    server.on('request', (req: IncomingMessage, res: ServerResponse) => void this.serve(req, res));
  }

  static async start(options: StandinOptions = {}): Promise<CloudbaseStandin> {
    const server = createServer();
    const standin = new CloudbaseStandin(server, options);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return standin;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  /** The serviceUrl to give the SDK. */
  get url(): string {
    return `http://127.0.0.1:${this.port}/admin`;
  }

  /** Requests of one action, in order. */
  actions(action: string): Body[] {
    return this.requests.filter((r) => r.action === action).map((r) => r.body);
  }

  clearRequests(): void {
    this.requests.length = 0;
  }

  reset(): void {
    this.data.reset();
    this.requests.length = 0;
    this.intercept = undefined;
  }

  createCollection(name: string): void {
    this.data.createCollection(name);
  }

  /** Puts documents in directly, bypassing the protocol (for large fixtures). */
  seed(coll: string, docs: readonly Document[]): void {
    for (const doc of docs) this.data.commitWrite(coll, String(doc._id), structuredClone(doc));
  }

  dump(coll: string): Document[] {
    return this.data.documents(coll).map((d) => structuredClone(d));
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const text = await readBody(req);
    let body: Body;
    try {
      body = JSON.parse(text) as Body;
    } catch {
      res.writeHead(400).end();
      return;
    }
    const action = typeof body.action === 'string' ? body.action : '?';
    this.requests.push({ action, url: req.url ?? '', body });
    const requestId = `standin-${++this.seq}`;
    const manual = this.intercept?.(body);
    if (manual === 'hang') return;
    if (manual) {
      const payload = 'raw' in manual ? manual.raw : JSON.stringify(manual.body);
      res.writeHead(manual.status ?? 200, { 'content-type': 'application/json' }).end(payload);
      return;
    }
    let reply: Body;
    try {
      reply = { ...(await this.protocol.handle(body)), requestId };
    } catch (e) {
      // The SDK only sees an error body on HTTP 200: a non-200 status loses the body.
      reply = { ...errorCode(e), requestId };
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(reply));
  }
}

/** Parses an EJSON string field of a recorded request, for assertions. */
export function ejsonField(body: Body, field: string): unknown {
  const v = body[field];
  return typeof v === 'string' ? parse(v) : v;
}
