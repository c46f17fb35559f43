import { defineConfig, type Plugin } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { initialJsBudget } from './tools/build/initialJs.ts';

/** Where `npm start` is: said plainly, since a machine without a desktop browser opens nothing. */
const SIMULATED_PATH = '/?sensor=simulated';

function sayWhereToOpen(): Plugin {
  return {
    name: 'say-where-to-open',
    configureServer(server) {
      server.httpServer?.once('listening', () => {
        const url = server.resolvedUrls?.local[0]?.replace(/\/$/, '') ?? 'http://localhost:5173';
        server.config.logger.info(`\n  Open ${url}${SIMULATED_PATH} in Chrome or Edge to try the app with the simulated sensor.\n`);
      });
    },
  };
}

/** The first load's JavaScript, gzipped (issue #12: a phone on a slow link starts quickly). */
const INITIAL_JS_BUDGET_BYTES = 150_000;

export default defineConfig({
  plugins: [react(), sayWhereToOpen(), initialJsBudget(INITIAL_JS_BUDGET_BYTES)],
  server: { host: 'localhost', port: 5173 },
  preview: { host: 'localhost', port: 4173, strictPort: true },
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
  },
});
