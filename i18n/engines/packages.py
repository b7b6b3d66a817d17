"""Argos Translate packages: what is installed, which pairs are reachable, installing safely.

Everything goes through `argostranslate.package` (a cheap import), never through
`argostranslate.translate`, which imports stanza and torch. Installing extracts the archive
ourselves, after a safety check, because `argostranslate.package.install_from_path` trusts
the archive (`zipfile.extractall`) and imports `argostranslate.translate` when it is done.

Folders are passed in (`packages_dir`); `None` means argostranslate's own setting
(`ARGOS_PACKAGES_DIR` or the XDG data folder), read when argostranslate is first imported.
"""
from __future__ import annotations

import json
import os
import shutil
import stat
import sys
import tempfile
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ..errors import MissingModelError, ModelError, PackageError
from ..langs import SUPPORTED, normalize_lang

__all__ = [
    "PIVOT",
    "InstalledModel",
    "Route",
    "all_pairs",
    "default_packages_dir",
    "list_installed",
    "find_route",
    "missing_message",
    "missing_packages",
    "reachability",
    "check_archive",
    "install",
    "install_files",
    "install_pairs",
    "parse_pair",
]

PIVOT = "en"


@dataclass(frozen=True)
class InstalledModel:
    """One installed Argos translate package."""

    source: str
    target: str
    version: str
    path: Path

    @property
    def pair(self) -> str:
        """`id-en`."""
        return f"{self.source}-{self.target}"

    @property
    def model_id(self) -> str:
        """A stable identity for caches: pair, package version and model size."""
        model = self.path / "model" / "model.bin"
        size = model.stat().st_size if model.exists() else 0
        return f"argos:{self.pair}@{self.version}#{size}"


@dataclass(frozen=True)
class Route:
    """How to translate source -> target: one package, or two through English."""

    source: str
    target: str
    hops: tuple[InstalledModel, ...]

    @property
    def pivot(self) -> bool:
        """True when the route goes through English."""
        return len(self.hops) > 1

    @property
    def model_id(self) -> str:
        """The identities of the hops, joined by `+`."""
        return "+".join(h.model_id for h in self.hops)

    def describe(self) -> str:
        """`id→en→ru` (pivot) or `id→en` (direct)."""
        return "→".join([self.hops[0].source] + [h.target for h in self.hops])


def all_pairs() -> list[tuple[str, str]]:
    """The 12 directed pairs among the supported languages, in a stable order."""
    return [(s, t) for s in SUPPORTED for t in SUPPORTED if s != t]


def parse_pair(text: str) -> tuple[str, str]:
    """`id-en`, `id_en`, `ind-eng` -> ("id", "en")."""
    for sep in ("-", "_", ":", ">"):
        if sep in text:
            left, _, right = text.partition(sep)
            return normalize_lang(left), normalize_lang(right)
    raise PackageError(
        f"{text!r} is neither a package file nor a language pair: "
        "give a pair like id-en, or the path of an .argosmodel file"
    )


def default_packages_dir() -> Path:
    """argostranslate's packages folder (ARGOS_PACKAGES_DIR or the XDG data folder)."""
    from argostranslate import settings

    return Path(settings.package_data_dir)


def list_installed(packages_dir: Path | None = None) -> list[InstalledModel]:
    """Installed translate packages among the supported languages, sorted by pair."""
    folder = Path(packages_dir) if packages_dir is not None else default_packages_dir()
    if not folder.is_dir():
        return []
    found: dict[tuple[str, str], InstalledModel] = {}
    for sub in sorted(folder.iterdir()):
        model = _read_package(sub)
        if model is None:
            continue
        key = (model.source, model.target)
        if key not in found or _version_key(model.version) > _version_key(found[key].version):
            found[key] = model
    return [found[k] for k in sorted(found)]


def _read_package(sub: Path) -> InstalledModel | None:
    """The translate package in folder `sub`, or None when it is not one we can use."""
    from argostranslate import package as argos_package

    if not sub.is_dir() or not (sub / "metadata.json").is_file():
        return None
    try:
        pkg = argos_package.Package(sub)
    except (OSError, ValueError) as exc:
        raise PackageError(
            f"{sub / 'metadata.json'}: cannot read the package metadata ({exc}): "
            "remove the folder or reinstall the package"
        ) from None
    if pkg.type != "translate" or not pkg.from_code or not pkg.to_code:
        return None
    try:
        source, target = normalize_lang(pkg.from_code), normalize_lang(pkg.to_code)
    except ValueError:
        return None  # a language this toolkit does not handle
    return InstalledModel(source, target, str(pkg.package_version or ""), sub)


def _version_key(version: str) -> tuple:
    parts = []
    for p in version.replace("_", ".").split("."):
        parts.append((0, int(p), "") if p.isdigit() else (1, 0, p))
    return tuple(parts)


