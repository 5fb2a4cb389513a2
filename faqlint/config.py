"""Configuration: `faqlint.toml`, `.faqlint.toml` or `[tool.faqlint]` in `pyproject.toml`.

The keys are a contract other tools write, so they are validated strictly:
an unknown key or a bad value is a `ConfigError` naming the file, the key
path, the value and what is allowed.
"""

from __future__ import annotations

import os
import re
import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from faqlint.errors import FaqlintError

CONFIG_NAMES = ("faqlint.toml", ".faqlint.toml", "pyproject.toml")
Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")


class ConfigError(FaqlintError):
    """A configuration problem; `str()` is the message shown to the user."""


def _kebab(name: str) -> str:
    return name.replace("_", "-")


class Section(BaseModel):
    model_config = ConfigDict(
        extra="forbid", frozen=True, alias_generator=_kebab, populate_by_name=True
    )


class SiteConfig(Section):
    # the docs framework (`faqlint init` writes it and the settings it implies)
    framework: (
        Literal["docusaurus", "mintlify", "mkdocs", "hugo", "diplodoc", "vk", "github", "plain"]
        | None
    ) = None
    root: str = "."
    layout: Literal["file", "folder-index", "directory-urls"] = "file"
    index: tuple[str, ...] = (  # `{folder}`: the folder's name
        "index.md",
        "README.md",
        "_index.md",
        "index.mdx",
        "README.mdx",
    )
    page_types: tuple[str, ...] = (".md", ".markdown", ".mdx")  # files served as pages
    languages: tuple[str, ...] = ()
    slug: Literal["github", "github-keep-case", "mintlify", "mkdocs", "transliterate"] = "github"
    relative_base: Literal["directory", "browser", "file"] = "browser"
    # URLs that end with "/": then `x` on /a/b/ is /a/b/x (Hugo, MkDocs: "always";
    # Docusaurus category index pages: "index")
    trailing_slash: Literal["never", "index", "always"] = "never"
    routes: tuple[str, ...] = ()
    fragments: tuple[str, ...] = ("**/_includes/**",)
    snippets: str = "."  # pymdownx.snippets `base_path`, from the project folder
    static: tuple[str, ...] = ()  # folders (from the project) served at the site root: "static"
    # the URL path the site root is served at ("/docs": Docusaurus routeBasePath,
    # MkDocs site_url, Hugo baseURL); links written with it resolve into the root
    base_url: str = "/"
    # the module registering MDX components for every page (Docusaurus: src/theme/MDXComponents.js)
    components: str | None = None
    # files the site's redirects are read from (None: the framework's own, see site/redirects.py)
    redirects: tuple[str, ...] | None = None
    build: str | None = None
    metadata: str | None = None  # a page's JSON sidecar, e.g. "{folder}.meta.json"

    @field_validator("page_types")
    @classmethod
    def _suffixes(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        if any(not (s.startswith(".") and len(s) > 1) for s in value):
            raise ValueError('each page type is a file name ending such as ".mdx"')
        return tuple(s.lower() for s in value)

    @field_validator("routes", "fragments")
    @classmethod
    def _site_globs(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return _checked_globs(value)


class LinksConfig(Section):
    """`[links]`: external link checking (internal links are always checked, offline)."""

    external: bool = False
    engine: Literal["builtin", "linkchecker"] = "builtin"
    allow_private: bool = False
    allow_offline: bool = False  # network unreachable: say so, but do not stop the run
    timeout: float = Field(10.0, gt=0)
    concurrency: int = Field(64, ge=1, le=1024)
    per_host: int = Field(8, ge=1, le=256)
    retries: int = Field(2, ge=0, le=10)
    max_redirects: int = Field(10, ge=0, le=50)
    accept: tuple[int | str, ...] = ("200-299",)
    exclude: tuple[str, ...] = ()
    cache_ttl: int = Field(86400, ge=0)
    user_agent: str = "faqlint (+https://github.com/faqlint/faqlint)"

    @field_validator("accept")
    @classmethod
    def _statuses(cls, value: tuple[int | str, ...]) -> tuple[int | str, ...]:
        for item in value:
            low, _, high = str(item).strip().partition("-")
            if not (low.strip().isdigit() and (not high or high.strip().isdigit())):
                raise ValueError(f"{item!r} is not a status code (200) or a range (200-299)")
        return value

    @field_validator("exclude")
    @classmethod
    def _patterns(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        from faqlint.parse.user_regex import UserRegexError, compile_checked

        for pattern in value:
            try:
                compile_checked(pattern)
            except UserRegexError as exc:
                raise ValueError(f"{pattern!r} {exc}") from None
        return value


class CheckConfig(Section):
    """`[check]`: what makes a run fail besides its findings."""

    # a check that could not run on some file (see the report's `unchecked`) fails the run
    require_full_coverage: bool = False


class CacheConfig(Section):
    """`[cache]`: where per-file results and external link verdicts are kept."""

    dir: str = ".faqlint_cache"
    enabled: bool = True


class HeadingDialectConfig(Section):
    level: int | Literal["page"] = 2  # 1-6, or "page": chosen on each page

    @field_validator("level")
    @classmethod
    def _level(cls, value: int | str) -> int | str:
        if isinstance(value, int) and not 1 <= value <= 6:
            raise ValueError('a heading level is 1 to 6, or "page"')
        return value


class MkdocsDetailsConfig(Section):
    # admonition types whose `??? type "Title"` blocks are FAQ entries
    types: tuple[str, ...] = ("question", "faq", "help")


class DialectOptions(Section):
    heading: HeadingDialectConfig = HeadingDialectConfig()
    mkdocs_details: MkdocsDetailsConfig = MkdocsDetailsConfig()


class CustomDialectConfig(Section):
    open: str
    close: str | None = None
    body: Literal["closed", "indented"] = "closed"
    nesting: bool = True


class StyleConfig(Section):
    """`[style]`: which rule packs run (see `rules/` and the README)."""

    packs: tuple[str, ...] = ()  # folders of YAML rules, relative to the config file
    default_packs: bool = True  # the packs shipped with faqlint
    language: str = "en"  # for pages whose language the site config does not tell


class FaqConfig(Section):
    """`[faq]`: which pages are FAQ pages and which titles are never FAQ entries."""

    # globs (site paths as in `include`) of FAQ pages; empty: told by path,
    # title and most entries being questions
    pages: tuple[str, ...] = ()
    # entry titles that are labels, not questions (added to the built-in ones:
    # "Example", "Пример", "Show code", "What's Changed"…); compared case-blind
    not_entries: tuple[str, ...] = ()

    @field_validator("pages")
    @classmethod
    def _page_globs(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return _checked_globs(value)


class ReportsConfig(Section):
    """`[reports]`: options of the report formats."""

    # JUnit: warnings and infos as `failure`s, or as `system-out` of a passing test
    junit_warnings: Literal["failure", "system-out"] = "system-out"


class RulesConfig(BaseModel):
    """`select`/`ignore` plus one table per rule: `[rules.empty-answer]`."""

    model_config = ConfigDict(extra="allow", frozen=True)
    select: tuple[str, ...] = ("ALL",)
    ignore: tuple[str, ...] = ()

    def rule_tables(self) -> dict[str, dict[str, Any]]:
        return dict(self.model_extra or {})


class Config(Section):
    include: tuple[str, ...] = ("**/*.md",)
    exclude: tuple[str, ...] = ()
    dialects: tuple[str, ...] = ("auto",)
    fail_level: Severity = "error"
    max_file_size: int = Field(10 * 1024 * 1024, gt=0)
    max_nesting: int = Field(100, ge=1, le=10_000)  # FAQ entries nested deeper are not parsed
    max_seconds_per_file: float = Field(20.0, gt=0)  # then the file is reported, not finished
    max_findings_per_rule: int = Field(200, ge=1)  # per file; the rest are counted in one
    respect_gitignore: bool = True
    site: SiteConfig = SiteConfig()
    links: LinksConfig = LinksConfig()
    check: CheckConfig = CheckConfig()
    cache: CacheConfig = CacheConfig()
    rules: RulesConfig = RulesConfig()
    style: StyleConfig = StyleConfig()
    faq: FaqConfig = FaqConfig()
    reports: ReportsConfig = ReportsConfig()
    dialect: DialectOptions = DialectOptions()
    custom_dialects: dict[str, CustomDialectConfig] = {}

    # Not keys: where the config came from and what relative paths mean.
    path: Path | None = Field(None, exclude=True)
    base_dir: Path = Field(Path("."), exclude=True)

    @field_validator("include", "exclude")
    @classmethod
    def _globs(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        return _checked_globs(value)

    @field_validator("dialects", mode="before")
    @classmethod
    def _dialects_as_list(cls, value: Any) -> Any:
        return (value,) if isinstance(value, str) else value

    def where(self, key: str) -> str:
        """`file:line` of a dotted key (`site.root`) in the config file, for
        messages; the file alone, or "config" without a file."""
        if self.path is None:
            return "config"
        line = _key_line(_file_text(self.path), key)
        return f"{self.path}:{line}" if line else str(self.path)

    @property
    def site_root(self) -> Path:
        """The site root as the user names it: absolute, symlinks not resolved
        (paths under it are compared as written; see `site.walk`)."""
        return Path(os.path.abspath(self.base_dir / self.site.root))


def find_config(start: Path) -> Path | None:
    """The nearest config file at or above `start`."""
    for folder in (start, *start.parents):
        for name in CONFIG_NAMES:
            candidate = folder / name
            if candidate.is_file() and (name != "pyproject.toml" or _has_tool_table(candidate)):
                return candidate
    return None


def _has_tool_table(pyproject: Path) -> bool:
    try:
        text = pyproject.read_text(encoding="utf-8")
    except OSError:
        return False
    return "[tool.faqlint" in text


def load_config(explicit: Path | None, cwd: Path) -> Config:
    """Load `--config FILE` (paths relative to `cwd`) or the discovered file."""
    path = explicit or find_config(cwd)
    if path is None:
        return Config(base_dir=cwd)
    data = _read_toml(path)
    if path.name == "pyproject.toml" and explicit is None:
        data = data.get("tool", {}).get("faqlint", {})
    elif path.name == "pyproject.toml":
        data = data.get("tool", {}).get("faqlint", data)
    base_dir = cwd if explicit is not None else path.parent
    return parse_config(data, path, base_dir)


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except FileNotFoundError:
        raise ConfigError(f"{path}: config file not found") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read config: {exc.strerror}") from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    except UnicodeDecodeError as exc:
        raise ConfigError(
            f"{path}: not UTF-8 text (byte 0x{exc.object[exc.start]:02x} at offset {exc.start}); "
            "save it as UTF-8"
        ) from None


def parse_config(data: dict[str, Any], path: Path | None, base_dir: Path) -> Config:
    try:
        config = Config.model_validate({**data, "path": path, "base_dir": base_dir})
    except ValidationError as exc:
        raise ConfigError(_describe(exc, path)) from None
    _check_custom_dialects(config)
    _check_dialect_names(config)
    return config


def _describe(exc: ValidationError, path: Path | None) -> str:
    where = str(path) if path else "config"
    text = _file_text(path)
    lines = []
    for error in exc.errors():
        loc = ".".join(str(part) for part in error["loc"] if not isinstance(part, int))
        key = error["loc"][-1] if error["loc"] else ""
        line = _key_line(text, loc) if isinstance(key, str) else None
        at = f"{where}:{line}" if line else where
        if error["type"] == "extra_forbidden":
            allowed = _allowed_keys(error["loc"][:-1])
            hint = _did_you_mean(str(key), allowed.split(", "))
            lines.append(f"{at}: unknown key `{loc}`{hint}; allowed here: {allowed}")
        else:
            lines.append(f"{at}: {_in_words(loc, str(key), error)}")
    return "\n".join(lines)


# What the items of each list-valued key are, for messages.
_LIST_ITEMS = {
    "include": "glob strings",
    "exclude": "glob strings",
    "fragments": "glob strings",
    "dialects": "dialect names",
    "languages": "language codes",
    "routes": "URL paths",
    "index": "file names",
    "packs": "folder paths",
    "accept": "status codes or ranges",
    "select": "rule names or codes",
    "ignore": "rule names or codes",
}


def _in_words(loc: str, key: str, error: Any) -> str:
    """A validation error as a person would say it: what was given, what is expected."""
    kind, value = error["type"], error.get("input")
    given = f"the string {_quoted(value)}" if isinstance(value, str) else f"{value!r}"
    if kind in ("tuple_type", "list_type"):
        items = _LIST_ITEMS.get(key, "values")
        example = f"; write {key} = [{_quoted(value)}]" if isinstance(value, str) else ""
        return f"`{loc}` must be a list of {items}, got {given}{example}"
    expected = {
        "bool_type": "true or false",
        "bool_parsing": "true or false",
        "int_type": "a whole number",
        "int_parsing": "a whole number",
        "int_from_float": "a whole number",
        "float_type": "a number",
        "float_parsing": "a number",
        "string_type": "a string (in quotes)",
        "model_type": "a table (a [section] of its own)",
        "dict_type": "a table (a [section] of its own)",
    }.get(kind)
    if expected:
        return f"`{loc}` must be {expected}, got {given}"
    if kind == "literal_error":
        allowed = error.get("ctx", {}).get("expected", "")
        return f"`{loc}` must be one of {allowed}, got {given}"
    return f"`{loc}` = {value!r}: {str(error['msg']).removeprefix('Value error, ')}"


def _quoted(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _did_you_mean(name: str, choices: list[str]) -> str:
    import difflib

    close = difflib.get_close_matches(name, choices, n=1, cutoff=0.6)
    return f" (did you mean `{close[0]}`?)" if close else ""


def _allowed_keys(loc: tuple[Any, ...]) -> str:
    model: type[BaseModel] = Config
    for part in loc:
        field = model.model_fields.get(str(part).replace("-", "_"))
        annotation = field.annotation if field else None
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            model = annotation
        else:
            break
    names = [
        _kebab(name)
        for name, info in model.model_fields.items()
        if not (info.exclude or name in ("path", "base_dir"))
    ]
    return ", ".join(names)


def _file_text(path: Path | None) -> str:
    if path is None:
        return ""
    try:
        return path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return ""


def _checked_globs(patterns: tuple[str, ...]) -> tuple[str, ...]:
    """Globs (gitignore style) that compile; a bad one is named."""
    import pathspec

    for pattern in patterns:
        try:
            pathspec.GitIgnoreSpec.from_lines([pattern])
        except Exception as exc:  # re.error, ValueError… from the pattern's translation
            raise ValueError(f"{pattern!r} is not a valid glob: {exc}") from None
    return patterns


def _key_line(text: str, dotted: str) -> int | None:
    """The line of a dotted key (`links.exclude`) or table (`rules.x`) in
    TOML text, looked for in its own table first; then of the last part
    anywhere (a key the path does not place exactly)."""
    parts = dotted.split(".")
    table: list[str] = []
    for number, line in enumerate(text.splitlines(), 1):
        stripped = line.strip()
        header = _TABLE.match(stripped)
        if header:
            table = _key_parts(header.group(1))
            if table == parts:
                return number
            continue
        key = _KEY.match(stripped)
        if key and table + _key_parts(key.group(1)) == parts:
            return number
    last = re.escape(parts[-1])
    match = re.search(rf"^[ \t]*[\"']?{last}[\"']?[ \t]*=", text, re.M)
    if match is None:
        match = re.search(rf"^[ \t]*\[[^\]]*\b{last}\]", text, re.M)
    return text.count("\n", 0, match.start()) + 1 if match else None


_TABLE = re.compile(r"\[\[?([^\]]+)\]\]?")
_BARE = r"[A-Za-z0-9_-]+"
_QUOTED = r"[\"'][^\"']*[\"']"
_KEY = re.compile(rf"((?:{_QUOTED}|{_BARE})(?:[ \t]*\.[ \t]*(?:{_QUOTED}|{_BARE}))*)[ \t]*=")


def _key_parts(spelled: str) -> list[str]:
    return [part.strip().strip("\"'") for part in spelled.split(".")]


def _check_custom_dialects(config: Config) -> None:
    from faqlint.parse.dialects.custom import compile_syntax

    for name, custom in config.custom_dialects.items():
        try:
            compile_syntax(name, custom.open, custom.close, custom.body, custom.nesting)
        except ValueError as exc:
            where = config.where(f"custom-dialects.{name}")
            raise ConfigError(f"{where}: custom-dialects.{name}: {exc}") from None


def _check_dialect_names(config: Config) -> None:
    from faqlint.parse.dialects import BUILTIN_NAMES

    known = {"auto", *BUILTIN_NAMES, *config.custom_dialects}
    for name in config.dialects:
        if name not in known:
            allowed = ", ".join(sorted(known))
            raise ConfigError(
                f"{config.path or 'config'}: `dialects` = {name!r} is not a dialect; "
                f"allowed: {allowed}"
            )
