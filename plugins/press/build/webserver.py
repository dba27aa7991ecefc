"""The web server's own file in the site: ``.htaccess`` for Apache hosting.

Hook: ``finalized`` — with ``PRESS_APACHE``, copies ``deploy/htaccess`` (the
project's tested Apache configuration: types, compressed copies, caching,
security headers, each language's 404 page) into the staging folder as
``.htaccess``, before the swap, so that shared hosting, where the site's
folder is all one may configure, serves the site as ``deploy/nginx.conf``
does on an own server.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path
from typing import Any

from ..settings import load

#: The configuration that ``PRESS_APACHE`` copies: ``deploy/`` of the project.
HTACCESS = Path(__file__).resolve().parents[3] / "deploy" / "htaccess"


def copy_htaccess(pelican: Any) -> None:
    if not load(pelican.settings).apache:
        return
    target = os.path.join(pelican.output_path, ".htaccess")
    if os.path.lexists(target):
        os.unlink(target)  # perhaps a hard link into the live site: never write through it
    shutil.copyfile(HTACCESS, target)
