#!/usr/bin/env python3
"""Validates data/actors/country_extras.tsv, countries.tsv and roles.tsv.

Usage: check_country_data.py [--root REPO] [--iso-json FILE] [--no-regen]

Checks, printing every problem and exiting 1 if there is any:
- each file opens with a '#' header naming its source and format version,
  has the right number of TAB-separated fields, no empty field (empty is
  "-"), no duplicate line, no stray spaces around fields or aliases;
- countries.tsv: every ISO 3166-1 entry of iso-codes appears exactly once,
  with its own alpha-2; any other code is a user-assigned X.. code listed in
  the extras; regions and roles come from the fixed sets; aliases use only
  the "=" and "?" markers; no alias repeats within a country (except a
  capital that is also a name: city-states) and no alias is shared by two
  countries unless every one of them marks it "?" (and a "?" alias must
  really be shared); each metonym_roles phrase is one of the capitals;
- country_extras.tsv: statuses, 193 UN members, and every non-territory
  (UN members, observers, partially recognised states) has adjectives,
  capitals and a region;
- roles.tsv: lower-case phrases (unless "="), known role and kind, no
  phrase listed twice;
- countries.tsv is what tools/gen_countries.py generates now (unless
  --no-regen).
Python 3 standard library only.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
REGIONS = {"MENA", "SSA", "EUR", "SAS", "SEA", "EAS", "CAS", "LAM", "NAM", "OCE"}
ROLES = {"GOV", "MIL", "POL", "REB", "INS", "CVL", "MED", "JUD", "LEG", "OPP",
         "IGO", "NGO", "BUS", "CRM"}
KINDS = {"noun", "title", "modifier"}
STATUSES = {"un", "observer", "partial", "territory"}
UN_MEMBERS = 193

problems = []


def problem(where, msg):
    problems.append("%s: %s" % (where, msg))


def read_tsv(path, nfields):
    """Returns [(line_number, fields)] and checks the header and layout."""
    rows = []
    rel = os.path.relpath(path, ROOT)
    try:
        with open(path, encoding="utf-8") as f:
            text = f.read()
    except OSError as e:
        problem(rel, "cannot read: %s" % e)
        return rows
    lines = text.split("\n")
    header = []
    for line in lines:
        if not line.startswith("#"):
            break
        header.append(line)
    header_text = "\n".join(header)
    if not header:
        problem(rel, "no '#' header")
    if "Source" not in header_text:
        problem(rel, "header does not name its Source")
    if not re.search(r"[Ff]ormat version \d", header_text):
        problem(rel, "header does not give its format version")
    if "License" not in header_text:
        problem(rel, "header does not give its License")
    if text and not text.endswith("\n"):
        problem(rel, "does not end in a newline")
    seen = {}
    for number, line in enumerate(lines, 1):
        line = line.rstrip("\r")
        if not line or line.startswith("#"):
            continue
        where = "%s:%d" % (rel, number)
        if line in seen:
            problem(where, "duplicate of line %d" % seen[line])
        seen[line] = number
        fields = line.split("\t")
        if len(fields) != nfields:
            problem(where, "expected %d TAB-separated fields, found %d" % (nfields, len(fields)))
            continue
        for i, field in enumerate(fields):
            if field == "":
                problem(where, "field %d is empty (write '-')" % (i + 1))
            elif field != field.strip() or "  " in field:
                problem(where, "field %d has stray spaces: %r" % (i + 1, field))
            elif unicodedata.normalize("NFC", field) != field:
                problem(where, "field %d is not NFC-normalised" % (i + 1))
        rows.append((where, fields))
    return rows


def split_list(field):
    return [] if field == "-" else field.split("|")


def parse_alias(alias):
    """Returns (text, exact, ambiguous) for an alias with optional leading
    '?' and '=' markers (in that order)."""
    ambiguous = alias.startswith("?")
    if ambiguous:
        alias = alias[1:]
    exact = alias.startswith("=")
    if exact:
        alias = alias[1:]
    return alias, exact, ambiguous


def alias_key(text, exact):
    if text.lower().startswith("the "):
        text = text[4:]
    return text if exact else text.casefold()


def check_alias_text(where, column, alias, text):
    if not text:
        problem(where, "%s: empty alias in %r" % (column, alias))
    elif text != text.strip() or "  " in text:
        problem(where, "%s: stray spaces in %r" % (column, alias))
    elif text[0] in "?=" or re.search(r"[|\t=]", text):
        problem(where, "%s: misplaced marker or separator in %r" % (column, alias))


def check_extras(path, iso):
    rows = read_tsv(path, 10)
    extras = {}
    for where, f in rows:
        iso3, iso2, status, name = f[0], f[1], f[2], f[3]
        adjectives, capitals, region = f[5], f[6], f[8]
        if iso3 in extras:
            problem(where, "%s listed twice" % iso3)
        if not re.fullmatch(r"[A-Z]{3}", iso3):
            problem(where, "bad iso3 %r" % iso3)
        elif iso3 not in iso and not iso3.startswith("X"):
            problem(where, "%s is neither in iso-codes nor a user-assigned X.. code" % iso3)
        if iso3 in iso and iso2 not in ("-", iso[iso3]["alpha_2"]):
            problem(where, "iso2 %s, but iso-codes says %s" % (iso2, iso[iso3]["alpha_2"]))
        if iso3 not in iso and not re.fullmatch(r"X[A-Z]", iso2):
            problem(where, "user-assigned %s needs a user-assigned X. iso2, not %r" % (iso3, iso2))
        if iso3 not in iso and name == "-":
            problem(where, "user-assigned %s needs a name" % iso3)
        if status not in STATUSES:
            problem(where, "unknown status %r" % status)
        if status != "territory":
            for column, value in (("adjectives", adjectives), ("capitals", capitals),
                                  ("region", region)):
                if value == "-":
                    problem(where, "%s %s has no %s" % (status, iso3, column))
        extras[iso3] = f
    un = sum(1 for f in extras.values() if f[2] == "un")
    if un != UN_MEMBERS:
        problem(os.path.relpath(path, ROOT), "%d rows have status un, expected %d" % (un, UN_MEMBERS))
    for code in sorted(set(iso) - set(extras)):
        problem(os.path.relpath(path, ROOT), "no row for %s" % code)
    return extras


def check_countries(path, iso, extras):
    rows = read_tsv(path, 8)
    rel = os.path.relpath(path, ROOT)
    seen_codes = set()
    owners = {}       # alias key -> {iso3: ambiguous?}
    names = {}
    for where, f in rows:
        iso3, iso2, name, alias_names, adjectives, capitals, metonym_roles, region = f
        if iso3 in seen_codes:
            problem(where, "%s listed twice" % iso3)
        seen_codes.add(iso3)
        if iso3 in iso:
            if iso2 != iso[iso3]["alpha_2"]:
                problem(where, "iso2 %s, but iso-codes says %s" % (iso2, iso[iso3]["alpha_2"]))
        elif not (iso3.startswith("X") and iso3 in extras and re.fullmatch(r"X[A-Z]", iso2)):
            problem(where, "%s/%s is not an ISO code nor a user-assigned code from the extras"
                    % (iso3, iso2))
        if region != "-" and region not in REGIONS:
            problem(where, "unknown region %r" % region)
        if name[0] in "?=" or "|" in name:
            problem(where, "name %r carries a marker or '|'" % name)
        if name.casefold() in names:
            problem(where, "name %r is also the name of %s" % (name, names[name.casefold()]))
        names[name.casefold()] = iso3

        # Aliases of this country: name, names, adjectives, capitals.
        here = {alias_key(name, False): "name"}
        owners.setdefault(alias_key(name, False), {})[iso3] = False
        capital_texts = set()
        for column, value in (("names", alias_names), ("adjectives", adjectives),
                              ("capitals", capitals)):
            for alias in split_list(value):
                text, exact, ambiguous = parse_alias(alias)
                check_alias_text(where, column, alias, text)
                if not text:
                    continue
                key = alias_key(text, exact)
                if column == "capitals":
                    capital_texts.add(text)
                if key in here:
                    city_state = column == "capitals" and here[key] in ("name", "names")
                    if not city_state:
                        problem(where, "%s alias %r repeats one in %s" % (column, alias, here[key]))
                else:
                    here[key] = column
                owners.setdefault(key, {})
                if iso3 not in owners[key]:
                    owners[key][iso3] = ambiguous
                else:
                    owners[key][iso3] = owners[key][iso3] and ambiguous
        for entry in split_list(metonym_roles):
            phrase, sep, role = entry.rpartition("=")
            if not sep or not phrase:
                problem(where, "metonym_roles entry %r is not phrase=ROLE" % entry)
                continue
            if role not in ROLES:
                problem(where, "metonym_roles %r: unknown role %r" % (entry, role))
            if phrase not in capital_texts:
                problem(where, "metonym_roles %r: %r is not among the capitals" % (entry, phrase))
    for code in sorted(set(iso) - seen_codes):
        problem(rel, "ISO 3166-1 %s (%s) is missing" % (code, iso[code]["name"]))
    for key, by_country in sorted(owners.items()):
        if len(by_country) > 1:
            unmarked = sorted(c for c, amb in by_country.items() if not amb)
            if unmarked:
                problem(rel, "alias %r is shared by %s but not marked '?' on %s"
                        % (key, " ".join(sorted(by_country)), " ".join(unmarked)))
        else:
            (code, amb), = by_country.items()
            if amb:
                problem(rel, "alias %r is marked '?' on %s but no other country has it"
                        % (key, code))
    return len(rows)


def check_roles(path):
    rows = read_tsv(path, 4)
    phrases = {}
    for where, (phrase, role, kind, notes) in rows:
        text, exact, ambiguous = parse_alias(phrase)
        if ambiguous:
            problem(where, "'?' is not used in roles.tsv: %r" % phrase)
        if not exact and text != text.lower():
            problem(where, "phrase %r is not lower case (mark exact case with '=')" % phrase)
        if "|" in text or not text or text != text.strip():
            problem(where, "phrase %r: one phrase per line, no '|' or stray spaces" % phrase)
        if role not in ROLES:
            problem(where, "unknown role %r" % role)
        if kind not in KINDS:
            problem(where, "unknown kind %r" % kind)
        key = alias_key(text, exact)
        if key in phrases:
            problem(where, "phrase %r already listed at %s" % (phrase, phrases[key]))
        phrases[key] = where
    return len(rows)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", default=ROOT)
    ap.add_argument("--iso-json", default="/usr/share/iso-codes/json/iso_3166-1.json")
    ap.add_argument("--no-regen", action="store_true",
                    help="do not compare countries.tsv with a fresh generation")
    args = ap.parse_args()
    actors = os.path.join(args.root, "data", "actors")
    with open(args.iso_json, encoding="utf-8") as f:
        iso = {e["alpha_3"]: e for e in json.load(f)["3166-1"]}

    extras = check_extras(os.path.join(actors, "country_extras.tsv"), iso)
    countries = check_countries(os.path.join(actors, "countries.tsv"), iso, extras)
    roles = check_roles(os.path.join(actors, "roles.tsv"))
    if not args.no_regen:
        gen = subprocess.run([sys.executable, os.path.join(args.root, "tools", "gen_countries.py"),
                              "--check", "--iso-json", args.iso_json,
                              "--extras", os.path.join(actors, "country_extras.tsv"),
                              "--out", os.path.join(actors, "countries.tsv")],
                             capture_output=True, text=True)
        if gen.returncode != 0:
            problem("data/actors/countries.tsv", (gen.stderr or gen.stdout).strip())
    for p in problems:
        print(p)
    if problems:
        print("%d problem(s)" % len(problems))
        sys.exit(1)
    print("ok: %d countries (%d ISO 3166-1), %d extras rows, %d role phrases"
          % (countries, len(iso), len(extras), roles))


if __name__ == "__main__":
    main()
