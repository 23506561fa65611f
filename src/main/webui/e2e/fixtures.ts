import { type APIRequestContext, type Page, expect } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { deflateSync } from 'node:zlib';
import { join } from 'node:path';

// Playwright runs from src/main/webui; screenshots go to the build's target/ like every other test output.
export const SHOTS = join(process.cwd(), '../../../target/playwright/screenshots');
mkdirSync(SHOTS, { recursive: true });

let shot = 0;
/** A full-page screenshot of the screen the journey is on, numbered in journey order. */
export async function screenshot(page: Page, name: string): Promise<void> {
  shot += 1;
  await page.screenshot({ path: join(SHOTS, `${String(shot).padStart(2, '0')}-${name}.png`), fullPage: true });
}

/** Signs in through the dev picker, as a person would. */
export async function signIn(page: Page, login: string): Promise<void> {
  await page.goto('/signin');
  await page.getByTestId(`dev-login-${login}`).click();
  await expect(page).not.toHaveURL(/\/signin/);
}

export async function token(request: APIRequestContext, login: string): Promise<string> {
  const r = await request.get(`/dev/token/${login}`);
  expect(r.ok()).toBeTruthy();
  return (await r.text()).trim();
}

export async function gql<T = Record<string, unknown>>(request: APIRequestContext, login: string, query: string, variables: object = {}): Promise<T> {
  const r = await request.post('/graphql', {
    headers: { authorization: `Bearer ${await token(request, login)}` },
    data: { query, variables },
  });
  const body = await r.json();
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data as T;
}

/** Picks an option of an Ant Design select whose input has the given id. */
export async function choose(page: Page, inputId: string, option: string): Promise<void> {
  await page.locator(`#${inputId}`).click();
  await page.locator('.ant-select-dropdown:visible .ant-select-item-option', { hasText: option }).first().click();
}

const be32 = (v: number) => { const b = Buffer.alloc(4); b.writeUInt32BE(v >>> 0); return b; };
const be16 = (v: number) => { const b = Buffer.alloc(2); b.writeUInt16BE(v & 0xffff); return b; };
const box = (type: string, ...payload: Buffer[]) => { const p = Buffer.concat(payload); return Buffer.concat([be32(p.length + 8), Buffer.from(type, 'latin1'), p]); };

/**
 * An MP4 the service's verification accepts (ftyp, moov with one avc1 video track, mdat of filler), of the given
 * size, so the upload has several parts: the same structure the server tests build (MediaFixtures.movie).
 */
export function mp4(width: number, height: number, seconds: number, fps: number, mediaBytes: number): Buffer {
  const ts = 1000;
  const matrix = Buffer.concat([be32(0x10000), be32(0), be32(0), be32(0), be32(0x10000), be32(0), be32(0), be32(0), be32(0x40000000)]);
  const ftyp = box('ftyp', Buffer.from('isom', 'latin1'), be32(0x200), Buffer.from('isommp41', 'latin1'));
  const mvhd = box('mvhd', be32(0), be32(0), be32(0), be32(ts), be32(seconds * ts), be32(0x10000), be16(0x100), Buffer.alloc(10), matrix, Buffer.alloc(24), be32(2));
  const tkhd = box('tkhd', be32(3), be32(0), be32(0), be32(1), be32(0), be32(seconds * ts), Buffer.alloc(8), be16(0), be16(0), be16(0), be16(0), matrix, be32(width << 16), be32(height << 16));
  const mdhd = box('mdhd', be32(0), be32(0), be32(0), be32(ts), be32(seconds * ts), be16(0x55c4), be16(0));
  const hdlr = box('hdlr', be32(0), Buffer.alloc(4), Buffer.from('vide', 'latin1'), Buffer.alloc(12), Buffer.from('VideoHandler\0', 'latin1'));
  const avc1 = box('avc1', Buffer.alloc(6), be16(1), Buffer.alloc(16), be16(width), be16(height), be32(0x480000), be32(0x480000), be32(0), be16(1), Buffer.alloc(32), be16(0x18), be16(0xffff));
  const stsd = box('stsd', be32(0), be32(1), avc1);
  const stts = box('stts', be32(0), be32(1), be32(seconds * fps), be32(ts / fps));
  const vmhd = box('vmhd', be32(1), be16(0), be16(0), be16(0), be16(0));
  const moov = box('moov', mvhd, box('trak', tkhd, box('mdia', mdhd, hdlr, box('minf', vmhd, box('stbl', stsd, stts)))));
  const filler = Buffer.alloc(mediaBytes);
  let x = 42;
  for (let i = 0; i < mediaBytes; i++) { x = (x * 1103515245 + 12345) & 0x7fffffff; filler[i] = x >> 16; }
  return Buffer.concat([ftyp, moov, be32(mediaBytes + 8), Buffer.from('mdat', 'latin1'), filler]);
}

/** A fresh account (any subject, the given roles) registered through the API, as a person signing up would be. */
export async function registerAccount(request: APIRequestContext, subject: string, roles: string, profile: object): Promise<string> {
  const r = await request.get(`/dev/token?subject=${encodeURIComponent(subject)}&roles=${roles}`);
  expect(r.ok()).toBeTruthy();
  const res = await request.post('/graphql', {
    headers: { authorization: `Bearer ${(await r.text()).trim()}` },
    data: { query: 'mutation($input: RegisterInput!) { register(input: $input) { id } }', variables: { input: profile } },
  });
  const body = await res.json();
  expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
  return body.data.register.id as string;
}

const CRC = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = CRC[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
const chunk = (type: string, data: Buffer) => {
  const td = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  return Buffer.concat([be32(data.length), td, be32(crc32(td))]);
};

/** An RGB PNG (a blue-to-green gradient with a white disc: something a logo's thumbnail visibly shows). */
export function png(width: number, height: number): Buffer {
  const rows: Buffer[] = [];
  for (let y = 0; y < height; y++) {
    const row = Buffer.alloc(1 + width * 3);
    for (let x = 0; x < width; x++) {
      const inDisc = (x - width / 2) ** 2 + (y - height / 2) ** 2 < (Math.min(width, height) / 4) ** 2;
      row[1 + x * 3] = inDisc ? 255 : 20;
      row[2 + x * 3] = inDisc ? 255 : Math.round((200 * y) / height);
      row[3 + x * 3] = inDisc ? 255 : Math.round(255 - (200 * x) / width);
    }
    rows.push(row);
  }
  const ihdr = Buffer.concat([be32(width), be32(height), Buffer.from([8, 2, 0, 0, 0])]);
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.concat(rows))), chunk('IEND', Buffer.alloc(0))]);
}
