#!/usr/bin/env python3
"""Checks the gold cases in tests/gold/ (format: ../shared/gold-format.md).

Usage: check_gold.py [--stats] [DIR_OR_GOLD...]      (default: tests/gold)

For every NAME.gold.json it checks that:
  - the JSON parses and has exactly the keys of the gold format, with valid
    enum values (PLOVER types, actor roles, factuality, ISO 3166-1 alpha-3);
  - NAME.txt or NAME.html exists beside it;
  - every evidence, non_event, quote text_contains, headline, byline_contains
    and boilerplate string occurs verbatim in the page text (for .html: the
    tag-stripped text, <script>/<style> contents dropped, entities decoded);
  - every evidence occurs exactly once, inside one sentence, and not in the
    headline; no non_event string sits in a sentence that carries an evidence;
  - every name_re, admin1_re and speaker_re compiles;
  - dates are real calendar dates (YYYY-MM-DD or YYYY-MM), not after
    `published`;
  - killed/injured are null or non-negative integers.
Prints one line per problem and exits 1 if there is any. --stats prints
counts per PLOVER type and per region (the case-name prefix before '_').
Standard library only.
"""
import argparse
import datetime
import glob
import html
import json
import os
import re
import sys
from collections import Counter, defaultdict
from html.parser import HTMLParser

TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
         "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"]
ROLES = {"GOV", "MIL", "POL", "REB", "INS", "CVL", "MED", "JUD", "LEG", "OPP", "IGO", "NGO",
         "BUS", "CRM"}
FACTUALITY = {"asserted", "negated", "possible"}

# ISO 3166-1 alpha-3, officially assigned codes (249), plus XKX (Kosovo, user-assigned
# but used by the World Bank, EU and most conflict datasets).
ISO3 = set("""
ABW AFG AGO AIA ALA ALB AND ARE ARG ARM ASM ATA ATF ATG AUS AUT AZE BDI BEL BEN BES BFA BGD BGR
BHR BHS BIH BLM BLR BLZ BMU BOL BRA BRB BRN BTN BVT BWA CAF CAN CCK CHE CHL CHN CIV CMR COD COG
COK COL COM CPV CRI CUB CUW CXR CYM CYP CZE DEU DJI DMA DNK DOM DZA ECU EGY ERI ESH ESP EST ETH
FIN FJI FLK FRA FRO FSM GAB GBR GEO GGY GHA GIB GIN GLP GMB GNB GNQ GRC GRD GRL GTM GUF GUM GUY
HKG HMD HND HRV HTI HUN IDN IMN IND IOT IRL IRN IRQ ISL ISR ITA JAM JEY JOR JPN KAZ KEN KGZ KHM
KIR KNA KOR KWT LAO LBN LBR LBY LCA LIE LKA LSO LTU LUX LVA MAC MAF MAR MCO MDA MDG MDV MEX MHL
MKD MLI MLT MMR MNE MNG MNP MOZ MRT MSR MTQ MUS MWI MYS MYT NAM NCL NER NFK NGA NIC NIU NLD NOR
NPL NRU NZL OMN PAK PAN PCN PER PHL PLW PNG POL PRI PRK PRT PRY PSE PYF QAT REU ROU RUS RWA SAU
SDN SEN SGP SGS SHN SJM SLB SLE SLV SMR SOM SPM SRB SSD STP SUR SVK SVN SWE SWZ SXM SYC SYR TCA
TCD TGO THA TJK TKL TKM TLS TON TTO TUN TUR TUV TWN TZA UGA UKR UMI URY USA UZB VAT VCT VEN VGB
VIR VNM VUT WLF WSM YEM ZAF ZMB ZWE XKX
""".split())

TOP_KEYS = {"published", "article", "events", "quotes", "non_events"}
ARTICLE_KEYS = {"section", "headline", "byline_contains", "boilerplate", "captions_count"}
EVENT_KEYS = {"evidence", "type", "alt_types", "source", "target", "date", "country",
              "admin1_re", "killed", "injured", "factuality"}
ACTOR_KEYS = {"country", "role", "name_re", "aligned_with"}
QUOTE_KEYS = {"speaker_re", "text_contains"}

# A sentence ends at . ! or ? (optionally followed by a closing quote) before whitespace
# and an upper-case letter, digit or opening quote. Rough, but our prose is regular.
SENT_END = re.compile(r'(?<=[.!?])["\u201d\u2019]?\s+(?=["\u201c\u2018A-Z0-9])')


class _Text(HTMLParser):
    """Collects text outside <script>, <style> and <template>, one block per line."""
    BLOCK = {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "figcaption", "figure",
             "article", "section", "header", "footer", "aside", "nav", "br", "tr", "title",
             "ul", "ol", "blockquote", "main", "time", "span_block"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "template"):
            self.skip += 1
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template"):
            self.skip = max(0, self.skip - 1)
        elif tag in self.BLOCK:
            self.parts.append("\n")

    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)


