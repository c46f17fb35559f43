/** `npm run icons`: writes the app icons (tools/build/icon.ts) to public/icons/. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { ICONS, iconPng } from './build/icon.ts';

const dir = new URL('../public/icons/', import.meta.url);
mkdirSync(dir, { recursive: true });
for (const icon of ICONS) {
  const png = iconPng(icon);
  writeFileSync(new URL(icon.file, dir), png);
  console.log(`public/icons/${icon.file}: ${icon.size}×${icon.size}, ${png.length} bytes`);
}
