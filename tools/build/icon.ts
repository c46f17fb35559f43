/**
 * The app icon as PNG, drawn here rather than by an image tool, so anyone can change it and
 * `npm run icons` rebuilds the files in public/icons/ byte for byte. The design is the favicon's
 * (public/favicon.svg): one calm squeeze curve, white on the app's teal.
 */
import { crc32, deflateSync } from 'node:zlib';

/** The app's accent (src/ui/app.css, light theme). */
const TEAL = [0x0b, 0x7a, 0x75] as const;
const WHITE = [0xff, 0xff, 0xff] as const;

type Point = readonly [number, number];

/** The favicon's path in its 32-unit box: M4 22 C9 22 9 10 14 10 S19 22 24 22 H28. */
function curve(): Point[] {
  const cubic = (p0: Point, p1: Point, p2: Point, p3: Point): Point[] =>
    Array.from({ length: 48 }, (_, i) => {
      const t = (i + 1) / 48;
      const u = 1 - t;
      const at = (k: 0 | 1) => u * u * u * p0[k] + 3 * u * u * t * p1[k] + 3 * u * t * t * p2[k] + t * t * t * p3[k];
      return [at(0), at(1)] as const;
    });
  return [[4, 22], ...cubic([4, 22], [9, 22], [9, 10], [14, 10]), ...cubic([14, 10], [19, 10], [19, 22], [24, 22]), [28, 22]];
}

function distanceToSegment(x: number, y: number, a: Point, b: Point): number {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len2 = dx * dx + dy * dy;
  const t = len2 === 0 ? 0 : Math.max(0, Math.min(1, ((x - a[0]) * dx + (y - a[1]) * dy) / len2));
  return Math.hypot(x - (a[0] + t * dx), y - (a[1] + t * dy));
}

/** Signed distance to a rounded square filling the box (negative inside). */
function roundedSquare(x: number, y: number, size: number, radius: number): number {
  const qx = Math.abs(x - size / 2) - (size / 2 - radius);
  const qy = Math.abs(y - size / 2) - (size / 2 - radius);
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - radius;
}

/**
 * RGBA pixels of the icon. `maskable`: full bleed (the platform cuts its own shape) with the curve
 * inside the central safe circle; otherwise a rounded square on transparent.
 */
export function drawIcon(size: number, maskable: boolean): Uint8Array {
  const px = size / 32;
  // A maskable icon may be cut to a circle of 80 % of its width: shrink the curve into it.
  const scale = maskable ? 0.62 : 1;
  const points = curve().map(([x, y]) => [(16 + (x - 16) * scale) * px, (16 + (y - 16) * scale) * px] as const);
  const halfStroke = 1.5 * scale * px;
  const rgba = new Uint8Array(size * size * 4);
  const cover = (d: number) => Math.max(0, Math.min(1, 0.5 - d));
  for (let row = 0; row < size; row++) {
    for (let col = 0; col < size; col++) {
      const x = col + 0.5;
      const y = row + 0.5;
      const shape = maskable ? 1 : cover(roundedSquare(x, y, size, 8 * px));
      let d = Infinity;
      for (let i = 1; i < points.length; i++) d = Math.min(d, distanceToSegment(x, y, points[i - 1], points[i]));
      const line = cover(d - halfStroke);
      const o = (row * size + col) * 4;
      for (let k = 0; k < 3; k++) rgba[o + k] = Math.round(TEAL[k] * (1 - line) + WHITE[k] * line);
      rgba[o + 3] = Math.round(255 * shape);
    }
  }
  return rgba;
}

function pngChunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/** An 8-bit RGBA PNG of square `rgba` pixels. */
export function encodePng(rgba: Uint8Array, size: number): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr.set([8, 6, 0, 0, 0], 8);
  // Each scanline starts with its filter type (0: none).
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let row = 0; row < size; row++) raw.set(rgba.subarray(row * size * 4, (row + 1) * size * 4), row * (size * 4 + 1) + 1);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, pngChunk('IHDR', ihdr), pngChunk('IDAT', deflateSync(raw, { level: 9 })), pngChunk('IEND', new Uint8Array(0))]);
}

/** The files the manifest lists (vite.config.ts), by name under public/icons/. */
export const ICONS = [
  { file: 'icon-192.png', size: 192, maskable: false },
  { file: 'icon-512.png', size: 512, maskable: false },
  { file: 'maskable-512.png', size: 512, maskable: true },
] as const;

export function iconPng(icon: (typeof ICONS)[number]): Buffer {
  return encodePng(drawIcon(icon.size, icon.maskable), icon.size);
}
