"""Argos package management with real (tiny) packages."""
from __future__ import annotations

import functools
import http.server
import json
import shutil
import stat
import threading
import zipfile
from pathlib import Path

import pytest

from i18n.engines.packages import (
    all_pairs,
    check_archive,
    find_route,
    install_files,
    install_pairs,
    list_installed,
    parse_pair,
    reachability,
)
from i18n.errors import MissingModelError, ModelError, PackageError


def _zip(path: Path, members: dict[str, bytes]) -> Path:
    with zipfile.ZipFile(path, "w") as zf:
        for name, data in members.items():
            zf.writestr(name, data)
    return path


META = json.dumps({"from_code": "id", "to_code": "en", "package_version": "1.0", "type": "translate"}).encode()


def test_install_lists_the_tiny_packages(argos_dir):
    models = list_installed(argos_dir)
    assert [m.pair for m in models] == ["en-ru", "en-vi", "id-en"]
    assert all((m.path / "model" / "model.bin").is_file() for m in models)
    assert models[0].model_id.startswith("argos:en-ru@1.0#")


def test_reachability_of_the_twelve_pairs(argos_dir):
    routes = reachability(list_installed(argos_dir))
    assert len(routes) == 12 == len(all_pairs())
    reachable = {f"{s}-{t}": r.describe() for (s, t), r in routes.items() if r is not None}
    assert reachable == {
        "id-en": "id→en",
        "id-ru": "id→en→ru",
        "id-vi": "id→en→vi",
        "en-ru": "en→ru",
        "en-vi": "en→vi",
    }
    assert routes[("id", "ru")].pivot and not routes[("id", "en")].pivot


def test_missing_model_error_names_packages_and_command(argos_dir):
    installed = list_installed(argos_dir)
    with pytest.raises(MissingModelError) as err:
        find_route("ru", "vi", installed)
    msg = str(err.value)
    assert "ru→vi" in msg and "missing package(s) ru-en" in msg
    assert "`i18n models install ru-en`" in msg
    with pytest.raises(MissingModelError, match=r"`i18n models install id-en en-ru`"):
        find_route("id", "ru", [])
    with pytest.raises(MissingModelError, match=r"missing package\(s\) en-id;"):
        find_route("en", "id", installed)


@pytest.mark.parametrize(
    "members, reason",
    [
        ({"pkg/metadata.json": META, "../evil.txt": b"x"}, "climbs out"),
        ({"pkg/metadata.json": META, "pkg/../../evil.txt": b"x"}, "climbs out"),
        ({"pkg/metadata.json": META, "/tmp/evil.txt": b"x"}, "absolute path"),
        ({"pkg/metadata.json": META, "C:/evil.txt": b"x"}, "absolute path"),
        ({"pkg/metadata.json": META, "other/x": b"x"}, "exactly one top folder"),
        ({"pkg/model/x": b"x"}, "no pkg/metadata.json"),
    ],
)
def test_malicious_archive_is_refused_before_extraction(tmp_path, members, reason):
    archive = _zip(tmp_path / "bad.argosmodel", members)
    target = tmp_path / "packages"
    target.mkdir()
    with pytest.raises(PackageError, match=reason):
        install_files([archive], packages_dir=target)
    assert list(target.iterdir()) == []
    assert not (tmp_path / "evil.txt").exists()


def test_symlink_member_is_refused(tmp_path):
    archive = tmp_path / "link.argosmodel"
    with zipfile.ZipFile(archive, "w") as zf:
        zf.writestr("pkg/metadata.json", META)
        link = zipfile.ZipInfo("pkg/model")
        link.create_system = 3
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        zf.writestr(link, "/etc")
    target = tmp_path / "packages"
    with pytest.raises(PackageError, match="symbolic link"):
        install_files([archive], packages_dir=target)
    assert not target.exists() or list(target.iterdir()) == []


def test_one_bad_archive_stops_all_installs(tmp_path, tiny_archives):
    bad = _zip(tmp_path / "bad.argosmodel", {"../x": b""})
    target = tmp_path / "packages"
    with pytest.raises(PackageError):
        install_files([tiny_archives["id-en"], bad], packages_dir=target)
    assert list_installed(target) == []


def test_not_a_zip_is_a_clear_error(tmp_path):
    path = tmp_path / "x.argosmodel"
    path.write_text("hello")
    with pytest.raises(PackageError, match="not an Argos package"):
        check_archive(path)
    with pytest.raises(PackageError, match="no such package file"):
        check_archive(tmp_path / "missing.argosmodel")


def test_reinstall_replaces_the_package(tmp_path, tiny_archives):
    target = tmp_path / "packages"
    first = install_files([tiny_archives["id-en"]], packages_dir=target)
    again = install_files([tiny_archives["id-en"]], packages_dir=target)
    assert first == again
    assert sorted(p.name for p in target.iterdir()) == ["translate-id_en-1_0"]


def test_parse_pair():
    assert parse_pair("id-en") == ("id", "en")
    assert parse_pair("ind_eng") == ("id", "en")
    with pytest.raises(PackageError, match="neither a package file nor a language pair"):
        parse_pair("iden")


def test_install_pair_offline_is_a_clear_error(tmp_path):
    with pytest.raises(ModelError, match="cannot download the Argos package index") as err:
        install_pairs(["id-en", "en-ru"], packages_dir=tmp_path)
    assert "`i18n models install translate-id_en-*.argosmodel translate-en_ru-*.argosmodel`" in str(
        err.value
    )


