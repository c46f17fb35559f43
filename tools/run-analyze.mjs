/**
 * `npm run analyze -- FILE.csv …`: runs the bundled command (dist-cli/analyze.mjs), building it
 * first when it is missing or older than its sources (tools/build-cli.mjs), in this process.
 */
import { pathToFileURL } from 'node:url';
import { BUNDLE, buildCli, bundleIsStale } from './build-cli.mjs';

if (bundleIsStale()) await buildCli();
await import(pathToFileURL(BUNDLE).href);
