"""A small load test: 20 requests from 4 client threads against one service; every one succeeds and gives
the same bytes as a local build (results only: no timing is asserted). And workers replaced after each
build keep building the same bytes."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from toolkit.client import Client

REQUESTS = 20
THREADS = 4


def test_twenty_requests_from_four_threads_all_succeed_with_the_same_bytes(service, seed_path, local_editions,
                                                                           tmp_path):
    client = Client(service.url)  # one client shared by the threads; a 503 is waited out (busy_wait)

    def one(i: int) -> bytes:
        [html] = client.build(seed_path.name, formats=["html"], out_dir=tmp_path / str(i), on_server=True)
        return html.read_bytes()

    with ThreadPoolExecutor(THREADS) as threads:
        results = list(threads.map(one, range(REQUESTS)))
    assert len(results) == REQUESTS
    assert all(r == local_editions["html"] for r in results)
    health = client.health()
    assert health["admitted"] == 0
    assert health["failed"] == 0


def test_workers_are_replaced_after_their_builds_and_the_builds_go_on(tmp_path):
    from tests.serve.conftest import start_service

    svc = start_service("--port", "0", "-j", "1", "--recycle-after", "1")
    text = ("Harbour ferries return\n\nBy Ana Petrova\n\n"
            "The morning ferry left on time, its deck full, for the first time in two winters.\n")
    try:
        client = Client(svc.url)
        pages = [client.build(text, formats=["html"], out_dir=tmp_path / str(i), filename="ferries.txt")[0]
                 for i in range(3)]
        health = client.health()
    finally:
        assert svc.stop() == 0
    assert len({p.read_bytes() for p in pages}) == 1
    assert health["generations"] >= 3  # a fresh generation of workers after each build
    assert health["failed"] == 0
