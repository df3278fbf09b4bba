"""Password hashing for portal accounts created by intake (the portal's own scheme).

PBKDF2-SHA256 from the standard library, in the common ``pbkdf2_sha256$iterations$salt$hash``
form; LKK Admin never shows or checks these hashes, it only stores what the portal would.
"""

import base64
import hashlib
import hmac
import os

ITERATIONS = 120_000


def hash_password(password: str, *, iterations: int = ITERATIONS, salt: bytes | None = None) -> str:
    salt = salt if salt is not None else os.urandom(16)
    digest = hashlib.pbkdf2_hmac("sha256", password.encode("utf-8"), salt, iterations)
    encoded_salt = base64.b64encode(salt).decode("ascii")
    encoded_digest = base64.b64encode(digest).decode("ascii")
    return f"pbkdf2_sha256${iterations}${encoded_salt}${encoded_digest}"


def verify_password(password: str, encoded: str) -> bool:
    try:
        scheme, iterations, salt, expected = encoded.split("$")
    except ValueError:
        return False
    if scheme != "pbkdf2_sha256":
        return False
    candidate = hash_password(password, iterations=int(iterations), salt=base64.b64decode(salt))
    return hmac.compare_digest(candidate.split("$")[3], expected)
