import fs from 'node:fs';
import path from 'node:path';
import express, { type RequestHandler, Router } from 'express';

/**
 * What the browser may load and from where: only this origin, no inline scripts, no framing. The
 * app needs nothing more (no CDN, no inline styles in markup; charts draw on canvas).
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "worker-src 'self'",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

export const securityHeaders: RequestHandler = (_req, res, next) => {
  res.setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY);
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('Referrer-Policy', 'same-origin');
  next();
};

const notBuilt = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Contrail</title></head>
<body><h1>Contrail</h1><p>The web app is not built: run <code>npm run build:webapp</code> (npm start does it by itself).</p></body></html>`;

/**
 * The built single-page app: hashed assets cached for good, index.html always revalidated, and
 * every other GET path answered with index.html so the app's own routes survive a reload.
 */
export function singlePageApp(distDir: string): Router {
  const router = Router();
  const index = path.join(distDir, 'index.html');
  router.use(
    '/assets',
    express.static(path.join(distDir, 'assets'), { immutable: true, maxAge: '365d', fallthrough: false }),
  );
  router.get('/{*path}', (_req, res) => {
    if (!fs.existsSync(index)) return void res.status(503).type('html').send(notBuilt);
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return router;
}
