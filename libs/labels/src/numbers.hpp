#pragma once

// How grams are rounded and numbers written in the labels library.

#include <cmath>
#include <string>

namespace trialwise::labels::detail {

/// Grams rounded to 0.1 mg: finer than any label states, coarse enough that
/// 1 g of alanyl-glutamine gives exactly 0.6728 g rather than 0.67277...
inline double round_grams(double g) { return std::round(g * 1e4) / 1e4; }

/// The shortest decimal that reads back as `n`, never in exponent form:
/// "5", "0.5", "0.6728", "1500".
std::string format_number(double n);

}  // namespace trialwise::labels::detail
