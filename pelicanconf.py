"""Development settings: the sample site served at http://localhost:8000/.

Pelican's own settings first, then one PRESS_* group per Pressroom plugin
(declared, typed and validated in plugins/press/settings.py).
"""

from pathlib import Path

HERE = Path(__file__).resolve().parent

# --- Site identity -----------------------------------------------------------
SITENAME = "Пресс-центр ЦРМС"
SITEURL = ""  # links start at "/", so output/ works when served at the root
TIMEZONE = "Asia/Bishkek"
DEFAULT_LANG = "ru"

PRESS_LANGUAGES = ["ru", "ky", "tg", "en"]
PRESS_SITE = {
    "ru": {"name": "Пресс-центр ЦРМС", "tagline": "Центр развития местного самоуправления"},
    "ky": {"name": "ЖӨБӨБ пресс-борбору", "tagline": "Жергиликтүү өз алдынча башкарууну өнүктүрүү борбору"},
    "tg": {"name": "Маркази матбуоти МРХМ", "tagline": "Маркази рушди худидоракунии маҳаллӣ"},
    "en": {"name": "LGDC Press Centre", "tagline": "Local Governance Development Centre"},
}
# ru: «20 декабря 2016» without Babel's trailing «г.»; other languages use Babel's long format.
PRESS_DATE_FORMATS = {"ru": "d MMMM y"}
# «About» block under press releases, per language.
PRESS_ABOUT = {
    "ru": "Центр развития местного самоуправления (ЦРМС) — некоммерческая организация из Бишкека. С 2009 года помогает айылным аймакам и городам Кыргызстана и Таджикистана делать местные бюджеты открытыми и понятными жителям.",
    "ky": "Жергиликтүү өз алдынча башкарууну өнүктүрүү борбору — Бишкектеги коммерциялык эмес уюм. 2009-жылдан бери Кыргызстан жана Тажикстандын айыл аймактарына жана шаарларына жергиликтүү бюджеттерди ачык жана тургундарга түшүнүктүү кылууга жардам берет.",
    "tg": "Маркази рушди худидоракунии маҳаллӣ — ташкилоти ғайритиҷоратӣ аз Бишкек. Аз соли 2009 ба деҳот ва шаҳрҳои Қирғизистон ва Тоҷикистон дар шаффоф ва фаҳмо гардонидани буҷетҳои маҳаллӣ барои сокинон кӯмак мерасонад.",
    "en": "The Local Governance Development Centre (LGDC) is a non-profit organisation based in Bishkek. Since 2009 it has helped municipalities in Kyrgyzstan and Tajikistan make local budgets open and understandable to residents.",
}
# Show items that lack a translation in the other languages' listings, labelled.
PRESS_LIST_UNTRANSLATED = False
# Language of `make check` and the build summary for press officers ("ru", "ky", "tg", "en");
# None: the PRESSROOM_LANG environment variable, else LANG/LC_ALL, else English.
PRESS_MESSAGES_LANG = None
# .br and .gz copies of every text file (publishconf.py turns them on; previews need none).
PRESS_PRECOMPRESS = False

# --- Content layout (the content contract; see README) -------------------------
PATH = "content"
ARTICLE_PATHS = ["news", "press-releases", "announcements", "speeches", "galleries", "video", "podcasts"]
PAGE_PATHS = ["pages"]
STATIC_PATHS = [*ARTICLE_PATHS, "pages", "projects"]
STATIC_URL = "media/{path}"
STATIC_SAVE_AS = "media/{path}"
IGNORE_FILES = [".*", "*~", "#*#"]
ARTICLE_TRANSLATION_ID = "bundle"
PAGE_TRANSLATION_ID = "bundle"
USE_FOLDER_AS_CATEGORY = False
PATH_METADATA = ""

ARTICLE_URL = ARTICLE_LANG_URL = "{lang}/{section}/{slug}/"
ARTICLE_SAVE_AS = ARTICLE_LANG_SAVE_AS = "{lang}/{section}/{slug}/index.html"
PAGE_URL = PAGE_LANG_URL = "{lang}/{slug}/"
PAGE_SAVE_AS = PAGE_LANG_SAVE_AS = "{lang}/{slug}/index.html"
DRAFT_URL = DRAFT_LANG_URL = DRAFT_SAVE_AS = DRAFT_LANG_SAVE_AS = ""
DRAFT_PAGE_URL = DRAFT_PAGE_LANG_URL = DRAFT_PAGE_SAVE_AS = DRAFT_PAGE_LANG_SAVE_AS = ""

# Pelican's own listings mix languages; press.site.listings writes them per language.
DIRECT_TEMPLATES = []
PAGINATED_TEMPLATES = {"listing": None}
DEFAULT_PAGINATION = 10
PAGINATION_PATTERNS = (
    (1, "{url}", "{save_as}"),
    (2, "{url}page/{number}/", "{base_name}/page/{number}/index.html"),
)
for _kind in ("TAG", "CATEGORY", "AUTHOR"):
    globals()[f"{_kind}_SAVE_AS"] = ""
    globals()[f"{_kind}_URL"] = ""
    globals()[f"{_kind}S_SAVE_AS"] = ""
YEAR_ARCHIVE_SAVE_AS = MONTH_ARCHIVE_SAVE_AS = DAY_ARCHIVE_SAVE_AS = ""
FEED_ALL_ATOM = FEED_ALL_RSS = FEED_ATOM = FEED_RSS = None
CATEGORY_FEED_ATOM = CATEGORY_FEED_RSS = TAG_FEED_ATOM = TAG_FEED_RSS = None
AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = TRANSLATION_FEED_ATOM = TRANSLATION_FEED_RSS = None

# --- Photos (press.outputs.images) -----------------------------------------------------
PRESS_IMAGE_WIDTHS = [480, 960, 1600]  # srcset widths; nothing wider is published
PRESS_IMAGE_FORMATS = ["webp", "jpeg"]  # one <source> each; the last is the <img> fallback
PRESS_IMAGE_QUALITY = {"webp": 80, "jpeg": 82}
PRESS_PUBLISH_ORIGINALS = False  # True: also full-size copies, upright and without metadata
# PRESS_IMAGE_CACHE: derived images by content hash; default cache/images/ here (CACHE_PATH)
# PRESS_IMAGE_CACHE_DAYS: files of photos unused this many days leave the cache (default 30; 0: never)

# --- Theme and plugins ---------------------------------------------------------
THEME = str(HERE / "theme")
THEME_STATIC_DIR = "theme"
# auto_reload off: each build makes its own environments, so a template never
# changes under one; on, Jinja stats the file of every include and import.
# auto_reload off: each build makes its own environments, so no template
# changes under one; on, Jinja checks the file of every include and import.
JINJA_ENVIRONMENT = {"trim_blocks": True, "lstrip_blocks": True, "autoescape": True, "auto_reload": False}
PLUGIN_PATHS = [str(HERE / "plugins")]
# One plugin: press.register() connects every hook in its own order (the
# table HOOKS in plugins/press/__init__.py), so this list never orders anything.
PLUGINS = ["press"]

DELETE_OUTPUT_DIRECTORY = False  # press.build.atomic_output builds into a fresh folder
CACHE_CONTENT = False
LOAD_CONTENT_CACHE = False
RELATIVE_URLS = False
SUMMARY_MAX_LENGTH = 40
DEFAULT_DATE_FORMAT = "%Y-%m-%d"
