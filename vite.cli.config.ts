import { fileURLToPath } from 'node:url'
import { defineConfig } from 'vite'

const entry = (path: string): string => fileURLToPath(new URL(path, import.meta.url))

// The idtopo command line and the HTTPS sandbox (`npm run sandbox`), compiled once (`npm run
// build:cli`, run by `npm install` through `prepare`) so they start without compiling TypeScript.
// Dependencies stay in node_modules.
export default defineConfig({
  resolve: { alias: { '@': entry('./src') } },
  logLevel: 'warn',
  publicDir: false,
  build: {
    ssr: true,
    outDir: 'dist-cli',
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    sourcemap: true,
    rollupOptions: {
      input: { idtopo: entry('./src/cli/bin.ts'), sandbox: entry('./src/sandbox/server/main.ts') },
      output: { entryFileNames: '[name].mjs', chunkFileNames: '[name]-[hash].mjs' },
    },
  },
})
