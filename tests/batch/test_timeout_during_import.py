"""An article given up while a library was being imported leaves the process able to build the next one."""

import subprocess
import sys
import textwrap

from tests.conftest import SEED

SCRIPT = textwrap.dedent("""
    import importlib.abc, sys
    from pathlib import Path
    from toolkit.batch.article import ArticleTimeout, time_limit
    import toolkit

    class AlarmInsideTheImport(importlib.abc.MetaPathFinder):
        # the alarm lands while WeasyPrint's layout is being imported, as a real one can
        def find_spec(self, name, path=None, target=None):
            if name == "weasyprint.layout.block":
                sys.meta_path.remove(self)
                raise ArticleTimeout
            return None

    sys.meta_path.insert(0, AlarmInsideTheImport())
    try:
        with time_limit(600):
            import weasyprint  # noqa: F401
        print("not interrupted")
    except ArticleTimeout:
        print("interrupted")
    out = Path(sys.argv[2])
    toolkit.build(sys.argv[1], ["pdf"], out)
    print("built", sum(1 for _ in out.glob("*.pdf")))
""")


def test_a_pdf_builds_after_an_alarm_inside_the_weasyprint_import(tmp_path):
    src = tmp_path / "article.txt"
    src.write_text(SEED.read_text(encoding="utf-8")[:3000], encoding="utf-8")
    run = subprocess.run([sys.executable, "-c", SCRIPT, str(src), str(tmp_path / "out")],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr[-2000:]
    assert run.stdout.split() == ["interrupted", "built", "1"]
