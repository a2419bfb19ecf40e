#!/usr/bin/env python3
"""Validates data/actors/groups.tsv (named organisations and armed groups).

Usage: check_actor_data.py [--groups FILE] [--iso-json FILE] [--countries FILE]
                           [--quiet]

Checks, per the file's header (format version 1):
  * the file opens with '#' header lines naming its source; no duplicate lines
  * eight TAB-separated fields per line, no field with stray spaces
  * code: uppercase letters/digits, unique; it starts with the country
    (ISO 3166-1 alpha-3) when country is set, else with one of the
    non-country prefixes IGO, NGO, MNC, IMG; after an ISO3 or IMG prefix
    comes the role code; an NGO prefix needs role NGO, MNC role BUS, IGO
    role IGO or JUD
  * name non-empty; country and backer valid alpha-3 codes (backer may list
    several, "|"-separated); role, types and region from the fixed lists
  * aliases: "|"-separated, each optionally marked "?" (ambiguous) then "="
    (exact case); an "=" alias has an upper-case letter; no alias repeats
    within an entry or repeats its name; no name is shared by two entries
    or equal to another entry's alias; an alias shared by two or more
    entries must be marked "?" on every one of them (compared
    case-insensitively, except that two "=" forms differing in case are
    different forms: "=JeM" and "=JEM")
Prints counts by region and role. Warns (without failing) when a region
differs from the country's region in data/actors/countries.tsv, for review.
Exit status 1 on any error. Python 3 standard library only.
"""
import argparse
import datafile
import collections
import json
import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIELDS = ["code", "name", "aliases", "country", "role", "backer", "types", "region"]
ROLES = {"GOV", "MIL", "POL", "REB", "INS", "CVL", "MED", "JUD", "LEG", "OPP",
         "IGO", "NGO", "BUS", "CRM"}
# The brief's regions plus CAS and OCE, which data/actors/countries.tsv uses.
REGIONS = {"MENA", "SSA", "EUR", "SAS", "SEA", "EAS", "CAS", "OCE", "LAM",
           "NAM", "GLOBAL"}
TYPES = {"militia", "jihadist", "separatist", "rebel", "paramilitary", "cartel",
         "gang", "party", "igo", "ngo", "media", "pmc", "government-body",
         "security-force"}
# Code prefixes for entries without a home country.
NON_COUNTRY_PREFIXES = {"IGO": {"IGO", "JUD"}, "NGO": {"NGO"}, "MNC": {"BUS"},
                        "IMG": None}  # None: role code follows the prefix
# Each role should carry a type that says the same thing.
ROLE_TYPES = {"IGO": "igo", "NGO": "ngo", "MED": "media"}
CODE_RE = re.compile(r"^[A-Z0-9]+$")


def load_iso3(path):
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    return {entry["alpha_3"] for entry in data["3166-1"]}


def load_country_regions(path):
    regions = {}
    if not os.path.exists(path):
        return regions
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n").rstrip("\r")
            if not line or line.startswith("#"):
                continue
            parts = line.split("\t")
            if len(parts) >= 8:
                regions[parts[0]] = parts[7]
    return regions