def test_install_pairs_already_installed_needs_no_network(argos_dir):
    assert install_pairs(["id-en", "en-ru", "en-vi"], packages_dir=argos_dir) == []


@pytest.fixture
def index_server(tmp_path, tiny_archives, monkeypatch):
    """A local HTTP server with an Argos index offering the tiny id-en package."""
    from argostranslate import settings

    root = tmp_path / "www"
    root.mkdir()
    shutil.copy(tiny_archives["id-en"], root / "id_en.argosmodel")
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(root))
    handler.log_message = lambda *a: None
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    base = f"http://127.0.0.1:{server.server_port}/"
    (root / "index.json").write_text(json.dumps([{
        "package_version": "1.0", "argos_version": "1.0", "from_code": "id", "from_name": "Indonesian",
        "to_code": "en", "to_name": "English", "type": "translate", "links": [base + "id_en.argosmodel"],
    }]))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    monkeypatch.setattr(settings, "remote_package_index", base + "index.json")
    monkeypatch.setattr(settings, "local_package_index", tmp_path / "index.json")
    monkeypatch.setattr(settings, "downloads_dir", tmp_path / "downloads")
    (tmp_path / "downloads").mkdir()
    yield base
    server.shutdown()


def test_install_pair_from_the_index(index_server, tmp_path):
    target = tmp_path / "packages"
    seen = []
    models = install_pairs(["id-en"], packages_dir=target, progress=lambda *a: seen.append(a))
    assert [m.pair for m in models] == ["id-en"]
    size = (tmp_path / "www" / "id_en.argosmodel").stat().st_size
    assert seen[-1] == ("translate-id_en-1_0.argosmodel", size, size)
    assert [done for _, done, _ in seen] == sorted(done for _, done, _ in seen)
    assert not list((tmp_path / "downloads").glob("*.part"))
    assert [m.pair for m in list_installed(target)] == ["id-en"]
    with pytest.raises(PackageError, match="has no en-ru package .it offers id-en."):
        install_pairs(["en-ru"], packages_dir=target)


def test_importing_packages_keeps_the_mt_stack_unloaded():
    import subprocess
    import sys

    code = (
        "import sys, i18n.engines.packages as p; p.default_packages_dir();"
        "bad=[m for m in ('torch','stanza','argostranslate.translate','ctranslate2') if m in sys.modules];"
        "print(bad)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_cli_models_list_and_install(tmp_path, tiny_archives):
    from click.testing import CliRunner

    from cli import main

    runner = CliRunner()
    target = tmp_path / "packages"
    res = runner.invoke(main, ["models", "install", str(tiny_archives["id-en"]), "--packages-dir", str(target)])
    assert res.exit_code == 0, res.output
    assert res.output.startswith("installed id-en 1.0 in ")
    res = runner.invoke(main, ["models", "list", "--packages-dir", str(target)])
    assert res.exit_code == 0
    assert "  id→en  direct\n" in res.output
    assert "  id→ru  missing: i18n models install en-ru\n" in res.output
    assert "pairs reachable: 1 of 12" in res.output
    res = runner.invoke(main, ["models", "list", "--json", "--packages-dir", str(target)])
    payload = json.loads(res.output)
    assert payload["installed"][0]["pair"] == "id-en"
    assert {"pair": "ru-vi", "route": None, "missing": ["ru-en", "en-vi"]} in payload["pairs"]


def test_cli_refuses_a_malicious_archive(tmp_path):
    from click.testing import CliRunner

    from cli import main

    bad = _zip(tmp_path / "bad.argosmodel", {"pkg/metadata.json": META, "../evil": b""})
    res = CliRunner().invoke(main, ["models", "install", str(bad), "--packages-dir", str(tmp_path / "p")])
    assert res.exit_code == 1
    assert "refused, member '../evil' climbs out of the package folder" in res.output


def test_failed_download_leaves_no_partial_file(index_server, tmp_path):
    from types import SimpleNamespace

    from i18n.engines.packages import download_package

    entry = SimpleNamespace(from_code="en", to_code="ru", package_version="1.0",
                            links=[index_server + "missing.argosmodel"])
    with pytest.raises(ModelError, match=r"download failed: .*missing.argosmodel: File not found"):
        download_package(entry, tmp_path / "dl")
    assert list((tmp_path / "dl").iterdir()) == []


def test_older_package_beside_a_newer_one_installs(tmp_path, tiny_archives):
    folder = tmp_path / "packages"
    (model,) = install_files([tiny_archives["id-en"]], packages_dir=folder)
    newer = folder / "newer-id-en"
    shutil.copytree(model.path, newer)
    meta = json.loads((newer / "metadata.json").read_text())
    meta["package_version"] = "2.0"
    (newer / "metadata.json").write_text(json.dumps(meta))
    (again,) = install_files([tiny_archives["id-en"]], packages_dir=folder)
    assert again.path == model.path and again.version == "1.0" and again.path.is_dir()
    assert [m.version for m in list_installed(folder)] == ["2.0"]  # the newest serves the pair


def test_packages_folder_under_a_file_is_a_clear_error(tmp_path, tiny_archives):
    (tmp_path / "afile").write_text("x")
    with pytest.raises(PackageError, match=r"afile/sub: cannot install into the packages folder"):
        install_files([tiny_archives["id-en"]], packages_dir=tmp_path / "afile" / "sub")
