"""Which recorded article each job of a run is: by its path from the input root and its content, never
by where the input lies on disk (a moved checkout, a CI workspace, a renamed input folder)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True)
class Identity:
    """What the coordinator knows of one job before building it: its run key (the resolved input
    path, never stored), its path from the input root and its content's hash ("" if unreadable)."""

    job: str
    rel: str
    source: str = ""


class Recorded(Protocol):
    key: str
    rel: str
    source: str


def same_articles(jobs: Iterable[Identity], records: Iterable[Recorded],
                  by_resolved_path: bool = False) -> dict[str, str]:
    """``{job: record key}`` for each job that is a recorded article; the others are new.

    The same article is, in this order: the record with the same path from the input root and the
    same content; the one with the same path (the article was revised); the one with the same content
    (the file was renamed or moved). Each record is one job's at most; ties go in the jobs' order and
    the records' key order. ``by_resolved_path``: the records are an earlier version's, keyed on the
    input's resolved path, and that is tried first.
    """
    jobs = list(jobs)
    free = {rec.key: rec for rec in records}
    found: dict[str, str] = {}
    if by_resolved_path:
        for job in jobs:
            if job.job in free:
                found[job.job] = free.pop(job.job).key

    def pair(of_job: Callable[[Identity], object], of_record: Callable[[Recorded], object]) -> None:
        waiting: dict[object, list[Recorded]] = {}
        for rec in sorted(free.values(), key=lambda r: r.key):
            value = of_record(rec)
            if value:
                waiting.setdefault(value, []).append(rec)
        for job in jobs:
            value = of_job(job)
            if job.job in found or not value or not waiting.get(value):
                continue
            rec = waiting[value].pop(0)
            found[job.job] = rec.key
            free.pop(rec.key)

    pair(lambda j: (j.rel, j.source) if j.source else None, lambda r: (r.rel, r.source) if r.source else None)
    pair(lambda j: j.rel, lambda r: r.rel)
    pair(lambda j: j.source, lambda r: r.source)
    return found
