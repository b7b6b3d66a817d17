"""`i18n report`: the review report as one self-contained HTML page.

The page holds everything it shows: inline CSS, progress bars as inline SVG, no fonts,
images, styles or scripts from anywhere else (a Content-Security-Policy that allows nothing
external says so to the browser too). All content is in the HTML itself, so it reads the same
with JavaScript disabled; a small inline script only sorts and filters the table of segments
to review. Its state lives in the URL fragment (`#kind=glossary,qa&lang=ru&sort=where`), so
a filtered view is a link an editor can send. Every text from a PO file goes through
`html.escape`; the same review gives the same bytes (no date on the page).

String building with `html.escape` rather than a template engine: the page is six small
tables, and a template would add a dependency without removing any escaping decision.
"""
from __future__ import annotations

import html
import os
from pathlib import Path
from urllib.parse import quote

from ..catalog.stats import FileStats, stats_totals
from ..config import CheckSettings
from ..counts import counted
from ..fileio import write_text_atomic
from ..model import SEVERITIES, Finding
from .project import CheckOutcome, unreadable_lines
from .registry import all_checks
from .report import summary_line
from .review import KINDS, Review, ReviewItem, review_project

__all__ = ["render_review", "write_review", "review_summary", "review_outcome"]

_CSP = "default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:"
_BAR_COLOURS = (("reviewed", "#2e7d32"), ("fuzzy", "#f2a900"), ("untranslated", "#c3c7cc"))


def esc(text: object) -> str:
    """Text or an attribute value, escaped (`<`, `>`, `&` and both quotes)."""
    return html.escape(str(text), quote=True)


def write_review(settings: CheckSettings, output: Path) -> Review:
    """Check and read the PO files of `settings`, write the report page to `output` (atomic)."""
    review = review_project(settings)
    write_text_atomic(output, render_review(review, base=Path(output).parent))
    return review


def review_summary(review: Review, output: Path) -> str:
    """The line `i18n report` prints: where the page is, what it holds."""
    total = stats_totals(review.stats)[-1] if review.stats else None
    progress = f"{total.percent_reviewed:.1f}% reviewed" if total else "no entries"
    first = counted(len(review.items), "segment")
    return f"wrote {Path(output).as_posix()}: {progress}, {first} to review first; {summary_line(review.check)}"


def review_outcome(review: Review, output: Path, *, quiet: bool = False) -> CheckOutcome:
    """What `i18n report` prints and its exit status: the summary line (unless `quiet`); a PO
    file that could not be read is bad input (on the page too), one error line each, exit 2."""
    outcome = CheckOutcome("" if quiet else review_summary(review, output) + "\n")
    if review.check.unreadable:
        outcome.messages += unreadable_lines(review.check)
        outcome.exit_code = 2
    return outcome


def render_review(review: Review, *, base: Path = Path(".")) -> str:
    """The page: review progress, `i18n check`'s counts, the segments to review first.

    Links to PO files are relative to `base`, the folder the page is written to.
    """
    title = f"Review report: {counted(len(review.items), 'segment')} to review first"
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta http-equiv="Content-Security-Policy" content="{_CSP}">',
        f"<title>{esc(title)}</title>",
        f"<style>{_CSS}</style>",
        "</head>",
        "<body>",
        "<header>",
        "<h1>Review report</h1>",
        f'<p class="meta">{esc(summary_line(review.check))}</p>',
        "</header>",
        "<main>",
        _progress_section(review.stats),
        _items_section(review, base),
        _findings_section(review.check.findings),
        "</main>",
        f"<script>{_SCRIPT}</script>",
        "</body>",
        "</html>",
    ]
    return "\n".join(parts) + "\n"


# --- review progress: one row per language, its articles under it, the total last ---


