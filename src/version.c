/*
 * funnelplan — run-time version queries.
 * SPDX-License-Identifier: MIT
 */

#include "funnelplan/version.h"

const char *fpl_version_string(void)
{
    return FPL_VERSION_STRING;
}

unsigned fpl_version_number(void)
{
    return (unsigned)FPL_VERSION_NUMBER;
}
