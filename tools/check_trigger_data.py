#!/usr/bin/env python3
"""Validates data/events/triggers.tsv and data/lexicon/irregular_verbs.tsv.

Usage: check_trigger_data.py [--triggers FILE] [--irregular FILE] [--stats]

Checks, per the files' headers (format version 1):
  triggers.tsv
  * the file opens with '#' header lines naming its source; no duplicate lines
  * nine TAB-separated fields, none empty (empty is "-"), no stray spaces
  * id: lower case, unique, "type.trigger[.suffix]" where type is the line's
    type in lower case and trigger is the trigger with spaces as underscores
    (apostrophes dropped)
  * type: one of the 16 PLOVER types
  * cameo: 3 or 4 digits whose 2-digit root is allowed for the type (table
    ROOTS below: which CAMEO roots each PLOVER type may carry in khaldun)
  * pos: V, N or P; trigger: lower case, single spaces, no "|"; a V trigger
    has at most 5 words and no hyphen in its first word (the tokenizer
    splits hyphens, so only the part before it would inflect), an N trigger does not end in a plural "s" unless
    listed in PLURAL_NOUNS
  * source and target: "-" or "|"-separated tokens from the vocabulary
    (subj obj mod and the prepositions in PREPOSITIONS); "obj" only in
    target ("subj" in a target: the subject suffered the act), "-" alone
  * mode: "-" or one lower-case word (letters and "-")
  * a line with source and target both "-" codes nothing (it only keeps a
    shorter trigger from firing): never PROTEST, which would still code; a
    line whose notes say "non-event idiom" must have both slots "-"
  * no two lines with the same (pos, trigger, type)
  * every V trigger whose first word is a known irregular verb (IRREGULAR
    below) has that verb in irregular_verbs.tsv
  irregular_verbs.tsv
  * header with source; three TAB-separated fields; lemma unique, lower
    case; past and participle "|"-separated lower-case forms
  * warns when a listed past form is itself the lemma of a V trigger
    ("wound" from "wind"), which would confuse a lemmatizer
--stats prints the rule count per type (and per pos).
Prints one line per problem; exit status 1 if any. Python 3 standard library only.
"""
import argparse
import datafile
import collections
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT",
         "REQUEST", "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION",
         "MOBILIZE", "COERCE", "ASSAULT"]

# CAMEO roots (first two digits) each PLOVER type may carry. The choices that
# are not one-to-one are documented in the header of triggers.tsv:
#   SUPPORT 01 (018 condolences) and 05 (051 praise, 053, 054 recognize)
#   CONCEDE 05 (055 apologize) and 08 (081 ease restrictions, 085, 086)
#   AGREE 03 (intent) and 05 (057 sign a formal agreement)
#   ACCUSE 09 (investigate, as PLOVER maps it) and 11
#   COERCE 17 plus 19 (191 blockade, 192 occupy) for sieges and control
#   ASSAULT 18, 19, 20
ROOTS = {
    "AGREE": {"03", "05"},
    "CONSULT": {"04"},
    "SUPPORT": {"01", "05"},
    "CONCEDE": {"05", "08"},
    "COOPERATE": {"05", "06"},
    "AID": {"07"},
    "RETREAT": {"08"},
    "REQUEST": {"02", "10"},
    "ACCUSE": {"09", "11"},
    "REJECT": {"12"},
    "THREATEN": {"13"},
    "PROTEST": {"14"},
    "SANCTION": {"16"},
    "MOBILIZE": {"15"},
    "COERCE": {"17", "19"},
    "ASSAULT": {"18", "19", "20"},
}

PREPOSITIONS = {
    "by", "from", "on", "upon", "against", "at", "with", "to", "into", "in",
    "targeting", "toward", "towards", "between", "of", "for", "over", "near",
    "across", "inside", "along", "onto", "among", "behind", "alongside",
    "through", "outside", "around", "off",
}
SOURCE_WORDS = {"subj", "mod"} | PREPOSITIONS
TARGET_WORDS = {"obj", "subj", "mod"} | PREPOSITIONS

# Nouns whose lemma is written in the plural because news never uses the
# singular in the event sense.
PLURAL_NOUNS = {"talks", "round of talks", "peace talks"}