def _progress_section(stats: list[FileStats]) -> str:
    rows = []
    if stats:
        *langs, overall = stats_totals(stats)
        for total in langs:
            rows.append(_progress_row(total, "language", total.lang, f"all articles ({counted(total.files, 'file')})"))
            for row in (r for r in stats if r.lang == total.lang):
                article = f'{esc(Path(row.path).stem)}<span class="path">{_breakable(row.path)}</span>'
                rows.append(_progress_row(row, "file", "", article, raw=True))
        rows.append(_progress_row(overall, "total", "all", f"all ({counted(overall.files, 'file')})"))
    else:
        rows.append('<tr><td colspan="8">No PO files.</td></tr>')
    head = "".join(f"<th>{h}</th>" for h in (
        "Language", "Article", "Progress", "Reviewed", "Fuzzy", "Untranslated", "Obsolete", "Reviewed %"))
    return (
        '<section id="progress">\n<h2>Review progress</h2>\n'
        '<p class="hint">Entries by review state, as <code>i18n stats</code> counts them: reviewed, '
        "fuzzy (machine suggestions, drafts and changed sources) and untranslated.</p>\n"
        f'<table class="progress">\n<thead><tr>{head}</tr></thead>\n<tbody>\n' + "\n".join(rows)
        + "\n</tbody>\n</table>\n</section>"
    )


def _progress_row(row: FileStats, kind: str, lang: str, article: str, *, raw: bool = False) -> str:
    counts = "".join(
        f'<td class="num" data-count="{key}">{getattr(row, key)}</td>'
        for key in ("reviewed", "fuzzy", "untranslated", "obsolete")
    )
    cls = ' class="sum"' if kind != "file" else ""
    return (
        f'<tr{cls} data-row="{kind}" data-lang="{esc(row.lang)}" data-path="{esc(row.path)}">'
        f"<th scope=\"row\">{esc(lang)}</th><td>{article if raw else esc(article)}</td>"
        f"<td>{_bar(row)}</td>{counts}"
        f'<td class="num" data-count="percent_reviewed">{row.percent_reviewed:.1f}</td></tr>'
    )


def _bar(row: FileStats) -> str:
    """A stacked bar as inline SVG: reviewed, fuzzy, untranslated (widths in % of the entries)."""
    total = row.total or 1
    x = 0.0
    rects = []
    for key, colour in _BAR_COLOURS:
        width = 100.0 * getattr(row, key) / total
        if width:
            rects.append(f'<rect x="{x:.2f}" width="{width:.2f}" height="10" fill="{colour}"/>')
        x += width
    label = f"{row.reviewed} reviewed, {row.fuzzy} fuzzy, {row.untranslated} untranslated of {row.total}"
    return (
        f'<svg class="bar" viewBox="0 0 100 10" preserveAspectRatio="none" role="img" aria-label="{esc(label)}">'
        f"<title>{esc(label)}</title>{''.join(rects)}</svg>"
    )


# --- the segments to review first ---


def _items_section(review: Review, base: Path) -> str:
    counts = review.kind_counts()
    kinds = "".join(
        f'<li data-kind="{k}"><span class="kind k-{k}">{esc(title)}</span> <b data-kind-count="{k}">{counts[k]}</b></li>'
        for k, title in KINDS.items()
    )
    intro = (
        '<section id="review">\n<h2>To review first</h2>\n'
        '<p class="hint">Degenerate output, glossary problems, low model confidence, changed sources and QA '
        "findings, errors first. Each row names its PO entry as <code>file:line</code>.</p>\n"
        f'<ul class="kinds">{kinds}</ul>\n'
    )
    if not review.items:
        return intro + '<p class="empty">Nothing to review first: no findings and no flagged suggestions.</p>\n</section>'
    langs = "".join(f'<option value="{esc(lang)}">{esc(lang)}</option>' for lang in review.languages())
    checks = "".join(
        f'<label><input type="checkbox" name="kind" value="{k}"> {esc(title)}</label>' for k, title in KINDS.items()
    )
    filters = (
        '<form id="filters" hidden><fieldset><legend>Show</legend>'
        f'{checks} <label>Language <select name="lang"><option value="">all</option>{langs}</select></label>'
        '</fieldset></form>\n'
        '<noscript><p class="hint">Sorting and filtering need JavaScript; every segment is listed below.</p></noscript>\n'
        f'<p id="shown" class="hint">{counted(len(review.items), "segment")}</p>\n'
    )
    head = "".join(
        f'<th data-sort="{key}">{label}</th>' if key else f"<th>{label}</th>"
        for key, label in (("kind", "Why"), ("lang", "Lang"), ("where", "Entry"), ("", "Source"),
                           ("", "Suggestion"), ("", "English pivot"), ("severity", "Findings"))
    )
    rows = "\n".join(_item_row(item, n, base) for n, item in enumerate(review.items))
    return (
        intro + filters + f'<table id="items">\n<thead><tr>{head}</tr></thead>\n<tbody>\n{rows}\n</tbody>\n</table>\n</section>'
    )