def page_text(path):
    raw = open(path, encoding="utf-8").read()
    if not path.endswith(".html"):
        return raw
    p = _Text()
    p.feed(raw)
    p.close()
    text = html.unescape("".join(p.parts))
    lines = [re.sub(r"[ \t\r\f\v]+", " ", ln).strip() for ln in text.split("\n")]
    return "\n".join(ln for ln in lines if ln)


# Tokens that end in a period without ending a sentence ("U.S. Ambassador", "Brig. Gen.").
ABBREV = re.compile(r"(?:\b(?:[A-Z]\.){2,}|\b(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Maj|Brig|Capt|Sgt|Adm|Gov|Sen|Rep|"
                    r"St|No|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|Jr|Sr|Prof|Rev)\.)$")


def sentences(text):
    out = []
    for line in text.split("\n"):
        parts = [s for s in SENT_END.split(line) if s.strip()]
        merged = []
        for part in parts:
            if merged and ABBREV.search(merged[-1]):
                merged[-1] += " " + part
            else:
                merged.append(part)
        out += merged
    return out


def check_date(val, published, where, errs):
    if val is None:
        return
    if not isinstance(val, str):
        errs.append(f"{where}: date must be a string or null")
        return
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", val):
            d = datetime.date.fromisoformat(val)
            if published and d > published:
                errs.append(f"{where}: date {val} is after published {published}")
        elif re.fullmatch(r"\d{4}-\d{2}", val):
            y, m = map(int, val.split("-"))
            datetime.date(y, m, 1)
            if published and (y, m) > (published.year, published.month):
                errs.append(f"{where}: date {val} is after published {published}")
        else:
            errs.append(f"{where}: bad date format {val!r}")
    except ValueError:
        errs.append(f"{where}: invalid date {val!r}")


def check_re(rx, where, errs, allow_null=True):
    if rx is None and allow_null:
        return
    if not isinstance(rx, str) or not rx:
        errs.append(f"{where}: regex must be a non-empty string")
        return
    try:
        re.compile(rx)
    except re.error as e:
        errs.append(f"{where}: regex {rx!r} does not compile: {e}")


def check_actor(a, where, errs):
    if not isinstance(a, dict):
        errs.append(f"{where}: actor must be an object")
        return
    extra = set(a) - ACTOR_KEYS
    if extra:
        errs.append(f"{where}: unknown actor keys {sorted(extra)}")
    if not any(a.get(k) is not None for k in ACTOR_KEYS):
        errs.append(f"{where}: actor has no non-null field (drop it instead)")
    for k in ("country", "aligned_with"):
        if a.get(k) is not None and a[k] not in ISO3:
            errs.append(f"{where}: {k} {a[k]!r} is not ISO 3166-1 alpha-3")
    if a.get("role") is not None and a["role"] not in ROLES:
        errs.append(f"{where}: role {a['role']!r} not in {sorted(ROLES)}")
    check_re(a.get("name_re"), where + ".name_re", errs)


