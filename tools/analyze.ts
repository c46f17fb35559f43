/**
 * `npm run analyze -- FILE.csv [--protocol ID] [--mvc CMH2O] [--json]`: the command itself is
 * runAnalyze (analyze-main.ts); this wires it to the file system and the console.
 */
import { readFileSync } from 'node:fs';
import { runAnalyze } from './analyze-main.ts';

process.exitCode = runAnalyze(process.argv.slice(2), {
  readFile: (path) => readFileSync(path, 'utf8'),
  out: (s) => console.log(s),
  err: (s) => console.error(s),
});
