import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'

// The idtopo command line, compiled once (`npm run build:cli`, run by `npm install` through
// `prepare`) so a command starts without compiling TypeScript. Dependencies stay in node_modules.
export default defineConfig({
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  logLevel: 'warn',
  publicDir: false,
  build: {
    ssr: fileURLToPath(new URL('./src/cli/bin.ts', import.meta.url)),
    outDir: 'dist-cli',
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    sourcemap: true,
    rollupOptions: {
      output: { entryFileNames: 'idtopo.mjs', chunkFileNames: '[name]-[hash].mjs' },
    },
  },
})
