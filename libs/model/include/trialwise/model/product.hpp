#pragma once

// A supplement product as its label describes it, reduced to what Trialwise
// needs: how much glutamine one serving holds, which label rows that figure
// comes from, and every reason it may be wrong (flags). Plain data with no
// dependencies beyond the standard library, so the store keeps it without
// linking this library (as it does with the trial's types).

#include <algorithm>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace trialwise::model {

// The flag ids, stable: they are stored, printed in --json output and matched
// by front ends. docs/labels.md explains each one.

/// Glutamine is listed inside a blend (a nested row) without an amount of its
/// own: it counts 0 g, and the daily total may be too low.
inline constexpr std::string_view kBlendWithoutAmount = "blend_without_amount";
/// Glutamine is listed at the top level without an amount ("NP", 0, none).
inline constexpr std::string_view kAmountNotGiven = "amount_not_given";
/// A glutamine row's amount is in a unit that is not a mass (IU, %,
/// calories, none, ...): it counts 0 g.
inline constexpr std::string_view kUnrecognisedUnit = "unrecognised_unit";
/// A glutamine row's amount is a bound ("<", ">", "<=" ...), not an exact
/// figure: the bound itself is counted.
inline constexpr std::string_view kApproximateAmount = "approximate_amount";
/// "Glutamine peptides" of unstated make-up: the whole peptide mass is
/// counted, an upper bound of the glutamine it holds.
inline constexpr std::string_view kUpperBound = "upper_bound";
/// Protein (whey, casein, "glutamine-rich" protein, a combined "glutamic acid
/// and glutamine" row) holds glutamine bound in protein, as food does; the
/// label does not say how much. Not counted.
inline constexpr std::string_view kMayContain = "may_contain";
/// The label gives more than one serving size; grams per serving are those of
/// the first (the message gives the others).
inline constexpr std::string_view kMultipleServingSizes = "multiple_serving_sizes";
/// The serving size is a range (e.g. 1-2 capsules); grams per serving are
/// the label's figure for the serving its amounts are stated for.
inline constexpr std::string_view kServingSizeRange = "serving_size_range";

/// Whether a flag means the counted grams may be wrong for the overlap check
/// (as opposed to describing the serving): these become plan notes.
inline bool affects_daily_total(std::string_view flag_id) {
  return flag_id == kBlendWithoutAmount || flag_id == kAmountNotGiven || flag_id == kUnrecognisedUnit ||
         flag_id == kApproximateAmount || flag_id == kUpperBound || flag_id == kMayContain;
}

/// One reason the figure may be off, or something the person should know.
struct LabelFlag {
  std::string id;       // one of the k* ids above
  std::string message;  // in words the person can act on
  std::string where;    // JSON pointer into the label file, e.g. "/ingredientRows/2/nestedRows/0"
};

/// A label row recognised as a source of glutamine (or of protein-bound
/// glutamine), with how it was counted.
struct IngredientRow {
  std::string name;                  // as printed on the label
  std::string where;                 // JSON pointer of the row in the label file
  std::string form;                  // "l_glutamine", "alanyl_glutamine", "glycyl_glutamine", "glutamine_hcl",
                                     // "n_acetyl_glutamine", "glutamine_peptides" or "protein"
  std::optional<double> amount{};    // as printed, in `unit`; empty when the label gives none
  std::string unit{};                // as printed ("mg", "Gram(s)", "IU", "NP", ...)
  std::string op{};                  // the amount's operator as printed ("=", "<", ...), "" if none
  double fraction = 1;               // the share of the row's mass that is glutamine
  std::optional<double> amount_g{};  // grams of glutamine counted per serving; empty when not counted
};

/// A product as read from its label.
struct Product {
  std::string name{};      // the label's fullName
  std::string brand{};     // brandName, "" when the label has none
  std::string label_id{};  // the label database's id, as text, "" when absent
  /// Grams of glutamine in one serving: the sum of the counted rows (rounded
  /// to 0.1 mg); 0 when no row holds glutamine; empty when glutamine is
  /// listed but no amount could be counted (see the flags).
  std::optional<double> amount_g_per_serving{};
  std::string serving{};  // the serving the figure is for, e.g. "5 Gram(s) (1 scoop)"
  std::vector<IngredientRow> rows{};
  std::vector<LabelFlag> flags{};

  bool has_flag(std::string_view id) const {
    return std::any_of(flags.begin(), flags.end(), [&](const LabelFlag& f) { return f.id == id; });
  }
};

/// A product the person has imported, as the store keeps it.
struct ImportedProduct {
  std::int64_t id = 0;  // assigned by the store
  Product product{};
  /// Servings a day, as the person gives it; empty when not said (the plan
  /// then counts one and says so).
  std::optional<double> servings_per_day{};
  bool third_party_tested = false;  // as the person says; the label data cannot tell
  std::string source{};             // where it was imported from, e.g. the file name
  std::string imported_at{};        // UTC, ISO 8601, set by the store
};

}  // namespace trialwise::model
