"""PO catalogs: PO read/write, review states, the merge, apply, .mo, stats."""
