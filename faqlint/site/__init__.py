"""The site: which files a run lints (`discover`) and how the site serves
them (`model`: URL ↔ file, anchors, routes, fragments, published builds)."""
