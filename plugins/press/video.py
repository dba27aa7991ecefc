"""Recognising YouTube and Vimeo links and their click-to-load player address.

The item page shows a local poster and loads the host's player only after
the reader presses play (no request to the video host before that); the
player address uses the hosts' reduced-tracking domains.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_YOUTUBE = re.compile(r"(?:youtube\.com/(?:watch\?(?:.*&)?v=|embed/|shorts/)|youtu\.be/)([A-Za-z0-9_-]{11})")
_VIMEO = re.compile(r"vimeo\.com/(?:video/)?(\d+)")


@dataclass(frozen=True)
class VideoEmbed:
    host: str  # the video host's name, for the reader
    embed_url: str  # loaded only after the reader presses play


def video_embed(url: str) -> VideoEmbed | None:
    """The privacy-friendly player address of a YouTube or Vimeo link."""
    match = _YOUTUBE.search(url or "")
    if match:
        return VideoEmbed("YouTube", f"https://www.youtube-nocookie.com/embed/{match[1]}?autoplay=1")
    match = _VIMEO.search(url or "")
    if match:
        return VideoEmbed("Vimeo", f"https://player.vimeo.com/video/{match[1]}?autoplay=1&dnt=1")
    return None
