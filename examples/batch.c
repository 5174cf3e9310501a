/*
 * funnelplan example: plan every territory in one call.
 *
 * Four territories share a three-stage funnel (lead -> sql -> opportunity)
 * with their own rates and deal targets. fpl_plan_batch_compute plans them
 * all at once; the buffers are stage-major: the rate of stage k of territory
 * i is rates[k * N + i]. The figures equal fpl_plan_compute's for each
 * territory, which the program checks.
 * SPDX-License-Identifier: MIT
 */

#include "funnelplan.h"

#include <stdio.h>
#include <string.h>

enum { N = 4, STAGES = 3 };

int main(void)
{
    static const char *const territory[N] = {"North", "South", "East", "West"};
    static const char *const stage[STAGES] = {"lead", "sql", "opportunity"};
    /* rates[k * N + i]: stage k (top first) of territory i */
    const double rates[STAGES * N] = {
        0.10, 0.12, 0.08, 0.29, /* lead -> sql          */
        0.50, 0.40, 0.55, 0.69, /* sql -> opportunity   */
        0.25, 0.30, 0.20, 1.0 / 3.0, /* opportunity -> won */
    };
    const double deals[N] = {12, 20, 7.5, 145};
    double required[STAGES * N];
    double whole[STAGES * N];
    double deals_whole[N];
    fpl_plan_batch batch = {N, STAGES, rates, deals, required, whole, deals_whole};
    fpl_error bad;
    fpl_status st = fpl_plan_batch_compute(&batch, &bad);
    if (st != FPL_OK) {
        fprintf(stderr, "batch: territory %zu: %s\n", bad.index, fpl_strerror(st));
        return 1;
    }
    int failures = 0;
    printf("%-10s %8s", "territory", "deals");
    for (int k = 0; k < STAGES; ++k) {
        printf(" %12s", stage[k]);
    }
    printf("\n");
    for (int i = 0; i < N; ++i) {
        printf("%-10s %8.0f", territory[i], deals_whole[i]);
        for (int k = 0; k < STAGES; ++k) {
            printf(" %12.0f", whole[k * N + i]);
        }
        printf("\n");
        /* The same territory planned alone gives the same figures. */
        fpl_funnel f;
        memset(&f, 0, sizeof f);
        for (int k = 0; k < STAGES; ++k) {
            fpl_funnel_add_stage(&f, stage[k], strlen(stage[k]), rates[k * N + i], NULL);
        }
        fpl_terms t;
        memset(&t, 0, sizeof t);
        t.target = FPL_TARGET_DEALS;
        t.deals = deals[i];
        fpl_plan p;
        if (fpl_plan_compute(&f, &t, &p, NULL) != FPL_OK) {
            return 1;
        }
        for (int k = 0; k < STAGES; ++k) {
            if (whole[k * N + i] != (double)p.stages[k].required_whole ||
                memcmp(&required[k * N + i], &p.stages[k].required, sizeof(double)) != 0) {
                fprintf(stderr, "%s, %s: batch and single plan differ\n", territory[i],
                        stage[k]);
                failures++;
            }
        }
    }
    /* West: 145 deals at a third need exactly 435 opportunities, not 436. */
    if (whole[2 * N + 3] != 435.0) {
        fprintf(stderr, "West opportunities: %.17g, want 435\n", whole[2 * N + 3]);
        failures++;
    }
    return failures == 0 ? 0 : 1;
}
