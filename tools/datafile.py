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