# Common irregular verbs: a V trigger starting with one of these needs its
# forms in irregular_verbs.tsv.
IRREGULAR = set("""
arise awake bear beat become begin bend bet bid bind bite bleed blow break breed
bring broadcast build burn burst buy cast catch choose cling come cost creep cut
deal dig dive do draw drink drive eat fall feed feel fight find flee fling fly
forbid forecast foresee forget forgive forgo freeze get give go grind grow hang
have hear hide hit hold hurt keep kneel know lay lead lean leap learn leave lend
let light lose make mean meet mislead mistake outrun overcome override overrun
oversee overtake overthrow pay plead prove put quit read rebuild retake rid ride
ring rise run say see seek sell send set shake shed shine shoot show shrink shut
sing sink sit slay sleep slide slit speak speed spend spill spin spit split
spoil spread spring stand steal stick sting stink stride strike string strive
swear sweep swell swim swing take teach tear tell think throw thrust tread
undergo understand undertake undo uphold upset wake wear weave wed weep wet win
withdraw withhold withstand wring write
""".split())

TRIGGER_FIELDS = ["id", "type", "cameo", "pos", "trigger", "source", "target",
                  "mode", "notes"]

problems = []


def problem(path, line_no, message):
    problems.append("%s:%d: %s" % (os.path.relpath(path, ROOT), line_no, message))


def read_rows(path, nfields):
    """Yields (line_no, fields) for data lines; checks header and duplicates."""
    try:
        lines = datafile.read_lines(path)
    except OSError as error:
        problems.append("%s: cannot read: %s" % (path, error))
        return
    header = datafile.header_problem(lines)
    if header:
        problem(path, 1, header)
    seen = {}
    for line_no, line in enumerate(lines, 1):
        line = line.rstrip("\r")
        if not line or line.startswith("#"):
            continue
        if line in seen:
            problem(path, line_no, "duplicate of line %d" % seen[line])
            continue
        seen[line] = line_no
        fields = line.split("\t")
        if len(fields) != nfields:
            problem(path, line_no, "expected %d TAB-separated fields, found %d"
                    % (nfields, len(fields)))
            continue
        bad = [i for i, f in enumerate(fields) if f != f.strip() or f == ""]
        if bad:
            problem(path, line_no, "empty field or stray spaces in field %d" % (bad[0] + 1))
            continue
        yield line_no, fields


def check_slot(path, line_no, name, value, allowed, pos):
    if value == "-":
        return
    tokens = value.split("|")
    for token in tokens:
        if token not in allowed:
            problem(path, line_no, "%s: unknown token %r" % (name, token))
    if len(set(tokens)) != len(tokens):
        problem(path, line_no, "%s: repeated token in %r" % (name, value))
    if name == "source" and "mod" in tokens and pos == "V":
        problem(path, line_no, "source: 'mod' is for N/P triggers, not V")


def check_irregular(path):
    forms = {}
    for line_no, (lemma, past, participle) in read_rows(path, 3):
        if not re.fullmatch(r"[a-z][a-z-]*", lemma):
            problem(path, line_no, "lemma must be one lower-case word: %r" % lemma)
        if lemma in forms:
            problem(path, line_no, "duplicate lemma %r" % lemma)
        for name, value in (("past", past), ("participle", participle)):
            alts = value.split("|")
            if any(not re.fullmatch(r"[a-z][a-z-]*", a) for a in alts):
                problem(path, line_no, "%s: lower-case forms separated by '|': %r" % (name, value))
            if len(set(alts)) != len(alts):
                problem(path, line_no, "%s: repeated form in %r" % (name, value))
        forms[lemma] = (line_no, set(past.split("|")) | set(participle.split("|")))
    return forms


