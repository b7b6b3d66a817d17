"""An engine for the Ray tests, built by import string (`ray_engines:logged_argos`) in each
Ray worker: the real Argos engine on the tiny packages, which writes one line per batch it
translates to a log file and, when asked, kills its own process mid-job (once per log) or
has its first batches wait for each other (to show that a worker decodes them at once)."""
from __future__ import annotations

import os
import signal
import threading
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from i18n.engines.argos import ArgosEngine
from i18n.engines.base import Translation
from i18n.engines.ct2 import EngineOptions


class LoggedArgos(ArgosEngine):
    """ArgosEngine logging `pid source target segments` per batch; `kill_at` N: the process
    that is about to translate a batch once N batches are logged SIGKILLs itself, once."""

    def __init__(self, *, log: Path, kill_at: int = 0, meet: int = 0, **kwargs):
        super().__init__(**kwargs)
        self.log = Path(log)
        self.kill_at = kill_at
        # `meet` N: the first N batches wait for each other (a minute at most) and write to
        # log.met whether they all arrived ("met") or the wait ran out ("alone").
        self._meet = threading.Barrier(meet, timeout=60) if meet else None

    def translate_scored(self, texts: Sequence[str], source: str, target: str) -> list[Translation]:
        return self._logged(super().translate_scored, texts, source, target)

    def translate_planned(self, texts: Sequence[str], source: str, target: str) -> list[Translation]:
        barrier = self._meet
        if barrier is not None:
            try:
                barrier.wait()
                verdict = "met"
            except threading.BrokenBarrierError:
                verdict = "alone"
            self._meet = None
            self.log.with_suffix(".met").write_text(verdict, "utf-8")
        return self._logged(super().translate_planned, texts, source, target)  # what a Ray worker calls

    def _logged(self, translate, texts: Sequence[str], source: str, target: str) -> list[Translation]:
        if self.kill_at and len(logged(self.log)) >= self.kill_at:
            try:
                with open(self.log.with_suffix(".killed"), "x") as marker:  # only one kill per log
                    marker.write(str(os.getpid()))
            except FileExistsError:
                pass
            else:
                os.kill(os.getpid(), signal.SIGKILL)
        done = translate(texts, source, target)
        with open(self.log, "a", encoding="utf-8") as out:
            out.write(f"{os.getpid()} {source} {target} {len(texts)}\n")
        return done


def logged(log: Path) -> list[tuple[int, str, str, int]]:
    """The batches logged: (pid, source, target, segments)."""
    if not Path(log).exists():
        return []
    lines = Path(log).read_text("utf-8").splitlines()
    return [(int(p), s, t, int(n)) for p, s, t, n in (line.split() for line in lines)]


def logged_argos(*, device: str = "cpu", threads: int = 1, beam_size: int = 4, compute_type: str = "auto",
                 packages_dir: str, log: str, kill_at: int = 0, meet: int = 0, max_batch_tokens: int = 1024) -> LoggedArgos:
    options = EngineOptions.from_settings(device=device, threads=threads, beam_size=beam_size, compute_type=compute_type)
    options = replace(options, max_batch_tokens=max_batch_tokens)
    return LoggedArgos(packages_dir=Path(packages_dir), options=options, log=Path(log), kill_at=kill_at, meet=meet)