def find_route(
    source: str, target: str, installed: list[InstalledModel] | None = None, *, packages_dir: Path | None = None
) -> Route:
    """The route for source -> target: direct if installed, else through English.

    Raises MissingModelError naming the missing packages and the install command.
    """
    source, target = normalize_lang(source), normalize_lang(target)
    if installed is None:
        installed = list_installed(packages_dir)
    by_pair = {(m.source, m.target): m for m in installed}
    if (source, target) in by_pair:
        return Route(source, target, (by_pair[(source, target)],))
    if PIVOT not in (source, target) and (source, PIVOT) in by_pair and (PIVOT, target) in by_pair:
        return Route(source, target, (by_pair[(source, PIVOT)], by_pair[(PIVOT, target)]))
    raise MissingModelError(missing_message(source, target, installed))


def missing_packages(source: str, target: str, installed: list[InstalledModel]) -> list[str]:
    """The pairs to install so that source -> target works (through English unless one is English)."""
    have = {(m.source, m.target) for m in installed}
    if (source, target) in have:
        return []
    if PIVOT in (source, target):
        return [f"{source}-{target}"]
    return [f"{s}-{t}" for s, t in ((source, PIVOT), (PIVOT, target)) if (s, t) not in have]


def missing_message(source: str, target: str, installed: list[InstalledModel]) -> str:
    """What to install (and how) so that source -> target works."""
    names = " ".join(missing_packages(source, target, installed))
    how = "directly or through English" if PIVOT not in (source, target) else "directly"
    return (
        f"no translation model for {source}→{target} ({how}): missing package(s) {names}; "
        f"install with `i18n models install {names}` (needs the network) or, offline, "
        f"`i18n models install FILE.argosmodel`"
    )


def reachability(installed: list[InstalledModel]) -> dict[tuple[str, str], Route | None]:
    """For each of the 12 pairs, its route or None when unreachable."""
    out: dict[tuple[str, str], Route | None] = {}
    for s, t in all_pairs():
        try:
            out[(s, t)] = find_route(s, t, installed)
        except MissingModelError:
            out[(s, t)] = None
    return out


def check_archive(path: Path) -> tuple[str, dict]:
    """Check an `.argosmodel` before anything is extracted; return (top folder, metadata).

    Refuses members that would land outside the package folder (`..`, absolute paths,
    drive letters), links and device files, and archives without one top folder holding
    `metadata.json`.
    """
    path = Path(path)
    if not path.is_file():
        raise PackageError(f"{path}: no such package file: give the path of an .argosmodel file")
    if not zipfile.is_zipfile(path):
        raise PackageError(f"{path}: not an Argos package (an .argosmodel is a zip archive)")
    with zipfile.ZipFile(path) as zf:
        tops: set[str] = set()
        for info in zf.infolist():
            name = info.filename
            bad = _unsafe_reason(name, info)
            if bad:
                raise PackageError(
                    f"{path}: refused, member {name!r} {bad}; nothing was extracted: "
                    "use a package from a trusted source"
                )
            tops.add(PurePosixPath(name.replace("\\", "/")).parts[0])
        if len(tops) != 1:
            raise PackageError(
                f"{path}: refused, an Argos package holds exactly one top folder "
                f"(found: {', '.join(sorted(tops)) or 'nothing'}); nothing was extracted"
            )
        top = tops.pop()
        try:
            meta = json.loads(zf.read(f"{top}/metadata.json").decode("utf-8"))
        except KeyError:
            raise PackageError(f"{path}: not an Argos package: no {top}/metadata.json") from None
        except (ValueError, UnicodeDecodeError) as exc:
            raise PackageError(f"{path}: {top}/metadata.json is not valid JSON ({exc})") from None
    if not isinstance(meta, dict):
        raise PackageError(f"{path}: {top}/metadata.json must hold a JSON object")
    return top, meta


def _unsafe_reason(name: str, info: zipfile.ZipInfo) -> str | None:
    norm = name.replace("\\", "/")
    if norm.startswith("/") or (len(norm) > 1 and norm[1] == ":"):
        return "has an absolute path"
    parts = PurePosixPath(norm).parts
    if ".." in parts:
        return "climbs out of the package folder (`..`)"
    if not parts or parts[0] in (".", ""):
        return "has an empty path"
    mode = info.external_attr >> 16
    if info.create_system == 3 and mode:  # unix attributes
        kind = stat.S_IFMT(mode)
        if kind == stat.S_IFLNK:
            return "is a symbolic link"
        if kind not in (0, stat.S_IFREG, stat.S_IFDIR):
            return "is not a plain file or folder"
    return None


def install(items: Iterable[str], *, packages_dir: Path | None = None, progress=None) -> tuple[list[InstalledModel], list[str]]:
    """`i18n models install`: package files (a path that exists or ends in .argosmodel) offline,
    the other items as pairs from the index. What was installed, and the pairs asked for."""
    items = list(items)
    files = [Path(i) for i in items if Path(i).exists() or i.endswith(".argosmodel")]
    pairs = [i for i in items if not (Path(i).exists() or i.endswith(".argosmodel"))]
    done = install_files(files, packages_dir=packages_dir) if files else []
    if pairs:
        done += install_pairs(pairs, packages_dir=packages_dir, progress=progress)
    return done, pairs


