/*
 * funnelplan — the valid inputs of the NULL sweep (null_sweep.py writes the
 * calls; see there). One value of every type a public function takes by
 * pointer, each valid, rebuilt before every call so that no call sees what
 * an earlier one did to it.
 * SPDX-License-Identifier: MIT
 */

#ifndef FPL_NULL_SWEEP_FIXTURE_H
#define FPL_NULL_SWEEP_FIXTURE_H

#include "fpl_test.h"

enum {
    FX_BUF = 1 << 16,   /* room for any rendering of the fixture's results */
    FX_NODES = 4096,    /* nodes of a view: more than any describer needs */
    FX_TRIALS = 64,     /* simulation trials: few, the sweep calls it often */
    FX_ROWS = 4,        /* CSV rows */
    FX_LIST = 12        /* numbers of a list */
};

/* A text sink that counts the bytes it is given. */
static const char *const fx_candidates[] = {"lead", "opportunity"};
static size_t fx_sink_bytes;
static void fx_sink(void *ctx, const char *text, size_t len)
{
    (void)ctx;
    (void)text;
    fx_sink_bytes += len;
}

typedef struct fx_state {
    fpl_funnel funnel;
    fpl_terms terms;
    fpl_plan plan;
    fpl_odds_plan odds_plan;
    fpl_mix mix;
    fpl_mix mixes[1];
    size_t n_mixes;
    fpl_forecast_input forecast_input;
    fpl_forecast forecast;
    fpl_whatif_input whatif_input;
    fpl_whatif whatif;
    fpl_sensitivity_input sensitivity_input;
    fpl_sensitivity sensitivity;
    fpl_solve_input solve_input;
    fpl_solve solve;
    fpl_odds_input odds_input;
    fpl_odds odds;
    fpl_odds_sim_input odds_sim_input;
    double work[2 * FX_TRIALS];
    fpl_odds_sim odds_sim;
    fpl_schedule_input schedule_input;
    fpl_schedule schedule;
    fpl_pace_input pace_input;
    fpl_pace pace;
    fpl_date start;
    fpl_date as_of;
    fpl_date date;
    fpl_month month;
    fpl_channel channel;
    fpl_channels_input channels_input;
    fpl_channels channels;
    fpl_change change;
    fpl_criteria criteria;
    double answers[4];
    fpl_lead_score lead_score;
    fpl_lead_score lead_score_b;
    fpl_csv_reader csv_reader;
    fpl_csv_reader csv_reader_b; /* begun, no outcome column yet */
    fpl_criteria criteria_b;
    double fit_answers[10 * 4];   /* 10 leads of BANT, both outcomes in both parts */
    bool fit_won[10];
    double fit_work[2];
    fpl_score_fit_result score_fit_result;
    fpl_score_fit_source score_fit_source;
    double won_values[2];
    double lost_values[3];
    fpl_csv_row csv_row;
    fpl_csv_row rows[FX_ROWS];
    fpl_score_tally score_tally;
    fpl_score_writer score_writer;
    double rates[2 * 2];
    double deals[2];
    double required[2 * 2];
    double required_whole[2 * 2];
    double deals_whole[2];
    fpl_plan_batch plan_batch;
    double batch_revenue[2];
    double batch_deal_size[2];
    double batch_cost[2];
    double batch_deals[2];
    double batch_budget[2];
    double batch_cost_per_deal[2];
    fpl_status batch_status[2];
    double batch_cost_out[2];
    fpl_plan_batch_terms plan_batch_terms;
    fpl_node view_nodes[FX_NODES];
    fpl_view view;         /* a view with its root object open: leaves go in */
    fpl_node nodes[FX_NODES];
    size_t n_nodes;        /* a whole view (of the plan) in nodes */
    fpl_error error;       /* a failure to describe: `0,25` read as a rate */
    char error_text[8];
    double list[FX_LIST];
    char buf[FX_BUF];
    fpl_learn_options learn_options;
    fpl_learn_form learn_form;
    fpl_learn learn;
    fpl_learn learn_fresh; /* what fpl_learn_begin() is swept on */
    fpl_learn_result learn_result;
    fpl_learn_skipped learn_skipped[4];
    unsigned char learn_work[FPL_LEARN_WORK_MIN];
    unsigned char learn_work_fresh[FPL_LEARN_WORK_MIN];
    unsigned char learn_work_grow[FPL_LEARN_WORK_MIN];
    uint64_t learn_scratch[64];
} fx_state;

static fx_state fx;

#define FX_OK(call) assert_int_equal((call), FPL_OK)
#define FX_TEXT(lit) (lit), (sizeof(lit) - 1)

