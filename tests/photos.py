"""Photos made for the tests, the way cameras and phones write them.

A phone stores a portrait photo as landscape pixels with EXIF orientation 6
("turn 90° clockwise to view") and writes the camera, its serial number, the
photographer and the GPS position beside it, often XMP, IPTC and a comment
too. :func:`camera_jpeg` writes such a file with markers that must never
reach the site (:data:`SECRETS`); the stored pixels are red on the left and
blue on the right, so the upright photo is red at the top and blue at the bottom.
"""

from __future__ import annotations

import struct
from pathlib import Path

from PIL import Image, ImageCms, ImageDraw

#: Words written into the metadata of test photos; no published file may contain them.
SECRETS = [b"SecretCam", b"SN-98765", b"Jane Roe", b"xmp-secret", b"iptc-secret", b"comment-secret"]

RED = (220, 30, 30)
BLUE = (30, 30, 220)


def camera_exif(orientation: int = 1) -> Image.Exif:
    exif = Image.Exif()
    exif[0x0112] = orientation  # Orientation
    exif[0x010F] = "SecretCam"  # Make
    exif[0x0110] = "SecretCam X7"  # Model
    exif[0x013B] = "Jane Roe"  # Artist
    exif.get_ifd(0x8769)[0xA431] = "SN-98765"  # Exif IFD: BodySerialNumber
    gps = exif.get_ifd(0x8825)  # GPS IFD: 40°31'N 72°48'E (Osh)
    gps[1], gps[2] = "N", (40.0, 31.0, 0.0)
    gps[3], gps[4] = "E", (72.0, 48.0, 0.0)
    return exif


def _pixels(size: tuple[int, int], mode: str = "RGB") -> Image.Image:
    """Red left half, blue right half, a white square in the top left corner."""
    image = Image.new(mode, size, BLUE)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, size[0] // 2 - 1, size[1] - 1), fill=RED)
    side = max(2, min(size) // 10)
    draw.rectangle((0, 0, side, side), fill=(255, 255, 255))
    return image


def _iptc_segment(text: bytes) -> bytes:
    """A JPEG APP13 segment (Photoshop 3.0 / 8BIM 0x0404) carrying IPTC By-line."""
    iptc = b"\x1c\x02\x50" + struct.pack(">H", len(text)) + text
    resource = b"8BIM\x04\x04\x00\x00" + struct.pack(">I", len(iptc)) + iptc + (b"\x00" if len(iptc) % 2 else b"")
    body = b"Photoshop 3.0\x00" + resource
    return b"\xff\xed" + struct.pack(">H", len(body) + 2) + body


def camera_jpeg(path: Path, size: tuple[int, int], orientation: int = 1) -> Path:
    """A JPEG as a camera writes it: EXIF with GPS, XMP, IPTC, comment, sRGB profile."""
    srgb = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    xmp = b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description>xmp-secret</rdf:Description></rdf:RDF></x:xmpmeta>'
    path.parent.mkdir(parents=True, exist_ok=True)
    _pixels(size).save(path, "JPEG", quality=90, exif=camera_exif(orientation), xmp=xmp,
                       comment=b"comment-secret", icc_profile=srgb)  # fmt: skip
    data = path.read_bytes()
    path.write_bytes(data[:2] + _iptc_segment(b"iptc-secret") + data[2:])
    return path


def png_with_alpha(path: Path, size: tuple[int, int]) -> Path:
    image = _pixels(size, "RGBA")
    image.putalpha(Image.linear_gradient("L").resize(size))
    path.parent.mkdir(parents=True, exist_ok=True)
    image.save(path, "PNG", exif=camera_exif())
    return path


def plain_jpeg(path: Path, size: tuple[int, int]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    _pixels(size).save(path, "JPEG", quality=85)
    return path


GALLERY_DAY = "galleries/2026-08-20-photo-day"
MARKET = "news/2026-08-21-market"
DRAFT = "news/2026-08-22-secret-draft"


def gallery_site(target: Path) -> Path:
    """A copy of the fixture site ``tests/sites/gallery`` at ``target``, with its photos."""
    from tests.conftest import copy_site

    site = copy_site("gallery", target)
    camera_jpeg(site / GALLERY_DAY / "p01.jpg", (2000, 1500), orientation=6)  # a portrait, upright 1500×2000
    camera_jpeg(site / GALLERY_DAY / "p02.jpg", (2400, 1600))
    png_with_alpha(site / GALLERY_DAY / "p03.png", (800, 600))
    camera_jpeg(site / GALLERY_DAY / "p04.jpg", (1200, 900), orientation=3)  # upside down
    camera_jpeg(site / GALLERY_DAY / "unused.jpg", (640, 480))
    camera_jpeg(site / MARKET / "tent.jpg", (1800, 1200), orientation=8)
    plain_jpeg(site / MARKET / "noalt.jpg", (600, 400))
    camera_jpeg(site / DRAFT / "secret-photo.jpg", (900, 600))
    camera_jpeg(site / DRAFT / "secret-body.jpg", (900, 600))
    return site
