/*
 * funnelplan — the command-line tool's entry point; everything else lives in
 * the other files of bindings/cli so that tests and fuzzers can drive it.
 * SPDX-License-Identifier: MIT
 */

#include "cli.h"

int main(int argc, char **argv)
{
    return cli_main(argc, argv);
}
