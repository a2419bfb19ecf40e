#!/usr/bin/env python3
"""Validates data/actors/people.tsv (named people as actors).

Usage: check_people_data.py [--people FILE] [--countries FILE] [--groups FILE]
                            [--stats] [--quiet]

Checks, per the file's header (format version 1):
  * the file opens with '#' header lines naming its Source; no duplicate lines
  * eight TAB-separated fields per line; "-" is an empty field (an empty
    string is an error); no field with stray spaces
  * name: non-empty, no markers; (name, office) is unique; every line of one
    person (same name) carries the same aliases
  * aliases: "-" or "|"-separated, each optionally marked "?" (ambiguous)
    then "=" (exact case); an "=" alias has an upper-case letter; no alias
    repeats within a line or repeats the name
  * country: "-" or an ISO 3166-1 alpha-3 code from data/actors/countries.tsv
    column 1 (which includes the user-assigned XKX); role IGO needs country "-"
  * role: one of the role codes of data/actors/roles.tsv
  * affiliation: "-" or an actor code from data/actors/groups.tsv column 1
  * office: non-empty; from: a year (YYYY); to: "-" or a year >= from
  * no person's alias is another person's name; an alias shared by two or
    more people (compared case-insensitively, except that two "=" forms
    differing in case are different forms) is marked "?" on every one
  * no name or alias equals a country's name, other name, adjective or
    capital in data/actors/countries.tsv, or a group's name or alias in
    data/actors/groups.tsv (compared case-insensitively with a leading "the "
    ignored, except that two "=" forms differing in case are different
    forms: "=Sadr" and "=SADR"): such a form would collide with the country
    or group ("Jordan", "Montenegro", "Houthi", "Wagner")
Warns (without failing, unless --quiet hides them) when an affiliation's
home country differs from the person's country, for review.
--stats prints line and person counts per role and per region (the region
of the person's country in countries.tsv; INTL for country "-").
Exit status 1 on any error. Python 3 standard library only.
"""
import argparse
import datafile
import collections
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIELDS = ["name", "aliases", "country", "role", "affiliation", "office", "from", "to"]
ROLES = {"GOV", "MIL", "POL", "REB", "INS", "CVL", "MED", "JUD", "LEG", "OPP",
         "IGO", "NGO", "BUS", "CRM"}
YEAR_RE = re.compile(r"^(19|20)[0-9][0-9]$")
EMPTY = "-"


split_alias = datafile.split_alias
overlaps = datafile.overlaps


def form_key(text):
    """Case-folded comparison key; a leading "the " is optional in matching."""
    key = text.casefold()
    if key.startswith("the "):
        key = key[4:]
    return key


def data_rows(path):
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n").rstrip("\r")
            if line and not line.startswith("#"):
                yield line.split("\t")


def load_countries(path):
    """Returns ({iso3: region}, {form key: [(exact, text, iso3)]}) from
    countries.tsv."""
    regions, forms = {}, {}
    for parts in data_rows(path):
        if len(parts) < 8:
            continue
        iso3 = parts[0]
        regions[iso3] = parts[7]
        # name, names, adjectives, capitals
        for col in (2, 3, 4, 5):
            if parts[col] in ("", EMPTY):
                continue
            for raw in parts[col].split("|"):
                _, exact, text = split_alias(raw)
                if text:
                    forms.setdefault(form_key(text), []).append((exact, text, iso3))
    return regions, forms


