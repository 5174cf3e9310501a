/*
 * funnelplan — sales-funnel planning library.
 * SPDX-License-Identifier: MIT
 */

/**
 * @file funnelplan.h
 * @brief Umbrella header: includes every module of the public API.
 *
 * Link with `pkg-config --libs funnelplan`. Every module header may also be
 * included on its own.
 */

#ifndef FUNNELPLAN_H
#define FUNNELPLAN_H

#include "funnelplan/common.h"
#include "funnelplan/version.h"
#include "funnelplan/parse.h"
#include "funnelplan/funnel.h"
#include "funnelplan/terms.h"
#include "funnelplan/plan.h"
#include "funnelplan/forecast.h"
#include "funnelplan/whatif.h"
#include "funnelplan/sensitivity.h"
#include "funnelplan/solve.h"
#include "funnelplan/batch.h"
#include "funnelplan/odds.h"
#include "funnelplan/channels.h"
#include "funnelplan/schedule.h"
#include "funnelplan/pace.h"
#include "funnelplan/score.h"
#include "funnelplan/learn.h"
#include "funnelplan/mix.h"
#include "funnelplan/limits.h"
#include "funnelplan/format.h"
#include "funnelplan/render.h"
#include "funnelplan/svg.h"

#endif /* FUNNELPLAN_H */