split_alias = datafile.split_alias
overlaps = datafile.overlaps


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--groups", default=os.path.join(ROOT, "data/actors/groups.tsv"))
    ap.add_argument("--iso-json", default="/usr/share/iso-codes/json/iso_3166-1.json")
    ap.add_argument("--countries", default=os.path.join(ROOT, "data/actors/countries.tsv"))
    ap.add_argument("--quiet", action="store_true", help="no region warnings")
    args = ap.parse_args()

    iso3 = load_iso3(args.iso_json)
    country_regions = load_country_regions(args.countries)
    errors = []
    warnings = []

    def err(line_no, msg):
        errors.append(f"{args.groups}:{line_no}: {msg}")

    with open(args.groups, encoding="utf-8") as f:
        text = f.read()
    lines = text.split("\n")
    problem = datafile.header_problem(lines)
    if problem:
        err(1, problem)

    codes = {}
    names = {}            # casefolded name -> (line, code)
    alias_uses = collections.defaultdict(list)  # casefolded alias -> [(line, code, ambiguous)]
    rows = []
    for line_no, row in datafile.rows(lines, FIELDS, err):
        for key, value in row.items():
            if value != value.strip() or "  " in value:
                err(line_no, f"{key}: stray spaces in {value!r}")
        code, name, country, role = row["code"], row["name"], row["country"], row["role"]

        # code
        if not CODE_RE.match(code):
            err(line_no, f"code {code!r}: upper-case letters and digits only")
        if code in codes:
            err(line_no, f"code {code} already used on line {codes[code]}")
        codes[code] = line_no
        if country:
            if not code.startswith(country):
                err(line_no, f"code {code} must start with its country {country}")
            elif not code[3:].startswith(role):
                err(line_no, f"code {code}: role {role} must follow the country prefix")
        else:
            prefix = code[:3]
            if prefix not in NON_COUNTRY_PREFIXES:
                err(line_no, f"code {code}: without a country the prefix must be one of "
                             f"{', '.join(sorted(NON_COUNTRY_PREFIXES))}")
            else:
                allowed = NON_COUNTRY_PREFIXES[prefix]
                if allowed is None:
                    if not code[3:].startswith(role):
                        err(line_no, f"code {code}: role {role} must follow the {prefix} prefix")
                elif role not in allowed:
                    err(line_no, f"code {code}: prefix {prefix} needs role {'/'.join(sorted(allowed))}")

        # name
        if not name:
            err(line_no, "empty name")
        else:
            key = name.casefold()
            if key in names:
                err(line_no, f"name {name!r} already used by {names[key][1]} (line {names[key][0]})")
            else:
                names[key] = (line_no, code)

        # country, backer
        if country and country not in iso3:
            err(line_no, f"country {country!r} is not an ISO 3166-1 alpha-3 code")
        if row["backer"]:
            backers = row["backer"].split("|")
            if len(set(backers)) != len(backers):
                err(line_no, f"backer {row['backer']!r} repeats a code")
            for b in backers:
                if b not in iso3:
                    err(line_no, f"backer {b!r} is not an ISO 3166-1 alpha-3 code")

        # role, types, region
        if role not in ROLES:
            err(line_no, f"role {role!r} not one of {' '.join(sorted(ROLES))}")
        types = row["types"].split("|") if row["types"] else []
        if not types:
            err(line_no, "types is empty")
        if len(set(types)) != len(types):
            err(line_no, f"types {row['types']!r} repeats a keyword")
        for t in types:
            if t not in TYPES:
                err(line_no, f"type {t!r} not one of {' '.join(sorted(TYPES))}")
        if role in ROLE_TYPES and ROLE_TYPES[role] not in types:
            err(line_no, f"role {role} needs type {ROLE_TYPES[role]}")
        if row["region"] not in REGIONS:
            err(line_no, f"region {row['region']!r} not one of {' '.join(sorted(REGIONS))}")
        elif country and country in country_regions and row["region"] != "GLOBAL" \
                and country_regions[country] != row["region"]:
            warnings.append(f"{args.groups}:{line_no}: {code} region {row['region']} "
                            f"differs from {country}'s {country_regions[country]}")

        # aliases
        for key, ambiguous, exact, alias in datafile.check_aliases(
                line_no, code, name, row["aliases"], str.casefold, err):
            alias_uses[key].append((line_no, code, ambiguous, exact, alias))
        rows.append(row)

    # cross-entry collisions
    for key, uses in sorted(alias_uses.items()):
        if key in names:
            line_no, code = names[key]
            for use_line, use_code, *_ in uses:
                if use_code != code:
                    err(use_line, f"alias {key!r} of {use_code} is the name of {code} (line {line_no})")
        for i, (line_a, code_a, amb_a, exact_a, text_a) in enumerate(uses):
            sharers = sorted({code_b for line_b, code_b, amb_b, exact_b, text_b in uses
                              if code_b != code_a and overlaps(exact_a, text_a, exact_b, text_b)})
            if sharers and not amb_a:
                err(line_a, f"alias {text_a!r} of {code_a} is shared with "
                            f"{', '.join(sharers)}: mark it '?' on every entry")

    for e in errors:
        print("error:", e, file=sys.stderr)
    if not args.quiet:
        for w in warnings:
            print("warning:", w, file=sys.stderr)

    by_region = collections.Counter(r["region"] for r in rows)
    by_role = collections.Counter(r["role"] for r in rows)
    n_alias = sum(len(r["aliases"].split("|")) for r in rows if r["aliases"])
    print(f"{len(rows)} entries, {n_alias} aliases, {len(errors)} errors, {len(warnings)} warnings")
    print("by region: " + ", ".join(f"{k} {v}" for k, v in sorted(by_region.items())))
    print("by role:   " + ", ".join(f"{k} {v}" for k, v in sorted(by_role.items())))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
