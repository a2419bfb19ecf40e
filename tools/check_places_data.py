#!/usr/bin/env python3
"""Validates data/places/*.tsv, the hand-written inputs of the gazetteer
(tools/gen_gazetteer.py, docs/places.md).

Usage: check_places_data.py [--root REPO] [--iso-dir DIR]

Checks, printing every problem and exiting 1 if there is any:
- each file opens with a '#' header naming its Source, License and format
  version, has the right number of TAB-separated fields and no duplicate
  line;
- ISO 3166-2 codes exist in iso-codes' iso_3166-2.json, ISO3 codes in
  data/actors/countries.tsv, GeoNames admin1 codes look like "CC.code";
- place references are "CC:Name", region references name a region of
  regions.tsv, region ids are unique;
- aliases.tsv does not give one alias two targets;
- admin1_names.tsv names each ISO region once, in ASCII;
- not_places.tsv uses the known kinds.
Whether a "CC:Name" place exists is checked by the generator, which needs
the npm packages. Python 3 standard library only.
"""
import argparse
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import datafile  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FILES = {
    "aliases.tsv": ["alias", "target", "notes"],
    "regions.tsv": ["id", "country", "name", "admin1", "seat", "aliases", "notes"],
    "admin1_map.tsv": ["geonames", "iso", "notes"],
    "admin1_seats.tsv": ["iso", "seat", "notes"],
    "admin1_names.tsv": ["iso", "name", "notes"],
    "not_places.tsv": ["words", "kind"],
}
KINDS = {"month", "day", "word", "org", "title", "org_word"}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--root", default=ROOT)
    ap.add_argument("--iso-dir", default="/usr/share/iso-codes/json")
    args = ap.parse_args()
    problems = []
    iso2_codes = set()
    iso_json = os.path.join(args.iso_dir, "iso_3166-2.json")
    if os.path.exists(iso_json):
        with open(iso_json, encoding="utf-8") as f:
            iso2_codes = {e["code"] for e in json.load(f)["3166-2"]}
    iso3_codes = set()
    for line in datafile.read_lines(os.path.join(args.root, "data", "actors", "countries.tsv")):
        if line and not line.startswith("#"):
            iso3_codes.add(line.split("\t")[0])

    rows = {}
    for name, fields in FILES.items():
        path = os.path.join(args.root, "data", "places", name)
        rel = os.path.join("data", "places", name)

        def err(line_no, msg, rel=rel):
            problems.append("%s:%d: %s" % (rel, line_no, msg))

        try:
            lines = datafile.read_lines(path)
        except OSError as e:
            problems.append("%s: cannot read: %s" % (rel, e))
            continue
        header_problem = datafile.header_problem(lines)
        if header_problem:
            err(1, header_problem)
        header = "\n".join(l for l in lines if l.startswith("#"))
        if "License" not in header and "Apache" not in header:
            err(1, "the header must give its license")
        if not re.search(r"[Ff]ormat version \d", header):
            err(1, "the header must give its format version")
        rows[name] = [(no, r, err) for no, r in datafile.rows(lines, fields, err)]

    def check_iso(code, no, err):
        if iso2_codes and code not in iso2_codes:
            err(no, "unknown ISO 3166-2 code %r" % code)

    def check_place_ref(ref, no, err):
        if not re.fullmatch(r"[A-Z]{2}:\S.*", ref):
            err(no, "place reference %r is not CC:Name" % ref)

    region_ids = set()
    for no, r, err in rows.get("regions.tsv", []):
        if r["id"] in region_ids:
            err(no, "region id %s repeated" % r["id"])
        region_ids.add(r["id"])
        if r["country"] not in iso3_codes:
            err(no, "unknown ISO3 %r" % r["country"])
        if r["admin1"] != "-":
            check_iso(r["admin1"], no, err)
        if r["seat"] != "-":
            check_place_ref(r["seat"], no, err)
        if r["seat"] == "-" and r["admin1"] == "-":
            err(no, "a region needs a seat or an admin1 for its coordinates")
    seen_alias = {}
    for no, r, err in rows.get("aliases.tsv", []):
        target = r["target"]
        if not r["alias"] or r["alias"] != r["alias"].strip():
            err(no, "malformed alias %r" % r["alias"])
        if re.fullmatch(r"[A-Z]{2}-[A-Z0-9]{1,3}", target):
            check_iso(target, no, err)
        elif re.fullmatch(r"[A-Z]{3}", target):
            if target not in iso3_codes:
                err(no, "unknown ISO3 %r" % target)
        elif target.startswith("region:"):
            if target[7:] not in region_ids:
                err(no, "unknown region %r" % target)
        else:
            check_place_ref(target, no, err)
        k = r["alias"].lower()
        if k in seen_alias and seen_alias[k][1] != target:
            err(no, "alias %r also points to %s (line %d)" % (r["alias"], seen_alias[k][1],
                                                              seen_alias[k][0]))
        seen_alias.setdefault(k, (no, target))
    for no, r, err in rows.get("admin1_map.tsv", []):
        if not re.fullmatch(r"[A-Z]{2}\.[A-Za-z0-9]+", r["geonames"]):
            err(no, "malformed GeoNames admin1 code %r" % r["geonames"])
        if r["iso"] not in ("-", "nearest"):
            check_iso(r["iso"], no, err)
            if not r["iso"].startswith(r["geonames"][:2] + "-"):
                err(no, "%s and %s are in different countries" % (r["geonames"], r["iso"]))
    for no, r, err in rows.get("admin1_seats.tsv", []):
        check_iso(r["iso"], no, err)
        check_place_ref(r["seat"], no, err)
    seen_names = {}
    for no, r, err in rows.get("admin1_names.tsv", []):
        check_iso(r["iso"], no, err)
        if r["iso"] in seen_names:
            err(no, "%s already named on line %d" % (r["iso"], seen_names[r["iso"]]))
        seen_names.setdefault(r["iso"], no)
        if not r["name"] or r["name"] != r["name"].strip() or not r["name"].isascii():
            err(no, "the name %r must be ASCII without outer spaces" % r["name"])
    for no, r, err in rows.get("not_places.tsv", []):
        if r["kind"] not in KINDS:
            err(no, "unknown kind %r" % r["kind"])

    for p in problems:
        print(p)
    if problems:
        print("%d problem(s)" % len(problems))
        return 1
    print("data/places: ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
