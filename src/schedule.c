/*
 * funnelplan — month by month: seasonality, stage lags, capacity, velocity.
 * SPDX-License-Identifier: MIT
 */

#include "funnelplan/schedule.h"
#include "funnelplan/parse.h"

#include "internal.h"

#include <float.h>
#include <math.h>
#include <string.h>

double fpl_days_per_month(void)
{
    return FPL_DAYS_PER_MONTH;
}

/* ---- calendar ------------------------------------------------------------ */

static bool digits(const char *s, size_t n, int *out)
{
    int v = 0;
    for (size_t i = 0; i < n; ++i) {
        if (s[i] < '0' || s[i] > '9') {
            return false;
        }
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return true;
}

/* A refused month or date: the part at fault (the whole text when its shape
 * is wrong); the field is the caller's (a start, an as-of day). */
static fpl_status bad_date(fpl_error *err, size_t offset, size_t length)
{
    return fpl__fail_at(err, FPL_ERR_DATE, FPL_FIELD_NONE, FPL_NO_INDEX, offset, length);
}

/* yyyy-mm, and -dd when day (else out->day is 1). */
static fpl_status parse_ymd(const char *text, size_t len, bool day, fpl_date *out, fpl_error *err)
{
    fpl__begin(err);
    len = fpl__text_len(text, len);
    if (text == NULL || out == NULL) {
        return fpl__done(err, FPL_ERR_NULL);
    }
    int y;
    int m;
    int d = 1;
    if (len != (day ? 10u : 7u) || text[4] != '-' || (day && text[7] != '-')) {
        return bad_date(err, 0, len);
    }
    if (!digits(text, 4, &y) || y < 1) {
        return bad_date(err, 0, 4);
    }
    if (!digits(text + 5, 2, &m) || m < 1 || m > 12) {
        return bad_date(err, 5, 2);
    }
    if (day && (!digits(text + 8, 2, &d) || d < 1 || d > fpl__days_in_month(y, m))) {
        return bad_date(err, 8, 2);
    }
    out->year = y;
    out->month = m;
    out->day = d;
    return FPL_OK;
}

fpl_status fpl_month_parse(const char *text, size_t len, fpl_month *out, fpl_error *err)
{
    fpl_date d;
    fpl_status st = parse_ymd(text, len, false, out != NULL ? &d : NULL, err);
    if (st == FPL_OK) {
        out->year = d.year;
        out->month = d.month;
    }
    return st;
}

fpl_status fpl_date_parse(const char *text, size_t len, fpl_date *out, fpl_error *err)
{
    return parse_ymd(text, len, true, out, err);
}

/* ---- lags and lists ------------------------------------------------------ */

fpl_status fpl_lag_parse(const char *text, size_t len, double *months_out, fpl_error *err)
{
    fpl__begin(err);
    len = fpl__text_len(text, len);
    if (text == NULL || months_out == NULL) {
        return fpl__done(err, FPL_ERR_NULL);
    }
    double days_per_unit = 1.0;
    size_t n = len;
    if (n > 0) {
        switch (text[n - 1]) {
        case 'd': n--; break;
        case 'w': n--; days_per_unit = 7.0; break;
        case 'm': n--; days_per_unit = FPL_DAYS_PER_MONTH; break;
        default: break;
        }
    }
    double v;
    fpl_error num;
    if (n == 0) {
        return fpl__fail_at(err, FPL_ERR_LAG, FPL_FIELD_LAG, FPL_NO_INDEX, 0, len);
    }
    if (fpl_parse_amount(text, n, &v, &num) != FPL_OK) {
        /* the bytes the number's parser blamed (0 length: the number); a
         * number that reads two ways says so */
        return fpl__fail_at(err, num.status == FPL_ERR_PARSE_AMBIGUOUS ? num.status : FPL_ERR_LAG, FPL_FIELD_LAG, FPL_NO_INDEX, num.offset,
                            num.length != 0 ? num.length : n);
    }
    /* months are taken as they are: no round trip through days */
    const double months = text[len - 1] == 'm' ? v : v * days_per_unit / FPL_DAYS_PER_MONTH;
    if (!(months <= (double)FPL_SCHEDULE_MAX_LEAD)) {
        return fpl__fail_at(err, FPL_ERR_LAG, FPL_FIELD_LAG, FPL_NO_INDEX, 0, len);
    }
    *months_out = months;
    return FPL_OK;
}

/*
 * Whether the comma at j, after the item that starts at a, could as well
 * be a thousands group: the item is one to three digits up to the comma
 * and three digits follow it, then no digit (1,500,2000 is 1500 and 2000,
 * or 1, 500 and 2000). Returns the end of those three digits, 0 when the
 * comma only separates. A blank on either side of a comma separates.
 */
static size_t comma_group(const char *text, size_t len, size_t a, size_t j)
{
    if (j >= len || j - a < 1 || j - a > 3) {
        return 0;
    }
    for (size_t k = a; k < j; ++k) {
        if (text[k] < '0' || text[k] > '9') {
            return 0;
        }
    }
    size_t e = j + 1;
    while (e < len && e < j + 5 && text[e] >= '0' && text[e] <= '9') {
        ++e;
    }
    return e == j + 4 ? e : 0;
}

fpl_status fpl_list_parse(const char *text, size_t len, double *out, size_t capacity,
                          size_t *count_out, fpl_error *err)
{
    fpl__begin(err);
    len = fpl__text_len(text, len);
    if (text == NULL || out == NULL || count_out == NULL) {
        return fpl__done(err, FPL_ERR_NULL);
    }
    size_t count = 0;
    /* With a ';' anywhere the items are separated by ';' and a comma groups
     * thousands inside an item (1,500;2,000); otherwise by ','. */
    const char sep = memchr(text, ';', len) != NULL ? ';' : ',';
    /* first pass: check everything, so that nothing is written on error */
    for (int pass = 0; pass < 2; ++pass) {
        count = 0;
        size_t i = 0;
        for (;;) {
            size_t j = i;
            while (j < len && text[j] != sep) {
                ++j;
            }
            size_t a = i;
            size_t b = j;
            while (a < b && (text[a] == ' ' || text[a] == '\t')) {
                ++a;
            }
            while (b > a && (text[b - 1] == ' ' || text[b - 1] == '\t')) {
                --b;
            }
            double v;
            fpl_error num;
            /* the item at fault: its index and bytes; the field is the
             * caller's (seasonality or a target per month) */
            if (b == a || fpl_parse_amount(text + a, b - a, &v, &num) != FPL_OK) {
                const bool two_ways = b > a && num.status == FPL_ERR_PARSE_AMBIGUOUS;
                return fpl__fail_at(err, two_ways ? num.status : FPL_ERR_WEIGHTS, FPL_FIELD_NONE,
                                    count, a, b - a);
            }
            const size_t group = sep == ',' ? comma_group(text, len, a, j) : 0;
            if (group > 0) {
                return fpl__fail_at(err, FPL_ERR_PARSE_AMBIGUOUS, FPL_FIELD_NONE, count, a,
                                    group - a);
            }
            if (count >= capacity) {
                return fpl__fail_at(err, FPL_ERR_WEIGHTS_COUNT, FPL_FIELD_NONE, count, a, b - a);
            }
            if (pass == 1) {
                out[count] = v;
            }
            ++count;
            if (j >= len) {
                break;
            }
            i = j + 1;
        }
    }
    *count_out = count;
    return FPL_OK;
}

/* ---- the schedule -------------------------------------------------------- */

/* Moves `amount`, needed in relative month u, back by `lag` months into the
 * entering volume of `stage`, rows indexed from relative month -lead. */
static void shift_back(fpl_schedule_row *rows, size_t stage, size_t lead, long u, double lag,
                       double amount)
{
    double whole;
    double frac;
    fpl__split_lag(lag, &whole, &frac);
    const long to = u - (long)whole + (long)lead;
    if (frac > 0.0) {
        rows[to].entering[stage] += amount * (1.0 - frac);
        rows[to - 1].entering[stage] += amount * frac;
    } else {
        rows[to].entering[stage] += amount;
    }
}

static fpl_month month_at(fpl_month start, long offset)
{
    const long index = (long)start.year * 12 + (start.month - 1) + offset;
    fpl_month m;
    m.year = (int)(index / 12);
    m.month = (int)(index % 12) + 1;
    return m;
}

fpl_status fpl_schedule_compute(const fpl_funnel *funnel, const fpl_terms *terms,
                                const fpl_schedule_input *input, fpl_schedule *out, fpl_error *err)
{
    fpl__begin(err);
    if (funnel == NULL || terms == NULL || input == NULL || out == NULL) {
        return fpl__done(err, FPL_ERR_NULL);
    }
    fpl_status st = fpl__check_question(funnel, terms, err);
    if (st != FPL_OK) {
        return fpl__done(err, st);
    }
    const size_t n = funnel->n_stages;
    const fpl_month start = input->start;
    if (start.year < 1 || start.year > 9999 || start.month < 1 || start.month > 12) {
        return fpl__fail(err, FPL_ERR_DATE, FPL_FIELD_START, FPL_NO_INDEX);
    }
    if (input->months < 1 || input->months > FPL_SCHEDULE_MAX_MONTHS) {
        return fpl__fail(err, FPL_ERR_MONTHS, FPL_FIELD_MONTHS, FPL_NO_INDEX);
    }
    const unsigned months = input->months;

    /* lags: each rounded up and summed is how far back volume can reach */
    double total_lag = 0.0;
    size_t lead = 0;
    for (size_t i = 0; i < n; ++i) {
        const double lag = input->lag[i];
        if (!(isfinite(lag) && lag >= 0.0 && lag <= (double)FPL_SCHEDULE_MAX_LEAD)) {
            return fpl__fail(err, FPL_ERR_LAG, FPL_FIELD_LAG, i);
        }
        total_lag += lag;
        lead += (size_t)fpl__lag_reach(lag);
        if (lead > FPL_SCHEDULE_MAX_LEAD) {
            return fpl__fail(err, FPL_ERR_LAG, FPL_FIELD_LAG, i); /* the lag that passes it */
        }
    }
    const long first = (long)start.year * 12 + (start.month - 1) - (long)lead;
    const long last = (long)start.year * 12 + (start.month - 1) + (long)months - 1;
    if (first < 12 || last > 9999L * 12 + 11) {
        /* the span, with the months the lags need before it, leaves the calendar */
        return fpl__fail(err, FPL_ERR_DATE, FPL_FIELD_START, FPL_NO_INDEX);
    }

    const bool has_size = terms->has_deal_size;
    const double size = terms->deal_size;
    double month_deals[FPL_SCHEDULE_MAX_MONTHS];
    if (input->has_monthly) {
        if (input->monthly_kind != FPL_TARGET_REVENUE && input->monthly_kind != FPL_TARGET_DEALS) {
            return fpl__done(err, FPL_ERR_TARGET);
        }
        const fpl_field field = input->monthly_kind == FPL_TARGET_REVENUE
                                    ? FPL_FIELD_MONTHLY_REVENUE
                                    : FPL_FIELD_MONTHLY_DEALS;
        if (input->monthly_kind == FPL_TARGET_REVENUE && !has_size) {
            return fpl__fail(err, FPL_ERR_DEAL_SIZE_MISSING, field, FPL_NO_INDEX);
        }
        double sum = 0.0;
        for (unsigned t = 0; t < months; ++t) {
            const double v = input->monthly[t];
            if (!(isfinite(v) && v >= 0.0)) {
                return fpl__fail(err, FPL_ERR_WEIGHTS, field, t);
            }
            month_deals[t] = input->monthly_kind == FPL_TARGET_REVENUE ? v / size : v;
            sum += month_deals[t];
        }
        if (!(sum > 0.0)) {
            return fpl__fail(err, FPL_ERR_WEIGHTS, field, FPL_NO_INDEX);
        }
    } else {
        if (terms->target == FPL_TARGET_NONE) {
            return fpl__done(err, FPL_ERR_TARGET);
        }
        const double per_period = terms->target == FPL_TARGET_REVENUE
                                      ? terms->revenue / terms->deal_size
                                      : terms->deals;
        const double per_month = fpl__rescale(per_period, terms->per, FPL_PERIOD_MONTH);
        const double span = per_month * (double)months;
        /* Weights are divided by the largest first, so that neither tiny
         * (subnormal) nor huge weights lose the deals to under- or overflow:
         * each quotient is a correctly rounded normal number. */
        if (input->has_weights) {
            for (int m = 0; m < 12; ++m) { /* all twelve, in the span or not */
                if (!(isfinite(input->weights[m]) && input->weights[m] >= 0.0)) {
                    return fpl__fail(err, FPL_ERR_WEIGHTS, FPL_FIELD_SEASONALITY, (size_t)m);
                }
            }
        }
        double weight_max = 0.0;
        for (unsigned t = 0; t < months; ++t) {
            double w = 1.0;
            if (input->has_weights) {
                w = input->weights[month_at(start, (long)t).month - 1];
            }
            month_deals[t] = w;
            weight_max = w > weight_max ? w : weight_max;
        }
        if (!(weight_max > 0.0)) {
            /* every month is even (no seasonality) or the weights are */
            return fpl__fail(err, FPL_ERR_WEIGHTS, FPL_FIELD_SEASONALITY, FPL_NO_INDEX);
        }
        double weight_sum = 0.0;
        for (unsigned t = 0; t < months; ++t) {
            month_deals[t] /= weight_max;
            weight_sum += month_deals[t];
        }
        for (unsigned t = 0; t < months; ++t) {
            month_deals[t] = span * (month_deals[t] / weight_sum);
        }
    }
    const bool has_reps = input->has_reps;
    if (has_reps && !(isfinite(input->reps) && input->reps > 0.0)) {
        return fpl__fail(err, FPL_ERR_REPS, FPL_FIELD_REPS, FPL_NO_INDEX);
    }
    double attainment = 1.0;
    if (input->has_quota) {
        if (!(isfinite(input->quota) && input->quota > 0.0)) {
            return fpl__fail(err, FPL_ERR_QUOTA, FPL_FIELD_QUOTA, FPL_NO_INDEX);
        }
        if (input->has_attainment) {
            attainment = input->attainment;
            if (!(attainment > 0.0 && attainment <= 1.0)) {
                return fpl__fail(err, FPL_ERR_ATTAINMENT, FPL_FIELD_ATTAINMENT, FPL_NO_INDEX);
            }
        }
        if (!has_size) {
            return fpl__fail(err, FPL_ERR_DEAL_SIZE_MISSING, FPL_FIELD_QUOTA, FPL_NO_INDEX);
        }
    }

    /* Bounds first, so that the (large) result is untouched on error and no
     * work array is needed: the entries of stage i are shares of the span's
     * deals / cumulative rate(i), so when that bound is finite (with a
     * factor of 4 to spare for rounding), so is every entry, per rep too. */
    bool finite = true;
    const double reps = has_reps ? input->reps : 1.0;
    const double room = DBL_MAX / 4.0;
    double deals_total = 0.0;
    for (unsigned t = 0; t < months; ++t) {
        deals_total += month_deals[t];
    }
    double cumulative = 1.0;
    for (size_t i = n; i-- > 0;) {
        cumulative *= funnel->stages[i].rate;
        const double bound = deals_total / cumulative;
        if (!(bound <= room && bound / reps <= room)) {
            finite = false;
        }
    }
    if (!(deals_total / reps <= room)) {
        finite = false;
    }
    const double revenue = has_size ? deals_total * size : 0.0;
    if (!(revenue <= room)) {
        finite = false;
    }
    double reps_needed = 0.0;
    double reps_whole = 0.0;
    if (input->has_quota && finite) {
        /* revenue per period of the terms / (quota · attainment) */
        const double per_period =
            fpl__rescale(revenue / (double)months, FPL_PERIOD_MONTH, terms->per);
        reps_needed = fpl__track(per_period / (input->quota * attainment), &finite);
        if (finite && !fpl__whole(reps_needed, &reps_whole)) {
            finite = false;
        }
    }
    const double cycle = input->lag[n - 1];
    const bool has_velocity = has_size && cycle > 0.0;
    const double cycle_days = cycle * FPL_DAYS_PER_MONTH;
    if (has_velocity && finite) {
        /* opportunities a month · win rate is about the deals a month */
        const double estimate = deals_total / (double)months * size / cycle_days;
        if (!(estimate <= room)) {
            finite = false;
        }
    }
    if (!finite) {
        return fpl__done(err, FPL_ERR_OVERFLOW);
    }
    const size_t rows = lead + months;

    memset(out, 0, sizeof *out);
    out->per = terms->per;
    out->n_stages = n;
    out->start = start;
    out->months = months;
    out->lead_months = lead;
    out->n_rows = rows;
    out->total_lag = total_lag;
    out->deals = deals_total;
    out->has_revenue = has_size;
    if (has_size) {
        out->deal_size = size;
        out->revenue = revenue;
    }
    out->has_reps = has_reps;
    out->reps = has_reps ? reps : 0.0;
    for (size_t i = 0; i < n; ++i) {
        out->lag_months[i] = input->lag[i];
        out->lag_days[i] = input->lag[i] * FPL_DAYS_PER_MONTH;
    }
    fpl_schedule_row *rowv = out->rows;
    for (size_t row = 0; row < rows; ++row) {
        fpl_schedule_row *w = &rowv[row];
        const long u = (long)row - (long)lead;
        w->month = month_at(start, u);
        w->in_span = u >= 0;
        if (u >= 0) {
            w->deals = month_deals[u];
            w->share = month_deals[u] / deals_total;
            if (has_size) {
                w->revenue = w->deals * size;
            }
        }
    }
    /* From the bottom of the funnel up, each stage's needs moved back by its lag. */
    for (size_t i = n; i-- > 0;) {
        const double rate = funnel->stages[i].rate;
        const double lag = input->lag[i];
        for (size_t row = 0; row < rows; ++row) {
            const long u = (long)row - (long)lead; /* relative to the start */
            const double need = i + 1 == n ? rowv[row].deals : rowv[row].entering[i + 1];
            if (need > 0.0) {
                shift_back(rowv, i, lead, u, lag, need / rate);
            }
        }
    }
    for (size_t row = 0; row < rows; ++row) {
        fpl_schedule_row *w = &rowv[row];
        for (size_t i = 0; i < n; ++i) {
            out->totals[i] += w->entering[i];
            if (has_reps) {
                w->entering_per_rep[i] = w->entering[i] / reps;
            }
        }
        if (has_reps) {
            w->deals_per_rep = w->deals / reps;
        }
    }
    out->has_reps_needed = input->has_quota;
    out->reps_needed = reps_needed;
    out->reps_needed_whole = reps_whole;
    if (input->has_quota) {
        out->quota = input->quota;
        out->attainment = attainment;
    }
    out->has_weights = input->has_weights;
    if (input->has_weights) {
        memcpy(out->weights, input->weights, sizeof out->weights);
    }
    out->has_monthly = input->has_monthly;
    if (input->has_monthly) {
        out->monthly_kind = input->monthly_kind;
        memcpy(out->monthly, input->monthly, months * sizeof out->monthly[0]);
    }
    out->has_velocity = has_velocity;
    if (has_velocity) {
        out->velocity_opportunities = out->totals[n - 1] / (double)months;
        out->velocity_cycle_days = cycle_days;
        out->velocity = out->velocity_opportunities * funnel->stages[n - 1].rate * size /
                        cycle_days;
    }
    return FPL_OK;
}
