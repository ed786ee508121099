import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin, type Rollup } from 'vite';

/** The pages opened directly from a link (a briefing, a bookmark), by path prefix, and their modules. */
const ROUTE_PAGES: Record<string, string> = {
  '/targets/': 'src/features/dashboard/TargetPage.tsx',
  '/plans/': 'src/features/plans/PlanPage.tsx',
  '/compare': 'src/features/dashboard/ComparePage.tsx',
};

/**
 * A page loaded on demand is discovered only once the entry script has run, and its chart library
 * after that: opened directly, `/targets/4` waited for the entry before it could fetch the chart
 * code. This writes a tiny script (a file: the CSP allows no inline script) that, for the path being
 * opened, asks for that page's chunks and stylesheet at once, beside the entry. `async`, so it
 * blocks nothing; the overview, the first page, loads no chunk through it.
 */
function preloadRoutePages(): Plugin {
  return {
    name: 'jindu-preload-route-pages',
    apply: 'build',
    enforce: 'post',
    generateBundle(_options, bundle) {
      const chunks = Object.values(bundle).filter((c): c is Rollup.OutputChunk => c.type === 'chunk');
      const byFile = new Map(chunks.map((c) => [c.fileName, c]));
      const entry = chunks.find((c) => c.isEntry);
      const already = new Set([entry?.fileName, ...(entry?.imports ?? [])]);
      const routes: Record<string, { js: string[]; css: string[] }> = {};
      for (const [prefix, module] of Object.entries(ROUTE_PAGES)) {
        const page = chunks.find((c) => c.facadeModuleId?.endsWith(module));
        if (!page) throw new Error(`preloadRoutePages: no chunk for ${module}`);
        const js = new Set<string>();
        const css = new Set<string>();
        const visit = (file: string) => {
          if (js.has(file) || already.has(file)) return;
          js.add(file);
          const chunk = byFile.get(file);
          for (const c of chunk?.viteMetadata?.importedCss ?? []) css.add(c);
          for (const dep of chunk?.imports ?? []) visit(dep);
        };
        visit(page.fileName);
        routes[prefix] = { js: [...js].map((f) => `/${f}`), css: [...css].map((f) => `/${f}`) };
      }
      const source = `(function(){var r=${JSON.stringify(routes)},p=location.pathname,d=document;function a(h,rel){var l=d.createElement("link");l.rel=rel;l.href=h;d.head.appendChild(l)}for(var k in r){if(p.indexOf(k)!==0)continue;r[k].js.forEach(function(h){a(h,"modulepreload")});r[k].css.forEach(function(h){a(h,"stylesheet")})}})();\n`;
      const ref = this.emitFile({ type: 'asset', name: 'preload-routes.js', source });
      const file = this.getFileName(ref);
      const html = bundle['index.html'];
      if (html?.type !== 'asset') throw new Error('preloadRoutePages: no index.html in the bundle');
      html.source = String(html.source).replace('<head>', `<head>\n    <script async src="/${file}"></script>`);
    },
  };
}

// The API is served by the same origin in production (the server serves web/dist); in development
// Vite proxies /api to the server started with `npm run dev:server`.
export default defineConfig({
  plugins: [react(), preloadRoutePages()],
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:3000',
    },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
  },
});
