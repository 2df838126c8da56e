import { fileURLToPath } from 'node:url'
import react from '@vitejs/plugin-react'
import { defineConfig, loadEnv } from 'vite'
import { securityHeadersPlugin } from './scripts/security-headers.ts'

export default defineConfig(({ mode }) => ({
  // Content-Security-Policy and companions on the dev server, `vite preview` and in the built pages.
  plugins: [react(), securityHeadersPlugin(loadEnv(mode, process.cwd(), 'VITE_'))],
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: 4173 },
  build: {
    chunkSizeWarningLimit: 900,
    // MSAL's redirect bridge is a page of its own (redirect.html), the redirect URI of sign-in.
    rollupOptions: {
      input: {
        main: fileURLToPath(new URL('./index.html', import.meta.url)),
        redirect: fileURLToPath(new URL('./redirect.html', import.meta.url)),
      },
    },
  },
}))
