import { deflateSync } from 'node:zlib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { visible } from './page';

/**
 * What the browser suites share about the demo township: signing in as a demo user on the pick
 * page, calling the gateway as one (for set-up the pages do not cover), and a real small photo.
 */

/** On the demo sign-in page at `url`, picks the user named `name` and waits for their greeting. */
export async function pickDemoUser(page: Page, url: string, name: string): Promise<void> {
  await page.goto(url);
  await visible(page, '.demo-user').first().waitFor();
  await visible(page, '.demo-user').filter({ hasText: name }).first().click();
  await visible(page, '.xz-title')
    .filter({ hasText: `您好，${name}` })
    .waitFor();
}

export interface DemoUser {
  readonly accountId: string;
  readonly name: string;
}

/**
 * The demo users' phones in one browser suite: a browser context each (375×740, a cheap phone's
 * screen), signed in on the demo pick page. Every browser pop-up is collected in `dialogs` and
 * dismissed: no page may hurry a villager with one, and each suite checks at its end that none came.
 */
export function demoPhones(gatewayUrl: () => string, browser: () => Browser) {
  const contexts: BrowserContext[] = [];
  const dialogs: string[] = [];
  let users: DemoUser[] = [];
  const watchDialogs = (page: Page): void => {
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
  };
  const nameOf = (id: string): string => {
    const u = users.find((x) => x.accountId === id);
    if (!u) throw new Error(`no demo user ${id}`);
    return u.name;
  };
  return {
    dialogs,
    watchDialogs,
    nameOf,
    /** Reads the demo users from the gateway (once it runs). */
    async loadUsers(): Promise<void> {
      users = ((await (await fetch(`${gatewayUrl()}/api/dev/users`)).json()) as { data: DemoUser[] }).data;
    },
    /** A fresh phone, signed in as the demo account `id`. */
    async open(
      id: string,
      options: { acceptDownloads?: boolean } = {},
    ): Promise<{ page: Page; context: BrowserContext }> {
      const context = await browser().newContext({
        viewport: { width: 375, height: 740 },
        deviceScaleFactor: 1,
        ...options,
      });
      contexts.push(context);
      const page = await context.newPage();
      watchDialogs(page);
      await pickDemoUser(page, gatewayUrl(), nameOf(id));
      return { page, context };
    },
    /** Closes every phone opened so far. */
    async closeAll(): Promise<void> {
      for (const c of contexts.splice(0)) await c.close();
    },
  };
}

/**
 * The gateway's API as a demo user (dev sign-in, one token per account kept): resolves with the
 * data, or throws `action: CODE message` when refused. The gateway's address is read at each call
 * (suites start it in beforeAll).
 */
export function demoApi(gatewayUrl: () => string) {
  const tokens = new Map<string, string>();
  return async <T>(accountId: string, action: string, input: Record<string, unknown> = {}): Promise<T> => {
    const url = gatewayUrl();
    let token = tokens.get(accountId);
    if (!token) {
      const login = (await (
        await fetch(`${url}/api/dev/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ userId: accountId }),
        })
      ).json()) as { data: { token: string } };
      token = login.data.token;
      tokens.set(accountId, token);
    }
    const res = (await (
      await fetch(`${url}/api/${action.slice(0, action.indexOf('.'))}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ ...input, action }),
      })
    ).json()) as { ok: boolean; data: T; error?: { code: string; message: string } };
    if (!res.ok) throw new Error(`${action}: ${res.error?.code ?? '?'} ${res.error?.message ?? ''}`);
    return res.data;
  };
}

/** A small real PNG (a 24×24 grey square), built here so the server's byte check sees a picture. */
export function tinyPng(): Buffer {
  const table = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (buf: Buffer) => {
    let c = 0xffffffff;
    for (const b of buf) c = table[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const len = Buffer.alloc(4);
    len.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const sum = Buffer.alloc(4);
    sum.writeUInt32BE(crc(body));
    return Buffer.concat([len, body, sum]);
  };
  const size = 24;
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // truecolour
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(size * 3, 0x88)]);
  const raw = Buffer.concat(Array.from({ length: size }, () => row));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
