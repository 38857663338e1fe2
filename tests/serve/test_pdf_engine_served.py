"""A request may choose the print engine; the service's Typst PDF is the local build's, byte for byte."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.serve.conftest import service_env
from toolkit.client import Client, ServiceError
from toolkit.errors import UsageError


def test_a_typst_request_gives_the_local_typst_pdf(service, seed_root, seed_path, tmp_path):
    local = tmp_path / "local"
    done = subprocess.run([sys.executable, "-m", "toolkit", "-q", "build", str(seed_root / seed_path.name),
                           "--to", "pdf", "--pdf-engine", "typst", "-o", str(local)],
                          env=service_env(), capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    [mine] = [p for p in local.iterdir() if p.suffix == ".pdf"]
    [served] = Client(service.url).build(seed_root / seed_path.name, "pdf", out_dir=tmp_path / "served",
                                         options={"pdf_engine": "typst"})
    assert served.read_bytes() == mine.read_bytes()
    assert b"Typst" in served.read_bytes()


def test_an_unknown_engine_is_refused_with_the_cli_message(service, seed_root, seed_path, tmp_path):

    with pytest.raises((ServiceError, UsageError)) as caught:
        Client(service.url).build(seed_root / seed_path.name, "pdf", out_dir=tmp_path,
                                  options={"pdf_engine": "latex"})
    assert "pdf-engine" in str(caught.value) or "pdf_engine" in str(caught.value)


def test_the_openapi_description_names_the_engines(service):
    import json

    _status, _, body = service.call("GET", "/openapi.json")
    found = []

    def visit(node):
        if isinstance(node, dict):
            if "pdf_engine" in node and isinstance(node["pdf_engine"], dict):
                found.append(node["pdf_engine"])
            for value in node.values():
                visit(value)
        elif isinstance(node, list):
            for value in node:
                visit(value)

    visit(json.loads(body))
    assert found
    assert found[0]["enum"] == ["weasyprint", "typst"]
