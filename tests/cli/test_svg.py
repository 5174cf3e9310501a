"""Tests of `--format svg` (plan, forecast, whatif, schedule, channels).

The runner ($FUNNELPLAN_CLI, $FUNNELPLAN_CLI_WRAPPER) comes from
test_cli.py, as in test_channels.py. Every picture must be a standalone SVG
1.1 document that parses as XML: the root an <svg> 800 px wide with a
viewBox, nothing that reaches outside the file (no script, foreignObject or
image element, no href, no url(), no @import), the figures labelled as the
table prints them, and every stage and channel name escaped. Each picture is
also rendered once in headless Chromium (Debian's `chromium`) to a PNG, which
is decoded here (zlib and struct, the PNG filters undone) to check its size
and that it is not blank; without chromium those tests are skipped. The
other commands refuse `--format svg` with exit status 2.
"""

import json
import os
import re
import shutil
import struct
import subprocess
import sys
import tempfile
import unittest
import xml.etree.ElementTree as ET
import zlib

import test_cli as base
from test_cli import run

SVG = "{http://www.w3.org/2000/svg}"
ODD = "<b>&\"'x"          # every character XML escapes
OMEGA = "\u03a9mega"      # UTF-8 kept as it is

PLAN = ["plan", "--stage", "lead=1%", "--stage", "accepted=10%", "--deal-size", "50000",
        "--revenue", "1000000", "--per", "year"]
FORECAST = ["forecast", "--stage", "lead=10%", "--stage", "opportunity=1/3",
            "--deal-size", "4000", "--volume", "750", "--revenue", "125000",
            "--cost-per-lead", "20", "--margin", "70%"]
WHATIF = ["whatif", "--stage", "opportunity=33%", "--deal-size", "4000", "--volume", "75",
          "--at", "opportunity", "--change", "opportunity=+10%", "--horizon", "12",
          "--invest", "50000"]
SCHEDULE = ["schedule", "--stage", "lead=10%", "--stage", "opportunity=25%",
            "--deal-size", "10000", "--revenue", "1.2M", "--per", "year",
            "--start", "2027-01", "--seasonality", "6,6,8,8,9,9,6,5,9,10,12,12",
            "--lag", "lead=1m", "--lag", "opportunity=2m"]
CHANNELS = ["channels", "--stage", "lead=20%", "--stage", "sql=50%",
            "--stage", "opportunity=25%",
            "--channel", "search: cost-per-lead=40, capacity=600",
            "--channel", "webinars: cost-per-lead=90, rate=40%, capacity=300",
            "--channel", "display: cost-per-lead=35, quality=0.5",
            "--deal-size", "4000", "--margin", "60%", "--deals", "40"]

# Each command and texts its picture must show (a single word must be a
# whole word of some text; several words a part of the texts joined by
# spaces, as long sentences are wrapped over several text elements).
PICTURES = [
    ("plan", PLAN, ["20,000", "200", "20", "1%", "10%", "0.1%", "1,666.67", "lead",
                    "accepted", "won", "Plan per year: revenue 1,000,000 \u00f7 deal size "
                    "50,000 = 20 deals"]),
    ("forecast", FORECAST, ["750", "75", "25", "10%", "33.3333%", "attainment 80%",
                            "Short by 6.25 deals, revenue 25,000", "cost per deal 600"]),
    ("whatif", WHATIF, ["75", "24.75", "27.23 (+2.48)", "rate 33% \u2192 36.3%",
                        "+118,800", "ROI 137.6%", "payback in 5.05 months", "baseline",
                        "scenario"]),
    ("schedule", SCHEDULE, ["576", "57.60", "14.40", "4,800", "1,200,000",
                            "before the start", "peak 576 in 2027-08", "Oct", "2026", "2027"]),
    ("channels", CHANNELS, ["600 leads", "15 deals", "cost 24,000", "3. display",
                            "loses money", "ROI 50%", "cost 79,000", "break-even 30"]),
]

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python"))
from fpl_chromium import CHROMIUM, NO_CHROMIUM, chromium_env  # noqa: E402 (after the path)


