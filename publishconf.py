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
# Where `make deploy` uploads the site (DEPLOY_TO=… on make's command line wins):
# "deploy@press.example.kg:/var/www/press/" (rsync over SSH), a folder, or with
# PRESS_DEPLOY_WITH = "rclone" a remote of `rclone config` such as "cdn:press-site",
# or with "ghp-import" a git repository such as "git@github.com:lgdc/press.git".
PRESS_DEPLOY_TO = ""
PRESS_DEPLOY_WITH = "rsync"
PRESS_DEPLOY_BRANCH = "gh-pages"  # the branch ghp-import pushes the site to
PRESS_DEPLOY_MAX_DELETE = 500  # more deletions than this: nothing is deleted, and the deploy says why
# True on Apache hosting: deploy/htaccess becomes the site's .htaccess.
PRESS_APACHE = False