def _item_row(item: ReviewItem, rank: int, base: Path) -> str:
    severity = item.severity
    data = {
        "kinds": " ".join(item.kinds),
        "lang": item.lang,
        "rank": f"{rank:05d}",
        "kind": f"{list(KINDS).index(item.kinds[0])}",
        "where": f"{item.path}:{item.line:07d}",
        "severity": f"{len(SEVERITIES) - SEVERITIES.index(severity) if severity else 9}",
        "path": item.path,
        "line": item.line,
    }
    attrs = " ".join(f'data-{key}="{esc(value)}"' for key, value in data.items())
    why = "".join(f'<span class="kind k-{k}">{esc(KINDS[k])}</span>' for k in item.kinds)
    where = f"{item.path}:{item.line}" if item.line else item.path
    state = esc(item.state or "file")
    if item.model:
        state += f' · <span class="model">{esc(item.model)}</span>'
    was = f'<div class="was">was: {esc(item.previous)}</div>' if item.previous else ""
    source = _text(item.source, item.source_lang, was) if item.state else '<td class="none">(the file)</td>'
    return (
        f'<tr class="item" {attrs}><td>{why}</td><td>{esc(item.lang)}</td>'
        f'<td class="where"><a href="{esc(_href(item.path, base))}">{_breakable(where)}</a><div class="state">{state}</div></td>'
        f"{source}{_text(item.suggestion, item.lang)}{_text(item.pivot, 'en')}"
        f"<td>{_findings_list(item.findings, item.notes)}</td></tr>"
    )


def _breakable(path: str) -> str:
    """A path, escaped, that may wrap after a slash (the text copied stays the path)."""
    return "/<wbr>".join(esc(part) for part in path.split("/"))


def _text(text: str, lang: str, after: str = "") -> str:
    """A cell of PO text (escaped, line breaks kept), in its language; `after` is markup."""
    if not text:
        return f'<td class="text none">{after}</td>'
    attr = f' lang="{esc(lang)}"' if lang else ""
    return f'<td class="text"{attr}>{esc(text)}{after}</td>'


def _findings_list(findings: tuple[Finding, ...], notes: tuple[str, ...]) -> str:
    lines = [f'<li class="note">{esc(note)}</li>' for note in notes]
    lines += [
        f'<li class="finding" data-check="{esc(f.check)}" data-severity="{esc(f.severity)}">'
        f'<span class="sev s-{esc(f.severity)}">{esc(f.severity)}</span> <code>{esc(f.check)}</code> {esc(f.message)}</li>'
        for f in findings
    ]
    return f"<ul>{''.join(lines)}</ul>" if lines else ""


def _href(path: str, base: Path) -> str:
    """A relative link from the page's folder to the PO file (a `file:` URL once opened)."""
    try:
        rel = os.path.relpath(Path(path).resolve(), Path(base).resolve())
    except ValueError:  # another drive (Windows): an absolute path
        rel = str(Path(path).resolve())
    return quote(Path(rel).as_posix())


# --- i18n check's counts ---