def install_files(paths: list[Path], *, packages_dir: Path | None = None) -> list[InstalledModel]:
    """Install `.argosmodel` files; every archive is checked before any is extracted."""
    from argostranslate import package as argos_package

    folder = Path(packages_dir) if packages_dir is not None else default_packages_dir()
    checked = [(Path(p), *check_archive(Path(p))) for p in paths]
    installed = []
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with argos_package.package_lock:
            for path, top, _meta in checked:
                installed.append(_extract(path, top, folder))
    except OSError as exc:
        raise PackageError(
            f"{exc.filename or folder}: cannot install into the packages folder "
            f"({exc.strerror or exc}): choose another one with --packages-dir"
        ) from None
    if "argostranslate.translate" in sys.modules:  # keep a loaded argostranslate in step
        sys.modules["argostranslate.translate"].get_installed_languages.cache_clear()
    return installed


def _extract(path: Path, top: str, folder: Path) -> InstalledModel:
    tmp = Path(tempfile.mkdtemp(prefix=".installing-", dir=folder))
    try:
        with zipfile.ZipFile(path) as zf:
            zf.extractall(tmp)
        final = folder / top
        old = None
        if final.exists():
            old = folder / f".old-{top}-{os.getpid()}"
            os.replace(final, old)
        os.replace(tmp / top, final)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    model = _read_package(final)
    if model is not None:
        return model
    shutil.rmtree(final, ignore_errors=True)
    raise PackageError(
        f"{path}: installed, but it is not a translate package among "
        f"{', '.join(SUPPORTED)}; removed it again"
    )


def install_pairs(
    pairs: list[str], *, packages_dir: Path | None = None, progress=None
) -> list[InstalledModel]:
    """Download packages for pairs like `id-en` from the Argos index and install them.

    Pairs already installed are skipped, so the call is idempotent and works offline when
    nothing is missing. `progress(name, done, total)` is called as each download proceeds.
    """
    import logging

    from argostranslate import package as argos_package
    from argostranslate import settings

    installed = {(m.source, m.target) for m in list_installed(packages_dir)}
    wanted = [pair for pair in (parse_pair(p) for p in pairs) if pair not in installed]
    if not wanted:
        return []
    # argostranslate logs a bare "(URLError(...),)" line when offline; our error says more.
    argos_log = logging.getLogger("argostranslate.utils")
    level = argos_log.level
    argos_log.setLevel(logging.CRITICAL)
    try:
        argos_package.update_package_index()  # logs and returns on network errors
    finally:
        argos_log.setLevel(level)
    index = Path(settings.local_package_index)
    if not index.is_file():
        names = " ".join(f"translate-{s}_{t}-*.argosmodel" for s, t in wanted)
        raise ModelError(
            f"cannot download the Argos package index from {settings.remote_package_index} "
            f"(no network?): on a machine with network, download {names} from the Argos "
            "package index (https://www.argosopentech.com/argospm/index/), copy them here and "
            f"run `i18n models install {names}`"
        )
    available = argos_package.get_available_packages()
    files = []
    for source, target in wanted:
        match = [p for p in available if p.type == "translate" and p.from_code == source and p.to_code == target]
        if not match:
            offered = sorted({f"{p.from_code}-{p.to_code}" for p in available if p.from_code in SUPPORTED and p.to_code in SUPPORTED})
            raise PackageError(
                f"the Argos index has no {source}-{target} package "
                f"(it offers {', '.join(offered) or 'none for id/en/ru/vi'})"
            )
        best = max(match, key=lambda p: _version_key(str(p.package_version)))
        try:
            files.append(download_package(best, Path(settings.downloads_dir), progress=progress))
        except Exception as exc:  # argostranslate raises a bare Exception on failure
            raise ModelError(
                f"cannot download the {source}-{target} package ({exc}): check the network, "
                "or install a package file with `i18n models install FILE.argosmodel`"
            ) from None
    return install_files(files, packages_dir=packages_dir)


def download_package(package, folder: Path, *, progress=None, chunk: int = 1 << 16) -> Path:
    """Download an index entry's `.argosmodel` into `folder`, atomically, with progress.

    A file already downloaded is reused; a broken or interrupted download leaves nothing
    behind (it goes to a temp file first). Mirrors are tried in the index's order.
    """
    import urllib.request

    name = f"translate-{package.from_code}_{package.to_code}-{str(package.package_version).replace('.', '_')}.argosmodel"
    final = folder / name
    if final.is_file():
        return final
    folder.mkdir(parents=True, exist_ok=True)
    errors = []
    for url in package.links:
        fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".part", dir=folder)
        try:
            with os.fdopen(fd, "wb") as out, urllib.request.urlopen(url, timeout=60) as resp:
                total = int(resp.headers.get("Content-Length") or 0) or None
                done = 0
                while True:
                    block = resp.read(chunk)
                    if not block:
                        break
                    out.write(block)
                    done += len(block)
                    if progress is not None:
                        progress(name, done, total)
            os.replace(tmp, final)
            return final
        except OSError as exc:  # URLError, HTTPError and socket errors are OSErrors
            errors.append(f"{url}: {getattr(exc, 'reason', None) or exc}")
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
    raise ModelError("download failed: " + "; ".join(errors or ["the index lists no link"]))
