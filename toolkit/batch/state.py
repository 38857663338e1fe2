"""The batch's incremental state: one SQLite file in the output folder, one row per article built."""

from __future__ import annotations

import fcntl
import json
import os
import shutil
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path

from toolkit.errors import OutputError

STATE_NAME = ".toolkit-state.sqlite"

SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    key TEXT PRIMARY KEY,
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
"""


@dataclass(frozen=True)
class Record:
    key: str
    hash: str
    stem: str
    outputs: tuple[str, ...]
    builds: int
    run_id: int


class BatchState:
    """Opened once per run by the coordinator; holds an exclusive lock so two runs never share a folder."""

    def __init__(self, out_dir: str | os.PathLike):
        self.out_dir = Path(out_dir)
        try:
            self.out_dir.mkdir(parents=True, exist_ok=True)
            # flock (not SQLite's own POSIX locks) on the state file itself, held for the whole run
            self._lock = open(self.out_dir / STATE_NAME, "ab")
        except OSError as exc:
            from toolkit.pipeline import write_failure  # the shared what-to-do wording

            raise write_failure(exc, self.out_dir) from None
        try:
            fcntl.flock(self._lock.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            self._lock.close()
            raise OutputError("another toolkit build is writing to this folder; wait for it to finish",
                              str(self.out_dir)) from None
        try:
            self.db = sqlite3.connect(self.out_dir / STATE_NAME, timeout=30, isolation_level=None)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.executescript(SCHEMA)
            self.run_id = self.db.execute("INSERT INTO runs (started) VALUES (?)", (time.time(),)).lastrowid
        except sqlite3.DatabaseError as exc:
            self._lock.close()
            if getattr(exc, "sqlite_errorcode", None) == 13 or shutil.disk_usage(self.out_dir).free < 2**20:
                raise OutputError("cannot write: the disk is full; free some space or choose another folder "
                                  "with -o", str(self.out_dir)) from None
            raise OutputError(f"cannot use the build state file {STATE_NAME}: {exc}; delete it to start afresh",
                              str(self.out_dir)) from None
        self._records = {row[0]: Record(row[0], row[1], row[2], tuple(json.loads(row[3])), row[4], row[5])
                         for row in self.db.execute("SELECT key, hash, stem, outputs, builds, run_id FROM articles")}
        self._stems: dict[str, str] = {}  # name stem -> the article that owns it
        self._owners: dict[str, str] = {}  # recorded output file -> its article
        for rec in self._records.values():
            self._own(rec)
        self.remove_leftovers()

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

    def record_done(self, key: str, digest: str, stem: str, outputs: list[str], duration: float) -> Record:
        """Called only after every output is renamed into place."""
        old = self._records.get(key)
        builds = (old.builds if old else 0) + 1
        try:
            self._upsert(key, digest, stem, outputs, duration, builds)
        except sqlite3.Error as exc:  # a full disk, a vanished folder: say so, keep the outputs
            raise OutputError(f"cannot record the build state in {STATE_NAME}: {exc}", str(self.out_dir)) from None
        rec = Record(key, digest, stem, tuple(outputs), builds, self.run_id)
        if old is not None:
            self._disown(old)
        self._records[key] = rec
        self._own(rec)
        self._stems[stem] = key
        return rec

    def _upsert(self, key: str, digest: str, stem: str, outputs: list[str], duration: float, builds: int) -> None:
        self.db.execute(
            "INSERT INTO articles (key, hash, stem, outputs, built_at, duration, builds, run_id) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(key) DO UPDATE SET hash=excluded.hash, "
            "stem=excluded.stem, outputs=excluded.outputs, built_at=excluded.built_at, "
            "duration=excluded.duration, builds=excluded.builds, run_id=excluded.run_id",
            (key, digest, stem, json.dumps(outputs), time.time(), duration, builds, self.run_id))

    def close(self, built: int = 0, skipped: int = 0, failed: int = 0) -> None:
        try:
            self.db.execute("UPDATE runs SET finished=?, built=?, skipped=?, failed=? WHERE id=?",
                            (time.time(), built, skipped, failed, self.run_id))
        except sqlite3.Error:  # the run's summary row is informational
            pass
        finally:
            self.db.close()
            self._lock.close()


def read_state(out_dir: str | os.PathLike) -> dict[str, Record]:
    """The recorded articles of an output folder (read-only; for reports and tests)."""
    path = Path(out_dir) / STATE_NAME
    if not path.is_file():
        return {}
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = db.execute("SELECT key, hash, stem, outputs, builds, run_id FROM articles").fetchall()
    finally:
        db.close()
    return {r[0]: Record(r[0], r[1], r[2], tuple(json.loads(r[3])), r[4], r[5]) for r in rows}
