"""Run the `kb` command in the test process, as its console script does, and keep what it printed."""
from __future__ import annotations

from dataclasses import dataclass

from kbsite.cli import main


@dataclass
class Run:
    """What one `kb` command printed and its exit status."""

    returncode: int
    stdout: str
    stderr: str


def run_kb(capsys, args: list[str]) -> Run:
    """`kb ARGS` in the current folder; `capsys` is pytest's fixture capturing the output."""
    try:
        code = main(args)
    except SystemExit as exit_:  # argparse after --help or a usage error
        code = exit_.code
    captured = capsys.readouterr()
    return Run(code, captured.out, captured.err)