static void fx_reset(void)
{
    memset(&fx, 0, sizeof fx);
    fpl_test_add(&fx.funnel, "lead", 0.25);
    fpl_test_add(&fx.funnel, "mql", 0.4);
    fpl_test_add(&fx.funnel, "deal", 0.3);
    fx.terms.per = FPL_PERIOD_MONTH;
    fx.terms.target = FPL_TARGET_REVENUE;
    fx.terms.revenue = 100000.0;
    fx.terms.has_deal_size = true;
    fx.terms.deal_size = 5000.0;
    fx.terms.has_cost_per_lead = true;
    fx.terms.cost_per_lead = 10.0;
    FX_OK(fpl_plan_compute(&fx.funnel, &fx.terms, &fx.plan, NULL));
    FX_OK(fpl_odds_plan_compute(&fx.funnel, &fx.terms, 0.9, &fx.odds_plan, NULL));
    FX_OK(fpl_mix_parse(&fx.funnel, FX_TEXT("mql=hot:20%@60%,cold:80%@30%"), &fx.mix, NULL));
    fx.mixes[0] = fx.mix;
    fx.n_mixes = 1;

    fx.forecast_input.volume = 400.0;
    FX_OK(fpl_forecast_compute(&fx.funnel, &fx.terms, &fx.forecast_input, &fx.forecast, NULL));

    FX_OK(fpl_change_parse(&fx.funnel, FX_TEXT("deal-size=+10%"), &fx.change, NULL));
    fx.whatif_input.has_volume = true;
    fx.whatif_input.volume = fx.forecast_input;
    fx.whatif_input.n_changes = 1;
    fx.whatif_input.changes[0] = fx.change;
    FX_OK(fpl_whatif_compute(&fx.funnel, &fx.terms, &fx.whatif_input, &fx.whatif, NULL));
    FX_OK(fpl_sensitivity_compute(&fx.funnel, &fx.terms, &fx.sensitivity_input,
                                  &fx.sensitivity, NULL));
    fx.solve_input.volume = fx.forecast_input;
    fx.solve_input.lever = FPL_LEVER_DEAL_SIZE;
    FX_OK(fpl_solve_compute(&fx.funnel, &fx.terms, &fx.solve_input, &fx.solve, NULL));

    fx.odds_input.volume = 400.0;
    FX_OK(fpl_odds_compute(&fx.funnel, &fx.terms, &fx.odds_input, &fx.odds, NULL));
    fpl_odds_sim_input_init(&fx.odds_sim_input);
    fx.odds_sim_input.volume = 400.0;
    fx.odds_sim_input.trials = FX_TRIALS;
    FX_OK(fpl_odds_simulate(&fx.funnel, &fx.terms, &fx.odds_sim_input, fx.work,
                            2 * FX_TRIALS, &fx.odds_sim, NULL));

    fx.schedule_input.start = (fpl_month){2026, 1};
    fx.schedule_input.months = 3;
    FX_OK(fpl_schedule_compute(&fx.funnel, &fx.terms, &fx.schedule_input, &fx.schedule, NULL));
    fx.pace_input.elapsed = 0.5;
    fx.pace_input.has_actual[0] = true;
    fx.pace_input.actual[0] = 300.0;
    FX_OK(fpl_pace_compute(&fx.funnel, &fx.terms, &fx.pace_input, &fx.pace, NULL));
    fx.start = (fpl_date){2026, 3, 1};
    fx.as_of = (fpl_date){2026, 3, 16};
    fx.date = fx.as_of;
    fx.month = fx.schedule_input.start;

    FX_OK(fpl_channel_parse(FX_TEXT("ads: cost-per-lead=20, capacity=400"), &fx.channel, NULL));
    fx.channels_input.channels[0] = fx.channel;
    FX_OK(fpl_channel_parse(FX_TEXT("events: cost-per-lead=60, rate=20%"),
                            &fx.channels_input.channels[1], NULL));
    fx.channels_input.n_channels = 2;
    FX_OK(fpl_channels_compute(&fx.funnel, &fx.terms, &fx.channels_input, &fx.channels, NULL));

    FX_OK(fpl_criteria_bant(&fx.criteria, NULL));
    fx.answers[0] = 1.0;
    fx.answers[1] = 1.0;
    fx.answers[2] = 0.5;
    fx.answers[3] = 1.0;
    FX_OK(fpl_score_lead(&fx.criteria, fx.answers, 4, &fx.lead_score, NULL));
    fx.answers[2] = 0.0;
    FX_OK(fpl_score_lead(&fx.criteria, fx.answers, 4, &fx.lead_score_b, NULL));
    FX_OK(fpl_csv_begin(&fx.csv_reader, &fx.criteria, FX_TEXT("id"), NULL));
    FX_OK(fpl_csv_begin(&fx.csv_reader_b, &fx.criteria, FX_TEXT("id"), NULL));
    for (int i = 0; i < 10; ++i) {
        const double a[4] = {i % 2, (i % 3) / 2.0, 1.0, i % 4 == 0};
        memcpy(fx.fit_answers + 4 * i, a, sizeof a);
        fx.fit_won[i] = (i % 2 == 0) != (i == 4 || i == 9); /* held back: 4 lost, 9 won */
    }
    FX_OK(fpl_score_fit(&fx.criteria, fx.fit_answers, fx.fit_won, 10, fx.fit_work, 2,
                        &fx.score_fit_result, NULL));
    fx.score_fit_source = (fpl_score_fit_source){"bant", "outcome", 1, 2};
    fx.won_values[0] = 3.0;
    fx.won_values[1] = 1.0;
    fx.lost_values[0] = 1.0;
    fx.lost_values[1] = 0.0;
    fx.lost_values[2] = 2.0;
    fx.csv_row.line = 2;
    strcpy(fx.csv_row.id, "a");
    fx.csv_row.score = fx.lead_score;
    fpl_score_tally_add(&fx.score_tally, &fx.csv_row);
    fx_sink_bytes = 0;
    FX_OK(fpl_score_render_begin(&fx.score_writer, FPL_RENDER_TABLE, &fx.criteria, "id",
                                 &fx.score_tally, 1, 1, fx_sink, NULL, NULL));

    const double rates[] = {0.25, 0.5, 0.4, 0.5};
    memcpy(fx.rates, rates, sizeof rates);
    fx.deals[0] = 3.0;
    fx.deals[1] = 4.0;
    fx.plan_batch = (fpl_plan_batch){2, 2, fx.rates, fx.deals, fx.required,
                                     fx.required_whole, fx.deals_whole};
    fx.batch_revenue[0] = 3000.0;
    fx.batch_revenue[1] = 8000.0;
    fx.batch_deal_size[0] = 1000.0;
    fx.batch_deal_size[1] = 2000.0;
    fx.batch_cost[0] = 2.0;
    fx.batch_cost[1] = 0.0;
    fx.plan_batch_terms = (fpl_plan_batch_terms){FPL_PERIOD_QUARTER, fx.batch_revenue,
                                                 fx.batch_deal_size, fx.batch_cost,
                                                 fx.batch_deals, fx.batch_budget,
                                                 fx.batch_cost_per_deal, fx.batch_status,
                                                 fx.batch_cost_out};

    fpl_view_init(&fx.view, fx.view_nodes, FX_NODES);
    fpl_view_object(&fx.view, NULL);
    fpl_view view;
    fpl_view_init(&view, fx.nodes, FX_NODES);
    FX_OK(fpl_view_plan(&view, NULL, &fx.funnel, &fx.plan, NULL, NULL));
    FX_OK(fpl_view_check(&view, NULL));
    fx.n_nodes = view.count;

    static const char history[] = "id,stage,date,amount\n"
                                  "a,lead,2026-01-05,\na,won,2026-02-01,5000\n"
                                  "b,lead,2026-01-10,\nb,lost,2026-01-20,\n";
    size_t n_skipped = 0;
    size_t used = 0;
    FX_OK(fpl_learn_begin(&fx.learn, &fx.learn_options, fx.learn_work, sizeof fx.learn_work,
                          NULL));
    FX_OK(fpl_learn_feed(&fx.learn, history, sizeof history - 1, true, fx.learn_skipped, 4,
                         &n_skipped, &used, NULL));
    FX_OK(fpl_learn_finish(&fx.learn, fx.learn_scratch, sizeof fx.learn_scratch,
                           &fx.learn_result, NULL));

    memcpy(fx.error_text, "0,25", 5);
    double rate;
    assert_int_not_equal(fpl_parse_rate(fx.error_text, 4, &rate, &fx.error), FPL_OK);
}

