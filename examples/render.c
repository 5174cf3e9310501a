/*
 * render.c — a plan as a table, CSV, JSON or SVG, written by the library.
 * SPDX-License-Identifier: MIT
 *
 * Worked example 1 of the guide (a year's revenue of 1,000,000 at deals of
 * 50,000; 1% of leads accepted, 10% of accepted leads won), planned and
 * printed in the format named by the argument (table, csv, json or svg; json
 * when none): byte for byte what
 *     funnelplan plan --stage lead=1% --stage accepted=10% \
 *         --deal-size 50000 --revenue 1000000 --per year --format FORMAT
 * prints, since the command line prints what the library writes.
 *
 * Build it against an installed library:
 *     cc render.c $(pkg-config --cflags --libs funnelplan) -o render
 */

#include <funnelplan.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Reports a refusal with the field the library names. */
static int fail(const char *what, const fpl_error *err)
{
    fprintf(stderr, "render: %s: %s: %s\n", what, fpl_field_name(err->field),
            fpl_strerror(err->status));
    return 1;
}

int main(int argc, char **argv)
{
    fpl_error err;
    fpl_render_format format = FPL_RENDER_JSON;
    if (argc > 1 && fpl_render_format_parse(argv[1], FPL_NUL_TERMINATED, &format, &err) != FPL_OK) {
        return fail("format", &err);
    }
    fpl_funnel funnel = {0};
    if (fpl_funnel_add_stage(&funnel, "lead", strlen("lead"), 0.01, &err) != FPL_OK ||
        fpl_funnel_add_stage(&funnel, "accepted", strlen("accepted"), 0.10, &err) != FPL_OK) {
        return fail("funnel", &err);
    }

    fpl_terms terms = {0};
    terms.per = FPL_PERIOD_YEAR;
    terms.target = FPL_TARGET_REVENUE;
    terms.revenue = 1000000;
    terms.has_deal_size = true;
    terms.deal_size = 50000;

    fpl_plan plan;
    if (fpl_plan_compute(&funnel, &terms, &plan, &err) != FPL_OK) {
        return fail("plan", &err);
    }

    /* Like snprintf: ask for the length with capacity 0, then write. */
    size_t len = 0;
    if (fpl_plan_render(&funnel, &plan, NULL, NULL, 0, format, NULL, 0, &len, &err) != FPL_OK) {
        return fail("render", &err);
    }
    char *text = malloc(len + 1);
    if (text == NULL) {
        fputs("render: out of memory\n", stderr);
        return 1;
    }
    if (fpl_plan_render(&funnel, &plan, NULL, NULL, 0, format, text, len + 1, &len, &err) !=
        FPL_OK) {
        free(text);
        return fail("render", &err);
    }
    fwrite(text, 1, len, stdout);
    free(text);
    return fclose(stdout) == 0 ? 0 : 1;
}
