# Reference values for trialwise::stats::ols_newey_west, from R's lm and
# sandwich::NeweyWest. Run by r_crosscheck_test.cpp:
#   Rscript newey_west.R in.csv out.csv
# in.csv has a header and the columns dataset,regressors,y,x1,x2 (one row per
# observation, in time order within a dataset; x2 is NA when regressors is 1).
# Numbers may be hexadecimal floats (0x1.8p+3), which R reads exactly.
# out.csv gets one line per dataset, no header:
#   dataset,n,L,coef_0..coef_k,se_0..se_k
# with L = floor(4*(n/100)^(2/9)) and every estimate printed with %.17g.
args <- commandArgs(trailingOnly = TRUE)
if (length(args) != 2) stop("usage: Rscript newey_west.R in.csv out.csv")
suppressPackageStartupMessages(library(sandwich))

d <- read.csv(args[1], colClasses = c("integer", "integer", "numeric", "numeric", "numeric"))
out <- character(0)
for (g in split(d, d$dataset)) {
  n <- nrow(g)
  L <- floor(4 * (n / 100)^(2 / 9))
  fit <- if (g$regressors[1] == 1) lm(y ~ x1, data = g) else lm(y ~ x1 + x2, data = g)
  V <- NeweyWest(fit, lag = L, prewhite = FALSE, adjust = FALSE)
  est <- c(coef(fit), sqrt(diag(V)))
  if (anyNA(est)) stop("dataset ", g$dataset[1], ": lm dropped a collinear column")
  out <- c(out, paste(c(g$dataset[1], n, L, sprintf("%.17g", est)), collapse = ","))
}
writeLines(out, args[2])
