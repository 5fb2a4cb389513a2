"""Read and parse: a file's bytes → text (`source`) → the Markdown scan
(`markdown`, the one parser interface) → dialects → the typed `FaqDocument`
(`document`, `model`), plus the views rules read: `records` (compact page
summaries), `prose` (text with code and markup masked) and `suppressions`."""
