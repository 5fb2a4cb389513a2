"""The store on its own, without the engine: it keeps records and findings
by content, serves them while the content holds, and parses nothing itself
(it asks `read_record`, here a fake that counts its calls)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from faqlint.config import Config, parse_config
from faqlint.findings import FileResult, Finding
from faqlint.parse.records import PageRecord
from faqlint.parse.source import FileStamp, content_hash
from faqlint.rules.ruleset import resolve
from faqlint.run.store import Store, keys


def config(root: Path, **data: object) -> Config:
    return parse_config(dict(data), None, root)


class FakeReader:
    """Stands in for `Engine.read_record`: a record naming the file's text."""

    def __init__(self) -> None:
        self.calls: list[Path] = []

    def __call__(self, path: Path) -> tuple[PageRecord, FileStamp] | None:
        self.calls.append(path)
        data = path.read_bytes()
        stat = path.stat()
        record = PageRecord(path.name, path.name, None, (data.decode(),), (), ())
        return record, FileStamp(stat.st_size, stat.st_mtime_ns, content_hash(data))


def finding(path: str, message: str) -> Finding:
    return Finding(
        rule="empty-answer",
        code="FAQ201",
        severity="error",
        path=path,
        line=1,
        column=1,
        end_line=1,
        end_column=2,
        message=message,
    )


@pytest.fixture
def page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setattr(keys, "RACY_NS", 0)  # the page is seconds old: trust its mtime
    path = tmp_path / "a.md"
    path.write_text("first", encoding="utf-8")
    return path


def store(root: Path, reader: FakeReader, **data: object) -> Store:
    cfg = config(root, **data)
    return Store(cfg, resolve(cfg), root, reader)


def test_a_record_is_read_once_and_then_served_from_disk(page: Path) -> None:
    reader = FakeReader()
    first = store(page.parent, reader)
    assert first.record_of(page) is not None
    first.save()
    second = store(page.parent, reader)
    record = second.record_of(page)
    assert record is not None and record.anchors == ("first",)
    assert reader.calls == [page]


def test_changed_content_is_read_again(page: Path) -> None:
    reader = FakeReader()
    first = store(page.parent, reader)
    first.record_of(page)
    first.save()
    page.write_text("second", encoding="utf-8")
    record = store(page.parent, reader).record_of(page)
    assert record is not None and record.anchors == ("second",)
    assert reader.calls == [page, page]


def test_findings_are_served_for_the_same_content_and_rule_set(page: Path) -> None:
    reader = FakeReader()
    first = store(page.parent, reader)
    read = reader(page)
    assert read is not None
    result = FileResult(page, "a.md", record=read[0], stamp=read[1])
    result.findings.append(finding("a.md", "kept"))
    first.keep([result])
    first.save()
    served = store(page.parent, reader).results([page])
    assert [f.message for f in served[page].findings] == ["kept"]
    assert served[page].from_cache
    # another rule set: the findings may differ, so none are served
    other = store(page.parent, reader, rules={"ignore": ["empty-answer"]})
    assert other.results([page]) == {}
    page.write_text("changed", encoding="utf-8")
    assert store(page.parent, reader).results([page]) == {}


def test_with_the_cache_off_nothing_is_kept_or_written(page: Path) -> None:
    """A record is read once per run (kept in memory), never from an earlier run."""
    reader = FakeReader()
    off = store(page.parent, reader, cache={"enabled": False})
    off.record_of(page)
    off.record_of(page)
    off.save()
    store(page.parent, reader, cache={"enabled": False}).record_of(page)
    assert reader.calls == [page, page]
    assert not (page.parent / ".faqlint_cache").exists()
    assert off.results([page]) == {}


def test_an_unreadable_file_has_no_record(tmp_path: Path) -> None:
    def unreadable(path: Path) -> None:
        return None

    cfg = config(tmp_path)
    missing = tmp_path / "missing.md"
    assert Store(cfg, resolve(cfg), tmp_path, unreadable).record_of(missing) is None
    assert not os.path.exists(missing)