def texts_of(root):
    """The text of every <text> element (its tspans included), in order."""
    return ["".join(e.itertext()) for e in root.iter(SVG + "text")]


def words_of(texts):
    words = set()
    for t in texts:
        for w in re.split(r"[\s\u00b7()]+", t):
            words.add(w)
            words.add(w.rstrip(".,;:"))
    return words


class SvgTestCase(base.CliTestCase):
    def svg_of(self, args):
        """Runs a command with --format svg; returns its text and parsed root."""
        text = self.ok(args + ["--format", "svg"])
        root = ET.fromstring(text.encode("utf-8"))
        return text, root

    def assertStandalone(self, text, root):
        self.assertTrue(text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<svg '),
                        text[:80])
        self.assertTrue(text.endswith("</svg>\n"))
        self.assertEqual(root.tag, SVG + "svg")
        self.assertEqual(root.get("width"), "800")
        height = root.get("height")
        self.assertRegex(height, r"^[1-9][0-9]*$")
        self.assertEqual(root.get("viewBox"), "0 0 800 %s" % height)
        self.assertEqual(root.get("font-family"), "sans-serif")
        for e in root.iter():
            local = e.tag.split("}")[-1]
            self.assertTrue(e.tag.startswith(SVG), e.tag)
            self.assertNotIn(local, ("script", "foreignObject", "image", "a", "use", "iframe",
                                     "style", "feImage"))
            for name in e.attrib:
                self.assertNotEqual(name.split("}")[-1], "href", name)
                self.assertFalse(name.startswith("on"), name)
        self.assertNotIn("url(", text)
        self.assertNotIn("@import", text)
        self.assertNotIn("<!DOCTYPE", text)
        self.assertEqual(re.findall(r"[a-z]+://[^\"'\s<>]*", text),
                         ["http://www.w3.org/2000/svg"])
        # A title line: the document's <title>, drawn as the first text too.
        title = root.find(SVG + "title")
        self.assertIsNotNone(title)
        self.assertTrue(title.text)
        self.assertTrue(texts_of(root)[0].strip(), "no title line")
        self.assertTrue(title.text.startswith(texts_of(root)[0].strip()))
        return int(height)

    def assertShows(self, root, needles):
        texts = texts_of(root)
        words = words_of(texts)
        joined = " ".join(texts)
        for n in needles:
            if " " in n:
                self.assertIn(n, joined)
            else:
                self.assertIn(n, words, "%r not a word of %r" % (n, texts))


