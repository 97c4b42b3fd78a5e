import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

export interface PageAsset {
  body: Buffer;
  headers: Record<string, string>;
}

export type PageAssetName =
  | 'index.html'
  | 'dashboard.js'
  | 'chart.umd.min.js'
  | 'theme.css'
  | 'page-kit.js'
  | 'check.html'
  | 'check.js'
  | 'backoffice.html'
  | 'backoffice.js'
  | 'backoffice-render.js';

/** The page's files: `npm run build` copies src/public next to the compiled code. */
export const PUBLIC_DIR = join(__dirname, '..', 'public');

/** Chart.js' self-contained UMD build, served from node_modules (no CDN). */
function chartJsPath(): string {
  return join(dirname(require.resolve('chart.js')), 'chart.umd.min.js');
}

function asset(path: string, contentType: string, cacheControl = 'no-cache'): PageAsset {
  return {
    body: readFileSync(path),
    headers: {
      'content-type': contentType,
      'cache-control': cacheControl,
      'x-content-type-options': 'nosniff',
    },
  };
}

const JS = 'text/javascript; charset=utf-8';

/** Reads the page, its script and the chart library once, at start. */
export function loadPageAssets(): ReadonlyMap<PageAssetName, PageAsset> {
  return new Map([
    ['index.html', asset(join(PUBLIC_DIR, 'index.html'), 'text/html; charset=utf-8')],
    ['dashboard.js', asset(join(PUBLIC_DIR, 'dashboard.js'), JS)],
    ['chart.umd.min.js', asset(chartJsPath(), JS, 'public, max-age=86400')],
    ['check.html', asset(join(PUBLIC_DIR, 'check.html'), 'text/html; charset=utf-8')],
    ['check.js', asset(join(PUBLIC_DIR, 'check.js'), JS)],
    ['theme.css', asset(join(PUBLIC_DIR, 'theme.css'), 'text/css; charset=utf-8')],
    ['page-kit.js', asset(join(PUBLIC_DIR, 'page-kit.js'), JS)],
    ['backoffice.html', asset(join(PUBLIC_DIR, 'backoffice.html'), 'text/html; charset=utf-8')],
    ['backoffice.js', asset(join(PUBLIC_DIR, 'backoffice.js'), JS)],
    ['backoffice-render.js', asset(join(PUBLIC_DIR, 'backoffice-render.js'), JS)],
  ]);
}
