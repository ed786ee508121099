import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The API is served by the same origin in production (the server serves web/dist); in development
// Vite proxies /api to the server started with `npm run dev:server`.
export default defineConfig({
  plugins: [react()],
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
