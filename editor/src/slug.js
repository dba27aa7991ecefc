// The project's slug rules (plugins/press/slug.py) in the browser, so that the
// folder Sveltia CMS names from a title is the one `make new` would name.
// The letters come from the generated admin/index.html (press.cli.editor
// writes window.PRESSROOM_SLUG from press.slug.LETTERS and Unidecode), so
// the rules are written once, in Python.

const NOT_WORD = /[^a-z0-9]+/g;

/**
 * @param {string} text
 * @param {string | undefined} lang
 * @param {{ letters: Record<string, Record<string, string>>, common: Record<string, string>,
 *   default: string, max: number }} rules
 */
export const slugify = (text, lang, rules) => {
  const table = rules.letters[lang ?? rules.default] ?? {};
  let latin = '';
  for (const ch of String(text).toLowerCase()) {
    const own = table[ch] ?? ch;
    latin += own <= '\x7f' ? own : (rules.common[own] ?? '');
  }
  let slug = latin.toLowerCase().replace(NOT_WORD, '-').replace(/^-+|-+$/g, '');
  if (slug.length > rules.max) {
    const cut = slug.slice(0, rules.max);
    const space = cut.lastIndexOf('-');
    slug = (slug[rules.max] === '-' || space < 0 ? cut : cut.slice(0, space)).replace(/^-+|-+$/g, '');
  }
  return slug || 'item';
};
