#pragma once

#include <cstddef>
#include <iosfwd>

#include "line_batch.hpp"

namespace trialwise::rules {
class RuleSet;
}

namespace trialwise::cli {

/// Evaluates every rule of `set` on each JSON line of `in` and writes, for
/// each input line in order, one JSON array of results (or an error object
/// naming the line) to `out`. Lines are processed in chunks by `threads`
/// workers (1: all in the calling thread); the output order never changes.
BatchSummary evaluate_lines(const rules::RuleSet& set, std::istream& in, std::ostream& out, unsigned threads);

}  // namespace trialwise::cli
