"""Which English nouns name people and which name things.

The `inanimate-pronoun` rule needs to know whether *he*/*him* can refer to a
noun. A parser would not tell it: taggers know that "mailbox" is a noun, not
that it is inanimate (see bench/RESULTS.md for the spaCy measurement), so the
knowledge is a word list. It is deliberately one-sided towards people: a
person noun anywhere near a pronoun silences the rule, so anything that can
be a person or a party to an agreement (client, operator, provider, company)
is listed as a person, and only nouns that cannot be one are things.

Words are compared in lower case and in the singular ("mailboxes",
"policies", "member's" and "users'" are found); a word of six letters or
more that is in neither list may still match one of them with a typo
("algoritm"), which the result reports as not exact.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Literal

Kind = Literal["person", "thing"]

PERSON_NOUNS = frozenset(
    """
    user people person individual owner co-owner administrator admin
    superadministrator superadmin sysadmin manager colleague engineer customer
    client specialist employee employer partner member participant contributor
    developer programmer operator auditor supplier vendor contractor subcontractor
    licensee licensor sublicensee subscriber buyer seller purchaser payer
    author creator recipient addressee sender requester applicant representative
    expert consultant support staff team analyst architect designer tester
    reviewer approver assignee holder cardholder entrepreneur director accountant
    lawyer guest visitor friend student teacher child children man men woman women
    boy girl mr mrs ms sir madam everyone someone somebody anyone anybody nobody
    whoever company organization organisation party provider moderator tenant
    consumer officer boss leader founder investor caller
    """.split()
)

THING_NOUNS = frozenset(
    """
    mailbox email e-mail mail letter message address inbox bucket object vm
    machine instance server host node cluster key token disk drive volume snapshot
    backup file folder directory archive database db table record field column
    row query request response account subaccount project password passphrase
    certificate domain zone network subnet port router balancer gateway firewall
    rule policy permission container image photo photograph picture video
    document page link button form tab menu window console panel dashboard
    interface service app application program software algorithm model script
    command function method library module package plugin api endpoint url
    invitation notification code value parameter setting option variable
    template report log metric alert event job task pipeline repository repo
    branch commit registry card invoice payment balance quota limit license
    system platform site website browser device computer phone number tariff
    resource storage prefix tag label secret vault queue topic stream broker
    trigger webhook bot input output string list array item element entry
    attribute property configuration config version release update cookie
    session connection channel socket protocol cache index schema
    backend frontend kernel driver process thread pod deployment namespace
    manifest chart dataset sample frame camera sensor
    """.split()
)

# Typos are looked for only in longer words: short ones are too alike
# ("role"/"rule", "host"/"hose") for a one-letter difference to mean a typo.
FUZZY_MIN_LENGTH = 6
FUZZY_MIN_SCORE = 90.0


@dataclass(frozen=True, slots=True)
class Hit:
    """What a word names, the listed word it was taken as, and whether it was
    written that way (or only with a typo corrected)."""

    kind: Kind
    exact: bool
    word: str


@dataclass
class Lexicon:
    persons: frozenset[str]
    things: frozenset[str]
    _seen: dict[str, Hit | None] = field(default_factory=dict, repr=False)
    _long: list[str] = field(default_factory=list, repr=False)

    def __post_init__(self) -> None:
        # Typos are a letter or two off, so only listed words at least one
        # letter shorter than the words looked up can match them.
        self._long = sorted(w for w in self.persons | self.things if len(w) >= FUZZY_MIN_LENGTH - 1)

    def classify(self, word: str) -> Hit | None:
        """The kind of noun `word` is, or None for any other word."""
        if word not in self._seen:
            self._seen[word] = self._classify(word)
        return self._seen[word]

    def _classify(self, word: str) -> Hit | None:
        forms = singulars(word)
        for form in forms:
            if form in self.persons:
                return Hit("person", True, form)
            if form in self.things:
                return Hit("thing", True, form)
        return self._typo(forms[0]) if len(forms[0]) >= FUZZY_MIN_LENGTH else None

    def _typo(self, word: str) -> Hit | None:
        """The listed word `word` is a misspelling of, if one is close enough:
        same first letter, at most two letters longer or shorter, and not a
        word that only ends differently ("manage" is not "manager", "provide"
        not "provider": a verb, not a typo)."""
        from rapidfuzz import fuzz, process

        found = process.extractOne(
            word, self._long, scorer=fuzz.ratio, score_cutoff=FUZZY_MIN_SCORE
        )
        if found is None:
            return None
        match = found[0]
        if match[0] != word[0] or abs(len(match) - len(word)) > 2:
            return None
        if match.startswith(word) or word.startswith(match):
            return None
        return Hit("person" if match in self.persons else "thing", False, match)


# Given names, capitalised, that stand for people in examples and tutorials
# (the cryptographers' cast, common English names, common Russian names in
# Latin letters): "Alice sends Bob a key. He…" is about Bob.
GIVEN_NAMES = frozenset(
    """
    Alice Bob Carol Charlie Chuck Craig Dan Dave David Erin Eve Faythe Frank Grace
    Heidi Ivan Judy Mallory Michael Niaj Olivia Oscar Peggy Rupert Sybil Trent
    Trudy Victor Walter Wendy Zoe James John Robert William Richard Joseph Thomas
    Christopher Daniel Matthew Anthony Mark Donald Steven Paul Andrew Joshua Kevin
    Brian George Edward Ronald Timothy Jason Jeffrey Ryan Jacob Gary Nicholas Eric
    Jonathan Stephen Larry Justin Scott Brandon Benjamin Samuel Gregory Patrick
    Jack Dennis Jerry Tyler Aaron Adam Henry Nathan Peter Kyle Noah Ethan Jeremy
    Mary Patricia Jennifer Linda Elizabeth Barbara Susan Jessica Sarah Karen Lisa
    Nancy Betty Margaret Sandra Ashley Kimberly Emily Donna Michelle Carol Amanda
    Dorothy Melissa Deborah Stephanie Rebecca Sharon Laura Cynthia Kathleen Amy
    Angela Shirley Anna Brenda Pamela Emma Nicole Helen Samantha Katherine
    Christine Debra Rachel Carolyn Janet Catherine Maria Heather Diane Ruth Julie
    Olga Natalia Natasha Tatiana Elena Irina Svetlana Ekaterina Anastasia Sergey
    Sergei Alexey Alexei Dmitry Dmitri Andrey Andrei Mikhail Nikolai Vladimir
    Alexander Pavel Igor Oleg Yuri Maxim Anton Boris Kate Tom Tim Jane Joe Sam Max
    Ann Ben Alex Kim Lee Jim Bill Mike Nick Chris Pat Liz Sue Meg Ted Fred Harry
    """.split()
)
# Verbs whose subject is a person: a capitalised word before one is a name.
PERSON_VERBS = frozenset(
    """
    says said asks asked tells told thinks thought wants wanted decides decided
    knows knew writes wrote reads read signs signed logs logged buys bought pays
    paid sends sent receives received invites invited joins joined agrees agreed
    wishes wished needs needed tries tried works worked lives lived""".split()
)


def singulars(word: str) -> list[str]:
    """`word` in lower case without a possessive ending, then its possible
    singulars: "Mailboxes" → mailboxes, mailboxe, mailbox; "member's" → member."""
    lower = word.lower().replace("’", "'")
    if lower.endswith("'s"):
        lower = lower[:-2]
    lower = lower.rstrip("'")
    forms = [lower]
    if lower.endswith("ies") and len(lower) > 4:
        forms.append(lower[:-3] + "y")
    if lower.endswith("es") and len(lower) > 3:
        forms.append(lower[:-2])
    if lower.endswith("s") and not lower.endswith("ss") and len(lower) > 2:
        forms.append(lower[:-1])
    if "-" in lower:
        forms.extend(singulars(lower.rsplit("-", 1)[1]))
    return forms


@cache
def lexicon(extra_persons: tuple[str, ...] = (), extra_things: tuple[str, ...] = ()) -> Lexicon:
    """The built-in lists plus a site's own words (a word listed as both is a
    person, the cautious reading)."""
    persons = PERSON_NOUNS | _lower(extra_persons)
    return Lexicon(persons=persons, things=(THING_NOUNS | _lower(extra_things)) - persons)


def _lower(words: Iterable[str]) -> frozenset[str]:
    return frozenset(word.strip().lower() for word in words if word.strip())