def check_triggers(path, irregular, irregular_path):
    ids = {}
    keys = {}
    rows = []
    for line_no, fields in read_rows(path, len(TRIGGER_FIELDS)):
        row = dict(zip(TRIGGER_FIELDS, fields))
        rows.append((line_no, row))
        typ, pos, trigger = row["type"], row["pos"], row["trigger"]
        if typ not in TYPES:
            problem(path, line_no, "unknown PLOVER type %r" % typ)
        if pos not in ("V", "N", "P"):
            problem(path, line_no, "pos must be V, N or P, not %r" % pos)
        if not re.fullmatch(r"[a-z0-9'-]+( [a-z0-9'-]+)*", trigger):
            problem(path, line_no, "trigger: lower-case words separated by single spaces: %r" % trigger)
        words = trigger.split(" ")
        if pos == "V" and "-" in words[0]:
            problem(path, line_no, "V trigger %r: the tokenizer splits hyphens, so a hyphenated "
                    "first word cannot be inflected; write its forms as P lines" % trigger)
        if pos == "V" and len(words) > 5:
            problem(path, line_no, "V trigger longer than 5 words")
        if pos == "N" and trigger.endswith("s") and not trigger.endswith("ss") \
                and trigger not in PLURAL_NOUNS and not trigger.endswith("us") \
                and not trigger.endswith("is"):
            problem(path, line_no, "N trigger %r looks plural; write the singular lemma" % trigger)
        # id
        expected = typ.lower() + "." + trigger.replace(" ", "_").replace("'", "")
        ident = row["id"]
        if ident != ident.lower():
            problem(path, line_no, "id must be lower case")
        if ident != expected and not re.fullmatch(re.escape(expected) + r"\.[a-z0-9]+", ident):
            problem(path, line_no, "id %r should be %r (plus an optional .suffix)" % (ident, expected))
        if ident in ids:
            problem(path, line_no, "id %r already used on line %d" % (ident, ids[ident]))
        ids[ident] = line_no
        # cameo
        cameo = row["cameo"]
        if not re.fullmatch(r"[0-9]{3,4}", cameo):
            problem(path, line_no, "cameo must be 3 or 4 digits, not %r" % cameo)
        elif typ in ROOTS and cameo[:2] not in ROOTS[typ]:
            problem(path, line_no, "cameo %s (root %s) does not fit %s (roots %s)"
                    % (cameo, cameo[:2], typ, ", ".join(sorted(ROOTS[typ]))))
        if cameo[:2] == "20" and cameo > "204" and len(cameo) == 3:
            problem(path, line_no, "cameo %s: 20x roots end at 204" % cameo)
        # slots
        check_slot(path, line_no, "source", row["source"], SOURCE_WORDS, pos)
        check_slot(path, line_no, "target", row["target"], TARGET_WORDS, pos)
        if row["mode"] != "-" and not re.fullmatch(r"[a-z]+(-[a-z]+)*", row["mode"]):
            problem(path, line_no, "mode must be one lower-case word (letters and '-'): %r" % row["mode"])
        # non-event idioms: both slots "-" (they code nothing, only keep a
        # shorter trigger from firing); a PROTEST would still code (target
        # convention), and a line marked as one must have no slots
        if row["source"] == "-" and row["target"] == "-" and typ == "PROTEST":
            problem(path, line_no, "PROTEST line with no slots would still code "
                    "(the government target convention)")
        if row["notes"].startswith("non-event idiom") and (row["source"], row["target"]) != ("-", "-"):
            problem(path, line_no, "a non-event idiom must have source and target \"-\"")
        key = (pos, trigger, typ)
        if key in keys:
            problem(path, line_no, "same (pos, trigger, type) as line %d" % keys[key])
        keys[key] = line_no
        # irregular verbs
        if pos == "V" and words[0] in IRREGULAR and words[0] not in irregular:
            problem(path, line_no, "V trigger %r: %r is irregular but missing from %s"
                    % (trigger, words[0], os.path.relpath(irregular_path, ROOT)))
    # A past form that is itself a V trigger lemma confuses a lemmatizer.
    v_lemmas = {row["trigger"].split(" ")[0] for _, row in rows if row["pos"] == "V"}
    for lemma, (line_no, forms) in irregular.items():
        for form in sorted(forms & v_lemmas - {lemma}):
            if form in irregular:
                continue
            problem(irregular_path, line_no,
                    "form %r of %r is also a V trigger lemma" % (form, lemma))
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--triggers", default=os.path.join(ROOT, "data/events/triggers.tsv"))
    parser.add_argument("--irregular", default=os.path.join(ROOT, "data/lexicon/irregular_verbs.tsv"))
    parser.add_argument("--stats", action="store_true", help="print rule counts per type")
    args = parser.parse_args()
    irregular = check_irregular(args.irregular)
    rows = check_triggers(args.triggers, irregular, args.irregular)
    for line in problems:
        print(line)
    if args.stats:
        by_type = collections.Counter(row["type"] for _, row in rows)
        by_pos = collections.defaultdict(collections.Counter)
        for _, row in rows:
            by_pos[row["type"]][row["pos"]] += 1
        print("%-10s %5s %5s %5s %5s" % ("type", "rules", "V", "N", "P"))
        for typ in TYPES:
            c = by_pos[typ]
            print("%-10s %5d %5d %5d %5d" % (typ, by_type[typ], c["V"], c["N"], c["P"]))
        total = collections.Counter(row["pos"] for _, row in rows)
        print("%-10s %5d %5d %5d %5d" % ("total", len(rows), total["V"], total["N"], total["P"]))
        print("irregular verbs: %d" % len(irregular))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
