// The editor of `make editor`: Sveltia CMS from npm, bundled with its Russian
// catalog and fonts so that it makes no request outside localhost.
import CMS from '@sveltia/cms';
import { slugify } from './slug.js';

// Called by Sveltia's slugify, patched at build time (vite.config.js).
globalThis.pressroomSlug = (text, locale) =>
  globalThis.PRESSROOM_SLUG ? slugify(text, locale, globalThis.PRESSROOM_SLUG) : text;

CMS.init();
