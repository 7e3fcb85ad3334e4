"""Registration codes: random, hard to guess, typed from a paper slip on a cheap phone.

Ten characters from 30 that are not confused with each other when read or written by
hand (no 0, 1, O, I, L, U): 30¹⁰ ≈ 6·10¹⁴ codes, so that with a province's 10⁶
codes in use a guesser allowed SELF_SERVICE_CODE_FAILURES tries per quarter hour and
address needs billions of addresses for one hit. Only a digest is stored."""

import hashlib
import secrets

from django.conf import settings
from django.core.cache import cache

from khuyenhoc.core.access.lockout import client_address

ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ"
LENGTH = 10


def new_code() -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(LENGTH))


def shown(code: str) -> str:
    """As printed: two groups of five, easier to copy."""
    return f"{code[:5]}-{code[5:]}"


def normalised(typed: str) -> str | None:
    """The code a person typed, spaces, dashes and case aside; None if it cannot be one."""
    if not isinstance(typed, str) or len(typed) > 40:
        return None
    text = "".join(ch for ch in typed.upper() if ch not in " -.\t")
    if len(text) != LENGTH or any(ch not in ALPHABET for ch in text):
        return None
    return text


def digest(code: str) -> str:
    """What is stored. A plain SHA-256: the code carries its own entropy, and a digest
    keyed by SECRET_KEY would void every printed slip when the key is rotated."""
    return hashlib.sha256(f"khuyenhoc-code:{code}".encode()).hexdigest()


# Throttling wrong codes per address, in the shared cache (Redis when app hosts are
# many): a village sharing one address still has room for its typos.
LIMITED = (
    "Bạn đã nhập sai mã quá nhiều lần. Vui lòng chờ {minutes} phút rồi thử lại, "
    "hoặc hỏi cán bộ khuyến học xã để được cấp lại mã."
)


def _key(request) -> str:
    return f"selfservice:wrong-code:{client_address(request)}"


def is_limited(request) -> bool:
    return (cache.get(_key(request)) or 0) >= settings.SELF_SERVICE_CODE_FAILURES


def count_failure(request) -> None:
    key, window = _key(request), settings.SELF_SERVICE_CODE_WINDOW_MINUTES * 60
    if not cache.add(key, 1, window):
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.add(key, 1, window)


def limited_message() -> str:
    return LIMITED.format(minutes=settings.SELF_SERVICE_CODE_WINDOW_MINUTES)