class TestSvgDocuments(SvgTestCase):
    def test_every_picture_is_standalone_and_labelled(self):
        for name, args, needles in PICTURES:
            with self.subTest(command=name):
                text, root = self.svg_of(args)
                self.assertStandalone(text, root)
                self.assertShows(root, needles)
                # Bars: at least one rectangle besides the background.
                self.assertGreater(len(root.findall(SVG + "rect")), 2)

    def test_plan_counts_are_the_library_counts(self):
        d = self.json_of(PLAN + ["--format", "json"])
        _, root = self.svg_of(PLAN)
        self.assertShows(root, ["{:,}".format(s["required_whole"]) for s in d["stages"]] +
                         ["{:,}".format(d["deals_whole"])])

    def test_channels_leads_are_the_library_leads(self):
        d = self.json_of(CHANNELS + ["--format", "json"])
        _, root = self.svg_of(CHANNELS)
        self.assertShows(root, ["{:,} leads".format(int(c["leads"])) for c in d["channels"]])
        # the losing channel is marked: its name in the losing colour
        losing = [e for e in root.iter(SVG + "text") if e.text == "3. display"]
        self.assertEqual(len(losing), 1)
        self.assertNotEqual(losing[0].get("fill"),
                            [e for e in root.iter(SVG + "text")
                             if e.text == "1. search"][0].get("fill"))

    def test_schedule_marks_the_months_before_the_start(self):
        _, root = self.svg_of(SCHEDULE)
        pale = [e for e in root.iter(SVG + "rect") if e.get("fill-opacity")]
        # lead 3 months before the start, opportunity 2 (the first is 0): 5
        self.assertEqual(len(pale), 5)
        self.assertShows(root, ["Shaded: the 3 months before 2027-01",
                                "Lead time: the funnel must start 3 months before 2027-01"])

    def test_other_shapes_draw(self):
        cases = [
            ["plan", "--stage", "lead=10%", "--stage", "opp=25%", "--deals", "12",
             "--deal-size", "5k", "--cost-per-lead", "3", "--margin", "50%",
             "--confidence", "90%"],
            ["plan"] + sum((["--stage", "s%d=90%%" % i] for i in range(32)), []) +
            ["--deals", "1000"],
            ["forecast", "--stage", "lead=10%", "--stage", "opp=1/3", "--volume", "90",
             "--at", "opp", "--deals", "50", "--per", "quarter"],
            ["whatif", "--stage", "lead=10%", "--stage", "opp=25%", "--deal-size", "4000",
             "--revenue", "100k", "--cost-per-lead", "20", "--change", "lead=+2pp",
             "--change", "deal-size=+5%", "--margin", "60%", "--invest", "10000"],
            ["schedule", "--stage", "lead=10%", "--stage", "opp=25%", "--deals", "1200",
             "--per", "year", "--start", "2027-01", "--months", "120", "--lag", "lead=60m",
             "--lag", "opp=60m", "--reps", "3", "--quota", "1M", "--deal-size", "10k"],
            ["schedule", "--stage", "lead=10%", "--start", "2027-05", "--months", "3",
             "--monthly-deals", "1,0,2"],
            ["channels", "--stage", "opportunity=1/3",
             "--channel", "partners: cost-per-lead=300, leads=75",
             "--channel", "referrals: cost-per-lead=0, leads=10"],
        ]
        for args in cases:
            with self.subTest(args=args):
                text, root = self.svg_of(args)
                self.assertStandalone(text, root)
        _, root = self.svg_of(cases[0])
        self.assertShows(root, ["for 90%: the least whole units", "cost each 3.00"])


class TestSvgEscaping(SvgTestCase):
    def names_in(self, args):
        text, root = self.svg_of(args)
        self.assertStandalone(text, root)
        self.assertNotIn(ODD, text)  # only ever escaped in the file
        return texts_of(root)

    def test_names_appear_exactly_as_given(self):
        stages = ["--stage", ODD + "=10%", "--stage", OMEGA + "=25%"]
        cases = [
            ("plan", ["plan"] + stages + ["--deals", "12"], [ODD, OMEGA]),
            ("forecast", ["forecast"] + stages + ["--volume", "100"], [ODD, OMEGA]),
            ("whatif", ["whatif"] + stages + ["--volume", "100", "--change", OMEGA + "=+1pp"],
             [ODD, OMEGA]),
            ("schedule", ["schedule"] + stages + ["--deals", "12", "--start", "2027-01",
                                                  "--lag", ODD + "=1m"], [ODD, OMEGA]),
            ("channels", ["channels"] + stages +
             ["--channel", ODD + ": cost-per-lead=5, leads=100",
              "--channel", OMEGA + ": cost-per-lead=7, leads=50"],
             ["1. " + ODD, "2. " + OMEGA]),
        ]
        for name, args, want in cases:
            with self.subTest(command=name):
                texts = self.names_in(args)
                for w in want:
                    self.assertIn(w, texts)
                # in the sentences too, still escaped in the file
                if name in ("whatif", "schedule"):
                    self.assertTrue(any(OMEGA + " " in t or OMEGA + " +" in t or
                                        ", " + OMEGA in t for t in texts), texts)

    def test_long_names_keep_their_details(self):
        long_name = "x" * 30 + "\u03a9" * 17  # 64 bytes
        texts = self.names_in(["plan", "--stage", long_name + "=20%", "--deals", "3",
                               "--cost-per-lead", "2", "--confidence", "80%"])
        self.assertIn(long_name, texts)
        self.assertTrue(any(t.startswith("rate 20%") for t in texts), texts)

    def test_noncharacters_become_the_replacement_character(self):
        # U+FFFE and U+FFFF pass the library's name check but are no XML
        # characters: drawn as U+FFFD, so the document stays well-formed.
        texts = self.names_in(["forecast", "--stage", "a\uffffb=50%",
                               "--stage", "c\ufffed=50%", "--volume", "10"])
        self.assertIn("a\ufffdb", texts)
        self.assertIn("c\ufffdd", texts)


