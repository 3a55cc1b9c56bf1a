#pragma once

// Which label rows hold glutamine, in what form, and which units are masses.
// The tables are in forms.cpp; docs/labels.md lists them for people.

#include <optional>
#include <string>
#include <string_view>

namespace trialwise::labels::detail {

enum class Form {
  none,                // not glutamine (glutamic acid, glutamate, anything else)
  l_glutamine,         // L-glutamine, glutamine: counted whole
  alanyl_glutamine,    // L-alanyl-L-glutamine (e.g. Sustamine): by mass ratio
  glycyl_glutamine,    // glycyl-L-glutamine: by mass ratio
  glutamine_hcl,       // L-glutamine hydrochloride: by mass ratio
  n_acetyl_glutamine,  // N-acetyl-L-glutamine (aceglutamide): by mass ratio
  glutamine_peptides,  // "glutamine peptides" of unstated make-up: counted whole, an upper bound
  protein,             // protein, whey, casein, a combined glutamic acid/glutamine row: not counted
};

/// The id stored with a row ("l_glutamine", ...); "" for Form::none.
std::string_view form_id(Form f);

/// The share of a row's mass that is glutamine: 1 for L-glutamine and for
/// peptides of unknown make-up, the molar-mass ratio for the named
/// dipeptides and salts, 0 for protein and none.
double fraction(Form f);

/// Classifies an ingredient name as printed on a label. Case, punctuation,
/// "L-" and trademark signs do not matter. A name of the shape "X (as Y)" or
/// "X (from Y)" is classified by X when X names glutamine: by label
/// convention the amount is then of X.
Form classify(std::string_view name);

/// How many of `unit` make a gram, for the mass units (mg, g, mcg/ug/µg and
/// their spelled-out and DSLD forms such as "Gram(s)"); empty for anything
/// else. A divisor, so that 1500 mg is exactly 1.5 g.
std::optional<double> units_per_gram(std::string_view unit);

/// True for the DSLD's "NP" (no amount provided on the label).
bool is_not_provided(std::string_view unit);

}  // namespace trialwise::labels::detail
