import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { initialJsBudget, measureInitialJs, type BundleItem } from '../../tools/build/initialJs.ts';

/** Incompressible code of about `bytes` gzip bytes (hex of random bytes gzips to about half). */
const code = (bytes: number) => randomBytes(bytes).toString('hex');
const chunk = (fileName: string, imports: string[], body: string, isEntry = false): BundleItem => ({ type: 'chunk', fileName, code: body, isEntry, imports });

/** An entry with a static vendor chunk that imports a shared chunk (which imports the entry back), and a lazy screen. */
function bundle(entryBytes: number): Record<string, BundleItem> {
  return {
    'index.js': chunk('index.js', ['vendor.js'], code(entryBytes), true),
    'vendor.js': chunk('vendor.js', ['shared.js'], code(3000)),
    'shared.js': chunk('shared.js', ['index.js'], code(500)),
    'lazy.js': chunk('lazy.js', ['shared.js'], code(40_000)),
    'index.css': { type: 'asset' },
  };
}

describe('measureInitialJs', () => {
  it('counts the entry and its static imports, transitively and once each, never what loads on demand', () => {
    const b = bundle(2000);
    const js = measureInitialJs(b);
    expect(js.files.map((f) => f.fileName)).toEqual(['index.js', 'vendor.js', 'shared.js']);
    for (const f of js.files) {
      const item = b[f.fileName];
      expect(item.type === 'chunk' && gzipSync(item.code).length).toBe(f.gzipBytes);
    }
    expect(js.gzipBytes).toBe(js.files.reduce((s, f) => s + f.gzipBytes, 0));
  });
});

describe('initialJsBudget', () => {
  function run(entryBytes: number, budget: number): { errors: string[]; infos: string[] } {
    const errors: string[] = [];
    const infos: string[] = [];
    const plugin = initialJsBudget(budget);
    const hook = plugin.generateBundle as unknown as { handler: (this: unknown, o: unknown, b: unknown) => void };
    const context = {
      error: (m: string) => {
        errors.push(m);
        throw new Error(m);
      },
      info: (m: string) => infos.push(m),
    };
    try {
      hook.handler.call(context, {}, bundle(entryBytes));
    } catch {
      // The build stops here; the message is what we check.
    }
    return { errors, infos };
  }

  it('reports the size under budget and fails the build above it', () => {
    const under = run(1000, 20_000);
    expect(under.errors).toEqual([]);
    expect(under.infos[0]).toMatch(/^initial JavaScript: \d+\.\d kB gzip \(budget 20\.0 kB\): index\.js/);
    const over = run(30_000, 20_000);
    expect(over.errors[0]).toMatch(/Over budget/);
    expect(over.infos).toEqual([]);
  });
});
