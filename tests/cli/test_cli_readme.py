"""The README's "Command line" section and the app agree: every documented command (with each
alternative of ``a|b``), argument choice and option exists, and every command is documented."""

from __future__ import annotations

import itertools
import re
import shlex
import typing
from enum import Enum
from pathlib import Path
from typing import Any

import pytest
import typer

from gongkai.cli.main import app

README = Path(__file__).resolve().parents[2] / "README.md"
OPTION = re.compile(r"--?[a-z][a-z-]*")
ALTERNATIVES = re.compile(r"[a-z][a-z-]*(\|[a-z][a-z-]*)*")


def _documented() -> list[str]:
    """The ``gongkai …`` lines of the first code block of the "Command line" section, without
    their comments."""
    section = README.read_text(encoding="utf-8").split("\n## Command line\n", 1)[1]
    block = section.split("```bash\n", 1)[1].split("```", 1)[0]
    return [
        line.split("  #", 1)[0].strip()
        for line in block.splitlines()
        if line.startswith("gongkai ")
    ]


def _root() -> Any:
    return typer.main.get_command(app)


def _subcommand(group: Any, name: str) -> Any | None:
    if not hasattr(group, "get_command"):
        return None
    return group.get_command(typer.Context(group), name)


def _resolve(command: Any, path: str, words: list[str]) -> list[tuple[str, Any, list[str]]]:
    """The commands ``words`` name below ``command`` (``a|b`` gives one per alternative): each
    with its path and the words after it (arguments and options)."""
    if words and ALTERNATIVES.fullmatch(words[0]):
        subs = [(name, _subcommand(command, name)) for name in words[0].split("|")]
        if all(sub is not None for _name, sub in subs):
            return [
                found for name, sub in subs for found in _resolve(sub, f"{path} {name}", words[1:])
            ]
    return [(path, command, words)]


def _commands(line: str) -> list[tuple[str, Any, list[str]]]:
    return _resolve(_root(), "gongkai", shlex.split(line)[1:])


def _choices(param: Any) -> set[str]:
    """The values a parameter accepts when it is a choice (an enum, or a metavar ``a|b``)."""
    annotation = param.type_descriptor.annotation
    for candidate in (annotation, *typing.get_args(annotation)):
        if isinstance(candidate, type) and issubclass(candidate, Enum):
            return {member.value for member in candidate}
    metavar = param.metavar or ""
    return set(metavar.split("|")) if "|" in metavar else set()


def _leaves(command: Any, path: str = "gongkai") -> list[str]:
    names = command.list_commands(typer.Context(command)) if hasattr(command, "commands") else []
    if not names:
        return [path]
    leaves = [path] if getattr(command, "invoke_without_command", False) else []
    for name in names:
        leaves += _leaves(_subcommand(command, name), f"{path} {name}")
    return leaves


def test_the_readme_documents_commands() -> None:
    lines = _documented()
    assert lines[0] == "gongkai report parse REPORT.txt [--json]"
    assert "gongkai admin create NAME [--email E] [--password-stdin]" in lines


@pytest.mark.parametrize("line", _documented())
def test_every_documented_command_exists(line: str) -> None:
    for path, command, rest in _commands(line):
        assert path != "gongkai", f"no such command: {line}"
        if hasattr(command, "commands") and not command.invoke_without_command:
            raise AssertionError(f"“{path}” is a group, not a command: {line}")
        options = {opt: p for p in command.params for opt in (*p.opts, *p.secondary_opts)}
        arguments = [p for p in command.params if p.param_type_name == "argument"]
        words = [word.strip("[]") for word in rest]
        for index, word in enumerate(words):
            if OPTION.fullmatch(word):
                assert word in options, f"{path}: no option {word} ({line})"
            if not ALTERNATIVES.fullmatch(word) or "|" not in word:
                continue
            before = words[index - 1] if index else ""
            param = options[before] if OPTION.fullmatch(before) else arguments.pop(0)
            assert set(word.split("|")) <= _choices(param), f"{path}: {word} ({line})"


def test_every_command_is_documented() -> None:
    documented = {path for line in _documented() for path, _c, _r in _commands(line)}
    assert set(_leaves(_root())) - {"gongkai"} == documented


def test_the_ledger_kinds_of_the_readme() -> None:
    """``import applications|cases|catalog|matters`` names four commands, ``export`` five."""
    documented = {path for line in _documented() for path, _c, _r in _commands(line)}
    assert {p for p in documented if p.startswith(("gongkai import ", "gongkai export "))} == {
        f"gongkai {verb} {kind}"
        for verb, kind in itertools.product(
            ("import", "export"), ("applications", "cases", "catalog", "matters")
        )
    }