def _findings_section(findings: list[Finding]) -> str:
    counts: dict[str, dict[str, int]] = {}
    for f in findings:
        counts.setdefault(f.check, dict.fromkeys(SEVERITIES, 0))[f.severity] += 1
    titles = {c.id: c.title for c in all_checks().values()}
    order = [c for c in titles if c in counts] + sorted(c for c in counts if c not in titles)
    rows = "\n".join(
        f'<tr data-check="{esc(c)}"><th scope="row"><code>{esc(c)}</code></th><td>{esc(titles.get(c, ""))}</td>'
        + "".join(f'<td class="num" data-severity="{s}">{counts[c][s]}</td>' for s in reversed(SEVERITIES))
        + "</tr>"
        for c in order
    ) or '<tr><td colspan="5">No findings.</td></tr>'
    head = "<th>Check</th><th>Title</th>" + "".join(f'<th class="num">{s}</th>' for s in reversed(SEVERITIES))
    return (
        '<section id="findings">\n<h2>Findings by check</h2>\n'
        '<p class="hint">What <code>i18n check</code> reports on the same files; the untranslated entries are '
        "counted here and in the progress table, not listed above.</p>\n"
        f'<table class="checks">\n<thead><tr>{head}</tr></thead>\n<tbody>\n{rows}\n</tbody>\n</table>\n</section>'
    )


_CSS = """
:root{color-scheme:light;--ink:#1d2127;--muted:#5f6670;--line:#dde1e6;--bg:#f6f7f9}
*{box-sizing:border-box}
body{margin:0;font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:var(--ink);background:#fff}
header{padding:18px 28px 10px;border-bottom:1px solid var(--line);background:var(--bg)}
h1{margin:0 0 4px;font-size:22px}
h2{font-size:17px;margin:26px 0 6px}
main{padding:0 28px 32px}
.meta,.hint{color:var(--muted);margin:2px 0 10px}
code{font:12px/1.3 "DejaVu Sans Mono",monospace;background:var(--bg);padding:1px 4px;border-radius:3px}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;vertical-align:top;padding:6px 8px;border-bottom:1px solid var(--line)}
thead th{font-size:12px;text-transform:uppercase;letter-spacing:.03em;color:var(--muted);border-bottom:2px solid var(--line)}
.num{text-align:right;font-variant-numeric:tabular-nums}
table.progress{width:auto}
table.progress td,table.progress th{padding:4px 10px}
tr.sum{background:var(--bg);font-weight:600}
.path{display:block;color:var(--muted);font-size:12px}
svg.bar{width:180px;height:12px;display:block;margin-top:3px;background:#eceff2;border-radius:2px}
ul.kinds{list-style:none;padding:0;margin:6px 0 10px;display:flex;flex-wrap:wrap;gap:6px 16px}
.kind{display:inline-block;font-size:12px;font-weight:600;padding:1px 7px;margin:0 4px 3px 0;border-radius:10px;white-space:nowrap}
.k-degenerate{background:#f6d5f7;color:#6a1b6e}.k-glossary{background:#fde0cc;color:#8a3a00}
.k-low-confidence{background:#fff1b8;color:#6b5300}.k-changed{background:#d9e8fb;color:#174a8b}
.k-qa{background:#e6e8eb;color:#37404a}
.sev{font-size:11px;font-weight:700;text-transform:uppercase;padding:0 5px;border-radius:3px}
.s-error{background:#c62828;color:#fff}.s-warning{background:#f2a900;color:#2b2100}.s-info{background:#cfd8dc;color:#263238}
#items td.text{white-space:pre-wrap;min-width:11em;max-width:24em}
#items td.where{font-size:12px;min-width:10em;max-width:16em;overflow-wrap:anywhere}
#items td ul{margin:0;padding-left:0;list-style:none;min-width:14em}
#items li{margin:0 0 4px}
li.note{color:var(--muted);font-size:12px}
li.note::before{content:"note: ";font-weight:600}
.state{color:var(--muted)}
.was{margin-top:4px;color:var(--muted);font-size:12px}
td.none{color:var(--muted)}
form fieldset{border:1px solid var(--line);border-radius:6px;padding:6px 10px;margin:0 0 8px}
form label{margin-right:14px;white-space:nowrap}
th[data-sort]{cursor:pointer}
th[aria-sort=ascending]::after{content:" \\25B2"}th[aria-sort=descending]::after{content:" \\25BC"}
"""

