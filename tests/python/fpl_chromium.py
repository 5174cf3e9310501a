# funnelplan — headless Chromium for the tests that render a picture or a page.
# SPDX-License-Identifier: MIT
"""Where Chromium is (Debian's ``chromium``, which the README's test command
installs) and the environment to run it in. Used by tests/python/test_html.py
and tests/cli/test_svg.py; imports nothing of the package."""

import os
import shutil

CHROMIUM = ("/usr/bin/chromium" if os.access("/usr/bin/chromium", os.X_OK)
            else shutil.which("chromium"))
NO_CHROMIUM = "chromium not installed (apt-get install chromium fonts-dejavu-core)"


def chromium_env(home):
    """The environment without the sanitizer runtime the harness may preload
    into Python (chromium is not built for it), with ``home`` as HOME."""
    env = {k: v for k, v in os.environ.items()
           if k not in ("LD_PRELOAD", "ASAN_OPTIONS", "UBSAN_OPTIONS", "LSAN_OPTIONS")}
    env["HOME"] = home
    return env
