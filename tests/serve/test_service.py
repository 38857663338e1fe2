"""``toolkit serve`` over real HTTP: its endpoints, editions identical to a local build, confinement to its
root and output folder, the token, back-pressure (503) and a graceful SIGTERM."""

from __future__ import annotations

import io
import json
import os
import stat
import subprocess
import sys
import threading
import zipfile

import pytest

from tests.serve.conftest import service_env, start_service


def error_of(status_headers_body) -> tuple[int, dict]:
    status, headers, body = status_headers_body
    assert headers["content-type"].startswith("application/json"), body[:200]
    return status, json.loads(body)


def test_health_formats_and_openapi(service):
    status, _, body = service.call("GET", "/health")
    assert status == 200
    health = json.loads(body)
    assert health["status"] == "ok"
    assert health["capacity"] == 4  # two workers and two queue places
    status, _, body = service.call("GET", "/formats")
    writers = {w["name"]: w["extension"] for w in json.loads(body)["writers"]}
    assert status == 200
    assert writers["pdf"] == "pdf"
    assert writers["epub"] == "epub"
    status, _, body = service.call("GET", "/openapi.json")
    spec = json.loads(body)
    assert spec["openapi"].startswith("3.1")
    assert set(spec["paths"]) >= {"/build", "/health", "/formats"}
    assert "503" in spec["paths"]["/build"]["post"]["responses"]


def test_the_seed_by_path_comes_back_as_a_zip_of_local_editions(service, seed_path, local_editions):
    status, headers, body = service.call("POST", "/build", {"path": seed_path.name})
    assert status == 200, body[:300]
    assert headers["content-type"] == "application/zip"
    archive = zipfile.ZipFile(io.BytesIO(body))
    got = {info.filename.rsplit(".", 1)[1]: archive.read(info) for info in archive.infolist()}
    assert set(got) == {"pdf", "epub", "html"}
    for fmt in ("pdf", "epub", "html"):
        assert got[fmt] == local_editions[fmt], f"the {fmt} edition differs from the local build's"


@pytest.mark.parametrize(("path", "status"), [("../outside.txt", 403), ("/etc/hostname", 403), ("link.txt", 403),
                                               ("nothing-here.txt", 404)])
def test_a_path_outside_the_root_is_refused(service, path, status):
    got, error = error_of(service.call("POST", "/build", {"path": path, "formats": ["html"]}))
    assert got == status
    assert error["code"] in (1, 2)
    assert path in error["error"]


def test_an_input_error_has_the_command_lines_message(service, seed_root, tmp_path):
    # the same file named the same way: the service names it from its root, the CLI from the folder it runs in
    local = subprocess.run([sys.executable, "-m", "toolkit", "build", "empty.txt", "--to", "html", "-o",
                            str(tmp_path / "out")], cwd=seed_root, env=service_env(), capture_output=True, text=True)
    assert local.returncode == 1
    local_message = local.stderr.strip().splitlines()[-1].removeprefix("toolkit: error: ")
    status, error = error_of(service.call("POST", "/build", {"path": "empty.txt", "formats": ["html"]}))
    assert status == 422
    assert error["code"] == local.returncode
    assert error["error"] == local_message


@pytest.mark.parametrize(("body", "status", "words"), [
    ({"text": "x", "formats": ["nope"]}, 400, "unknown output format 'nope'"),
    ({"text": "x", "options": {"css": "/etc/passwd"}}, 403, "names a file on the server"),
    ({"text": "x", "options": {"allow_network": True}}, 403, "without --allow-network"),
    ({"text": "x", "options": {"paper": "b5"}}, 400, "paper must be one of"),
    ({"text": "x", "path": "y.txt"}, 400, "exactly one of"),
    ({"text": "x", "filename": "../x.txt"}, 400, "plain file name"),
    ({"text": "x", "output": "../up"}, 403, "folder name inside"),
])
def test_bad_requests_get_a_json_error(service, body, status, words):
    got, error = error_of(service.call("POST", "/build", body))
    assert got == status
    assert words in error["error"]
    assert error["code"] == 2


def test_a_body_that_is_not_json(service):
    status, error = error_of(service.call("POST", "/build", raw=b"{not json"))
    assert status == 400
    assert "not JSON" in error["error"]


def test_output_goes_into_the_output_folder_only(service, seed_path, local_editions):
    status, _, body = service.call("POST", "/build", {"path": seed_path.name, "formats": ["html"],
                                                      "output": "team/today"})
    assert status == 200, body[:300]
    [written] = json.loads(body)["outputs"]
    assert written.startswith("team/today/")
    assert (service.output_dir / written).read_bytes() == local_editions["html"]
    assert not [p for p in service.output_dir.rglob("*") if p.name.endswith(".part")]


def test_a_reachable_address_without_a_token_is_refused():
    done = subprocess.run([sys.executable, "-m", "toolkit", "serve", "--host", "0.0.0.0", "--port", "0"],
                          env=service_env(), capture_output=True, text=True, timeout=120)
    assert done.returncode == 2
    assert "token" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_token_is_required_when_given_and_a_unix_socket_is_private(tmp_path):
    sock = tmp_path / "toolkit.sock"
    token = "a-long-random-token-for-tests"
    svc = start_service("--socket", str(sock), "-j", "1", env=service_env(TOOLKIT_TOKEN=token))
    try:
        assert stat.S_IMODE(os.stat(sock).st_mode) & 0o077 == 0
        from toolkit.client import Client, ServiceError

        assert Client(f"unix:{sock}", token="").health()["status"] == "ok"  # /health is open
        with pytest.raises(ServiceError) as refused:
            Client(f"unix:{sock}", token="wrong-token-of-enough-length").formats()
        assert refused.value.status == 401
        assert "pdf" in {w["name"] for w in Client(f"unix:{sock}", token=token).formats()["writers"]}
    finally:
        assert svc.stop() == 0
    assert not sock.exists()


def test_a_full_queue_answers_503_and_sigterm_lets_the_build_finish(seed_root, seed_path, tmp_path):
    out = tmp_path / "out"
    svc = start_service("--port", "0", "-j", "1", "--queue", "0", "--root", str(seed_root), "--output-dir", str(out))
    first: dict = {}

    def build():
        first["answer"] = svc.call("POST", "/build", {"path": seed_path.name, "formats": ["pdf", "html"],
                                                       "output": "run"})

    worker = threading.Thread(target=build)
    try:
        worker.start()
        while json.loads(svc.call("GET", "/health")[2])["admitted"] < 1:
            assert worker.is_alive() or "answer" not in first, "the first build ended before the second was sent"
        status, headers, body = svc.call("POST", "/build", {"path": seed_path.name, "formats": ["html"]})
        assert status == 503
        assert int(headers["retry-after"]) >= 1
        assert json.loads(body)["code"] == 1
        svc.proc.send_signal(15)  # SIGTERM while the first build is in flight: it finishes, whole
        worker.join()
    finally:
        code = svc.stop()
    status, _, body = first["answer"]
    assert status == 200, body[:300]
    assert code == 0
    names = json.loads(body)["outputs"]
    pdf = (out / next(n for n in names if n.endswith(".pdf"))).read_bytes()
    assert pdf.startswith(b"%PDF")
    assert pdf.rstrip().endswith(b"%%EOF")
    assert not [p for p in out.rglob("*") if p.name.endswith(".part")]
