"""Photos for the sample articles, drawn with Pillow: a sky, a sun and hills, different for every article.

They go through the same checks and renditions as an editor's upload, so a
fresh `make run` shows the whole photo pipeline without shipping binary files.
"""

import hashlib
import io
import math

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from . import photos
from .models import Photo

SIZE = (1600, 1000)
CREDIT = "Ilustrasi detakbanten.com"
# (sky top, sky bottom, far hills, near hills)
PALETTES = [
    ((18, 52, 110), (244, 160, 90), (92, 70, 110), (40, 40, 70)),
    ((60, 140, 200), (200, 230, 245), (90, 150, 110), (40, 100, 60)),
    ((250, 120, 90), (255, 220, 150), (170, 90, 80), (90, 50, 60)),
    ((30, 30, 70), (110, 80, 150), (60, 50, 100), (25, 20, 50)),
    ((120, 190, 170), (240, 240, 200), (70, 140, 120), (30, 90, 80)),
]


def _mix(a, b, t):
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b))


def draw(seed, label):
    """A JPEG of a landscape chosen by seed, with label in a corner, and where its sun is (the focal point)."""
    digest = hashlib.sha256(seed.encode()).digest()
    top, bottom, far, near = PALETTES[digest[0] % len(PALETTES)]
    width, height = SIZE
    sky = Image.linear_gradient("L").resize(SIZE)
    image = Image.composite(Image.new("RGB", SIZE, bottom), Image.new("RGB", SIZE, top), sky)
    canvas = ImageDraw.Draw(image)

    sun_x = 0.15 + digest[1] / 255 * 0.7
    sun_y = 0.25 + digest[2] / 255 * 0.2
    radius = 70 + digest[3] % 60
    glow = Image.new("L", SIZE, 0)
    ImageDraw.Draw(glow).ellipse(
        (sun_x * width - radius * 2, sun_y * height - radius * 2, sun_x * width + radius * 2, sun_y * height + radius * 2),
        fill=120,
    )
    image.paste(Image.new("RGB", SIZE, (255, 240, 200)), mask=glow.filter(ImageFilter.GaussianBlur(60)))
    canvas.ellipse(
        (sun_x * width - radius, sun_y * height - radius, sun_x * width + radius, sun_y * height + radius),
        fill=(255, 236, 180),
    )

    for layer, (color, base) in enumerate([(far, 0.62), (_mix(far, near, 0.5), 0.72), (near, 0.82)]):
        phase = digest[4 + layer] / 255 * math.tau
        waves = 1.5 + digest[8 + layer] % 3
        outline = [
            (x, height * (base + 0.06 * math.sin(phase + x / width * math.tau * waves / 2)))
            for x in range(0, width + 40, 40)
        ]
        canvas.polygon([(0, height), *outline, (width, height)], fill=color)

    font = ImageFont.load_default(size=44)
    canvas.text((48, height - 90), label, font=font, fill=(255, 255, 255))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=88)
    return buffer.getvalue(), (round(sun_x, 2), round(sun_y, 2))


def attach_sample_photo(article):
    """Give article a drawn featured photo unless it has one; safe to run again."""
    if article.photo_id:
        return article.photo
    data, (focal_x, focal_y) = draw(article.headline, f"Ilustrasi · {article.section.name}")
    upload = photos.check_upload(SimpleUploadedFile("ilustrasi.jpg", data, "image/jpeg"))
    photo = photos.save_photo(
        Photo(
            alt_text="Ilustrasi: matahari di atas perbukitan, gambar pengganti foto berita",
            caption=f"Ilustrasi untuk berita \u201c{article.headline}\u201d.",
            credit=CREDIT,
            focal_x=focal_x,
            focal_y=focal_y,
        ),
        upload=upload,
    )
    type(article).objects.filter(pk=article.pk).update(photo=photo)
    article.photo = photo
    return photo
