"""Style findings on the reference corpus, pinned after review.

wrong-language (80 findings) and mixed-script-word (138) were reviewed one
by one by reading the pages; repeated-word (22) too. The other pack rules'
counts are pinned with a few reviewed examples each, so a change that moves
them is noticed and looked at.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from tests.test_corpus import all_findings

MANAGE_OBJECT = "docs/en/storage/s3/instructions/objects/manage-object/manage-object.md"


def by_rule(corpus: Path, rule: str) -> list[dict]:  # type: ignore[type-arg]
    return [f for f in all_findings(corpus) if f["rule"] == rule]


def per_language(findings: list[dict]) -> dict[str, int]:  # type: ignore[type-arg]
    return dict(Counter(f["path"].split("/")[1] for f in findings))


def test_wrong_language_finds_the_russian_cut_titles_on_the_english_page(corpus: Path) -> None:
    findings = [f for f in by_rule(corpus, "wrong-language") if f["path"] == MANAGE_OBJECT]
    # The page is Russian under /en/: one finding for the page, one per cut title.
    assert [(f["line"], f["message"]) for f in findings] == [
        (
            1,
            "237 of the 247 lines of this page are in Russian, but the page is English: "
            "the page is not translated",
        ),
        *[
            (line, "the question is in Russian, but the page is English: translate it")
            for line in (30, 183, 350, 392, 559, 704, 767, 938)
        ],
    ]


def test_wrong_language_finds_russian_fragments_on_kazakh_pages(corpus: Path) -> None:
    findings = by_rule(corpus, "wrong-language")
    # Reviewed: 78 real (untranslated titles, headings, paragraphs, whole
    # pages); 2 false (the 1С product names on 1cgrm/about, lines 22 and 27).
    assert per_language(findings) == {"en": 33, "kz": 47}
    found = {(f["path"], f["line"]): f["message"] for f in findings}
    checkpoint = "docs/kz/applications-and-services/marketplace/initial-configuration/checkpoint-start/checkpoint-start.md"
    assert (
        found[(checkpoint, 44)]
        == "the question is in Russian, but the page is Kazakh: translate it"
    )
    assert (
        found[(checkpoint, 247)] == "this line is in Russian, but the page is Kazakh: translate it"
    )
    org = "docs/kz/start/legal/vk/org-details/org-details.md"
    assert found[(org, 1)].startswith("this page is in Russian: it has no Kazakh letters at all")
    # Two tab titles with a code block between them are two findings, not one run.
    router = "docs/kz/networks/vnet/instructions/router/router.md"
    assert [line for path, line in found if path == router] == [95, 103, 171, 179]
    # Kazakh without its own letters is not taken for Russian.
    airflow = "docs/kz/data-platform/airflow/concepts/architecture/architecture.md"
    assert (airflow, 42) not in found


def test_mixed_script_words_and_their_fixes(corpus: Path) -> None:
    findings = by_rule(corpus, "mixed-script-word")
    assert per_language(findings) == {"en": 11, "kz": 52, "ru": 75}
    fixes = Counter(f["fix"]["applicability"] if f["fix"] else "none" for f in findings)
    assert fixes == {"safe": 128, "unsafe": 6, "none": 4}
    found = {(f["path"], f["line"], f["message"].split("`")[1]): f for f in findings}
    # Safe means safe: five look-alike fixes would add a finding or drop an
    # anchor (a link to `#support-bot-creatе-request` would break), so they
    # are offered as unsafe, saying why.
    caching = "docs/en/networks/cdn/instructions/manage-cdn/caching/caching.md"
    policy = "docs/ru/start/legal/digital-cloud/policy-privacy/policy-privacy.md"
    downgraded = {
        (f["path"], f["line"], f["column"]): f["fix"]["message"].split("(not safe: ")[1]
        for f in findings
        if f["fix"] and "(not safe: " in f["fix"]["message"]
    }
    assert downgraded == {
        (caching, 1, 17): "applying it removes the anchor "
        "`#cdn_resource_saching_configurations`, which links may use)",
        (caching, 89, 12): "applying it removes the anchor "
        "`#browser_saching_sonfigurations`, which links may use)",
        (caching, 89, 20): "applying it removes the anchor "
        "`#browser_saching_sonfigurations`, which links may use)",
        (policy, 29, 1): "applying it adds a `repeated-word` finding)",
        ("docs/ru/start/support/chatbots/support-bot/support-bot.md", 35, 69): (
            "applying it removes the anchor `#support-bot-creatе-request`, which links may use)"
        ),
    }
    # A look-alike in a URL breaks the link: link text and target both.
    cloud_start = "docs/ru/start/legal/vk/cloud-start/cloud-start.md"
    assert sum(1 for f in findings if (f["path"], f["line"]) == (cloud_start, 7)) == 2
    anchor = found[("docs/ru/start/support/chatbots/support-bot/support-bot.md", 35, "creatе")]
    assert anchor["fix"]["edits"][0]["content"] == "create"
    # B may stand for Б, not В: offered, but not applied by --fix.
    program = "docs/kz/start/legal/digital-cloud/policy-cloud-science/policy-cloud-science.md"
    assert found[(program, 124, "Baғдарлама")]["fix"]["applicability"] == "unsafe"
    # Two words glued together: no look-alike fix.
    bgp = "docs/en/networks/vnet/instructions/advanced-router/manage-bgp/manage-bgp.md"
    assert found[(bgp, 132, "руBidirectional")]["fix"] is None
    # Latin i in Kazakh words is the Kazakh і.
    kz_page = "docs/kz/_includes/_balance_page.md"
    assert found[(kz_page, 2, "бетiн")]["fix"]["edits"][0]["content"] == "бетін"


def test_repeated_words_are_real_and_names_are_not_repeats(corpus: Path) -> None:
    findings = by_rule(corpus, "repeated-word")
    assert per_language(findings) == {"en": 7, "kz": 10, "ru": 5}
    assert all(f["fix"]["applicability"] == "unsafe" for f in findings)
    places = {(f["path"], f["line"]) for f in findings}
    assert ("docs/en/intro/billing/faq/faq.md", 435) in places  # "perform the the"
    assert ("docs/ru/cases/cases-logs/elk-u18/elk-u18.md", 328) in places  # "команду команду"
    # "VK Cloud cloud", "ПО по", "ГБит/с с" and Kazakh "онда онда" are not repeats.
    for path, line in [
        ("docs/en/dbs/adb/concepts/about/about.md", 7),
        ("docs/ru/start/legal/digital-cloud/policy-cloud-desktop/policy-cloud-desktop.md", 95),
        ("docs/ru/start/concepts/architecture/architecture.md", 62),
        ("docs/kz/networks/vnet/concepts/ips-and-inet/ips-and-inet.md", 16),
    ]:
        assert (path, line) not in places


def test_other_pack_rules_on_the_corpus(corpus: Path) -> None:
    findings = [f for f in all_findings(corpus) if "FAQ410" <= f["code"] < "FAQ5"]
    assert Counter(f["rule"] for f in findings) == {
        # issue 15: one fewer doubled space (after an unclosed fence, install-
        # advanced-logaas-integration-mk8s.md:44), straight quotes only around
        # text with a non-ASCII letter (35 were code values: "Allow",
        # "female", "undefined"), "more easily" is no filler
        "doubled-space": 172,
        "straight-quotes": 11,
        "repeated-word": 22,
        "vague-link-text": 15,
        "question-length": 2,
        "wordy-phrase": 2,
    }  # question-case: none; yo-consistency is off by default
    places = {(f["rule"], f["path"], f["line"]) for f in findings}
    # the spaces after a list marker are not doubled spaces
    roles = "docs/en/access/iam/concepts/roles-reference/roles-reference.md"
    assert ("doubled-space", roles, 443) not in places
    legal = "docs/ru/start/legal/vk/legal-terms/legal-terms.md"
    assert ("doubled-space", legal, 210) in places  # "пользователь  нарушает"
    # an image title ("inline") is not prose
    cdn = "docs/ru/storage/s3/_includes/_s3-create-cdn.md"
    assert ("straight-quotes", cdn, 22) not in places
    vision = "docs/ru/ml/vision/how-to-guides/vision-py/vision-py.md"
    assert ("straight-quotes", vision, 45) not in places  # все они "undefined": a value
    billing = "docs/en/tools-for-using-services/api/api-spec/api-billing/api-billing.md"
    assert ("vague-link-text", billing, 21) in places  # via this [link](…)
