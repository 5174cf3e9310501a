/*
 * funnelplan — helpers shared by the calculation modules (not installed).
 * SPDX-License-Identifier: MIT
 */

#ifndef FUNNELPLAN_INTERNAL_H
#define FUNNELPLAN_INTERNAL_H

#include "funnelplan/common.h"

#include <math.h>

/* x per period `from` expressed per period `to`: x · months(to) / months(from),
 * one rounding when the product is finite. */
static inline double fpl__rescale(double x, fpl_period from, fpl_period to)
{
    if (from == to) {
        return x;
    }
    double mto = (double)fpl_period_months(to);
    double mfrom = (double)fpl_period_months(from);
    double y = x * mto;
    return isfinite(y) ? y / mfrom : x / mfrom * mto;
}

/* Tracks whether every figure of a result is a finite double. */
static inline double fpl__track(double x, bool *finite)
{
    if (!isfinite(x)) {
        *finite = false;
    }
    return x;
}

/* The whole count for a tolerant ceiling, or false when it exceeds 2^53. */
static inline bool fpl__whole(double x, double *out)
{
    double w = fpl_ceil_tolerant(x);
    if (!(w <= FPL_WHOLE_MAX)) {
        return false;
    }
    *out = w;
    return true;
}

#endif /* FUNNELPLAN_INTERNAL_H */
