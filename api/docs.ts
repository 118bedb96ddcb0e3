import path from 'node:path';
import express, { Router } from 'express';

const swaggerUiDir = path.dirname(require.resolve('swagger-ui-dist/package.json'));

const page = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Contrail API</title>
<link rel="stylesheet" href="/docs/assets/swagger-ui.css"></head>
<body><div id="ui"></div>
<script src="/docs/assets/swagger-ui-bundle.js"></script>
<script src="/docs/init.js"></script>
</body></html>`;

// A separate script (not inline) so the page works under a strict Content-Security-Policy.
const init = `window.ui = SwaggerUIBundle({ url: '/openapi.json', dom_id: '#ui', persistAuthorization: true });`;

/** A browsable page over /openapi.json, served from the swagger-ui-dist package (no CDN). */
export function docsRouter(): Router {
  const router = Router();
  router.use('/docs/assets', express.static(swaggerUiDir, { index: false, maxAge: '1d' }));
  router.get('/docs/init.js', (_req, res) => res.type('application/javascript').send(init));
  router.get('/docs', (_req, res) => res.type('html').send(page));
  return router;
}
