import { defineConfig, type Plugin } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { contentSecurityPolicy } from './tools/build/csp.ts';
import { ICONS } from './tools/build/icon.ts';
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

/** The page colour of the light theme (src/ui/app.css); index.html gives the dark one too. */
const PAGE_LIGHT = '#f3f7f6';

/**
 * Installable, and working offline after the first visit: the service worker precaches every
 * file of the build (every on-demand chunk too). A new version waits until the person chooses to
 * reload (src/ui/UpdatePrompt.tsx), never mid-set.
 */
const installable = VitePWA({
  registerType: 'prompt',
  // Registered by main.tsx (virtual:pwa-register), with no inline script.
  injectRegister: false,
  includeAssets: ['favicon.svg'],
  manifest: {
    id: '/',
    name: 'Pelvic floor trainer',
    short_name: 'Pelvic floor',
    description: 'Bluetooth biofeedback for pelvic-floor muscle training',
    lang: 'en',
    start_url: '/',
    scope: '/',
    display: 'standalone',
    theme_color: PAGE_LIGHT,
    background_color: PAGE_LIGHT,
    icons: ICONS.map((icon) => ({
      src: `/icons/${icon.file}`,
      sizes: `${icon.size}x${icon.size}`,
      type: 'image/png',
      purpose: icon.maskable ? 'maskable' : 'any',
    })),
  },
  workbox: {
    globPatterns: ['**/*.{js,css,html,svg,png,webmanifest}'],
    navigateFallback: '/index.html',
    cleanupOutdatedCaches: true,
    // The first visit is served by the cache too (its on-demand parts), not only the visits after.
    clientsClaim: true,
  },
});

export default defineConfig({
  plugins: [react(), sayWhereToOpen(), installable, contentSecurityPolicy(), initialJsBudget(INITIAL_JS_BUDGET_BYTES)],
  server: { host: 'localhost', port: 5173 },
  preview: { host: 'localhost', port: 4173, strictPort: true },
  test: {
    include: ['tests/unit/**/*.test.ts'],
    environment: 'node',
  },
});
