"""Photos: the checks every upload passes, and the renditions readers get.

An upload is refused, before anything is written to storage, unless Pillow
decodes it whole as a JPEG, PNG, WebP, GIF or AVIF within the size and pixel
limits. What is stored is re-encoded from the decoded pixels, turned upright
and converted to sRGB, so no EXIF (GPS included), XMP, comment or bytes
smuggled beside the image survive.

Renditions are made once per photo, ratio and width, named after their crop and
written through Django's storage API (local disk or S3 alike). Their names
follow from the photo's fields, so a page knows every URL without a query or a
storage call.
"""

import io
import itertools
import posixpath
import re
import warnings
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from PIL import Image, ImageCms, ImageOps, features

# The Pillow plugins an upload is parsed with. Anything else (EPS, which runs
# Ghostscript; PSD; TIFF and its many codecs) is never parsed at all.
OPENERS = ["JPEG", "MPO", "PNG", "WEBP", "GIF", "AVIF"]
ACCEPTED_NAMES = "JPEG, PNG, WebP, GIF, atau AVIF"
# The detected format decides the stored format and extension, never the file name.
STORED_AS = {
    "JPEG": ("JPEG", ".jpg"),
    "MPO": ("JPEG", ".jpg"),  # phones' JPEGs with a second picture (depth, HDR gain map)
    "PNG": ("PNG", ".png"),
    "WEBP": ("WEBP", ".webp"),
    "GIF": ("GIF", ".gif"),
    "AVIF": ("AVIF", ".avif"),
}
ORIGINAL_OPTIONS = {
    "JPEG": {"quality": 90, "optimize": True, "progressive": True},
    "PNG": {},
    "WEBP": {"quality": 90},
    "GIF": {},
    "AVIF": {"quality": 85},
}

# Placements: the article shows the photo as taken, cards crop it to 16:9,
# small thumbnails (the admin, structured data) to a square.
RATIOS = {"original": None, "16:9": (16, 9), "1:1": (1, 1)}
# Squares are only ever shown small; wider ones would be encoded for nobody.
MAX_WIDTHS = {"1:1": 640}


@dataclass(frozen=True)
class Encoding:
    mime_type: str
    pillow_format: str
    options: dict


ENCODINGS = {
    "avif": Encoding("image/avif", "AVIF", {"quality": 60}),
    "webp": Encoding("image/webp", "WEBP", {"quality": 80, "method": 4}),
    "jpg": Encoding("image/jpeg", "JPEG", {"quality": 80, "optimize": True, "progressive": True}),
}

# Markup that makes a file something a browser could run if it were ever
# served as a page: an image carrying it is a polyglot, not a photo.
_MARKUP = re.compile(
    rb"<(?:script|html|svg|iframe|object|embed|body|\?php|!doctype)[\s/>]|javascript:|__HALT_COMPILER",
    re.IGNORECASE,
)
_SRGB = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB"))


@dataclass(frozen=True)
class Rendition:
    ratio: str
    width: int
    height: int
    format: str
    name: str

    @property
    def mime_type(self):
        return ENCODINGS[self.format].mime_type


@dataclass(frozen=True)
class Source:
    type: str
    srcset: str


@dataclass(frozen=True)
class Picture:
    """What templates/includes/picture.html needs: one source per modern format and a JPEG fallback."""

    sources: list
    src: str
    srcset: str
    width: int
    height: int
    alt: str


class PhotoUpload(ContentFile):
    """An upload that passed every check: the re-encoded bytes to store and the decoded image."""

    def __init__(self, content, name, image):
        super().__init__(content, name=name)
        self.image = image
        self.width, self.height = image.size


def rendition_formats():
    """Rendition formats, the best first; JPEG last, the fallback every browser shows."""
    formats = ["webp", "jpg"]
    if settings.PHOTO_AVIF and features.check("avif"):
        formats.insert(0, "avif")
    return formats


def max_upload_bytes():
    return settings.PHOTO_MAX_UPLOAD_MB * 1024 * 1024


def max_pixels():
    return settings.PHOTO_MAX_MEGAPIXELS * 1_000_000


def _megabytes(size):
    return f"{size / 1024 / 1024:.1f} MB".replace(".", ",")


def _refuse(message, code):
    return ValidationError(message, code=code)


