"""Photos for the sample articles, drawn with Pillow: a sky, a sun and hills, and in front what the story
is about (flooded houses, market stalls, a school, a stadium, an office with a dome, a bus on the road,
a town), different for every article.

They go through the same checks and renditions as an editor's upload, so a
fresh `make run` shows the whole photo pipeline without shipping binary files.
"""

import hashlib
import io
import math
import re

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


# The scene in front, by the first word of the story's headline or section that names one.
SCENES = [
    ("flood", ("banjir", "rendam", "sungai")),
    ("road", ("bus", "car free", "jalan", "transportasi")),
    ("market", ("pasar", "harga", "emping", "umkm", "ekonomi")),
    ("school", ("sekolah", "ppdb", "siswa", "pendidikan", "zonasi")),
    ("stadium", ("venue", "porprov", "olahraga", "atlet")),
    ("office", ("dprd", "kpu", "raperda", "pemilih", "politik", "wali kota", "birokrat")),
]


def scene_for(text):
    text = text.casefold()
    # Whole words: "tembus" is not a bus.
    return next((scene for scene, words in SCENES if any(re.search(rf"\b{word}\b", text) for word in words)), "town")


def _scene(canvas, scene, digest, width, height, ink):
    """Simple shapes of the scene along the bottom third, in colours drawn from the palette."""
    ground = height * 0.84
    light, dark = (245, 240, 225), ink
    shift = digest[12] / 255 * width * 0.2
    if scene in {"flood", "town"}:
        for number in range(7):
            left = shift + number * width * 0.14 - width * 0.05
            tall = height * (0.10 + (digest[13 + number] % 5) * (0.03 if scene == "town" else 0.012))
            canvas.rectangle((left, ground - tall, left + width * 0.1, ground + height * 0.2), fill=dark)
            if scene == "flood":
                canvas.polygon([(left - 10, ground - tall), (left + width * 0.05, ground - tall - height * 0.07),
                                (left + width * 0.1 + 10, ground - tall)], fill=(150, 60, 50))
            for row in range(int(tall // (height * 0.05))):
                for column in range(3):
                    x = left + 12 + column * width * 0.03
                    y = ground - tall + 14 + row * height * 0.05
                    canvas.rectangle((x, y, x + 18, y + 22), fill=light)
        if scene == "flood":
            canvas.rectangle((0, ground - height * 0.05, width, height), fill=(70, 120, 160))
            for row in range(4):
                y = ground - height * 0.03 + row * height * 0.04
                canvas.line([(x, y + 6 * math.sin(x / 40 + row)) for x in range(0, width + 20, 20)], fill=(170, 205, 225), width=4)
    elif scene == "market":
        for number in range(6):
            left = shift + number * width * 0.17 - width * 0.05
            canvas.rectangle((left, ground - height * 0.12, left + width * 0.15, height), fill=dark)
            for stripe in range(6):
                color = (210, 60, 50) if (stripe + number) % 2 else light
                x = left + stripe * width * 0.025
                canvas.polygon([(x, ground - height * 0.12), (x + width * 0.025, ground - height * 0.12),
                                (x + width * 0.03, ground - height * 0.08), (x + 5, ground - height * 0.08)], fill=color)
            for fruit in range(4):
                x = left + 20 + fruit * width * 0.03
                canvas.ellipse((x, ground - height * 0.03, x + 30, ground), fill=(220, 50 + 40 * fruit, 40))
    elif scene == "school":
        left, right = width * 0.18 + shift, width * 0.82 + shift - width * 0.1
        canvas.rectangle((left, ground - height * 0.2, right, height), fill=(235, 225, 200))
        canvas.polygon([(left - 30, ground - height * 0.2), ((left + right) / 2, ground - height * 0.3),
                        (right + 30, ground - height * 0.2)], fill=(160, 70, 50))
        for column in range(8):
            x = left + 30 + column * (right - left - 60) / 8
            canvas.rectangle((x, ground - height * 0.15, x + 40, ground - height * 0.08), fill=(80, 120, 160))
        pole = left - width * 0.06
        canvas.line([(pole, ground), (pole, ground - height * 0.32)], fill=(90, 90, 90), width=6)
        canvas.rectangle((pole, ground - height * 0.32, pole + 90, ground - height * 0.29), fill=(220, 30, 40))
        canvas.rectangle((pole, ground - height * 0.29, pole + 90, ground - height * 0.26), fill=(250, 250, 250))
    elif scene == "stadium":
        canvas.ellipse((width * 0.05, ground - height * 0.12, width * 0.95, height * 1.1), fill=(190, 80, 60))
        canvas.ellipse((width * 0.15, ground - height * 0.06, width * 0.85, height * 1.0), fill=(70, 150, 80))
        for lane in range(1, 4):
            inset = lane * width * 0.025
            canvas.arc((width * 0.05 + inset, ground - height * 0.12 + inset / 2, width * 0.95 - inset, height * 1.1),
                       180, 360, fill=light, width=3)
        for light_pole in (width * 0.1, width * 0.9):
            canvas.line([(light_pole, ground), (light_pole, ground - height * 0.35)], fill=dark, width=8)
            canvas.rectangle((light_pole - 40, ground - height * 0.38, light_pole + 40, ground - height * 0.34), fill=light)
    elif scene == "office":
        center = width / 2 + shift - width * 0.1
        canvas.rectangle((center - width * 0.28, ground - height * 0.17, center + width * 0.28, height), fill=(235, 232, 220))
        canvas.pieslice((center - width * 0.09, ground - height * 0.36, center + width * 0.09, ground - height * 0.14),
                        180, 360, fill=(60, 130, 110))
        for column in range(9):
            x = center - width * 0.25 + column * width * 0.0625
            canvas.rectangle((x, ground - height * 0.15, x + 16, ground), fill=(200, 195, 180))
        canvas.rectangle((center - width * 0.3, ground - 12, center + width * 0.3, ground + 10), fill=dark)
    elif scene == "road":
        canvas.rectangle((0, ground - height * 0.02, width, height), fill=(70, 70, 75))
        for dash in range(0, width, 160):
            canvas.rectangle((dash, ground + height * 0.06, dash + 80, ground + height * 0.075), fill=light)
        left = width * 0.25 + shift
        canvas.rounded_rectangle((left, ground - height * 0.2, left + width * 0.42, ground + height * 0.03), 30,
                                 fill=(230, 150, 40))
        for window in range(6):
            x = left + 30 + window * width * 0.065
            canvas.rectangle((x, ground - height * 0.17, x + width * 0.05, ground - height * 0.1), fill=(160, 210, 235))
        for wheel in (left + width * 0.08, left + width * 0.33):
            canvas.ellipse((wheel - 38, ground - 10, wheel + 38, ground + 66), fill=(30, 30, 30))


def draw(seed, label, scene="town"):
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
    _scene(canvas, scene, digest, width, height, _mix(near, (0, 0, 0), 0.3))

    font = ImageFont.load_default(size=44)
    canvas.text((48, height - 90), label, font=font, fill=(255, 255, 255))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=88)
    return buffer.getvalue(), (round(sun_x, 2), round(sun_y, 2))


def attach_sample_photo(article):
    """Give article a drawn featured photo unless it has one; safe to run again."""
    if article.photo_id:
        return article.photo
    scene = scene_for(f"{article.headline} {article.section.name}")
    data, (focal_x, focal_y) = draw(article.headline, f"Ilustrasi · {article.section.name}", scene)
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