class TestSvgRefused(SvgTestCase):
    def test_other_commands_refuse_svg(self):
        cases = [
            ["odds", "--stage", "lead=12%", "--deals", "12", "--volume", "100"],
            ["solve", "--stage", "opportunity=33%", "--deal-size", "4000", "--volume", "75",
             "--revenue", "125000", "--for", "opportunity"],
            ["sensitivity", "--stage", "lead=10%", "--deal-size", "4000", "--volume", "2000"],
            ["pace", "--stage", "lead=10%", "--deals", "10", "--elapsed", "50%"],
        ]
        for args in cases:
            with self.subTest(command=args[0]):
                err = self.assertRefused(args + ["--format", "svg"], 2, "--format", "'svg'",
                                         args[0], "table, json or csv")
                self.assertNotIn("or svg", err)
                # the same question answers in the other formats
                self.ok(args + ["--format", "json"])

    def test_unknown_format_names_svg_where_it_is_taken(self):
        self.assertRefused(PLAN + ["--format", "png"], 2, "--format", "'png'",
                           "table, json, csv or svg")
        self.assertRefused(PLAN + ["--format", "SVG"], 2, "--format", "'SVG'")
        err = self.assertRefused(["odds", "--stage", "a=5%", "--deals", "1", "--volume", "9",
                                  "--format", "png"], 2, "--format", "'png'")
        self.assertIn("table, json or csv", err)

    def test_help_lists_svg_for_the_five_commands_only(self):
        for name, args, _ in PICTURES:
            with self.subTest(command=name):
                row = [l for l in self.ok([name, "--help"]).splitlines()
                       if "--format" in l][0]
                self.assertIn("json, csv or svg", row)
        for name in ("odds", "solve", "sensitivity", "pace"):
            with self.subTest(command=name):
                out = self.ok([name, "--help"])
                row = [l for l in out.splitlines() if "--format" in l][0]
                self.assertIn("json or csv", row)
                self.assertNotIn("svg", out)

    def test_output_that_cannot_be_written_exits_3(self):
        if not os.path.exists("/dev/full"):
            if sys.platform.startswith("linux"):
                self.fail("/dev/full is missing")
            self.skipTest("no /dev/full on this system")
        for name, args, _ in PICTURES:
            with self.subTest(command=name), open("/dev/full", "wb") as full:
                r = run(args + ["--format", "svg"], stdout=full)
                err = r.stderr.decode("utf-8", "replace")
                self.assertEqual(r.returncode, 3, err)
                self.assertTrue(err.startswith("funnelplan: cannot write output: "), err)
                self.assertEqual(err.count("\n"), 1, err)


# --------------------------------------------------------------------------
# PNG, decoded with the standard library


