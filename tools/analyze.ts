/**
 * `npm run analyze -- FILE.csv [--protocol ID] [--mvc CMH2O] [--json]`: the command itself is
 * runAnalyze (analyze-main.ts); this wires it to the file system and the console. The file is
 * read in pieces as the analysis asks for them, never whole. Bundled into dist-cli/analyze.mjs
 * (tools/run-analyze.mjs), so a call compiles nothing.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { runAnalyze } from './analyze-main.ts';

/** Bytes read at a time. */
const CHUNK_BYTES = 1 << 16;

function* readChunks(path: string): Generator<string> {
  const fd = openSync(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(CHUNK_BYTES);
    const decoder = new TextDecoder('utf-8');
    for (;;) {
      const n = readSync(fd, buffer, 0, CHUNK_BYTES, null);
      if (n === 0) break;
      yield decoder.decode(buffer.subarray(0, n), { stream: true });
    }
    const tail = decoder.decode();
    if (tail !== '') yield tail;
  } finally {
    closeSync(fd);
  }
}

process.exitCode = runAnalyze(process.argv.slice(2), {
  readChunks,
  out: (s) => console.log(s),
  err: (s) => console.error(s),
});
