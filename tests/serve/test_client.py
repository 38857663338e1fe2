"""``toolkit.client.Client`` and ``build --server``'s helper against a real service: the editions on disk are
the bytes of a local ``toolkit build``; errors come back typed, with the command line's exit codes."""

from __future__ import annotations

import os
import shutil

import pytest

from toolkit.client import Client, ServiceError, ServiceUnreachableError
from toolkit.options import Options


def test_a_file_in_the_services_root_gives_the_local_editions(service, seed_root, seed_path, local_editions,
                                                              tmp_path):
    paths = Client(service.url).build(seed_root / seed_path.name, out_dir=tmp_path)
    assert sorted(p.suffix for p in paths) == [".epub", ".html", ".pdf"]
    for path in paths:
        assert path.parent == tmp_path
        assert path.read_bytes() == local_editions[path.suffix.lstrip(".")], f"{path.name} differs"


def test_a_file_elsewhere_is_sent_and_gives_the_same_print_and_web_editions(service, seed_path, local_editions,
                                                                            tmp_path):
    # outside the service's root: the file's bytes, name and time travel in the request (the EPUB's
    # identifier follows the file's own path, so only a file the service can read itself matches it)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.copy2(seed_path, elsewhere / seed_path.name)
    client = Client(service.url)
    paths = client.build(elsewhere / seed_path.name, formats=["pdf", "html"], out_dir=tmp_path / "out")
    assert {p.suffix: p.read_bytes() for p in paths} == {".pdf": local_editions["pdf"],
                                                        ".html": local_editions["html"]}


def test_text_and_options_and_a_name(service, tmp_path):
    text = ("Harbour ferries return\n\nBy Ana Petrova\n\n"
            + "The morning ferry left the harbour on time, its deck full of commuters and bicycles. " * 12
            + "\n\n\u201cWe waited two winters for this,\u201d said Tomasz W\u00f3jcik, who runs the kiosk.\n")
    client = Client(service.url)
    [html] = client.build(text, formats="html", out_dir=tmp_path, name="ferries",
                          options=Options(style="modern", meta=(("language", "en"),)))
    assert html.name == "ferries.html"
    page = html.read_text(encoding="utf-8")
    assert "Harbour ferries return" in page
    assert "Tomasz W\u00f3jcik" in page


def test_errors_come_back_typed(service):
    client = Client(service.url)
    with pytest.raises(ServiceError) as unknown:
        client.build("Some text.\n", formats=["nope"])
    assert unknown.value.exit_code == 2
    assert unknown.value.status == 400
    assert "unknown output format 'nope'" in str(unknown.value)
    with pytest.raises(ServiceError) as outside:
        client.build("../outside.txt", on_server=True)
    assert outside.value.status == 403


def test_nothing_listening_is_unreachable(tmp_path):
    with pytest.raises(ServiceUnreachableError, match="no build service answers"):
        Client(f"unix:{tmp_path / 'none.sock'}").health()


def test_build_on_server_writes_the_local_bytes_and_falls_back_when_unreachable(service, seed_root, seed_path,
                                                                                local_editions, tmp_path, capsys):
    from toolkit.cli.serve import build_on_server

    seed = str(seed_root / seed_path.name)
    assert build_on_server(service.url, [seed], None, Options(), ["html"], tmp_path, quiet=False) is True
    [written] = capsys.readouterr().out.split()
    assert open(written, "rb").read() == local_editions["html"]
    assert os.path.dirname(written) == str(tmp_path)
    assert build_on_server(f"unix:{tmp_path / 'none.sock'}", [seed], None, Options(), ["html"], tmp_path,
                           quiet=False) is False
    note = capsys.readouterr().err
    assert note.startswith("toolkit: note: no build service answers")
    assert note.strip().endswith("building here")
    assert len(note.strip().splitlines()) == 1


def test_the_build_command_uses_the_service_and_falls_back(service, seed_root, seed_path, local_editions, tmp_path):
    """``toolkit build --server URL`` (and ``TOOLKIT_SERVER``) writes the local bytes; an unreachable service
    gives one note and a local build."""
    import subprocess
    import sys

    from tests.serve.conftest import service_env

    seed = str(seed_root / seed_path.name)
    served = tmp_path / "served"
    done = subprocess.run([sys.executable, "-m", "toolkit", "build", seed, "--to", "html,epub", "-o", str(served),
                           "--server", service.url], env=service_env(), capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert "building here" not in done.stderr
    assert {p.suffix: p.read_bytes() for p in served.iterdir() if p.is_file()} == {
        ".html": local_editions["html"], ".epub": local_editions["epub"]}
    here = tmp_path / "here"
    done = subprocess.run([sys.executable, "-m", "toolkit", "build", seed, "--to", "html", "-o", str(here)],
                          env=service_env(TOOLKIT_SERVER=f"unix:{tmp_path / 'none.sock'}"),
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stderr.count("toolkit: note:") == 1
    assert [p.read_bytes() for p in here.iterdir() if p.is_file()] == [local_editions["html"]]
