"""A script that runs a batch without an ``if __name__ == "__main__":`` guard is told so, not told about memory."""

from __future__ import annotations

import subprocess
import sys

SCRIPT = """
import sys
import toolkit

report = toolkit.batch.run_batch(toolkit.batch.collect_jobs([sys.argv[1]]), sys.argv[2], formats=["html"], workers=2)
for article in report.articles:
    print(article.status, article.error)
"""


def test_the_missing_main_guard_is_named(tmp_path):
    src = tmp_path / "src"
    src.mkdir()
    for i in range(2):
        (src / f"a{i}.md").write_text(f"# Title {i}\n\nText {i}.\n", encoding="utf-8")
    script = tmp_path / "export.py"
    script.write_text(SCRIPT, encoding="utf-8")
    run = subprocess.run([sys.executable, str(script), str(src), str(tmp_path / "out")], capture_output=True,
                         text=True, timeout=300, cwd=tmp_path)
    assert "failed" in run.stdout, run.stdout + run.stderr[-2000:]
    assert "if __name__ ==" in run.stdout
    assert str(script) in run.stdout
    assert "more memory" not in run.stdout
    guarded = tmp_path / "guarded.py"
    body = "\n".join("    " + line for line in SCRIPT.strip().splitlines()[3:])
    guarded.write_text("import sys\nimport toolkit\n\nif __name__ == '__main__':\n" + body + "\n", encoding="utf-8")
    run = subprocess.run([sys.executable, str(guarded), str(src), str(tmp_path / "out2")], capture_output=True,
                         text=True, timeout=300, cwd=tmp_path)
    assert run.stdout.split().count("built") == 2, run.stdout + run.stderr[-2000:]
