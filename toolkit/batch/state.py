"""The batch's incremental state: one SQLite file per output folder, one row per article built.

The file lives in ``OUT/.toolkit/state.sqlite`` (a hidden folder that folder builds skip), or where
``--state PATH`` says. An article is known by its identity, not by where the input lies today: its
path from the input root (``rel``) and the hash of its content (``source``), so a checkout or CI
workspace that moved, or an input folder renamed, finds its articles again. Nothing in the file is an
absolute path: output names are relative to the output folder, inputs to their root. A state written
by an earlier version (``OUT/.toolkit-state.sqlite``, keyed on absolute paths) is migrated on first use.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import os
import shutil
import sqlite3
import time
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path

from toolkit.batch.identity import Identity, same_articles
from toolkit.errors import OutputError

STATE_DIR = ".toolkit"
STATE_NAME = "state.sqlite"
LEGACY_NAME = ".toolkit-state.sqlite"  # before 25: in the output folder itself, keyed on absolute paths

SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    key TEXT PRIMARY KEY,
    rel TEXT NOT NULL DEFAULT '',
    source TEXT NOT NULL DEFAULT '',
    hash TEXT NOT NULL,
    stem TEXT NOT NULL,
    outputs TEXT NOT NULL,
    built_at REAL NOT NULL,
    duration REAL NOT NULL,
    builds INTEGER NOT NULL DEFAULT 1,
    run_id INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    started REAL NOT NULL,
    finished REAL,
    built INTEGER NOT NULL DEFAULT 0,
    skipped INTEGER NOT NULL DEFAULT 0,
    failed INTEGER NOT NULL DEFAULT 0
);
PRAGMA user_version = 2;
"""


@dataclass(frozen=True)
class Record:
    """One article's row: ``rel`` its path from the input root, ``source`` its content's hash, ``hash``
    the hash of everything its build read (input, sidecars, options, styles, toolkit)."""

    key: str
    hash: str
    stem: str
    outputs: tuple[str, ...]
    builds: int
    run_id: int
    rel: str = ""
    source: str = ""


def default_state_path(out_dir: str | os.PathLike) -> Path:
    return Path(out_dir) / STATE_DIR / STATE_NAME


def state_file(out_dir: str | os.PathLike, state: str | os.PathLike | None = None) -> Path | None:
    """The state file an output folder's build would read: ``state`` if given, else the default place,
    else an earlier version's; None when there is none."""
    if state is not None:
        return Path(state) if Path(state).is_file() else None
    for path in (default_state_path(out_dir), Path(out_dir) / LEGACY_NAME):
        if path.is_file():
            return path
    return None


def _load(db: sqlite3.Connection) -> dict[str, Record]:
    columns = {row[1] for row in db.execute("PRAGMA table_info(articles)")}
    extra = ", rel, source" if {"rel", "source"} <= columns else ", '', ''"
    rows = db.execute(f"SELECT key, hash, stem, outputs, builds, run_id{extra} FROM articles").fetchall()
    return {r[0]: Record(r[0], r[1], r[2], tuple(json.loads(r[3])), r[4], r[5], r[6], r[7]) for r in rows}


def _cannot_use(exc: Exception, path: Path, out_dir: Path) -> OutputError:
    if getattr(exc, "sqlite_errorcode", None) == 13 or shutil.disk_usage(path.parent).free < 2**20:
        return OutputError("cannot write: the disk is full; free some space or choose another folder with -o",
                           str(out_dir))
    return OutputError(f"cannot use the build state file {path}: {exc}; delete it to start afresh", str(out_dir))


