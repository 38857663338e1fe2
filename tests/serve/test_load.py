"""A small load test: 20 requests from 4 client threads against one service; every one succeeds and gives
the same bytes as a local build (results only: no timing is asserted)."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

from toolkit.client import Client

REQUESTS = 20
THREADS = 4


def test_twenty_requests_from_four_threads_all_succeed_with_the_same_bytes(service, seed_path, local_editions,
                                                                           tmp_path):
    client = Client(service.url, retries=20)  # one client shared by the threads; a 503 is waited out

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
