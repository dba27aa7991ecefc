// Builds dist/admin/editor.js: Sveltia CMS and everything it loads (catalogs,
// fonts, workers) as files beside it, addressed relatively.
import { defineConfig } from 'vite';

// Sveltia CMS has no slug hook, so its slugify (the one function behind entry
// slugs, and asset names when they are slugified) first hands the text to
// globalThis.pressroomSlug with the entry's locale. The pattern is checked at
// every build: a new @sveltia/cms version whose code differs fails here, not
// silently in a press officer's folder names.
const SLUGIFY = /(\w+)=(\w+);if\((\w+)&&\(\1=(\w+)\(\1\.normalize\(`NFD`\),\{locale:(\w+)&&/g;

const pressroomSlug = () => ({
  name: 'pressroom-slug',
  transform(code, id) {
    if (!id.includes('@sveltia/cms/npm/index.js')) return null;
    const found = [...code.matchAll(SLUGIFY)].length;
    if (found !== 1) {
      throw new Error(`pressroom-slug: Sveltia's slugify found ${found} times, expected once; update the pattern`);
    }
    return code.replace(
      SLUGIFY,
      (_, slug, text, clean, translit, locale) =>
        `${slug}=globalThis.pressroomSlug?globalThis.pressroomSlug(${text},${locale}):${text};` +
        `if(${clean}&&(${slug}=${translit}(${slug}.normalize(\`NFD\`),{locale:${locale}&&`,
    );
  },
});

export default defineConfig({
  base: './',
  logLevel: 'warn',
  plugins: [pressroomSlug()],
  build: {
    outDir: 'dist/admin',
    emptyOutDir: true,
    sourcemap: false,
    chunkSizeWarningLimit: 20000,
    rollupOptions: {
      input: 'src/main.js',
      output: { entryFileNames: 'editor.js', chunkFileNames: 'chunks/[name]-[hash].js', assetFileNames: 'assets/[name]-[hash][extname]' },
    },
  },
});