def check_upload(upload):
    """Return a PhotoUpload for a real photo within the limits, or raise ValidationError naming the problem."""
    limit = max_upload_bytes()
    too_large = _refuse(
        f"Berkas terlalu besar ({_megabytes(upload.size)}); batasnya {settings.PHOTO_MAX_UPLOAD_MB} MB.", "too_large"
    )
    if upload.size > limit:
        raise too_large
    upload.seek(0)
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise too_large
    if not data:
        raise _refuse("Berkas kosong.", "empty")

    image = _open(data)
    width, height = image.size
    if width * height > max_pixels():
        raise _too_many_pixels(f"{width} × {height} piksel")
    if _MARKUP.search(data) or _is_archive(data):
        raise _refuse(
            "Berkas ini gambar yang juga memuat kode atau arsip tersembunyi (poliglot), jadi ditolak. "
            "Simpan ulang fotonya dari aplikasi foto lalu unggah lagi.",
            "polyglot",
        )
    try:
        image.load()
    except Exception as error:  # Pillow's decoders raise many kinds of error on damaged data.
        raise _refuse(
            "Gambar rusak atau terpotong sehingga tidak dapat dibaca utuh. Unggah berkas aslinya.", "corrupt"
        ) from error

    stored_format, extension = STORED_AS[image.format]
    try:
        clean = upright_srgb(image)
        content = encode(clean, stored_format, ORIGINAL_OPTIONS[stored_format])
    except Exception as error:  # an unusual pixel mode Pillow cannot convert
        raise _refuse("Gambar ini tidak dapat diproses. Simpan ulang sebagai JPEG atau PNG.", "unprocessable") from error
    return PhotoUpload(content, f"foto{extension}", clean)


def _too_many_pixels(size):
    return _refuse(
        f"Gambar terlalu besar: {size}; batasnya {settings.PHOTO_MAX_MEGAPIXELS} megapiksel. "
        "Perkecil ukurannya sebelum diunggah.",
        "too_many_pixels",
    )


def _open(data):
    """Open data with the accepted plugins only; this reads the header, never the pixels."""
    Image.init()
    formats = [name for name in OPENERS if name in Image.OPEN]
    try:
        with warnings.catch_warnings():
            # The pixel limit is checked right after, with a clearer message.
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            return Image.open(io.BytesIO(data), formats=formats)
    except Image.DecompressionBombError as error:
        # Pillow's own guard, for sizes far past ours; its message carries the pixel count.
        counted = re.search(r"\((\d+) pixels\)", str(error))
        size = f"{int(counted.group(1)) // 1_000_000} megapiksel" if counted else "jauh melebihi batas"
        raise _too_many_pixels(size) from error
    except Exception as error:  # UnidentifiedImageError, or a header too damaged to parse
        if _MARKUP.search(data) or data.lstrip()[:1] == b"<":
            raise _refuse(
                "Berkas ini berisi HTML, SVG, atau skrip, bukan foto. "
                f"Unggah foto {ACCEPTED_NAMES}.",
                "markup",
            ) from error
        raise _refuse(f"Berkas ini bukan gambar {ACCEPTED_NAMES} yang dapat dibaca.", "not_an_image") from error


def _is_archive(data):
    # A ZIP (or JAR) is read from its end and a PDF from its first kilobyte,
    # so either can ride along inside a file that also decodes as an image.
    return data[:1024].find(b"%PDF-") != -1 or zipfile.is_zipfile(io.BytesIO(data))


def has_alpha(image):
    return image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info)


def upright_srgb(image):
    """The first frame, turned as the camera meant, in sRGB, with no metadata attached."""
    frame = ImageOps.exif_transpose(image)
    profile = frame.info.get("icc_profile")
    if profile and frame.mode in ("RGB", "RGBA", "CMYK"):
        try:
            frame = ImageCms.profileToProfile(
                frame, ImageCms.ImageCmsProfile(io.BytesIO(profile)), _SRGB,
                outputMode="RGBA" if frame.mode == "RGBA" else "RGB",
            )
        except (ImageCms.PyCMSError, OSError, ValueError):
            pass  # a broken profile: the pixels are still usable as they are
    if frame.mode not in ("1", "L", "LA", "P", "RGB", "RGBA"):
        frame = frame.convert("RGBA" if has_alpha(frame) else "RGB")
    # Only palette transparency is kept: EXIF, XMP, ICC and comments all live in info.
    frame.info = {"transparency": frame.info["transparency"]} if "transparency" in frame.info else {}
    return frame


def encode(image, pillow_format, options):
    if pillow_format == "JPEG" and image.mode not in ("L", "RGB"):
        image = flatten(image)
    elif pillow_format in ("WEBP", "AVIF") and image.mode not in ("RGB", "RGBA"):
        image = image.convert("RGBA" if has_alpha(image) else "RGB")
    buffer = io.BytesIO()
    image.save(buffer, pillow_format, **options)
    return buffer.getvalue()


def flatten(image):
    """The image on a white background, for formats without transparency."""
    if not has_alpha(image):
        return image.convert("RGB")
    background = Image.new("RGBA", image.size, "white")
    return Image.alpha_composite(background, image.convert("RGBA")).convert("RGB")


