"""What `i18n models list` shows: installed packages and the reachability of the 12 pairs."""
from __future__ import annotations

from .packages import InstalledModel, Route, missing_packages

__all__ = ["models_payload", "format_models"]

Routes = dict[tuple[str, str], "Route | None"]


def models_payload(installed: list[InstalledModel], routes: Routes) -> dict:
    """The JSON form: installed packages, and each pair's route or the packages it lacks."""
    return {
        "installed": [{"pair": m.pair, "version": m.version, "path": str(m.path)} for m in installed],
        "pairs": [
            {"pair": f"{s}-{t}", "route": route.describe() if route else None,
             "missing": missing_packages(s, t, installed)}
            for (s, t), route in routes.items()
        ],
    }


def format_models(installed: list[InstalledModel], routes: Routes) -> str:
    """The text form, one line per package and per pair, with the install command for gaps."""
    lines = [f"installed packages: {len(installed)}"]
    lines += [f"  {m.pair:6} {m.version:8} {m.path}" for m in installed]
    reachable = sum(r is not None for r in routes.values())
    lines.append(f"pairs reachable: {reachable} of {len(routes)}")
    for (s, t), route in routes.items():
        if route is None:
            status = "missing: i18n models install " + " ".join(missing_packages(s, t, installed))
        else:
            status = "direct" if not route.pivot else f"via en ({route.describe()})"
        lines.append(f"  {s}→{t}  {status}")
    if reachable < len(routes):
        lines.append("install more with: i18n models install PAIR... (e.g. id-en en-ru) or FILE.argosmodel")
    return "".join(line + "\n" for line in lines)
