#pragma once

// A trial's day entries as CSV (RFC 4180), for spreadsheets and for moving a
// trial between databases. Columns: date, outcome, doses_taken, dose_g, one
// column per side effect the pack tracks (for glutamine: bloating, nausea,
// gas, belching, abdominal_discomfort), with_food, note, red_flags,
// other_product. Export then import gives the same entries, and re-exporting
// gives the same bytes; files from before the other_product column still
// import. A note that begins with = + - @, a tab, a carriage return or an
// apostrophe is written after an apostrophe, so that no spreadsheet runs it
// as a formula; reading drops that one apostrophe again.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "trialwise/core/result.hpp"
#include "trialwise/pack/pack.hpp"
#include "trialwise/model/trial.hpp"

namespace trialwise::trial {

/// The header row's column names, in order.
std::vector<std::string> csv_columns(const pack::Pack& pack);

/// The entries (sorted by date) as CSV text, header first, CRLF-free ("\n").
std::string to_csv(const pack::Pack& pack, std::vector<model::DayEntry> entries);

/// Every problem in a CSV text: each Error's `where` is "line L, column C"
/// (1-based; the column counts fields) and the message says what is wrong.
using CsvProblems = std::vector<Error>;

/// Parses CSV text made by to_csv (or by hand, or a spreadsheet: CRLF, quoted
/// fields and a final newline or none are all fine). All or nothing: any bad
/// row fails the whole text, with every problem listed. A date may appear
/// once, and must lie within [earliest, latest] when those are given; each
/// outcome on `outcome`'s scale (the trial's, from its pack).
Result<std::vector<model::DayEntry>, CsvProblems> from_csv(const pack::Pack& pack, const pack::Outcome& outcome,
                                                           std::string_view text,
                                                           std::optional<Date> earliest = std::nullopt,
                                                           std::optional<Date> latest = std::nullopt);

}  // namespace trialwise::trial
