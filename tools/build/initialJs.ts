/**
 * The first load's JavaScript, measured by the build: the entry chunk and every chunk it imports
 * statically (what the browser must fetch before the app can start), gzipped. `vite build` prints
 * it and fails above the budget, so a screen added with a static import of something big is
 * caught at once (lazy parts belong in src/ui/onDemand.tsx).
 */
import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

/** What this needs of a bundle entry (a subset of Rollup's and Rolldown's output chunk). */
export type BundleItem = { type: 'chunk'; fileName: string; code: string; isEntry: boolean; imports: readonly string[] } | { type: 'asset' };

export interface InitialJs {
  /** Initial chunks, entry first, each with its gzip size in bytes. */
  readonly files: readonly { readonly fileName: string; readonly gzipBytes: number }[];
  readonly gzipBytes: number;
}

/** The entry chunks and their static imports, transitively; dynamic imports are not followed. */
export function measureInitialJs(bundle: Readonly<Record<string, BundleItem>>): InitialJs {
  const chunks = new Map<string, Extract<BundleItem, { type: 'chunk' }>>();
  for (const item of Object.values(bundle)) if (item.type === 'chunk') chunks.set(item.fileName, item);
  const seen = new Set<string>();
  const visit = (fileName: string): void => {
    const chunk = chunks.get(fileName);
    if (!chunk || seen.has(fileName)) return;
    seen.add(fileName);
    chunk.imports.forEach(visit);
  };
  for (const chunk of chunks.values()) if (chunk.isEntry) visit(chunk.fileName);
  const files = [...seen].map((fileName) => ({ fileName, gzipBytes: gzipSync(chunks.get(fileName)?.code ?? '').length }));
  return { files, gzipBytes: files.reduce((sum, f) => sum + f.gzipBytes, 0) };
}

const kB = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

/** One line for the build log: the total against the budget, then each file. */
export function describeInitialJs(js: InitialJs, budgetBytes: number): string {
  const files = js.files.map((f) => `${f.fileName} ${kB(f.gzipBytes)}`).join(', ');
  return `initial JavaScript: ${kB(js.gzipBytes)} gzip (budget ${kB(budgetBytes)}): ${files}`;
}

/** Prints the initial JavaScript after each production build; above `budgetBytes` the build fails. */
export function initialJsBudget(budgetBytes: number): Plugin {
  return {
    name: 'initial-js-budget',
    apply: 'build',
    // After Vite's own generateBundle hooks, which still rewrite chunk code (preload lists).
    generateBundle: {
      order: 'post',
      handler(_options, bundle) {
        const js = measureInitialJs(bundle);
        const line = describeInitialJs(js, budgetBytes);
        if (js.gzipBytes > budgetBytes) this.error(`${line}. Over budget: load the new part on demand (src/ui/onDemand.tsx).`);
        this.info(line);
      },
    },
  };
}
