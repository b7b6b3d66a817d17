"""The light install: without the `mt` extra, translate and models answer with one line."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# Runs the CLI with the MT stack made unimportable, as in `pip install i18n-newsroom`.
BLOCKER = """
import os, sys
BLOCKED = set(os.environ.get("I18N_TEST_BLOCKED", "argostranslate ctranslate2 sentencepiece").split())
class Blocker:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in BLOCKED:
            raise ModuleNotFoundError(f"No module named {name!r}")
        return None
sys.meta_path.insert(0, Blocker())
import cli
sys.argv = ["i18n", *sys.argv[1:]]
cli.main()
"""


def run_light(*args: str, cwd: Path = ROOT, blocked: str | None = None) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    if blocked is not None:
        env["I18N_TEST_BLOCKED"] = blocked
    return subprocess.run(
        [sys.executable, "-c", BLOCKER, *args], cwd=cwd, env=env, capture_output=True, text=True
    )


@pytest.mark.parametrize("args", [
    ("translate", "articles/id/putin-kim-vostochny.txt", "--to", "en"),
    ("models", "list"),
    ("models", "install", "id-en"),
])
def test_mt_commands_name_the_extra(args):
    done = run_light(*args)
    assert done.returncode == 1
    assert done.stdout == ""
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith(f"error: `i18n {args[0]}` needs the machine-translation extra")
    assert 'pip install "i18n-newsroom[mt]"' in lines[0]


def test_light_commands_work_without_the_mt_stack(tmp_path):
    done = run_light("check", str(ROOT / "locales"), "--glossary", str(ROOT / "glossary"))
    assert done.returncode == 0, done.stderr
    done = run_light("segment", str(ROOT / "articles/id/putin-kim-vostochny.txt"))
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip()


def test_help_does_not_need_the_extra():
    done = run_light("models", "--help")
    assert done.returncode == 0
    assert "Offline translation models" in done.stdout


def test_executor_ray_without_the_ray_extra_names_it(tmp_path):
    done = run_light("translate", "articles/id/putin-kim-vostochny.txt", "--to", "en", "--no-memory",
                     "--cache", str(tmp_path / "cache.sqlite"), "--locales", str(tmp_path / "locales"),
                     "--executor", "ray", blocked="ray")
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        'error: `--executor ray` needs the Ray extra (ray not installed): pip install "i18n-newsroom[ray]"'
    ]
    assert not (tmp_path / "locales").exists() and not (tmp_path / "cache.sqlite").exists()
