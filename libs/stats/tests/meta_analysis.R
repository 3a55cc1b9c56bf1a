# Reference values for trialwise::stats::random_effects, from R's metafor
# (rma.uni, predict, blup). Run by meta_analysis_r_test.cpp:
#   Rscript meta_analysis.R in.csv out.csv
# in.csv has a header and the columns series,yi,sei,baseline (one row per
# study). Numbers may be hexadecimal floats, which R reads exactly.
# out.csv gets one line per figure, no header: series,name,value (%.17g).
# Fisher scoring is run to a threshold of 1e-12 (metafor's default, 1e-5,
# stops short of the REML estimate by up to about that much): the check is
# against the estimate itself, not against where a looser run happened to stop.
args <- commandArgs(trailingOnly = TRUE)
if (length(args) != 2) stop("usage: Rscript meta_analysis.R in.csv out.csv")
suppressPackageStartupMessages(library(metafor))

d <- read.csv(args[1], colClasses = c("integer", "numeric", "numeric", "numeric"))
tight <- list(threshold = 1e-12, maxiter = 10000)
out <- file(args[2], "w")
figures <- function(s, prefix, fit, newmods = NULL) {
  j <- seq_along(fit$beta) - 1
  pr <- if (is.null(newmods)) predict(fit) else predict(fit, newmods = newmods)
  b <- blup(fit)
  i <- seq_along(b$pred) - 1
  names <- c("tau2", paste0("coef", j), paste0("se", j), paste0("ci_low", j), paste0("ci_high", j),
             paste0("p_value", j), "q", "q_p_value", "i2", "h2", if (!is.null(newmods)) "r2",
             "pred", "pred_se", "pred_ci_low", "pred_ci_high", "pi_low", "pi_high",
             paste0("blup", i), paste0("blup_se", i), paste0("blup_low", i), paste0("blup_high", i))
  values <- c(fit$tau2, fit$beta, fit$se, fit$ci.lb, fit$ci.ub, fit$pval, fit$QE, fit$QEp, fit$I2, fit$H2,
              if (!is.null(newmods)) fit$R2, pr$pred, pr$se, pr$ci.lb, pr$ci.ub, pr$pi.lb, pr$pi.ub,
              b$pred, b$se, b$pi.lb, b$pi.ub)
  writeLines(paste(s, paste0(prefix, ".", names), sprintf("%.17g", values), sep = ","), out)
}
for (g in split(d, d$series)) {
  s <- g$series[1]
  k <- nrow(g)
  figures(s, "reml", rma(g$yi, sei = g$sei, method = "REML", control = tight))
  figures(s, "dl", rma(g$yi, sei = g$sei, method = "DL"))
  figures(s, "reml_knha", rma(g$yi, sei = g$sei, method = "REML", test = "knha", control = tight))
  if (k >= 3) {
    figures(s, "mods", rma(g$yi, sei = g$sei, mods = ~baseline, data = g, method = "REML", control = tight),
            newmods = 5)
    figures(s, "mods_dl_knha", rma(g$yi, sei = g$sei, mods = ~baseline, data = g, method = "DL", test = "knha"),
            newmods = 5)
  }
}
close(out)
