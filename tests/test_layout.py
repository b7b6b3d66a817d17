"""The architecture's rules, checked on the source (README "Development", shared DESIGN.md "Layout").

Imports point down the layers, never up, and siblings of one layer do not import each other;
only cli.py imports click; modules stay short enough to read (~400 lines) and functions
short enough to see whole (60 lines, the docstring not counted) unless a `# long: <reason>` comment stands above them.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "i18n"

# Low to high. A module may import its own layer's group (inside a subpackage) and anything lower.
LAYERS: list[set[str]] = [
    {"errors"},
    {"counts", "model"},
    {"langs"},
    {"fileio", "config"},
    {"readers"},
    {"article"},
    {"segment"},
    {"glossary"},
    {"catalog"},
    {"engines", "checks"},
    {"summary", "recall", "ledger"},
    {"pipeline"},
    {"executors"},
    {"batch"},
    {"__init__"},
]
RANK = {group: rank for rank, groups in enumerate(LAYERS) for group in groups}
MAX_MODULE_LINES = 420  # "no module over ~400 lines"
MAX_FUNCTION_LINES = 60


def modules() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def group_of(path: Path) -> str:
    """The layer group of a module: its subpackage, or the module name at the top of i18n/."""
    rel = path.relative_to(PACKAGE)
    return rel.parts[0] if len(rel.parts) > 1 else rel.stem


def imported_groups(path: Path, package: Path = PACKAGE) -> list[tuple[int, str]]:
    """(line, group) for every import of another part of i18n, at any depth (lazy ones too)."""
    rel = path.relative_to(package)
    parents = list(rel.parts[:-1])
    found = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom):
            if node.level:
                base = parents[: len(parents) - (node.level - 1)]
                target = [*base, *(node.module.split(".") if node.module else [])]
                names = [target] if target else [[alias.name] for alias in node.names]
            elif (node.module or "").startswith("i18n"):
                target = node.module.split(".")[1:]  # type: ignore[union-attr]
                names = [target] if target else [[alias.name] for alias in node.names]
            else:
                continue
            found += [(node.lineno, name[0]) for name in names]
        elif isinstance(node, ast.Import):
            found += [(node.lineno, a.name.split(".")[1]) for a in node.names
                      if a.name.startswith("i18n.")]
    return found


def test_every_module_has_a_layer():
    groups = {group_of(p) for p in modules()}
    assert groups - set(RANK) == set(), "add the new module or subpackage to LAYERS (and to DESIGN/README)"


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(ROOT)))
def test_imports_point_down(path):
    mine = group_of(path)
    wrong = [
        f"{path.relative_to(ROOT)}:{line}: imports i18n.{group} (layer {RANK.get(group)}) from "
        f"{mine} (layer {RANK[mine]})"
        for line, group in imported_groups(path)
        if group != mine and group in RANK and RANK[group] >= RANK[mine]
    ]
    assert wrong == []


def test_only_cli_imports_click():
    offenders = [str(p.relative_to(ROOT)) for p in modules()
                 if any(isinstance(n, (ast.Import, ast.ImportFrom))
                        and any((getattr(n, "module", None) or a.name).split(".")[0] == "click" for a in n.names)
                        for n in ast.walk(ast.parse(p.read_text("utf-8"))))]
    assert offenders == []


@pytest.mark.parametrize("path", modules(), ids=lambda p: str(p.relative_to(ROOT)))
def test_module_size(path):
    lines = len(path.read_text("utf-8").splitlines())
    assert lines <= MAX_MODULE_LINES, f"{path.relative_to(ROOT)} has {lines} lines: split it by idea"


@pytest.mark.parametrize("path", [*modules(), ROOT / "cli.py"], ids=lambda p: str(p.relative_to(ROOT)))
def test_function_size(path):
    source = path.read_text("utf-8")
    lines = source.splitlines()
    long = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        first = min([node.lineno, *(d.lineno for d in node.decorator_list)])
        length = node.end_lineno - node.lineno + 1  # type: ignore[operator]
        if ast.get_docstring(node) is not None:  # the docstring is documentation, not code to follow
            length -= node.body[0].end_lineno - node.body[0].lineno + 1  # type: ignore[operator]
        reason = any(line.strip().startswith("# long:") for line in lines[max(0, first - 4): first - 1])
        if length > MAX_FUNCTION_LINES and not reason:
            long.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.name} has {length} lines")
    assert long == [], "split it, or say why above it in a `# long: <reason>` comment"


def test_the_checker_sees_a_wrong_import(tmp_path):
    """The import rule can fail: upward imports in a low module, relative and absolute, are found."""
    probe = tmp_path / "i18n" / "langs.py"
    probe.parent.mkdir()
    probe.write_text("from .pipeline import translate_articles\nfrom i18n.engines import base\n"
                     "import i18n.checks.runner\nfrom . import errors\n", "utf-8")
    found = [group for _, group in imported_groups(probe, package=tmp_path / "i18n")]
    assert found == ["pipeline", "engines", "checks", "errors"]
    assert [g for g in found if RANK[g] >= RANK["langs"]] == ["pipeline", "engines", "checks"]
