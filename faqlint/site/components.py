"""MDX components a site registers for every page (Docusaurus's
`src/theme/MDXComponents.js`): a partial imported there (`import Views from
'@site/docs/partials/_views.mdx'`) is rendered wherever a page writes
`<Views />`, so its headings are anchors of that page and its links are read
there. `[site] components` names the file; with `framework = "docusaurus"`
the usual paths are looked for.
"""

from __future__ import annotations

import functools
import posixpath
import re
from pathlib import Path

from faqlint.config import Config

DOCUSAURUS_FILES = tuple(
    f"src/theme/MDXComponents.{suffix}" for suffix in ("js", "jsx", "ts", "tsx", "mjs")
)
_IMPORT = re.compile(r"^import\s+(\w+)\s+from\s+(['\"])([^'\"\n]+\.mdx?)\2", re.M)


def registered_partials(config: Config) -> tuple[tuple[str, str], ...]:
    """(component name, `@site/…` path of its partial) for each Markdown
    partial the site's components file imports; () when there is none."""
    site = config.site
    names: tuple[str, ...] = (site.components,) if site.components else ()
    if not names and site.framework == "docusaurus":
        names = DOCUSAURUS_FILES
    for name in names:
        path = config.base_dir / name
        try:
            stat = path.stat()
        except OSError:
            continue
        return _read(str(path), name, stat.st_size, stat.st_mtime_ns)
    return ()


@functools.cache
def _read(path: str, name: str, size: int, mtime: int) -> tuple[tuple[str, str], ...]:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ()
    folder = posixpath.dirname(name)
    found = []
    for match in _IMPORT.finditer(text):
        component, target = match.group(1), match.group(3)
        if target.startswith("@site/"):
            found.append((component, target))
        elif target.startswith("."):
            project = posixpath.normpath(posixpath.join(folder, target))
            if not project.startswith("../"):
                found.append((component, "@site/" + project))
    return tuple(found)