/* The JSON of the fixture's view once its root is closed: what a describer
 * or a leaf added to it must leave readable. Its length, 0 when it could
 * not be written. */
static size_t fx_view_json(void)
{
    fpl_view_close(&fx.view);
    if (fpl_view_check(&fx.view, NULL) != FPL_OK) {
        return 0;
    }
    return fpl_view_json(fx.view.nodes, fx.view.count, fx.buf, sizeof fx.buf);
}

/* What one call gave: its result, its error, the length it reported and
 * the JSON of the fixture's view after it. */
typedef struct fx_res {
    fpl_status st;
    fpl_error e;
    size_t size;
    const char *str;
    bool flag;
    double num;
    unsigned u;
    size_t json;
} fx_res;

static fx_res fx_begin(void)
{
    fx_reset();
    fx_res r;
    memset(&r, 0, sizeof r);
    r.e.status = FPL_OK;
    return r;
}

/* Prints what a call gave when it is not what the header promises; 1 then. */
static int fx_check(bool ok, const char *fn, const char *param, bool zero,
                    fpl_render_format format, const fx_res *r)
{
    if (ok) {
        return 0;
    }
    print_error("%s: %s NULL%s (format %s): status %s, error %s, size %zu, string %s, "
                "flag %d, number %.17g, view JSON %zu bytes\n",
                fn, param, zero ? " with a size of 0" : "", fpl_render_format_name(format),
                fpl_status_name(r->st), fpl_status_name(r->e.status), r->size,
                r->str != NULL ? r->str : "(null)", (int)r->flag, r->num, r->json);
    return 1;
}

#endif /* FPL_NULL_SWEEP_FIXTURE_H */
