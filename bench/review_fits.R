# What a researcher would do in R for the review's effect on many trials:
# for each trial, lm(y ~ active) with Newey-West standard errors
# (sandwich::NeweyWest, Bartlett weights, lag floor(4*(n/100)^(2/9)), no
# prewhitening, no small-sample adjustment), the estimate and SE of `active`.
#
#   Rscript bench/review_fits.R days.csv fits.csv
#
# days.csv: trial,y,active,day (one row per logged day the review counts, as
# bench/make_trials.cpp writes it). fits.csv gets trial,n,lag,estimate,se with
# %.17g numbers, NA where the effect cannot be estimated (one phase only).
# The estimate is the raw coefficient of `active` (not sign-flipped for
# lower-is-better outcomes).
#
# Prints one line to standard output with the elapsed seconds of each part:
#   read=... split=... fit=... write=...
# `fit` times the fitting loop alone.
args <- commandArgs(trailingOnly = TRUE)
if (length(args) != 2) stop("usage: Rscript review_fits.R days.csv fits.csv")
suppressPackageStartupMessages(library(sandwich))

now <- function() proc.time()[["elapsed"]]

t0 <- now()
d <- read.csv(args[1], colClasses = c("integer", "numeric", "integer", "integer"))
t1 <- now()
trials <- split(d, d$trial)
t2 <- now()

fit_one <- function(g) {
  n <- nrow(g)
  L <- floor(4 * (n / 100)^(2 / 9))
  if (n < 3 || length(unique(g$active)) < 2) return(c(n, L, NA_real_, NA_real_))
  fit <- lm(y ~ active, data = g)
  V <- NeweyWest(fit, lag = L, prewhite = FALSE, adjust = FALSE)
  c(n, L, coef(fit)[["active"]], sqrt(V["active", "active"]))
}
res <- vapply(trials, fit_one, numeric(4))
t3 <- now()

fmt <- function(x) ifelse(is.na(x), "NA", sprintf("%.17g", x))
writeLines(c("trial,n,lag,estimate,se",
             paste(names(trials), res[1, ], res[2, ], fmt(res[3, ]), fmt(res[4, ]), sep = ",")),
           args[2])
t4 <- now()
cat(sprintf("read=%.3f split=%.3f fit=%.3f write=%.3f trials=%d\n", t1 - t0, t2 - t1, t3 - t2, t4 - t3,
            length(trials)))
