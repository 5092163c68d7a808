import { defineConfig } from 'vite';

// One ES module with Lit inside: a host adds one <script type="module"> (WebJar) or one import (npm).
export default defineConfig({
  build: {
    target: 'es2022',
    emptyOutDir: false, // tsc wrote dist/types first
    lib: {
      entry: 'src/index.ts',
      formats: ['es'],
      fileName: () => 'ticketing-web.js',
    },
    sourcemap: true,
  },
});
