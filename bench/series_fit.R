# What a statistician would do in R with a practice's effects: metafor's
# rma(yi, sei = se, method = "REML"), predict() and blup(), and the
# meta-regression on baseline, as `trialwise series` does.
#
#   Rscript bench/series_fit.R effects.csv figures.csv [REPS] [default|tight]
#
# effects.csv: estimate,se,baseline (one row per person, as
# bench/compare_series.sh extracts them from `trialwise series --json`).
# figures.csv gets name,value (%.17g) for the check. `default` (the default)
# runs Fisher scoring as a statistician would, with metafor's own control;
# `tight` runs it to a threshold of 1e-12 (metafor's default stops within
# about 1e-5 of the REML estimate), for the check at 1e-6.
#
# Prints: load=... read=... fit=... fit_mods=... (seconds; `fit` and
# `fit_mods` per repetition, the mean of REPS, default 20).
args <- commandArgs(trailingOnly = TRUE)
if (length(args) < 2) stop("usage: Rscript series_fit.R effects.csv figures.csv [REPS]")
reps <- if (length(args) >= 3) as.integer(args[3]) else 20L
control <- if (length(args) >= 4 && args[4] == "tight") list(threshold = 1e-12, maxiter = 10000) else list()
now <- function() proc.time()[["elapsed"]]

t0 <- now()
suppressPackageStartupMessages(library(metafor))
t1 <- now()
d <- read.csv(args[1])
t2 <- now()
pool <- function() {
  fit <- rma(d$estimate, sei = d$se, method = "REML", control = control)
  list(fit = fit, pred = predict(fit), blup = blup(fit))
}
for (i in seq_len(reps)) r <- pool()
t3 <- now()
for (i in seq_len(reps)) m <- rma(d$estimate, sei = d$se, mods = ~baseline, data = d, method = "REML", control = control)
t4 <- now()
writeLines(c("name,value",
             sprintf("estimate,%.17g", r$fit$beta[1]), sprintf("se,%.17g", r$fit$se),
             sprintf("tau2,%.17g", r$fit$tau2), sprintf("i2,%.17g", r$fit$I2),
             sprintf("pi_low,%.17g", r$pred$pi.lb), sprintf("pi_high,%.17g", r$pred$pi.ub),
             sprintf("blup_first,%.17g", r$blup$pred[1]), sprintf("slope,%.17g", m$beta[2]),
             sprintf("slope_se,%.17g", m$se[2])),
           args[2])
cat(sprintf("load=%.3f read=%.3f fit=%.5f fit_mods=%.5f k=%d\n", t1 - t0, t2 - t1, (t3 - t2) / reps,
            (t4 - t3) / reps, nrow(d)))