class BatchState:
    """Opened once per run by the coordinator; holds an exclusive lock on the output folder and on the
    state file, so two runs never share either."""

    def __init__(self, out_dir: str | os.PathLike, state: str | os.PathLike | None = None):
        self.out_dir = Path(out_dir)
        self.path = Path(state) if state is not None else default_state_path(self.out_dir)
        self._locks = []
        try:
            self.out_dir.mkdir(parents=True, exist_ok=True)
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # flock (not SQLite's own POSIX locks) on the folder and the state file, held for the whole run
            self._lock(os.open(self.out_dir, os.O_RDONLY), folder=True)
            self._lock(os.open(self.path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o666))
        except OSError as exc:
            self._unlock()
            from toolkit.output import write_failure  # the shared what-to-do wording

            raise write_failure(exc, self.out_dir) from None
        legacy = self.out_dir / LEGACY_NAME
        try:
            self.db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.executescript(SCHEMA)
            self.run_id = self.db.execute("INSERT INTO runs (started) VALUES (?)", (time.time(),)).lastrowid
            self._records = _load(self.db)
            self._legacy = False
            if legacy.is_file():
                if self._records:  # migrated already (the old file outlived a killed run)
                    _remove_legacy(legacy)
                else:
                    self._records = _read_legacy(legacy)
                    self._legacy = bool(self._records)
        except sqlite3.DatabaseError as exc:
            with contextlib.suppress(sqlite3.Error, AttributeError):
                self.db.close()
            self._unlock()
            raise _cannot_use(exc, self.path, self.out_dir) from None
        self._reserved: set[str] = set()  # keys given to new articles this run, not yet recorded
        self._index()
        self.remove_leftovers()

    def _lock(self, fd: int, folder: bool = False) -> None:
        self._locks.append(fd)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self._unlock()
            raise OutputError("another toolkit build is writing to this folder; wait for it to finish",
                              str(self.out_dir)) from None
        except OSError:
            if not folder:  # a file system without flock on folders: the state file's lock still holds
                raise

    def _unlock(self) -> None:
        for fd in self._locks:
            with contextlib.suppress(OSError):
                os.close(fd)
        self._locks = []

    def _index(self) -> None:
        self._stems: dict[str, str] = {}  # name stem -> the article that owns it
        self._owners: dict[str, str] = {}  # recorded output file -> its article
        for rec in self._records.values():
            self._own(rec)

    def _own(self, rec: Record) -> None:
        """Every file an article's record names, and every name stem those files use, is that article's:
        no other build takes them."""
        for name in rec.outputs:
            self._owners.setdefault(name, rec.key)
        for stem in {rec.stem, *(name.split(".", 1)[0] for name in rec.outputs)}:
            self._stems.setdefault(stem, rec.key)

    def _disown(self, rec: Record) -> None:
        for name in rec.outputs:
            if self._owners.get(name) == rec.key:
                del self._owners[name]
        for stem in {rec.stem, *(name.split(".", 1)[0] for name in rec.outputs)}:
            if self._stems.get(stem) == rec.key:
                del self._stems[stem]

    def remove_leftovers(self) -> list[Path]:
        """Temporary ``.NAME.*.part`` files of a killed run; safe to delete while we hold the lock."""
        removed = []
        for part in self.out_dir.glob(".*.part"):
            try:
                part.unlink()
                removed.append(part)
            except OSError:
                pass
        return removed

    def get(self, key: str) -> Record | None:
        return self._records.get(key)

    def records(self) -> dict[str, Record]:
        return dict(self._records)

    def _new_key(self, rel: str) -> str:
        base = rel or "article"
        key, n = base, 1
        while key in self._records or key in self._reserved:
            n += 1
            key = f"{base}#{n}"
        self._reserved.add(key)
        return key

    def match(self, jobs: Iterable[Identity]) -> dict[str, str]:
        """Each job's article key: the record of the same article if there is one (see
        ``identity.same_articles``), else a new key. A state from an earlier version is migrated here,
        where the inputs' resolved paths tell which articles its absolute keys were."""
        jobs = list(jobs)
        found = same_articles(jobs, self._records.values(), by_resolved_path=self._legacy)
        by_job = {job.job: job for job in jobs}
        if self._legacy:
            self._migrate({old: by_job[job] for job, old in found.items()})
            found = {job: self._rekeyed[old] for job, old in found.items()}
        updates = []
        for job_key, rec_key in found.items():
            job, rec = by_job[job_key], self._records[rec_key]
            if (rec.rel, rec.source) != (job.rel, job.source or rec.source):
                self._records[rec_key] = replace(rec, rel=job.rel, source=job.source or rec.source)
                updates.append((job.rel, job.source or rec.source, rec_key))
        if updates:
            self._write(lambda: self.db.executemany("UPDATE articles SET rel=?, source=? WHERE key=?", updates))
        for job in jobs:
            if job.job not in found:
                found[job.job] = self._new_key(job.rel)
        return found

    def _migrate(self, matched: dict[str, Identity]) -> None:
        """The earlier version's records, re-keyed on their identity, into this state file, in one
        transaction; then its file is removed (its absolute paths with it)."""
        self._rekeyed: dict[str, str] = {}
        records: dict[str, Record] = {}
        for old in sorted(self._records.values(), key=lambda r: r.key):
            job = matched.get(old.key)
            rel = job.rel if job is not None else Path(old.key).name
            key = rel
            n = 1
            while key in records:
                n += 1
                key = f"{rel}#{n}"
            records[key] = replace(old, key=key, rel=rel, source=job.source if job is not None else "")
            self._rekeyed[old.key] = key

        def insert() -> None:
            self.db.execute("BEGIN IMMEDIATE")
            try:
                for rec in records.values():
                    self._upsert(rec.key, rec.hash, rec.stem, list(rec.outputs), 0.0, rec.builds, rec.rel,
                                 rec.source, rec.run_id)
                self.db.execute("COMMIT")
            except BaseException:
                self.db.execute("ROLLBACK")
                raise

        self._write(insert)
        self._records, self._legacy = records, False
        self._index()
        _remove_legacy(self.out_dir / LEGACY_NAME)

    def _write(self, action) -> None:
        try:
            action()
        except sqlite3.Error as exc:  # a full disk, a vanished folder: say so
            raise OutputError(f"cannot record the build state in {self.path}: {exc}", str(self.out_dir)) from None

    def is_current(self, key: str, digest: str | None) -> bool:
        """Built before from the same inputs, and every output it wrote is still there."""
        rec = self._records.get(key)
        return (digest is not None and rec is not None and rec.hash == digest
                and all((self.out_dir / name).is_file() for name in rec.outputs))

    def claim_stem(self, key: str, wanted: str, extensions: tuple[str, ...] = (),
                   protected: frozenset[str] = frozenset()) -> str:
        """``wanted``, or ``wanted-2``, ``-3`` ... when another article already owns that name, or when
        ``STEM.EXT`` (for one of ``extensions``) would overwrite a ``protected`` file (a resolved path:
        the batch's inputs and sidecars; an output folder may be the input folder)."""
        stem, n = wanted, 1
        while self._stems.get(stem, key) != key or any(
                str((self.out_dir / f"{stem}.{ext}").resolve()) in protected for ext in extensions):
            n += 1
            stem = f"{wanted}-{n}"
        self._stems[stem] = key
        return stem

    def release_stem(self, key: str, stem: str) -> None:
        rec = self._records.get(key)
        owned = set() if rec is None else {rec.stem, *(n.split(".", 1)[0] for n in rec.outputs)}
        if self._stems.get(stem) == key and stem not in owned:
            del self._stems[stem]

    def strangers(self, key: str, names: Iterable[str]) -> list[str]:
        """Of ``names``, those already in the output folder that no build recorded as this article's:
        a user's file (or another program's) that a build must not replace unasked."""
        return [name for name in names
                if os.path.lexists(self.out_dir / name) and self._owners.get(name) != key]

    def superseded(self, key: str, names: list[str], extensions: set[str]) -> tuple[list[str], list[str]]:
        """Of the files recorded for ``key``: (those a build writing ``names`` replaces, those it keeps).

        Replaced: an edition of a format being written now (its extension in ``extensions``) under an
        older name of this same article, that no other article's record names. Kept: editions of other
        formats that are still there; they stay recorded as this article's. Nothing else is touched:
        a file the state does not record was not written by a build and is never removed.
        """
        old = self._records.get(key)
        if old is None:
            return [], []
        replaced, kept = [], []
        for name in old.outputs:
            if name in names:
                continue
            ext = name.split(".", 1)[1] if "." in name else ""
            if ext in extensions:
                if self._owners.get(name, key) == key:
                    replaced.append(name)
            elif (self.out_dir / name).is_file():
                kept.append(name)
        return replaced, kept

    def record_done(self, key: str, digest: str, stem: str, outputs: list[str], duration: float,
                    rel: str | None = None, source: str | None = None) -> Record:
        """Called only after every output is renamed into place."""
        old = self._records.get(key)
        builds = (old.builds if old else 0) + 1
        rel = rel if rel is not None else (old.rel if old else key)
        source = source if source is not None else (old.source if old else "")
        self._write(lambda: self._upsert(key, digest, stem, outputs, duration, builds, rel, source, self.run_id))
        rec = Record(key, digest, stem, tuple(outputs), builds, self.run_id, rel, source)
        if old is not None:
            self._disown(old)
        self._records[key] = rec
        self._reserved.discard(key)
        self._own(rec)
        self._stems[stem] = key
        return rec

    def _upsert(self, key: str, digest: str, stem: str, outputs: list[str], duration: float, builds: int,
                rel: str, source: str, run_id: int) -> None:
        self.db.execute(
            "INSERT INTO articles (key, rel, source, hash, stem, outputs, built_at, duration, builds, run_id) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(key) DO UPDATE SET rel=excluded.rel, "
            "source=excluded.source, hash=excluded.hash, stem=excluded.stem, outputs=excluded.outputs, "
            "built_at=excluded.built_at, duration=excluded.duration, builds=excluded.builds, "
            "run_id=excluded.run_id",
            (key, rel, source, digest, stem, json.dumps(outputs), time.time(), duration, builds, run_id))

    def close(self, built: int = 0, skipped: int = 0, failed: int = 0) -> None:
        try:
            self.db.execute("UPDATE runs SET finished=?, built=?, skipped=?, failed=? WHERE id=?",
                            (time.time(), built, skipped, failed, self.run_id))
        except sqlite3.Error:  # the run's summary row is informational
            pass
        finally:
            self.db.close()
            self._unlock()


def _read_legacy(path: Path) -> dict[str, Record]:
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return _load(db)
    finally:
        db.close()


def _remove_legacy(path: Path) -> None:
    for name in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
        with contextlib.suppress(OSError):
            name.unlink()


def read_state(out_dir: str | os.PathLike, state: str | os.PathLike | None = None) -> dict[str, Record]:
    """The recorded articles of an output folder (read-only; for reports and tests); ``state`` is the
    state file when it is not in the default place."""
    path = state_file(out_dir, state)
    if path is None:
        return {}
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return _load(db)
    finally:
        db.close()
