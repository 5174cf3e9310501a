# funnelplan — what a notebook shows of a result, rendered in a browser.
# SPDX-License-Identifier: MIT
"""``_repr_html_`` of results, rendered in headless Chromium (Debian's
``chromium``, which the README's test command installs): one page holds
the HTML of a plan, a forecast, a what-if (each a table and a picture) and
an odds (a table, no picture), and a script in the page measures, after
layout, what a reader sees. The test asserts that the text rendered for
each table is ``str(result)`` (so a stage name with ``<``, ``&`` and
quotes is shown, not read as markup), that each picture is an SVG element
800 px wide and as high as it says, displayed, on top at its centre, with
its labels laid out at a non-zero size, and that a result without a
picture shows none. Without chromium it is skipped, saying so.
"""

import json
import os
import re
import shutil
import subprocess
import tempfile
import unittest

from fpl_chromium import CHROMIUM, NO_CHROMIUM, chromium_env
from fpl_support import funnelplan as fp

ODD = "<b>&\"'x"  # every character HTML escapes

# Runs after the sections above it are parsed; reading a size lays the page out.
MEASURE = """<script>
var out = [];
document.querySelectorAll("section").forEach(function (s) {
  var pre = s.querySelector("pre"), svg = s.querySelector("svg"), m = {};
  m.text = pre.innerText;
  m.pre = pre.getBoundingClientRect().height;
  if (svg) {
    var r = svg.getBoundingClientRect(), shown = 0, labels = [];
    svg.querySelectorAll("text").forEach(function (t) {
      var b = t.getBoundingClientRect();
      if (b.width > 0 && b.height > 0) shown++;
      labels.push(t.textContent);
    });
    window.scrollTo(0, r.top + window.scrollY);
    var top = svg.getBoundingClientRect();
    var hit = document.elementFromPoint(top.left + top.width / 2, top.top + Math.min(top.height, window.innerHeight) / 2);
    m.svg = {width: r.width, height: r.height, ns: svg.namespaceURI,
             attr: svg.getAttribute("height"), display: getComputedStyle(svg).display,
             visibility: getComputedStyle(svg).visibility, texts: svg.querySelectorAll("text").length,
             shown: shown, labels: labels.join(" "), on_top: !!hit && (hit === svg || svg.contains(hit))};
  }
  out.push(m);
});
var o = document.createElement("output");
o.id = "measure";
o.textContent = JSON.stringify(out);
document.body.appendChild(o);
</script>"""


def results():
    """(name, result, texts its picture must show or None) for the page."""
    f = fp.Funnel([("lead", "1%"), (ODD, "10%")], deal_size=50_000)
    whatif = fp.Funnel([("opportunity", "33%")], deal_size=4000).whatif(
        volume=75, at="opportunity", changes={"opportunity": "+10%"}, horizon=12, invest=50_000)
    return [("plan", f.plan(revenue=1_000_000, per="year"), ["20,000", "200", ODD, "won"]),
            ("forecast", f.forecast(volume=20_000, per="year", revenue=1_000_000),
             ["20,000", "200", "20"]),
            ("whatif", whatif, ["+118,800", "ROI 137.6%", "baseline", "scenario"]),
            ("odds", fp.Funnel([("lead", "12%")]).odds(volume=100, deals=12), None)]


@unittest.skipIf(CHROMIUM is None, NO_CHROMIUM)
class HtmlInChromium(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="funnelplan-html-")
        cls.results = results()
        page = os.path.join(cls.dir, "results.html")
        with open(page, "w", encoding="utf-8") as f:
            f.write('<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>results</title>'
                    "</head><body>\n")
            for name, result, _ in cls.results:
                f.write('<section id="%s">%s</section>\n' % (name, result._repr_html_()))
            f.write(MEASURE + "</body></html>\n")
        r = subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
                            "--disable-dev-shm-usage", "--window-size=1000,800",
                            "--user-data-dir=" + os.path.join(cls.dir, "profile"),
                            "--dump-dom", "file://" + page],
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           env=chromium_env(cls.dir), timeout=120)
        cls.stderr = r.stderr.decode("utf-8", "replace")[-2000:]
        cls.returncode = r.returncode
        found = re.search(r'<output id="measure">(.*?)</output>', r.stdout.decode("utf-8"), re.S)
        cls.measured = None
        if found:
            text = found.group(1)
            for entity, char in (("&lt;", "<"), ("&gt;", ">"), ("&quot;", '"'), ("&amp;", "&")):
                text = text.replace(entity, char)
            cls.measured = json.loads(text)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.dir, ignore_errors=True)

    def test_chromium_ran_the_page(self):
        self.assertEqual(self.returncode, 0, self.stderr)
        self.assertIsNotNone(self.measured, self.stderr)
        self.assertEqual(len(self.measured), len(self.results))

    def test_each_table_shows_the_text_of_str(self):
        for (name, result, _), m in zip(self.results, self.measured or []):
            with self.subTest(result=name):
                self.assertEqual(m["text"].rstrip("\n"), str(result).rstrip("\n"))
                self.assertGreater(m["pre"], 5 * 10)  # lines laid out, not collapsed
        self.assertIn(ODD, self.measured[0]["text"])

    def test_each_picture_is_laid_out_and_visible(self):
        for (name, result, texts), m in zip(self.results, self.measured or []):
            with self.subTest(result=name):
                if texts is None:
                    self.assertIsNone(result._repr_svg_())
                    self.assertNotIn("svg", m)
                    continue
                svg = m["svg"]
                self.assertEqual(svg["ns"], "http://www.w3.org/2000/svg")
                self.assertEqual((svg["width"], svg["height"]), (800, float(svg["attr"])))
                self.assertGreater(svg["height"], 100)
                self.assertIn(svg["display"], ("inline", "block"))
                self.assertEqual(svg["visibility"], "visible")
                self.assertTrue(svg["on_top"], "%s: the picture is covered" % name)
                self.assertGreaterEqual(svg["texts"], 5)
                self.assertEqual(svg["shown"], svg["texts"], "%s: labels of zero size" % name)
                for text in texts:
                    self.assertIn(text, svg["labels"])


if __name__ == "__main__":
    unittest.main()
