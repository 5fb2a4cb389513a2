"""`faqlint entries`: the parsed FAQ model of each file, as text for people
or as JSON (a contract other tools read; see README)."""

from __future__ import annotations

from faqlint.parse.model import FaqDocument, Span


def _span(span: Span) -> dict[str, int]:
    return {"line": span.line, "column": span.column,
            "end_line": span.end_line, "end_column": span.end_column}  # fmt: skip


def entries_json(documents: list[FaqDocument]) -> str:
    """The `faqlint entries --format json` contract: documents → entries."""
    import json

    data = {
        "documents": [
            {
                "path": doc.path,
                "language": doc.language,
                "dialects": list(doc.dialects),
                "entries": [
                    {
                        "question": entry.question,
                        "line": entry.span.line,
                        "end_line": entry.span.end_line,
                        "column": entry.span.column,
                        "end_column": entry.span.end_column,
                        "question_source": entry.question_source,
                        "question_span": _span(entry.question_span),
                        "answer": entry.answer,
                        "answer_text": entry.answer_text,
                        "answer_span": _span(entry.answer_span),
                        "headings": list(entry.headings),
                        "language": entry.language,
                        "dialect": entry.dialect,
                        "closed": entry.closed,
                        "parent": entry.parent,
                        "depth": entry.depth,
                        "kind": entry.kind,
                        "links": [
                            {
                                "target": link.target,
                                "text": link.text,
                                "kind": link.kind,
                                "syntax": link.syntax,
                                **_span(link.span),
                            }
                            for link in doc.links_in(entry)
                        ],
                    }
                    for entry in doc.entries
                ],
                "anchors": [a.name for a in doc.anchors],
                "errors": [
                    {"kind": e.kind, "message": e.message, **_span(e.span)} for e in doc.errors
                ],
            }
            for doc in documents
        ]
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def entries_text(documents: list[FaqDocument]) -> str:
    lines: list[str] = []
    total = 0
    for doc in documents:
        if not doc.entries:
            continue
        lang = f" [{doc.language}]" if doc.language else ""
        lines.append(f"{doc.path}{lang}: {len(doc.entries)} entries ({', '.join(doc.dialects)})")
        for entry in doc.entries:
            indent = "  " * (entry.depth + 1)
            mark = "" if entry.kind == "question" else f" [{entry.kind}]"
            lines.append(f"{indent}{entry.span.line}-{entry.span.end_line}: {entry.question}{mark}")
        total += len(doc.entries)
    lines.append(f"{total} entries in {len(documents)} files")
    return "\n".join(lines) + "\n"
