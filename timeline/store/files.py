"""File safety for the stores, whatever their format: a new version is written to a temporary file
in the same folder that then replaces the store in one rename, so a crash, a kill or a full disk
never leaves half a file; a lock (`.NAME.lock` beside the store) serialises the runs that write one
store; temporary files of killed runs are removed by the next.

A store that is a symbolic link stays one: writes replace the file it points to.
"""

from __future__ import annotations

import glob
import os
import secrets
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

try:
    import fcntl
except ImportError:              # Windows: no advisory file locks; writes stay atomic, runs are not serialised
    fcntl = None  # type: ignore[assignment]

from ..errors import StoreError

#: how long `locked` waits for another run to finish writing the store
LOCK_TIMEOUT = 30.0


def write_error(path: Path, exc: OSError) -> StoreError:
    return StoreError(f"cannot write {path}: {(exc.strerror or str(exc)).lower()}")


@contextmanager
def undone_on_error(path: Path, undo: Callable[[], None]) -> Iterator[None]:
    """Run `undo` when the block fails, and report an OSError as the store's write error."""
    try:
        yield
    except BaseException as exc:
        undo()
        if isinstance(exc, OSError):
            raise write_error(path, exc) from None
        raise


def target(path: Path) -> Path:
    """The file a write to `path` replaces; StoreError when it cannot be a file."""
    found = path.resolve()
    if not found.parent.is_dir():
        raise StoreError(f"cannot write {path}: folder {found.parent} does not exist")
    if found.is_dir():
        raise StoreError(f"cannot write {path}: it is a directory, not a file")
    return found


def writable_target(path: Path) -> Path:
    """`target(path)`, refused when it is a read-only file."""
    found = target(path)
    if found.exists() and not os.access(found, os.W_OK):
        raise StoreError(f"cannot write {path}: the file is read-only")
    return found


def check_writable(path: str | Path) -> None:
    """Raise StoreError now when `path` cannot be written as a store, before a long parse."""
    path = Path(path)
    if path.is_dir():
        raise StoreError(f"{path} is a directory, not an events store (give a file, e.g. {path / 'events.yaml'})")
    writable_target(path)


class Replacement:
    """A new version of the file at `path`, written to `handle` (a temporary file beside it):
    `commit` puts it in place in one rename, `discard` drops it."""

    def __init__(self, path: Path, replaced: Path | None = None):
        """`replaced`: `writable_target(path)`, when the caller has it already."""
        self.path = path
        self.target = writable_target(path) if replaced is None else replaced
        self.temporary = self.target.parent / f".{self.target.name}.{secrets.token_hex(6)}.tmp"
        try:                                     # not mkstemp: a new store gets the umask's mode, not 0600
            fd = os.open(self.temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        except OSError as exc:
            raise write_error(path, exc) from None
        self.handle = os.fdopen(fd, "w", encoding="utf-8")

    def commit(self) -> None:
        """Write the file to disk and rename it over the target, which keeps its permissions."""
        with undone_on_error(self.path, self.discard):
            self.handle.flush()
            os.fsync(self.handle.fileno())
            self.handle.close()
            if self.target.exists():
                os.chmod(self.temporary, self.target.stat().st_mode & 0o777)
            os.replace(self.temporary, self.target)

    def discard(self) -> None:
        try:
            self.handle.close()
        except OSError:                          # what could not be written is dropped with the file
            pass
        finally:
            self.temporary.unlink(missing_ok=True)


def atomic_write(path: str | Path, text: str) -> None:
    """Write `text` to `path` through a temporary file that replaces it; a read-only file is refused."""
    path = Path(path)
    replacement = Replacement(path)
    with undone_on_error(path, replacement.discard):
        replacement.handle.write(text)
    replacement.commit()


def remove_stale_temporaries(path: Path) -> None:
    """Temporary files of writes that were killed before their rename (call it under the lock)."""
    found = path.resolve()
    for stale in found.parent.glob(f".{glob.escape(found.name)}.*.tmp"):
        stale.unlink(missing_ok=True)


@contextmanager
def locked(path: Path, timeout: float | None = None) -> Iterator[None]:
    """Hold the store's lock, an exclusive `flock` on `.NAME.lock` beside it, or fail after `timeout`
    seconds (default `LOCK_TIMEOUT`).

    The kernel releases the lock when its holder dies, so a killed run never blocks the next. The
    lock file is removed on release; a run that then finds it replaced by a newer one locks that.
    """
    if fcntl is None:
        yield
        return
    timeout = LOCK_TIMEOUT if timeout is None else timeout
    found = target(path)
    lock_path = found.parent / f".{found.name}.lock"
    deadline = time.monotonic() + timeout
    while True:
        try:
            fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            raise StoreError(f"cannot write {path}: {(exc.strerror or str(exc)).lower()} ({lock_path})") from None
        try:
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        raise StoreError(f"another timeline parse is writing {path} (waited {timeout:g} s for "
                                         f"{lock_path}); try again when it has finished") from None
                    time.sleep(0.02)
            try:
                current = os.path.samestat(os.fstat(fd), os.stat(lock_path))
            except FileNotFoundError:
                current = False
        except BaseException:
            os.close(fd)
            raise
        if current:
            break
        os.close(fd)
    try:
        yield
    finally:
        lock_path.unlink(missing_ok=True)
        os.close(fd)
