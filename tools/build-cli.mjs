/**
 * Bundles `npm run analyze` (tools/analyze.ts and everything it imports) into one plain
 * JavaScript file, dist-cli/analyze.mjs, with Vite's server-side build: a call then starts Node
 * on JavaScript, with no TypeScript compiled on the way (tsx took 1.5–2 s of every call).
 * `node tools/build-cli.mjs` builds it; tools/run-analyze.mjs builds it when it is missing or
 * older than its sources.
 */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const BUNDLE = join(ROOT, 'dist-cli', 'analyze.mjs');
/** What the bundle is made of: a change to any of these makes it stale. */
const SOURCES = ['src', 'tools', 'firmware-sim', 'protocol', 'package-lock.json'];

/** Newest modification time under `path`, ms (0 when it does not exist). */
function newestUnder(path) {
  let stat;
  try {
    stat = statSync(path);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const name of readdirSync(path)) newest = Math.max(newest, newestUnder(join(path, name)));
  return newest;
}

/** Whether the bundle is missing or older than a source. */
export function bundleIsStale() {
  const built = newestUnder(BUNDLE);
  return built === 0 || SOURCES.some((s) => newestUnder(join(ROOT, s)) > built);
}

export async function buildCli() {
  const { build } = await import('vite');
  await build({
    configFile: false,
    root: ROOT,
    logLevel: 'warn',
    publicDir: false,
    // Everything in one file, Node built-ins excepted: the bundle needs no node_modules at run time.
    ssr: { noExternal: true },
    build: {
      ssr: join(ROOT, 'tools', 'analyze.ts'),
      outDir: join(ROOT, 'dist-cli'),
      emptyOutDir: true,
      target: 'node20',
      minify: false,
      rollupOptions: { output: { entryFileNames: 'analyze.mjs', format: 'es' } },
    },
  });
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await buildCli();
