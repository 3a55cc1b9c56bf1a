#pragma once

// Which label rows are a form of the pack's ingredient (by the pack's label
// rules), and which units are masses. docs/labels.md explains both.

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "trialwise/pack/pack.hpp"

namespace trialwise::labels::detail {

/// An ingredient name as printed on a label, as the lower-case ASCII words
/// the pack's rules compare: case, punctuation and trademark signs dropped.
std::vector<std::string> words(std::string_view text);

/// The form a label row's name is, by the first of the ingredient's label
/// rules that matches; nullptr when it is none of them. A name of the shape
/// "X (as Y)" or "X (from Y)" is classified by X when X is a form: by label
/// convention the amount is then of X.
const pack::LabelForm* classify(const pack::Ingredient& ingredient, std::string_view name);

/// How many of `unit` make a gram, for the mass units (mg, g, mcg/ug/µg and
/// their spelled-out and DSLD forms such as "Gram(s)"); empty for anything
/// else. A divisor, so that 1500 mg is exactly 1.5 g.
std::optional<double> units_per_gram(std::string_view unit);

/// True for the DSLD's "NP" (no amount provided on the label).
bool is_not_provided(std::string_view unit);

}  // namespace trialwise::labels::detail
