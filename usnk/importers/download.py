"""Download a source file to a temporary file, safely and visibly.

Only ``https://`` URLs are fetched (plain ``http://`` only from this machine,
127.0.0.1 or localhost, so tests can serve files locally). The download has a
timeout, a size cap checked against ``Content-Length`` and against the bytes
actually received, and a simple text progress bar on stderr.
"""

from __future__ import annotations

import os
import sys
import tempfile
import urllib.error
import urllib.request
from pathlib import Path, PurePosixPath
from urllib.parse import urlsplit

LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}
CHUNK = 64 * 1024


class DownloadError(OSError):
    """A download that was refused or failed; the message says why."""


def is_url(text: object) -> bool:
    """Whether ``text`` looks like an http(s) URL rather than a file path."""
    return str(text).lower().startswith(("http://", "https://"))


def fetch(url: str, *, timeout: float = 30, max_bytes: int = 50 * 1024 * 1024,
          progress: bool = True) -> Path:
    """Download ``url`` into a new temporary file and return its path.

    The file keeps the URL's suffix (``.csv``, ``.xlsx``, ``.json``) so importers
    can tell the format. Raises :class:`DownloadError` for a refused scheme, an
    HTTP error, a timeout, or a body larger than ``max_bytes``; no partial file is
    left behind.
    """
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").lower()
    if scheme == "http" and host not in LOCAL_HOSTS:
        raise DownloadError(f"{url}: refusing plain http://; use an https:// URL")
    if scheme not in ("http", "https") or not host:
        raise DownloadError(f"{url}: not an https:// URL")
    request = urllib.request.Request(url, headers={"User-Agent": "usnk-update/1.0"})
    suffix = PurePosixPath(parts.path).suffix[:8]
    fd, name = tempfile.mkstemp(prefix="usnk-download-", suffix=suffix)
    path = Path(name)
    try:
        with os.fdopen(fd, "wb") as fh:
            try:
                response = urllib.request.urlopen(request, timeout=timeout)
            except urllib.error.HTTPError as exc:
                raise DownloadError(f"{url}: HTTP {exc.code} {exc.reason}") from exc
            except urllib.error.URLError as exc:
                raise DownloadError(f"{url}: cannot connect: {exc.reason}") from exc
            except TimeoutError as exc:
                raise DownloadError(f"{url}: timed out after {timeout:g} s") from exc
            with response:
                length = response.headers.get("Content-Length")
                total = int(length) if length and length.isdigit() else None
                if total is not None and total > max_bytes:
                    raise DownloadError(f"{url}: file is {total:,} bytes, over the {max_bytes:,}-byte limit")
                received = 0
                while True:
                    try:
                        chunk = response.read(CHUNK)
                    except TimeoutError as exc:
                        raise DownloadError(f"{url}: timed out after {timeout:g} s") from exc
                    if not chunk:
                        break
                    received += len(chunk)
                    if received > max_bytes:
                        raise DownloadError(f"{url}: download exceeded the {max_bytes:,}-byte limit")
                    fh.write(chunk)
                    if progress:
                        _bar(received, total)
                if total is not None and received < total:
                    raise DownloadError(f"{url}: connection closed after {received:,} of {total:,} bytes")
        if progress:
            _bar(received, total, done=True)
        return path
    except BaseException:
        path.unlink(missing_ok=True)
        raise


def _bar(received: int, total: int | None, done: bool = False, width: int = 30) -> None:
    if total:
        filled = min(width, received * width // total)
        text = f"\r[{'#' * filled}{'.' * (width - filled)}] {received:,}/{total:,} bytes"
    else:
        text = f"\rdownloaded {received:,} bytes"
    sys.stderr.write(text + ("\n" if done else ""))
    sys.stderr.flush()
