"""A real headless browser for the tests of HTML pages: Debian's Chromium, driven by its command line.

`--dump-dom` prints the DOM after the page's scripts ran (or, with scripts off, as parsed);
`--screenshot` writes a PNG. Each call gets its own profile folder and no network services
(no background networking, component updates, sync or first-run pages).

Where Chromium is not installed the tests skip, saying why; under CI (CI set, as .ci/run is
run) they fail instead, because .ci/run installs it and the browser tests must run there.
"""
from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

FLAGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
]


def chromium() -> str:
    """The Chromium binary; skips the test (fails it under CI) when there is none."""
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found:
        return found
    if os.environ.get("CI"):
        pytest.fail("chromium is not installed, and CI must run the browser tests: .ci/run installs it "
                    "(apt-get install chromium)")
    pytest.skip("chromium is not installed: `apt-get install chromium` (Debian) to run the browser tests; "
                ".ci/run installs it")


def run_chromium(args: list[str], profile: Path) -> str:
    """Run Chromium with `args` and a fresh profile under `profile`; its stdout."""
    profile.mkdir(parents=True, exist_ok=True)
    done = subprocess.run(
        [chromium(), *FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True, text=True, timeout=180, check=False,
    )
    if done.returncode != 0:
        raise AssertionError(f"chromium exited {done.returncode}: {done.stderr[-2000:]}")
    return done.stdout


def dump_dom(url: str, profile: Path) -> str:
    """The page's DOM as HTML after it loaded and its scripts ran.

    For a page with JavaScript off, load a copy whose Content-Security-Policy says
    `script-src 'none'` (`without_scripts`): Chromium's own switch for it,
    `--blink-settings=scriptEnabled=false`, leaves --dump-dom (and --screenshot) with no output.
    """
    dom = run_chromium(["--dump-dom", url], profile)
    if "<html" not in dom:
        raise AssertionError(f"chromium printed no DOM for {url}: {dom[:500]!r}")
    return dom


def without_scripts(page: Path, copy: Path) -> Path:
    """A copy of `page` in which the browser runs no script: a CSP `script-src 'none'` first in <head>."""
    text = page.read_text("utf-8")
    csp = """<meta http-equiv="Content-Security-Policy" content="script-src 'none'">"""
    copy.write_text(text.replace("<head>", "<head>" + csp, 1), "utf-8")
    return copy


def screenshot(url: str, png: Path, profile: Path, *, width: int = 1280, height: int = 1400) -> Path:
    """A PNG of the page's first `width` x `height` pixels."""
    run_chromium([f"--window-size={width},{height}", f"--screenshot={png}", url], profile)
    if not png.is_file():
        raise AssertionError(f"chromium wrote no screenshot for {url}")
    return png


def png_size(png: Path) -> tuple[int, int]:
    """Width and height from a PNG's IHDR chunk."""
    data = png.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{png} is not a PNG"
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")