# Filters and sort order live in the URL fragment: `#kind=glossary,qa&lang=ru&sort=where&dir=desc`.
_SCRIPT = """
(function () {
  "use strict";
  var table = document.getElementById("items");
  if (!table) return;
  var body = table.tBodies[0], rows = Array.prototype.slice.call(body.rows);
  var form = document.getElementById("filters"), shown = document.getElementById("shown");
  form.hidden = false;
  function read() {
    var s = {kind: "", lang: "", sort: "rank", dir: "asc"};
    location.hash.replace(/^#/, "").split("&").forEach(function (part) {
      var i = part.indexOf("="), key = part.slice(0, i);
      if (i > 0 && key in s) s[key] = decodeURIComponent(part.slice(i + 1));
    });
    return s;
  }
  function write(s) {
    var parts = [];
    if (s.kind) parts.push("kind=" + encodeURIComponent(s.kind));
    if (s.lang) parts.push("lang=" + encodeURIComponent(s.lang));
    if (s.sort !== "rank") parts.push("sort=" + s.sort, "dir=" + s.dir);
    location.hash = parts.join("&");
  }
  function apply() {
    var s = read(), kinds = s.kind ? s.kind.split(",") : [], count = 0, sign = s.dir === "desc" ? -1 : 1;
    rows.forEach(function (row) {
      var has = row.dataset.kinds.split(" ");
      var ok = (!kinds.length || kinds.some(function (k) { return has.indexOf(k) >= 0; }))
        && (!s.lang || row.dataset.lang === s.lang);
      row.hidden = !ok;
      if (ok) count++;
    });
    var key = s.sort in rows[0].dataset ? s.sort : "rank";
    rows.slice().sort(function (a, b) {
      var x = a.dataset[key], y = b.dataset[key];
      return (x < y ? -sign : x > y ? sign : 0) || (a.dataset.rank < b.dataset.rank ? -1 : 1);
    }).forEach(function (row) { body.appendChild(row); });
    table.querySelectorAll("th[data-sort]").forEach(function (th) {
      if (th.dataset.sort === key) th.setAttribute("aria-sort", s.dir === "desc" ? "descending" : "ascending");
      else th.removeAttribute("aria-sort");
    });
    // the attributes too (defaultChecked, defaultSelected): a saved or dumped page shows the view
    form.querySelectorAll("input[name=kind]").forEach(function (box) {
      box.checked = box.defaultChecked = kinds.indexOf(box.value) >= 0;
    });
    Array.prototype.forEach.call(form.elements.lang.options, function (o) {
      o.selected = o.defaultSelected = o.value === s.lang;
    });
    shown.textContent = count + " of " + rows.length + " segments shown";
    document.body.setAttribute("data-view", "kind=" + s.kind + "&lang=" + s.lang + "&sort=" + key + "&dir=" + s.dir);
  }
  form.addEventListener("change", function () {
    var s = read();
    s.kind = Array.prototype.filter.call(form.elements.kind, function (b) { return b.checked; })
      .map(function (b) { return b.value; }).join(",");
    s.lang = form.elements.lang.value;
    write(s);
  });
  table.querySelectorAll("th[data-sort]").forEach(function (th) {
    th.tabIndex = 0;
    th.addEventListener("click", function () {
      var s = read();
      s.dir = s.sort === th.dataset.sort && s.dir === "asc" ? "desc" : "asc";
      s.sort = th.dataset.sort;
      write(s);
    });
  });
  window.addEventListener("hashchange", apply);
  apply();
})();
"""
