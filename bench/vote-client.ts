import { Agent, request } from 'node:http';

/**
 * The load generator for bench/vote, in its own process so that it does not share the gateway's
 * event loop: reads {url, motionId, tokens, clients} as JSON on stdin, casts one ballot per token
 * with at most `clients` in flight over keep-alive connections to 127.0.0.1, and prints
 * {seconds, latenciesMs, failed} as JSON.
 */
interface Job {
  readonly url: string;
  readonly motionId: string;
  readonly tokens: readonly string[];
  readonly clients: number;
}

function post(agent: Agent, url: URL, token: string, body: string): Promise<boolean> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        hostname: url.hostname,
        port: url.port,
        path: url.pathname,
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${token}`,
          'content-length': Buffer.byteLength(body),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve((JSON.parse(Buffer.concat(chunks).toString('utf8')) as { ok: boolean }).ok));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

async function main(): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  const job = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Job;
  const url = new URL(job.url);
  const agent = new Agent({ keepAlive: true, maxSockets: job.clients });
  const body = JSON.stringify({ action: 'votes.cast', motionId: job.motionId, choices: ['yes'] });
  const latencies: number[] = new Array(job.tokens.length);
  let failed = 0;
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: job.clients }, async () => {
      while (next < job.tokens.length) {
        const i = next;
        next += 1;
        const s = performance.now();
        if (!(await post(agent, url, job.tokens[i], body))) failed += 1;
        latencies[i] = performance.now() - s;
      }
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  agent.destroy();
  process.stdout.write(JSON.stringify({ seconds, latenciesMs: latencies, failed }));
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