def check_case(gold_path):
    errs = []
    name = os.path.basename(gold_path)[: -len(".gold.json")]
    base = gold_path[: -len(".gold.json")]
    pages = [base + e for e in (".txt", ".html") if os.path.exists(base + e)]
    if len(pages) != 1:
        return name, [f"{name}: expected exactly one of {name}.txt / {name}.html, found {len(pages)}"], None
    try:
        gold = json.load(open(gold_path, encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as e:
        return name, [f"{name}: JSON does not parse: {e}"], None
    text = page_text(pages[0])
    sents = sentences(text)

    def E(msg):
        errs.append(f"{name}: {msg}")

    if set(gold) != TOP_KEYS:
        E(f"top-level keys {sorted(gold)} != {sorted(TOP_KEYS)}")
    published = None
    try:
        published = datetime.date.fromisoformat(gold.get("published", ""))
    except (TypeError, ValueError):
        E(f"published {gold.get('published')!r} is not YYYY-MM-DD")

    art = gold.get("article") or {}
    if set(art) != ARTICLE_KEYS:
        E(f"article keys {sorted(art)} != {sorted(ARTICLE_KEYS)}")
    headline = art.get("headline") or ""
    if not headline:
        E("article.headline is empty")
    elif headline not in text:
        E(f"headline not found in page: {headline!r}")
    for k in ("section", "byline_contains"):
        v = art.get(k)
        if v is not None and (not isinstance(v, str) or v not in text):
            E(f"article.{k} {v!r} not found in page")
    for b in art.get("boilerplate") or []:
        if b not in text:
            E(f"boilerplate string not in page: {b!r}")
    cc = art.get("captions_count")
    if cc is not None and (not isinstance(cc, int) or cc < 0):
        E("captions_count must be a non-negative integer or null")

    evidence_sents = []
    for i, ev in enumerate(gold.get("events") or []):
        w = f"{name}: event[{i}]"
        if set(ev) != EVENT_KEYS:
            errs.append(f"{w}: keys {sorted(ev)} != {sorted(EVENT_KEYS)}")
        evid = ev.get("evidence") or ""
        n = text.count(evid) if evid else 0
        if n != 1:
            errs.append(f"{w}: evidence occurs {n} times in page (want 1): {evid!r}")
        holders = [s for s in sents if evid and evid in s]
        if evid and len(holders) != 1:
            errs.append(f"{w}: evidence is not inside exactly one sentence: {evid!r}")
        evidence_sents += holders
        if evid and evid in headline:
            errs.append(f"{w}: evidence is in the headline: {evid!r}")
        if ev.get("type") not in TYPES:
            errs.append(f"{w}: type {ev.get('type')!r} not a PLOVER type")
        alts = ev.get("alt_types")
        if not isinstance(alts, list) or any(t not in TYPES for t in alts) or ev.get("type") in (alts or []):
            errs.append(f"{w}: bad alt_types {alts!r}")
        for side in ("source", "target"):
            actors = ev.get(side)
            if not isinstance(actors, list):
                errs.append(f"{w}: {side} must be a list")
                continue
            for j, a in enumerate(actors):
                check_actor(a, f"{w}.{side}[{j}]", errs)
        check_date(ev.get("date"), published, w, errs)
        if ev.get("country") is not None and ev["country"] not in ISO3:
            errs.append(f"{w}: country {ev['country']!r} is not ISO 3166-1 alpha-3")
        check_re(ev.get("admin1_re"), w + ".admin1_re", errs)
        for k in ("killed", "injured"):
            v = ev.get(k)
            if v is not None and (not isinstance(v, int) or isinstance(v, bool) or v < 0):
                errs.append(f"{w}: {k} must be null or a non-negative integer")
        if ev.get("factuality") not in FACTUALITY:
            errs.append(f"{w}: factuality {ev.get('factuality')!r} not in {sorted(FACTUALITY)}")

    for q in gold.get("quotes") or []:
        if set(q) != QUOTE_KEYS:
            E(f"quote keys {sorted(q)} != {sorted(QUOTE_KEYS)}")
        check_re(q.get("speaker_re"), f"{name}: quote.speaker_re", errs, allow_null=False)
        if (q.get("text_contains") or "") not in text or not q.get("text_contains"):
            E(f"quote text not in page: {q.get('text_contains')!r}")

    for ne in gold.get("non_events") or []:
        if not ne or ne not in text:
            E(f"non_event not in page: {ne!r}")
        elif any(ne in s for s in evidence_sents):
            E(f"non_event sits in a sentence that carries an event: {ne!r}")
    return name, errs, gold


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--stats", action="store_true")
    ap.add_argument("paths", nargs="*", default=["tests/gold"])
    args = ap.parse_args()
    golds = []
    for p in args.paths:
        golds += sorted(glob.glob(os.path.join(p, "*.gold.json"))) if os.path.isdir(p) else [p]
    if not golds:
        print("no *.gold.json found", file=sys.stderr)
        return 1
    all_errs, types, by_region = [], Counter(), defaultdict(Counter)
    n_events = n_non = n_quotes = 0
    for g in golds:
        name, errs, gold = check_case(g)
        all_errs += errs
        if gold:
            region = name.split("_")[0]
            for ev in gold.get("events") or []:
                types[ev.get("type")] += 1
                by_region[region][ev.get("type")] += 1
            n_events += len(gold.get("events") or [])
            n_non += len(gold.get("non_events") or [])
            n_quotes += len(gold.get("quotes") or [])
    for e in all_errs:
        print(e)
    print(f"{len(golds)} cases, {n_events} events, {n_quotes} quotes, {n_non} non_events, "
          f"{len(all_errs)} problems")
    missing = [t for t in TYPES if not types[t]]
    if missing:
        print("PLOVER types with no event: " + " ".join(missing))
    if args.stats:
        print("type counts: " + " ".join(f"{t}={types[t]}" for t in TYPES))
        print("region | " + " ".join(t[:4] for t in TYPES) + " | total")
        for r in sorted(by_region):
            c = by_region[r]
            print(f"{r} | " + " ".join(str(c[t]) for t in TYPES) + f" | {sum(c.values())}")
    return 1 if all_errs else 0


if __name__ == "__main__":
    sys.exit(main())
