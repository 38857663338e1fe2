"""``inspect --explain`` shows each quotation's speaker with its rule and confidence, and what the editions show."""

from click.testing import CliRunner

from tests.conftest import SEED
from toolkit.cli import main


def test_explain_lists_the_attributions_with_rule_and_confidence():
    result = CliRunner().invoke(main, ["inspect", str(SEED), "--explain"])
    assert result.exit_code == 0, result.output
    _, _, table = result.output.partition("Attributions (speaker, rule, confidence")
    assert table, result.output[-2000:]
    rows = [line.split() for line in table.splitlines()[1:] if line.strip()]
    assert rows
    assert all(any(word in ("shown", "held", "none") for word in row) for row in rows)
    assert any(any("+" in word for word in row) for row in rows)  # the rule that named the speaker
