"""Publishing settings: the development settings with the public address."""

import os
import sys

sys.path.append(os.path.dirname(os.path.abspath(__file__)))

from pelicanconf import *  # noqa: E402,F403

SITEURL = os.environ.get("PRESSROOM_SITEURL", "https://press.lgdc.example.kg")

# A published site never contains drafts or embargoed items.
PRESS_PREVIEW = False
