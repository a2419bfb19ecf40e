"""Shared by the data validators in tools/: reading a data file and checking
the header every file under data/ opens with (docs/data-formats.md).
Python 3 standard library only."""


def header_problem(lines):
    """None when `lines` open with '#' header lines that name a source, else
    what is wrong (reported at line 1)."""
    header = []
    for line in lines:
        if not line.startswith("#"):
            break
        header.append(line)
    if not header:
        return "the file must open with '#' header lines"
    if "ource" not in "\n".join(header):
        return "the header must name its source"
    return None


def read_lines(path):
    """The file's lines, without a final empty one."""
    with open(path, encoding="utf-8") as handle:
        lines = handle.read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    return lines


def rows(lines, fields, err):
    """Yields (line_no, {field: value}) for each data line of `lines`;
    reports duplicate lines and wrong field counts through err(line_no,
    message) and skips them. Comment and blank lines are skipped."""
    seen = {}
    for line_no, line in enumerate(lines, 1):
        if line.endswith("\r"):
            line = line[:-1]
        if not line or line.startswith("#"):
            continue
        if line in seen:
            err(line_no, f"duplicate of line {seen[line]}")
            continue
        seen[line] = line_no
        values = line.split("\t")
        if len(values) != len(fields):
            err(line_no, f"expected {len(fields)} TAB-separated fields, found {len(values)}")
            continue
        yield line_no, dict(zip(fields, values))


def split_alias(raw):
    """Returns (ambiguous, exact_case, text) for one alias: markers "?"
    (shared by several entries) then "=" (exact case)."""
    ambiguous = raw.startswith("?")
    if ambiguous:
        raw = raw[1:]
    exact = raw.startswith("=")
    if exact:
        raw = raw[1:]
    return ambiguous, exact, raw


def overlaps(exact_a, text_a, exact_b, text_b):
    """Whether two forms with the same case-folded text can match the same
    words: always, unless both are exact-case ("=") forms spelt differently
    ("=JeM" and "=JEM" are two forms)."""
    return not (exact_a and exact_b) or text_a == text_b


def check_aliases(line_no, owner, name, aliases, key, err):
    """Checks one entry's "|"-separated alias field against its own name and
    its other aliases; returns [(key, ambiguous, exact, alias)] for the
    forms that pass, for cross-entry checks. `key` folds a form for
    comparison."""
    seen_here = {key(name): [(False, name)]}
    forms = []
    for raw in aliases.split("|") if aliases else []:
        ambiguous, exact, alias = split_alias(raw)
        if not alias or alias != alias.strip():
            err(line_no, f"malformed alias {raw!r}")
            continue
        if alias[0] in "?=":
            err(line_no, f"alias {raw!r}: markers go in the order ?=")
        if exact and not any(c.isupper() for c in alias):
            err(line_no, f"alias {raw!r}: '=' needs an upper-case letter to match")
        k = key(alias)
        if any(overlaps(exact, alias, e2, t2) for e2, t2 in seen_here.get(k, [])):
            err(line_no, f"alias {raw!r} repeats the name or another alias of {owner}")
            continue
        seen_here.setdefault(k, []).append((exact, alias))
        forms.append((k, ambiguous, exact, alias))
    return forms
