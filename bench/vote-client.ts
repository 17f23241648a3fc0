import { connect, type Socket } from 'node:net';

/**
 * The load generator for bench/vote, in its own process so that it does not share the gateway's
 * event loop: reads {url, motionId, tokens, clients} as JSON on stdin, casts one ballot per token
 * with at most `clients` in flight, one keep-alive connection each to 127.0.0.1, and prints
 * {seconds, latenciesMs, failed, cpuMsPerRequest} as JSON.
 *
 * It speaks just enough HTTP/1.1 itself (requests written out in advance, answers framed by
 * Content-Length) rather than through node:http, whose client costs about four times the CPU a
 * request: on two cores the phones' side of the load would otherwise take a large share of the
 * machine from the gateway it is meant to measure. Every answer is still read to its end and parsed.
 */
interface Job {
  readonly url: string;
  readonly motionId: string;
  readonly tokens: readonly string[];
  readonly clients: number;
}

const HEAD_END = Buffer.from('\r\n\r\n');

/** One keep-alive connection with one request at a time on it. */
class Connection {
  private buffered: Buffer = Buffer.alloc(0);
  private waiting: { resolve: (body: string) => void; reject: (e: Error) => void } | null = null;

  constructor(private readonly socket: Socket) {
    socket.setNoDelay(true);
    socket.on('data', (d: Buffer) => {
      this.buffered = this.buffered.length === 0 ? d : Buffer.concat([this.buffered, d]);
      this.answer();
    });
    const lost = (e?: Error) => this.fail(e ?? new Error('the gateway closed the connection'));
    socket.on('error', lost);
    socket.on('close', () => lost());
  }

  static open(url: URL): Promise<Connection> {
    return new Promise((resolve, reject) => {
      const socket = connect(Number(url.port), url.hostname, () => {
        socket.off('error', reject);
        resolve(new Connection(socket));
      });
      socket.once('error', reject);
    });
  }

  send(request: Buffer): Promise<string> {
    if (this.waiting) return Promise.reject(new Error('one request at a time'));
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.socket.write(request);
    });
  }

  close(): void {
    this.waiting = null;
    this.socket.destroy();
  }

  private fail(e: Error): void {
    const w = this.waiting;
    this.waiting = null;
    w?.reject(e);
  }

  private answer(): void {
    const end = this.buffered.indexOf(HEAD_END);
    if (end < 0) return;
    const head = this.buffered.subarray(0, end).toString('latin1');
    const status = /^HTTP\/1\.1 (\d{3})/.exec(head);
    const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
    if (!status || !length) {
      this.fail(new Error(`an answer this client cannot frame: ${JSON.stringify(head.slice(0, 200))}`));
      return;
    }
    const bodyEnd = end + HEAD_END.length + Number(length[1]);
    if (this.buffered.length < bodyEnd) return;
    const body = this.buffered.subarray(end + HEAD_END.length, bodyEnd).toString('utf8');
    this.buffered = this.buffered.subarray(bodyEnd);
    const w = this.waiting;
    this.waiting = null;
    w?.resolve(body);
  }
}

async function main(): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  const job = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Job;
  const url = new URL(job.url);
  const body = JSON.stringify({ action: 'votes.cast', motionId: job.motionId, choices: ['yes'] });
  const requests = job.tokens.map((token) =>
    Buffer.from(
      `POST ${url.pathname} HTTP/1.1\r\nHost: ${url.host}\r\nContent-Type: application/json\r\n` +
        `Authorization: Bearer ${token}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    ),
  );
  const connections = await Promise.all(Array.from({ length: job.clients }, () => Connection.open(url)));
  const latencies: number[] = new Array(requests.length);
  let failed = 0;
  let firstFailure: string | null = null;
  let next = 0;
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  await Promise.all(
    connections.map(async (connection) => {
      while (next < requests.length) {
        const i = next;
        next += 1;
        const s = performance.now();
        const answer = await connection.send(requests[i]);
        latencies[i] = performance.now() - s;
        if (!(JSON.parse(answer) as { ok?: unknown }).ok) {
          failed += 1;
          firstFailure ??= answer.slice(0, 300);
        }
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  for (const c of connections) c.close();
  if (firstFailure) console.error(`first refused ballot: ${firstFailure}`);
  process.stdout.write(
    JSON.stringify({
      seconds,
      latenciesMs: latencies,
      failed,
      cpuMsPerRequest: (cpu.user + cpu.system) / 1000 / requests.length,
    }),
  );
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
