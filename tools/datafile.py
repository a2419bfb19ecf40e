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
