import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The renderer is served from app://renderer/ in Electron and from 127.0.0.1 in the browser
// preview, so asset URLs are relative.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../dist/renderer',
    emptyOutDir: true,
    chunkSizeWarningLimit: 2000,
  },
});
