"""QA for CI: the check registry, pair checks, PO validity, glossary checks, the runner, report formats."""
