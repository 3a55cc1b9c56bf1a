#pragma once

// The questionnaire on a terminal, word by word: what one typed line means
// for a question (a value, a skip, or a one-line reason it was refused), with
// the limits check_answers applies so that a slip is fixed on the spot, and
// the words around a question (its range, its unit, what Enter does).

#include <optional>
#include <string>
#include <string_view>

#include <boost/json/value.hpp>

#include "trialwise/pack/pack.hpp"

namespace trialwise::cli::questions {

/// What one line of input means for a question: a value, nothing (skipped),
/// or a one-line reason it was not accepted.
struct Reading {
  std::optional<boost::json::value> value;
  std::string problem;  // empty when accepted
};

/// `s` without leading and trailing white space.
std::string_view trim(std::string_view s);

/// `text` wrapped at 78 columns, every line starting with `indent` spaces (the
/// first with `first_indent`, when given).
std::string wrap(std::string_view text, std::size_t indent, std::optional<std::size_t> first_indent = std::nullopt);

/// The answer as typed, quoted, to name it in a message; "That" when it is
/// too long or holds control characters.
std::string echo(std::string_view typed);

/// " between 0 and 120", " of at least 0", " of at most 10", or "".
std::string range_text(const pack::Question& q);

/// " (g)" for a question with a unit, or "".
std::string unit_text(const pack::Question& q);

/// What pressing Enter on an empty line does, if anything: " Press Enter for n."
std::string empty_line_text(const pack::Question& q);

/// y, yes, true / n, no, false, in any case; nothing otherwise.
std::optional<bool> yes_or_no(std::string_view typed);

/// Interprets one line (already trimmed) as an answer to `q` (not an array).
Reading interpret(const pack::Question& q, std::string_view typed);

}  // namespace trialwise::cli::questions
