"""A corpus of bad inputs through the real command line, each in a subprocess.

Every case must end with ONE line on stderr that names the file (and the line where there
is one), exit status 1 (bad input) or 2 (usage), no traceback, and nothing written: the
working folder is byte-for-byte what it was. Fixtures are in tests/data/bad/; the large
and unsafe ones (a 50 MB article, archives with `../` members or links) are built in
tmp_path.
"""
from __future__ import annotations

import os
import re
import shutil
import stat
import subprocess
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from test_glossary import BAD as GLOSSARY_BAD
from test_glossary import BAD_CASES as GLOSSARY_CASES

ROOT = Path(__file__).resolve().parents[1]
BAD = ROOT / "tests" / "data" / "bad"
SEED = ROOT / "articles" / "id" / "putin-kim-vostochny.txt"
META = b'{"from_code": "id", "to_code": "en", "package_version": "1.0", "type": "translate"}'


@dataclass
class Case:
    args: list[str]
    code: int
    where: str  # regular expression the one stderr line must match (names the file, the line)
    setup: Callable[[Path], None] | None = None
    models: bool = False  # needs the tiny Argos packages (--packages-dir)
    read_only: str | None = None  # a folder the setup made read-only (root can write anyway)


def translate(*extra: str) -> list[str]:
    return ["translate", "articles/id/a.txt", "--from", "id", "--to", "en,ru,vi", "--no-glossary",
            "--locales", "locales", *extra]


def put(rel: str, source: Path | bytes) -> Callable[[Path], None]:
    def setup(work: Path) -> None:
        dest = work / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(source, bytes):
            dest.write_bytes(source)
        else:
            shutil.copy(source, dest)
    return setup


def po_with_folder_for_mo(work: Path) -> None:
    put("locales/ru/LC_MESSAGES/a.po", Path(REVIEWED_RU))(work)
    (work / "locales" / "ru" / "LC_MESSAGES" / "a.mo").mkdir()