def load_groups(path):
    """Returns ({code: country}, {form key: [(exact, text, code)]}) from
    groups.tsv."""
    codes, forms = {}, {}
    for parts in data_rows(path):
        if len(parts) < 4:
            continue
        code = parts[0]
        codes[code] = parts[3]
        forms.setdefault(form_key(parts[1]), []).append((False, parts[1], code))
        if parts[2]:
            for raw in parts[2].split("|"):
                _, exact, text = split_alias(raw)
                if text:
                    forms.setdefault(form_key(text), []).append((exact, text, code))
    return codes, forms


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--people", default=os.path.join(ROOT, "data/actors/people.tsv"))
    ap.add_argument("--countries", default=os.path.join(ROOT, "data/actors/countries.tsv"))
    ap.add_argument("--groups", default=os.path.join(ROOT, "data/actors/groups.tsv"))
    ap.add_argument("--stats", action="store_true",
                    help="print counts per role and per region")
    ap.add_argument("--quiet", action="store_true", help="no warnings")
    args = ap.parse_args()

    country_regions, country_forms = load_countries(args.countries)
    group_countries, group_forms = load_groups(args.groups)
    errors = []
    warnings = []

    def err(line_no, msg):
        errors.append(f"{args.people}:{line_no}: {msg}")

    with open(args.people, encoding="utf-8") as f:
        text = f.read()
    lines = text.split("\n")
    problem = datafile.header_problem(lines)
    if problem:
        err(1, problem)

    offices = {}                      # (name, office) -> line
    person_aliases = {}               # name -> (line, aliases field)
    names = {}                        # casefolded name -> name
    alias_uses = collections.defaultdict(list)  # key -> [(line, name, amb, exact, text)]
    rows = []
    for line_no, row in datafile.rows(lines, FIELDS, err):
        bad = False
        for key, value in row.items():
            if value == "":
                err(line_no, f"{key}: empty field (write '-')")
                bad = True
            elif value != value.strip() or "  " in value:
                err(line_no, f"{key}: stray spaces in {value!r}")
        if bad:
            continue
        name, country, role = row["name"], row["country"], row["role"]

        # name
        if name == EMPTY or name[0] in "?=":
            err(line_no, f"name {name!r}: a name is required and takes no markers")
            continue
        names.setdefault(name.casefold(), name)
        if names[name.casefold()] != name:
            err(line_no, f"name {name!r} differs only in case from "
                         f"{names[name.casefold()]!r}")
        key = (name, row["office"])
        if key in offices:
            err(line_no, f"{name} / {row['office']!r} already on line {offices[key]}")
        offices[key] = line_no

        # one alias list per person
        if name in person_aliases:
            first_line, first_aliases = person_aliases[name]
            if first_aliases != row["aliases"]:
                err(line_no, f"aliases of {name} differ from line {first_line}")
        else:
            person_aliases[name] = (line_no, row["aliases"])
            aliases = "" if row["aliases"] == EMPTY else row["aliases"]
            for akey, ambiguous, exact, alias in datafile.check_aliases(
                    line_no, name, name, aliases, str.casefold, err):
                alias_uses[akey].append((line_no, name, ambiguous, exact, alias))

        # country, role, affiliation
        if country != EMPTY and country not in country_regions:
            err(line_no, f"country {country!r} is not an alpha-3 code in {args.countries}")
        if role not in ROLES:
            err(line_no, f"role {role!r} not one of {' '.join(sorted(ROLES))}")
        if role == "IGO" and country != EMPTY:
            err(line_no, f"role IGO needs country '-' (found {country})")
        aff = row["affiliation"]
        if aff != EMPTY:
            if aff not in group_countries:
                err(line_no, f"affiliation {aff!r} is not a code in {args.groups}")
            elif group_countries[aff] and country != EMPTY and group_countries[aff] != country:
                warnings.append(f"{args.people}:{line_no}: {name}: affiliation {aff} is "
                                f"based in {group_countries[aff]}, person's country {country}")

        # office, years
        if row["office"] == EMPTY:
            err(line_no, "office is empty")
        if not YEAR_RE.match(row["from"]):
            err(line_no, f"from {row['from']!r} is not a year YYYY")
        if row["to"] != EMPTY:
            if not YEAR_RE.match(row["to"]):
                err(line_no, f"to {row['to']!r} is not a year YYYY or '-'")
            elif YEAR_RE.match(row["from"]) and int(row["to"]) < int(row["from"]):
                err(line_no, f"to {row['to']} is before from {row['from']}")
        rows.append(row)

    # collisions with countries and groups
    for name, (line_no, aliases) in person_aliases.items():
        forms = [(False, name)] + ([split_alias(a)[1:] for a in aliases.split("|")]
                                   if aliases != EMPTY else [])
        for exact, form in forms:
            k = form_key(form)
            for kind, table in (("country", country_forms), ("group", group_forms)):
                owners = sorted({owner for e2, t2, owner in table.get(k, [])
                                 if overlaps(exact, form, e2, t2)})
                if owners:
                    err(line_no, f"{form!r} ({name}) is a name of {kind} "
                                 f"{', '.join(owners)}: leave it out")

    # cross-person collisions
    for key, uses in sorted(alias_uses.items()):
        if key in names:
            owner = names[key]
            for use_line, use_name, *_ in uses:
                if use_name != owner:
                    err(use_line, f"alias {key!r} of {use_name} is the name of {owner}")
        for line_a, name_a, amb_a, exact_a, text_a in uses:
            sharers = sorted({name_b for _, name_b, _, exact_b, text_b in uses
                              if name_b != name_a and overlaps(exact_a, text_a, exact_b, text_b)})
            if sharers and not amb_a:
                err(line_a, f"alias {text_a!r} of {name_a} is shared with "
                            f"{', '.join(sharers)}: mark it '?' on every person")

    for e in errors:
        print("error:", e, file=sys.stderr)
    if not args.quiet:
        for w in warnings:
            print("warning:", w, file=sys.stderr)

    people = {r["name"] for r in rows}
    n_alias = sum(len(a.split("|")) for _, a in person_aliases.values() if a != EMPTY)
    current = sum(1 for r in rows if r["to"] == EMPTY)
    print(f"{len(rows)} lines, {len(people)} people, {n_alias} aliases, "
          f"{current} offices current, {len(errors)} errors, {len(warnings)} warnings")
    if args.stats:
        def region(r):
            return "INTL" if r["country"] == EMPTY else country_regions.get(r["country"], "?")
        for label, keyf in (("role", lambda r: r["role"]), ("region", region)):
            lines_by = collections.Counter(keyf(r) for r in rows)
            people_by = collections.defaultdict(set)
            for r in rows:
                people_by[keyf(r)].add(r["name"])
            print(f"by {label} (lines/people):")
            for k, v in sorted(lines_by.items(), key=lambda kv: (-kv[1], kv[0])):
                print(f"  {k:<6} {v:4d} {len(people_by[k]):4d}")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
