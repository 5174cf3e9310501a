#!/usr/bin/env python3
# SPDX-License-Identifier: MIT
"""Runs two programs and fails unless both succeed with the same stdout,
byte for byte.

Usage: same_output.py PROGRAM [ARG...] -- OTHER [ARG...]
"""
import subprocess
import sys


def main() -> int:
    args = sys.argv[1:]
    split = args.index("--")
    first, second = args[:split], args[split + 1:]
    outputs = []
    for command in (first, second):
        run = subprocess.run(command, capture_output=True, check=False)
        if run.returncode != 0:
            sys.stderr.write("%s exited %d: %s" % (command[0], run.returncode,
                                                   run.stderr.decode(errors="replace")))
            return 1
        outputs.append(run.stdout)
    if outputs[0] != outputs[1]:
        sys.stderr.write("outputs differ:\n--- %s\n%s\n--- %s\n%s\n"
                         % (first[0], outputs[0].decode(errors="replace"),
                            second[0], outputs[1].decode(errors="replace")))
        return 1
    print("same %d bytes" % len(outputs[0]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
