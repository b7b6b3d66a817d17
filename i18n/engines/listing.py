"""What `i18n models list` and `i18n engines` show: installed packages, the reachability of the
12 pairs, and the engines that can be chosen by name."""
from __future__ import annotations

from ..errors import PluginError
from .packages import InstalledModel, Route, missing_packages
from .registry import EngineSpec, load_factory

__all__ = ["models_payload", "format_models", "engines_payload", "format_engines"]

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


def engines_payload(specs: dict[str, EngineSpec], default: str) -> list[dict]:
    """Each engine: name, import string, where registered, default, and a load error if any."""
    out = []
    for spec in specs.values():
        try:
            load_factory(spec)
            error = None
        except PluginError as exc:
            error = str(exc)
        out.append({"name": spec.name, "target": spec.target, "origin": spec.origin,
                    "default": spec.name == default, "error": error})
    return out


def format_engines(specs: dict[str, EngineSpec], default: str) -> str:
    """One line per engine; one that does not load says why."""
    lines = []
    for row in engines_payload(specs, default):
        mark = " (default)" if row["default"] else ""
        lines.append(f"  {row['name']:12} {row['target']}  {row['origin']}{mark}")
        if row["error"]:
            lines.append(f"    {row['error']}")
    lines.append("choose one with `i18n translate --engine NAME` or [tool.i18n] engine = \"NAME\"; "
                 "any class or factory also works as package.module:attr")
    return "".join(line + "\n" for line in lines)
