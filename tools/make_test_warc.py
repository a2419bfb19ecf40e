#!/usr/bin/env python3
"""Writes the WARC test fixtures under tests/data/ingest/.

  python3 tools/make_test_warc.py [--out tests/data/ingest]

Writes news.warc (WARC/1.1, as Common Crawl's CC-NEWS ships: warcinfo,
then request/response/metadata triples) and news.warc.gz (the same records,
one gzip member per record, as .warc.gz files are). The output is
deterministic (fixed dates and record ids, gzip mtime 0), so rerunning it
leaves the committed files unchanged. Stdlib only.

Records, in order (numbers are WARC record numbers as khaldun reports them):
  1 warcinfo
  2 request   https://example-news.org/world/2024/03/14/kharkiv-shelling
  3 response  200 text/html (utf-8)                        -> page
  4 metadata
  5 response  404 text/html                                -> skipped
  6 response  200 image/png                                -> skipped
  7 response  200 text/html, Transfer-Encoding: chunked    -> page
  8 response  200 text/html, Content-Encoding: gzip,
              charset=windows-1252 body                    -> page
  9 resource  text/html                                    -> page
"""
import argparse
import gzip
import io
import os

DATE = "2024-03-18T06:00:00Z"


def record(warc_type, headers, block, serial):
    lines = [
        "WARC/1.1",
        "WARC-Type: " + warc_type,
        "WARC-Date: " + DATE,
        "WARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-%012d>" % serial,
    ]
    lines += ["%s: %s" % kv for kv in headers]
    lines.append("Content-Length: %d" % len(block))
    head = ("\r\n".join(lines) + "\r\n\r\n").encode("utf-8")
    return head + block + b"\r\n\r\n"


def http_response(status, reason, headers, body):
    lines = ["HTTP/1.1 %d %s" % (status, reason)]
    lines += ["%s: %s" % kv for kv in headers]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


def page(title, paragraphs, charset="utf-8"):
    body = "".join("<p>%s</p>\n" % p for p in paragraphs)
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"%s\">"
            "<title>%s</title></head>\n<body><nav><a href=\"/\">Home</a> | "
            "<a href=\"/world\">World</a></nav>\n<article><h1>%s</h1>\n%s</article>\n"
            "<footer>Subscribe to our newsletter</footer></body></html>\n"
            % (charset, title, title, body))


def chunked(data, size=97):
    out = io.BytesIO()
    for i in range(0, len(data), size):
        piece = data[i:i + size]
        out.write(b"%x\r\n" % len(piece) + piece + b"\r\n")
    out.write(b"0\r\n\r\n")
    return out.getvalue()


def gzip_bytes(data):
    buf = io.BytesIO()
    with gzip.GzipFile(fileobj=buf, mode="wb", mtime=0) as f:
        f.write(data)
    return buf.getvalue()


def build_records():
    kharkiv = "https://example-news.org/world/2024/03/14/kharkiv-shelling"
    records = []
    info = (b"software: khaldun make_test_warc.py\r\nformat: WARC File Format 1.1\r\n"
            b"description: khaldun test fixture (CC-NEWS shaped)\r\n")
    records.append(("warcinfo", [("Content-Type", "application/warc-fields")], info))
    request = (b"GET /world/2024/03/14/kharkiv-shelling HTTP/1.1\r\n"
               b"Host: example-news.org\r\nUser-Agent: CCBot/2.0\r\n\r\n")
    records.append(("request", [("WARC-Target-URI", kharkiv),
                                ("Content-Type", "application/http; msgtype=request")], request))
    html = page("Overnight shelling kills two in Kharkiv", [
        "KHARKIV, Ukraine — Russian forces shelled a residential district of Kharkiv "
        "overnight, killing two civilians and wounding nine, the regional governor said "
        "on Thursday.",
        "The strikes damaged an apartment block and a school in the Saltivskyi district, "
        "Governor Oleh Syniehubov wrote on Telegram."]).encode("utf-8")
    records.append(("response", [("WARC-Target-URI", kharkiv),
                                 ("Content-Type", "application/http; msgtype=response")],
                    http_response(200, "OK", [("Content-Type", "text/html; charset=utf-8"),
                                              ("Content-Length", str(len(html)))], html)))
    records.append(("metadata", [("WARC-Target-URI", kharkiv),
                                 ("Content-Type", "application/warc-fields")],
                    b"fetchTimeMs: 212\r\ncharset-detected: UTF-8\r\n"))
    missing = b"<html><body><h1>Not found</h1></body></html>"
    records.append(("response", [("WARC-Target-URI", "https://example-news.org/gone"),
                                 ("Content-Type", "application/http; msgtype=response")],
                    http_response(404, "Not Found", [("Content-Type", "text/html")], missing)))
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256))
    records.append(("response", [("WARC-Target-URI", "https://example-news.org/img/map.png"),
                                 ("Content-Type", "application/http; msgtype=response")],
                    http_response(200, "OK", [("Content-Type", "image/png")], png)))
    mali = page("Gunmen kill 11 in raid on central Mali village", [
        "BAMAKO, Mali — Armed men on motorbikes raided a village in central Mali on "
        "Wednesday, killing at least 11 people and burning granaries, residents said.",
        "No group has claimed responsibility for the attack."]).encode("utf-8")
    records.append(("response", [("WARC-Target-URI",
                                  "https://example-news.org/africa/2024/03/15/mali-raid"),
                                 ("Content-Type", "application/http; msgtype=response")],
                    http_response(200, "OK", [("Content-Type", "text/html; charset=UTF-8"),
                                              ("Transfer-Encoding", "chunked")],
                                  chunked(mali))))
    sudan = page("Army and RSF clash in Omdurman", [
        "KHARTOUM, Sudan — Fierce clashes broke out between the Sudanese army and the "
        "paramilitary Rapid Support Forces in Omdurman on Saturday, witnesses said.",
        "A medical source said at least 14 civilians were killed, among them a café owner."],
        charset="windows-1252").encode("cp1252")
    records.append(("response", [("WARC-Target-URI",
                                  "https://example-news.org/africa/2024/03/16/sudan-clashes"),
                                 ("Content-Type", "application/http; msgtype=response")],
                    http_response(200, "OK", [("Content-Type", "text/html; charset=windows-1252"),
                                              ("Content-Encoding", "gzip")],
                                  gzip_bytes(sudan))))
    resource = page("Curfew extended in Mopti region", [
        "MOPTI, Mali — The military government extended a night-time curfew in the Mopti "
        "region after an attack on an army post near Djenné killed four soldiers."]
        ).encode("utf-8")
    records.append(("resource", [("WARC-Target-URI",
                                  "https://wire.example.com/2024/03/18/mali-curfew"),
                                 ("Content-Type", "text/html; charset=utf-8")], resource))
    return [record(t, h, b, i + 1) for i, (t, h, b) in enumerate(records)]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", default=os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "tests", "data", "ingest"))
    args = parser.parse_args()
    records = build_records()
    with open(os.path.join(args.out, "news.warc"), "wb") as f:
        f.write(b"".join(records))
    with open(os.path.join(args.out, "news.warc.gz"), "wb") as f:
        for r in records:
            f.write(gzip_bytes(r))


if __name__ == "__main__":
    main()
