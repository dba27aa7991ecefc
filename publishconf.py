"""Publishing settings: the development settings, as the public site.

``make publish`` builds with this file. The public address is given for the
build (``PRESSROOM_SITEURL=https://press.example.kg make publish``) or
written here as ``SITEURL``; without it the build stops before anything is
written (``PRESS_PUBLIC``), instead of publishing canonical links, feeds,
sitemaps and robots.txt that point at a placeholder.
"""

import os
import sys

sys.path.append(os.path.dirname(os.path.abspath(__file__)))

from pelicanconf import *  # noqa: E402,F403

# The address readers reach the site at, e.g. "https://press.example.kg".
SITEURL = os.environ.get("PRESSROOM_SITEURL", "")

# This is the public site: it needs SITEURL, and never contains drafts or embargoed items.
PRESS_PUBLIC = True
PRESS_PREVIEW = False
# .br and .gz copies beside every text file, for web servers and object stores to send.
PRESS_PRECOMPRESS = True
# True on Apache hosting: deploy/htaccess becomes the site's .htaccess.
PRESS_APACHE = False
