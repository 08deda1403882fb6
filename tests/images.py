"""Images for tests, made in memory with Pillow: small, fast, and every attack file the upload must refuse."""

import io
import struct
import zipfile
import zlib

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw

GPS_IFD = 0x8825
ORIENTATION = 0x0112


def picture(size=(64, 48), mode="RGB", color=(30, 120, 200)):
    """A small image with some structure, so encoders have something to do."""
    image = Image.new(mode, size, color)
    draw = ImageDraw.Draw(image)
    draw.rectangle((size[0] // 4, size[1] // 4, size[0] // 2, size[1] // 2), fill="white" if mode != "P" else 1)
    return image


def encoded(image, format="JPEG", **options):
    buffer = io.BytesIO()
    image.save(buffer, format, **options)
    return buffer.getvalue()


def upload(data, name="foto.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, data, content_type)


def jpeg(size=(64, 48), **options):
    return encoded(picture(size), "JPEG", **options)


def phone_jpeg(size=(64, 48)):
    """A JPEG as phones make them: GPS position, camera make, XMP, a comment, and stored sideways.

    Orientation 6 means "turn 90° clockwise to view": the stored left column is
    the top of the scene. The left half is red, so upright the top half is red.
    """
    image = Image.new("RGB", size, "blue")
    ImageDraw.Draw(image).rectangle((0, 0, size[0] // 2 - 1, size[1]), fill="red")
    exif = image.getexif()
    exif[ORIENTATION] = 6
    exif[0x010F] = "Samsung"
    exif[GPS_IFD] = {1: "S", 2: (6.0, 10.0, 30.0), 3: "E", 4: (106.0, 40.0, 12.0)}
    return encoded(image, "JPEG", exif=exif, xmp=b"<x:xmpmeta>lokasi-rahasia</x:xmpmeta>", comment=b"lokasi-rahasia")


def png_chunk(kind, data):
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_declaring(width, height):
    """A tiny PNG whose header declares width × height: a decompression bomb's first bytes."""
    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    rows = zlib.compress(b"\x00" * (width * 3 + 1) * 2)
    return b"\x89PNG\r\n\x1a\n" + png_chunk(b"IHDR", header) + png_chunk(b"IDAT", rows) + png_chunk(b"IEND", b"")


def jpeg_declaring(width, height):
    """A small real JPEG whose frame header is edited to declare width × height."""
    data = bytearray(jpeg((16, 16)))
    marker = data.index(b"\xff\xc0")  # baseline start-of-frame: length, precision, height, width
    data[marker + 5 : marker + 9] = struct.pack(">HH", height, width)
    return bytes(data)


def attack_files():
    """Every file the upload must refuse, with the words its message must contain."""
    noisy = encoded(Image.effect_noise((96, 96), 60).convert("RGB"), "JPEG", quality=95)
    png = encoded(picture((64, 48)), "PNG")
    idat = png.index(b"IDAT") + 8
    corrupt_png = png[:idat] + bytes(byte ^ 0x5A for byte in png[idat : idat + 40]) + png[idat + 40 :]
    archive = io.BytesIO()
    with zipfile.ZipFile(archive, "w") as jar:
        jar.writestr("Exploit.class", b"\xca\xfe\xba\xbe")
    return {
        "teks berekstensi .jpg": (upload(b"Ini bukan foto, hanya catatan rapat.\n" * 20, "foto.jpg"), "bukan gambar"),
        "HTML berekstensi .jpg": (
            upload(b"<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>"),
            "HTML",
        ),
        "SVG": (
            upload(b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><circle r="9"/></svg>',
                   "logo.svg", "image/svg+xml"),
            "SVG",
        ),
        "JPEG terpotong": (upload(noisy[: len(noisy) // 2]), "terpotong"),
        "PNG rusak": (upload(corrupt_png, "foto.png", "image/png"), "rusak"),
        "JPEG poliglot berisi skrip": (
            upload(encoded(picture(), "JPEG", comment=b"<script>alert(1)</script>")), "poliglot"
        ),
        "GIF poliglot berisi arsip JAR": (
            upload(encoded(picture(mode="P"), "GIF") + archive.getvalue(), "foto.gif", "image/gif"), "poliglot"
        ),
        "PNG 30000 × 30000 (bom dekompresi)": (upload(png_declaring(30000, 30000), "bom.png", "image/png"), "900 megapiksel"),
        "JPEG 8000 × 8000": (upload(jpeg_declaring(8000, 8000)), "8000 × 8000 piksel"),
    }
