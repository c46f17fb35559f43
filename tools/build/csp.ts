/**
 * The built app's Content-Security-Policy, as a meta tag, so it holds wherever the files are
 * served. Nothing may load from, or be sent to, another origin; no inline script. Only the
 * production build gets it: the dev server injects inline scripts (React refresh) it would block.
 */
import type { Plugin } from 'vite';

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  // React and uPlot set styles through the CSSOM (element.style), which CSP does not govern.
  "style-src 'self'",
  // blob: for the live chart's axes, an image the page draws itself (src/ui/chart/axesImage.ts).
  "img-src 'self' blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "media-src 'self'",
  "worker-src 'self'",
  "manifest-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');

export function contentSecurityPolicy(): Plugin {
  return {
    name: 'content-security-policy',
    apply: 'build',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: CONTENT_SECURITY_POLICY }, injectTo: 'head-prepend' }],
  };
}
