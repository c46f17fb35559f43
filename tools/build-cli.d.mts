/** Types of build-cli.mjs (plain JavaScript, so that `npm run analyze` needs no TypeScript). */
export const ROOT: string;
export const BUNDLE: string;
export function bundleIsStale(): boolean;
export function buildCli(): Promise<void>;