def crop_box(width, height, ratio, focal_x=0.5, focal_y=0.5):
    """The largest box of ratio inside width × height, centred on the focal point as far as the edges allow."""
    proportions = RATIOS[ratio]
    if proportions is None:
        return (0, 0, width, height)
    across, down = proportions
    crop_width = min(width, round(height * across / down))
    crop_height = min(height, round(width * down / across))
    left = min(max(round(focal_x * width - crop_width / 2), 0), width - crop_width)
    top = min(max(round(focal_y * height - crop_height / 2), 0), height - crop_height)
    return (left, top, left + crop_width, top + crop_height)


def widths(crop_width, ratio="original"):
    """Rendition widths for a crop: the configured widths it can fill, and its own width when clearly wider.

    Never wider than the crop: upscaling adds bytes, not detail.
    """
    configured = [width for width in settings.PHOTO_WIDTHS if width <= MAX_WIDTHS.get(ratio, width)]
    fitting = [width for width in configured if width <= crop_width]
    if crop_width < configured[-1] and (not fitting or crop_width > fitting[-1] * 1.25):
        fitting.append(crop_width)
    return fitting


def rendition_dir(file_name):
    """Renditions live beside the original, in a folder named after it."""
    return posixpath.splitext(file_name)[0]


def open_original(photo):
    with photo.file.storage.open(photo.file.name, "rb") as original:
        image = Image.open(io.BytesIO(original.read()))
        image.load()
    return image


def make_renditions(photo, image=None, force=False):
    """Write the photo's missing renditions (all of them with force) and return how many were written.

    image is the decoded original when the caller has it (an upload); otherwise it
    is read back from storage. If anything fails, what this call wrote is deleted.
    """
    storage = photo.file.storage
    pending = [rendition for rendition in photo.renditions() if force or not storage.exists(rendition.name)]
    if not pending:
        return 0
    source = image if image is not None else open_original(photo)
    source = source.convert("RGBA" if has_alpha(source) else "RGB") if source.mode not in ("RGB", "RGBA") else source
    written = []
    try:
        for (ratio, width, height), group in itertools.groupby(pending, key=lambda r: (r.ratio, r.width, r.height)):
            resized = source.resize(
                (width, height), Image.Resampling.LANCZOS, box=photo.crop_box(ratio), reducing_gap=3.0
            )
            for rendition in group:
                encoding = ENCODINGS[rendition.format]
                content = ContentFile(encode(resized, encoding.pillow_format, encoding.options))
                if force and storage.exists(rendition.name):
                    storage.delete(rendition.name)
                saved = storage.save(rendition.name, content)
                written.append(saved)
                if saved != rendition.name:
                    raise RuntimeError(f"storage saved {rendition.name} as {saved}")
    except BaseException:
        for name in written:
            storage.delete(name)
        raise
    return len(written)


def stored_renditions(storage, file_name):
    """Names of the files in a photo's rendition folder, whatever crop they were made for."""
    folder = rendition_dir(file_name)
    try:
        _, files = storage.listdir(folder)
    except (FileNotFoundError, NotADirectoryError):
        return []
    return [posixpath.join(folder, name) for name in files]


def delete_stale_renditions(photo):
    """Delete crops made for an earlier focal point."""
    current = {rendition.name for rendition in photo.renditions()}
    for name in stored_renditions(photo.file.storage, photo.file.name):
        if name not in current:
            photo.file.storage.delete(name)


def delete_files(storage, file_name):
    """Delete an original and all its renditions."""
    for name in stored_renditions(storage, file_name):
        storage.delete(name)
    storage.delete(file_name)


def save_photo(photo, upload=None):
    """Save photo and make its renditions; if any step fails, the files this call wrote are deleted.

    upload is the checked PhotoUpload of a new photo; without it the photo exists
    already (its focal point may have moved) and crops for the old one go.
    """
    if upload is not None:
        photo.file = upload
        photo.width, photo.height = upload.width, upload.height
    try:
        with transaction.atomic():
            photo.save()
            make_renditions(photo, image=upload.image if upload is not None else None)
    except BaseException:
        if upload is not None and photo.file._committed and photo.file.name:
            delete_files(photo.file.storage, photo.file.name)
        raise
    if upload is None:
        transaction.on_commit(lambda: delete_stale_renditions(photo))
    return photo


def forget_files(sender, instance, **kwargs):
    """post_delete receiver: once the deletion is committed, the files go too."""
    storage, name = instance.file.storage, instance.file.name
    if name:
        transaction.on_commit(lambda: delete_files(storage, name))
