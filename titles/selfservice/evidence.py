"""Evidence files (minh chứng) as they are kept: a photo or a PDF, its type told by its
content, never by its name or the browser's word. A photo is decoded and saved anew by
Pillow: no EXIF (a phone's GPS position, its serial), no comment, nothing hidden after
the image, turned upright and at most MAX_SIDE pixels wide, so a 4 MB phone photo keeps
about 300 KB. A PDF is kept as it came, checked to start and end like one."""

import io
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ValidationError
from PIL import Image, ImageOps, UnidentifiedImageError

MAX_SIDE = 1600
# Pillow refuses to decode more pixels than this: a small file that unpacks to
# gigabytes (a decompression bomb) is refused before it takes the memory.
MAX_PIXELS = 40_000_000
Image.MAX_IMAGE_PIXELS = MAX_PIXELS
IMAGE_FORMATS = {"JPEG", "PNG", "WEBP"}
PDF = "application/pdf"
WRONG_TYPE = "Tệp «{name}» không phải ảnh (JPG, PNG, WebP) hay PDF."


@dataclass
class Kept:
    name: str
    content_type: str
    content: bytes


def _kind(head: bytes) -> str | None:
    if head.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WEBP"
    if head.startswith(b"%PDF-"):
        return "PDF"
    return None


def _image(data: bytes, name: str) -> bytes:
    try:
        with Image.open(io.BytesIO(data)) as opened:
            if opened.format not in IMAGE_FORMATS:
                raise ValidationError(WRONG_TYPE.format(name=name))
            if opened.width * opened.height > MAX_PIXELS:
                raise ValidationError(f"Ảnh «{name}» quá lớn.")
            upright = ImageOps.exif_transpose(opened)
            picture = upright.convert("RGB")
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError) as exc:
        raise ValidationError(f"Không đọc được ảnh «{name}»; hãy chụp hoặc chọn lại.") from exc
    picture.thumbnail((MAX_SIDE, MAX_SIDE))
    out = io.BytesIO()
    picture.save(out, format="JPEG", quality=80, optimize=True)  # saves no metadata
    return out.getvalue()


def _safe_name(name: str, extension: str) -> str:
    stem = "".join(ch for ch in (name or "").rsplit(".", 1)[0] if ch.isalnum() or ch in " -_")
    return f"{stem.strip()[:80] or 'minh-chung'}.{extension}"


def kept(upload) -> Kept:
    """The file as it is stored, or a ValidationError in Vietnamese."""
    name = getattr(upload, "name", "") or "tệp"
    limit = settings.SELF_SERVICE_EVIDENCE_BYTES
    if upload.size > limit:
        raise ValidationError(
            f"Tệp «{name}» lớn quá {limit // (1024 * 1024)} MB; hãy chụp lại nhỏ hơn."
        )
    data = upload.read(limit + 1)
    kind = _kind(data[:16])
    if kind is None:
        raise ValidationError(WRONG_TYPE.format(name=name))
    if kind == "PDF":
        if b"%%EOF" not in data[-1024:]:
            raise ValidationError(f"Tệp PDF «{name}» không đầy đủ; hãy gửi lại.")
        return Kept(_safe_name(name, "pdf"), PDF, data)
    return Kept(_safe_name(name, "jpg"), "image/jpeg", _image(data, name))
