import { defineConfig, type Plugin } from 'vitest/config';
import react from '@vitejs/plugin-react';

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

export default defineConfig({
  plugins: [react(), sayWhereToOpen()],
  server: { host: 'localhost', port: 5173 },
  preview: { host: 'localhost', port: 4173, strictPort: true },
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
  },
});
