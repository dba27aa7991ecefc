"""``python -m press.cli``: what ``make new``, ``make translate`` and ``make check`` run."""

import sys

from . import main

sys.exit(main())
