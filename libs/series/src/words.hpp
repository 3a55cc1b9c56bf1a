#pragma once

// The series in plain words.

#include <string>

#include "trialwise/series/series.hpp"

namespace trialwise::series {

/// Fills s.words and s.caveats from the rest of `s`.
void explain(Series& s);

/// One decimal place, "-0.4", "2.0"; never "-0.0".
std::string one_decimal(double d);

/// A share as a whole percent, "62%".
std::string whole_percent(double percent);

}  // namespace trialwise::series
