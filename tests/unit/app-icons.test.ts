import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { drawIcon, ICONS, iconPng } from '../../tools/build/icon.ts';

describe('app icons', () => {
  it('public/icons/ holds the sizes the manifest says, and what `npm run icons` draws', { timeout: 30_000 }, () => {
    for (const icon of ICONS) {
      const committed = readFileSync(new URL(`../../public/icons/${icon.file}`, import.meta.url));
      expect(committed.readUInt32BE(16), icon.file).toBe(icon.size);
      expect(committed.readUInt32BE(20), icon.file).toBe(icon.size);
      // Drawing is slow-ish: the small one stands for all three (one drawing, one encoder).
      if (icon.size === 192) expect(committed.equals(iconPng(icon)), `${icon.file}: run npm run icons`).toBe(true);
    }
  });

  it('a maskable icon fills its square; the others leave their corners clear', () => {
    const alpha = (rgba: Uint8Array, size: number, x: number, y: number) => rgba[(y * size + x) * 4 + 3];
    const maskable = drawIcon(64, true);
    const rounded = drawIcon(64, false);
    expect(alpha(maskable, 64, 0, 0)).toBe(255);
    expect(alpha(rounded, 64, 0, 0)).toBe(0);
    expect(alpha(rounded, 64, 32, 32)).toBe(255);
  });
});