def png_pixels(data):
    """(width, height, rows of RGBA tuples' bytes, bytes per pixel) of an
    8-bit, non-interlaced PNG (grey, RGB, palette, grey+alpha or RGBA)."""
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError("not a PNG")
    pos, idat, ihdr, palette = 8, [], None, None
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        crc, = struct.unpack(">I", data[pos + 8 + length:pos + 12 + length])
        if zlib.crc32(kind + body) & 0xFFFFFFFF != crc:
            raise ValueError("bad CRC in %r" % kind)
        if kind == b"IHDR":
            ihdr = struct.unpack(">IIBBBBB", body)
        elif kind == b"PLTE":
            palette = body
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
        pos += 12 + length
    width, height, depth, colour, _, _, interlace = ihdr
    if depth != 8 or interlace != 0:
        raise ValueError("only 8-bit, non-interlaced PNGs: depth %d, interlace %d"
                         % (depth, interlace))
    bpp = {0: 1, 2: 3, 3: 1, 4: 2, 6: 4}[colour]
    raw = zlib.decompress(b"".join(idat))
    stride = width * bpp
    rows, prev = [], bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1:start + 1 + stride])
        if kind == 1:
            for i in range(bpp, stride):
                line[i] = (line[i] + line[i - bpp]) & 0xFF
        elif kind == 2:
            line = bytearray((a + b) & 0xFF for a, b in zip(line, prev))
        elif kind == 3:
            for i in range(stride):
                left = line[i - bpp] if i >= bpp else 0
                line[i] = (line[i] + ((left + prev[i]) >> 1)) & 0xFF
        elif kind == 4:
            for i in range(stride):
                a = line[i - bpp] if i >= bpp else 0
                b, c = prev[i], prev[i - bpp] if i >= bpp else 0
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                pred = a if pa <= pb and pa <= pc else b if pb <= pc else c
                line[i] = (line[i] + pred) & 0xFF
        elif kind != 0:
            raise ValueError("unknown PNG filter %d" % kind)
        rows.append(bytes(line))
        prev = line
    if colour == 3:  # palette indices to RGB
        rows = [b"".join(palette[3 * i:3 * i + 3] for i in row) for row in rows]
        bpp = 3
    return width, height, rows, bpp


@unittest.skipIf(CHROMIUM is None, NO_CHROMIUM)
class TestSvgInChromium(SvgTestCase):
    """Each picture rendered once in headless Chromium: the PNG has the size
    of the window asked (800 x the SVG's height) and is not blank."""

    def setUp(self):
        self.dir = tempfile.mkdtemp(prefix="funnelplan-svg-")

    def tearDown(self):
        shutil.rmtree(self.dir, ignore_errors=True)

    def render(self, name, text, height):
        svg = os.path.join(self.dir, name + ".svg")
        png = os.path.join(self.dir, name + ".png")
        with open(svg, "w", encoding="utf-8") as f:
            f.write(text)
        profile = os.path.join(self.dir, "profile-" + name)
        r = subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
                            "--hide-scrollbars", "--disable-dev-shm-usage",
                            "--user-data-dir=" + profile,
                            "--window-size=800,%d" % height, "--screenshot=" + png,
                            "file://" + svg],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           env=chromium_env(self.dir), timeout=60)
        self.assertEqual(r.returncode, 0, r.stderr.decode("utf-8", "replace")[-2000:])
        self.assertTrue(os.path.exists(png), r.stderr.decode("utf-8", "replace")[-2000:])
        with open(png, "rb") as f:
            return f.read()

    def test_every_picture_renders(self):
        for name, args, _ in PICTURES:
            with self.subTest(command=name):
                text, root = self.svg_of(args)
                height = self.assertStandalone(text, root)
                width, png_height, rows, bpp = png_pixels(self.render(name, text, height))
                self.assertEqual((width, png_height), (800, height))
                background = rows[0][:bpp]
                differ, colours = 0, set()
                for row in rows:
                    for x in range(0, len(row), bpp):
                        px = row[x:x + bpp]
                        if px != background:
                            differ += 1
                            if len(colours) < 64:
                                colours.add(px)
                total = width * png_height
                self.assertGreater(differ, total // 100,
                                   "%s: only %d of %d pixels drawn" % (name, differ, total))
                colours.add(background)
                self.assertGreaterEqual(len(colours), 3, name)


if __name__ == "__main__":
    unittest.main()