def huge_article(work: Path) -> None:
    para = ("Presiden Putin tiba di kosmodrom Vostochny untuk bertemu Kim Jong Un. " * 20 + "\n").encode()
    with (work / "huge.txt").open("wb") as fh:
        for _ in range(50 * 1024 * 1024 // len(para) + 1):
            fh.write(para)


def archive(members: dict[str, bytes], links: dict[str, str] | None = None) -> Callable[[Path], None]:
    def setup(work: Path) -> None:
        with zipfile.ZipFile(work / "pkg.argosmodel", "w") as zf:
            for name, data in members.items():
                zf.writestr(name, data)
            for name, target in (links or {}).items():
                info = zipfile.ZipInfo(name)
                info.create_system = 3
                info.external_attr = (stat.S_IFLNK | 0o777) << 16
                zf.writestr(info, target)
    return setup


def read_only_locales(work: Path) -> None:
    folder = work / "locales" / "ru" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    folder.chmod(0o555)


def read_only_folder(work: Path) -> None:
    (work / "ro").mkdir()
    (work / "ro").chmod(0o555)


ARTICLE = "articles/id/a.txt"  # a copy of the seed article (see workdir)
REVIEWED_RU = str(ROOT / "locales" / "ru" / "LC_MESSAGES" / "putin-kim-vostochny.po")
RU = "locales/ru/LC_MESSAGES/a.po"
CASES: dict[str, Case] = {
    # articles
    "latin1-article": Case(["segment", str(BAD / "latin1.txt"), "--lang", "id"], 1,
                           r"latin1\.txt:2: invalid UTF-8 at byte offset 48 \(byte 0xe9\)"),
    "binary-article": Case(["segment", str(BAD / "binary.txt"), "--lang", "id"], 1,
                           r"binary\.txt: looks like a binary file"),
    "utf16-article": Case(["segment", str(BAD / "utf16.txt"), "--lang", "id"], 1, r"utf16\.txt: is UTF-16 \(little-endian, with a byte-order mark\), not UTF-8; convert it \(e\.g\. `iconv -f UTF-16"),
    "control-characters": Case(["segment", str(BAD / "control-chars.txt"), "--lang", "id"], 1,
                               r"control-chars\.txt: .*control character U\+001B"),
    "empty-article": Case(["segment", str(BAD / "empty.txt"), "--lang", "id"], 1, r"empty\.txt: empty article"),
    "blank-lines-only": Case(["segment", str(BAD / "blank-lines-only.txt"), "--lang", "id"], 1,
                             r"blank-lines-only\.txt: empty article"),
    "only-boilerplate": Case(["segment", str(BAD / "only-boilerplate.txt"), "--lang", "id"], 1,
                             r"only-boilerplate\.txt:1: nothing to translate: its 2 non-empty lines are all web-scrape noise that is set aside \(line 1: '\[iklan_2\]'\)"),
    "50mb-article": Case(["segment", "huge.txt", "--lang", "id"], 1, r"huge\.txt: article is 5\d\.\d MB, over",
                         setup=huge_article),
    "article-is-a-folder": Case(["segment", "articles", "--lang", "id"], 2, r"'articles' is a directory"),
    "missing-article": Case(["segment", "nothere.txt", "--lang", "id"], 1, r"nothere\.txt: no such file"),
    "latin1-article-in-a-batch": Case(["translate", ARTICLE, str(BAD / "latin1.txt"), "--from", "id", "--to", "ru",
                                       "--no-glossary"], 1, r"latin1\.txt:2: invalid UTF-8", models=True),
    # language codes
    "unknown-language": Case(["segment", ARTICLE, "--lang", "xx"], 2, r"unknown language code 'xx'"),
    "unknown-source-language": Case(["translate", ARTICLE, "--from", "zz", "--to", "ru"], 2,
                                    r"unknown language code 'zz'"),
    "unknown-target-language": Case(["translate", ARTICLE, "--to", "ru,xx"], 2, r"unknown language code 'xx'"),
    # PO files
    "truncated-po": Case(translate(), 1, rf"{RU}:12: not a valid PO file \(unterminated string\)",
                         setup=put(RU, BAD / "truncated.po"), models=True),
    "po-syntax-error-line-16": Case(translate(), 1, rf"{RU}:16: not a valid PO file",
                                    setup=put(RU, BAD / "syntax-error-line-16.po"), models=True),
    "po-duplicate-msgid": Case(translate(), 1, rf"{RU}:18: duplicate entry for msgid .* \(first at line 10\)",
                               setup=put(RU, BAD / "duplicate-msgid.po"), models=True),
    "po-charset-latin1": Case(translate(), 1, rf"{RU}: is written in ISO-8859-1, and `i18n translate` writes UTF-8 "
                              r"catalogs; convert it first \(`msgconv -t UTF-8",
                              setup=put(RU, BAD / "charset-latin1.po"), models=True),
    "po-latin1-declared-utf8": Case(["stats", str(BAD / "latin1-declared-utf8.po")], 1,
                                    r"latin1-declared-utf8\.po:11: invalid UTF-8"),
    "po-binary": Case(["stats", str(BAD / "binary.po")], 1, r"binary\.po:2: invalid UTF-8"),
    "po-broken-in-the-last-language": Case(translate(), 1, r"locales/vi/LC_MESSAGES/a\.po:12: not a valid PO",
                                           setup=put("locales/vi/LC_MESSAGES/a.po", BAD / "truncated.po"),
                                           models=True),
    "po-truncated-check": Case(["check", str(BAD / "truncated.po")], 2, r"truncated\.po:12: not a valid PO file"),
    "po-syntax-error-apply": Case(["apply", str(BAD / "syntax-error-line-16.po"), "--source", ARTICLE], 1,
                                  r"syntax-error-line-16\.po:16: not a valid PO file"),
    "po-missing-compile": Case(["compile", "nothere.po"], 1, r"nothere\.po: no such file or folder"),
    # glossaries
    "glossary-folder-with-problems": Case(["translate", ARTICLE, "--to", "ru", "--glossary", str(BAD / "glossary")], 1,
                                          r"glossary/names\.csv:3:5: unknown type 'person'", models=True),
    "check-glossary-with-problems": Case(["check", "locales", "--glossary", str(BAD / "glossary")], 2,
                                         r"glossary/names\.csv:3:5: unknown type 'person'"),
    "glossary-empty-file": Case(["glossary", "list", "--glossary", str(BAD / "empty.txt")], 1,
                                r"empty\.txt:1:1: empty file"),
    "glossary-missing": Case(["glossary", "list", "--glossary", "nowhere"], 1, r"nowhere: no such glossary"),
    # TBX
    "tbx-external-entities": Case(["glossary", "import-tbx", str(BAD / "external-entity.tbx"), "-o", "out.csv"], 1,
                                  r"external-entity\.tbx: refused: the file declares or references XML entities"),
    "tbx-parameter-entity": Case(["glossary", "import-tbx", str(BAD / "parameter-entity.tbx"), "-o", "out.csv"], 1,
                                 r"parameter-entity\.tbx: refused"),
    "tbx-billion-laughs": Case(["glossary", "import-tbx", str(ROOT / "tests/data/glossary/bomb.tbx"),
                                "-o", "out.csv"], 1, r"bomb\.tbx: refused"),
    "tbx-malformed-line-4": Case(["glossary", "import-tbx", str(BAD / "malformed-line-4.tbx"), "-o", "out.csv"], 1,
                                 r"malformed-line-4\.tbx:4: not well-formed XML"),
    "tbx-not-tbx": Case(["glossary", "import-tbx", str(BAD / "not-tbx.tbx"), "-o", "out.csv"], 1,
                        r"not-tbx\.tbx: not a TBX file: the root element is <html>"),
    "tbx-empty": Case(["glossary", "import-tbx", str(BAD / "empty.txt"), "-o", "out.csv"], 1,
                      r"empty\.txt:1: not well-formed XML"),
    # model archives
    "model-not-a-zip": Case(["models", "install", str(BAD / "not-a-zip.argosmodel"), "--packages-dir", "pk"], 1,
                            r"not-a-zip\.argosmodel: not an Argos package"),
    "model-dotdot-member": Case(["models", "install", "pkg.argosmodel", "--packages-dir", "pk"], 1,
                                r"pkg\.argosmodel: refused, member 'pkg/\.\./\.\./evil\.txt' climbs out",
                                setup=archive({"pkg/metadata.json": META, "pkg/../../evil.txt": b"x"})),
    "model-absolute-member": Case(["models", "install", "pkg.argosmodel", "--packages-dir", "pk"], 1,
                                  r"pkg\.argosmodel: refused, member '/tmp/evil\.txt' has an absolute path",
                                  setup=archive({"pkg/metadata.json": META, "/tmp/evil.txt": b"x"})),
    "model-symlink-member": Case(["models", "install", "pkg.argosmodel", "--packages-dir", "pk"], 1,
                                 r"pkg\.argosmodel: refused, member 'pkg/model' is a symbolic link",
                                 setup=archive({"pkg/metadata.json": META}, links={"pkg/model": "/etc"})),
    "model-no-metadata": Case(["models", "install", "pkg.argosmodel", "--packages-dir", "pk"], 1,
                              r"pkg\.argosmodel: not an Argos package: no pkg/metadata\.json",
                              setup=archive({"pkg/model.bin": b"x"})),
    # output folders
    "locales-is-a-file": Case(translate(), 2, r"'locales' is a file", setup=put("locales", b"")),
    "language-folder-is-a-file": Case(translate(), 1, r"locales/ru: is a file, not a folder",
                                      setup=put("locales/ru", b""), models=True),
    "mo-path-is-a-folder": Case(["compile", "locales"], 1,
                                r"locales/ru/LC_MESSAGES/a\.mo: cannot be written: a folder stands in its place",
                                setup=po_with_folder_for_mo),
    "output-parent-is-a-file": Case(["apply", REVIEWED_RU, "--source", ARTICLE, "-o", "f/out.txt"], 1,
                                    r"f/out\.txt: cannot be written", setup=put("f", b"")),
    "read-only-locales": Case(translate(), 1, r"locales/ru/LC_MESSAGES: folder is read-only",
                              setup=read_only_locales, models=True, read_only="locales/ru/LC_MESSAGES"),
    "read-only-output-folder": Case(["apply", REVIEWED_RU, "--source", ARTICLE, "-o", "ro/out.txt"], 1,
                                    r"ro/out\.txt: cannot be written", setup=read_only_folder, read_only="ro"),
    # configuration and cache
    "config-bad-value": Case(["check", "."], 2, r"pyproject\.toml: \[tool\.i18n\] fail-on = 'sometimes'",
                             setup=put("pyproject.toml", BAD / "bad-config" / "pyproject.toml")),
    "config-bad-toml": Case(["check", "."], 2, r"pyproject\.toml: not valid TOML",
                            setup=put("pyproject.toml", BAD / "bad-toml" / "pyproject.toml")),
    "cache-not-a-database": Case(translate("--cache", "c.sqlite"), 1,
                                 r"c\.sqlite: cannot open the translation cache \(file is not a database\)",
                                 setup=put("c.sqlite", BAD / "good.po"), models=True),
}
for _name, _expected in GLOSSARY_CASES.items():
    _loc = re.escape(_name) + ":" + _expected[0].split(":", 3)[1] + ":" + _expected[0].split(":", 3)[2] + ":"
    CASES[f"glossary-{_name[:-4].replace('_', '-')}"] = Case(
        ["glossary", "list", "--glossary", str(GLOSSARY_BAD / _name)], 1, _loc)


def cli(args: list[str], cwd: Path, home: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "XDG_CACHE_HOME": str(home / "cache"),
           "XDG_DATA_HOME": str(home / "data"), "XDG_CONFIG_HOME": str(home / "config"),
           "ARGOS_PACKAGES_DIR": str(home / "argos"), "COLUMNS": "200"}
    return subprocess.run([sys.executable, "-m", "cli", *args], cwd=cwd, env=env, capture_output=True,
                          text=True, timeout=120)


def snapshot(folder: Path) -> dict[str, object]:
    out: dict[str, object] = {}
    for p in sorted(folder.rglob("*")):
        rel = p.relative_to(folder).as_posix()
        out[rel] = ("dir", stat.S_IMODE(p.stat().st_mode)) if p.is_dir() else p.read_bytes()
    return out


@pytest.fixture
def work(tmp_path) -> Path:
    folder = tmp_path / "work"
    (folder / "articles" / "id").mkdir(parents=True)
    shutil.copy(SEED, folder / "articles" / "id" / "a.txt")
    return folder


def test_the_corpus_has_at_least_thirty_cases():
    assert len(CASES) >= 30
    assert len(list(BAD.iterdir())) >= 20


@pytest.mark.parametrize("name", sorted(CASES))
def test_bad_input_gives_one_line_error_and_writes_nothing(name, work, tmp_path, request):
    case = CASES[name]
    if case.setup:
        case.setup(work)
    if case.read_only and os.access(work / case.read_only, os.W_OK):
        pytest.skip("running as root: a read-only folder is writable")
    args = list(case.args)
    if case.models:
        args += ["--packages-dir", str(request.getfixturevalue("argos_dir"))]
        if "--cache" not in args:
            args += ["--cache", str(tmp_path / "home" / "cache.sqlite")]
    before = snapshot(tmp_path)
    proc = cli(args, work, tmp_path / "home")
    lines = proc.stderr.splitlines()
    assert proc.returncode == case.code, proc.stderr
    assert len(lines) == 1, proc.stderr
    assert lines[0].startswith("error: ") and re.search(case.where, lines[0]), lines[0]
    assert "Traceback" not in proc.stderr + proc.stdout
    after = snapshot(tmp_path)
    assert {k: v for k, v in after.items() if not k.startswith("home")} == before


def test_debug_shows_the_traceback(work):
    proc = cli(["--debug", "segment", str(BAD / "latin1.txt"), "--lang", "id"], work, work.parent / "home")
    assert proc.returncode == 1
    assert "Traceback" in proc.stderr and "ArticleError" in proc.stderr


def test_tbx_entities_are_neither_fetched_nor_expanded(work):
    hostname = Path("/etc/hostname").read_text().strip() if Path("/etc/hostname").exists() else None
    proc = cli(["glossary", "import-tbx", str(BAD / "external-entity.tbx"), "-o", "out.csv"], work,
               work.parent / "home")
    assert proc.returncode == 1 and not (work / "out.csv").exists()
    if hostname:
        assert hostname not in proc.stdout + proc.stderr
