#pragma once

// From imported products to the answers' list of products the person already
// takes (contract v1's `supplements`), so that the plan's
// existing_g_per_day counts them. Pure functions: no store, no I/O.

#include <string>
#include <vector>

#include <boost/json/array.hpp>
#include <boost/json/value.hpp>

#include "trialwise/core/result.hpp"
#include "trialwise/model/product.hpp"
#include "trialwise/pack/pack.hpp"

namespace trialwise::labels {

/// Something the person must see with the plan about an imported product,
/// shaped like assess::PlanNote ({id, text, section}) so a front end can
/// append it to TrialPlan::warnings as it is.
struct IntakeNote {
  std::string id;       // a label flag id (e.g. "blend_without_amount"), "servings_per_day_not_given"
                        // or "already_in_answers"
  std::string text;     // names the product; says what was counted and what to check
  std::string section;  // "pack default": the rule is Trialwise's, not the article's
  std::int64_t product_id = 0;
};

/// The answers' entries for `products`, and the notes to show with the plan.
struct SupplementEntries {
  boost::json::array entries;  // one object per product, in order
  std::vector<IntakeNote> notes;
};

/// One entry per product with the keys the pack's existing_intake names
/// (name, amount per serving, servings per day) plus "third_party_tested"
/// (contract v1): {name: product name, the pack's amount field: the label's
/// figure (absent when unknown), servings_per_day: as given, or 1 when not
/// given, third_party_tested}. Notes: one per product for each of its flags that
/// affects the daily total (affects_daily_total), and one when servings a day
/// were not given (1 is counted).
SupplementEntries to_supplement_entries(const std::vector<model::ImportedProduct>& products, const pack::Pack& pack);

/// Checks servings a day a person gives for a product (e.g. from
/// --servings-per-day) against the range the pack's questionnaire allows for
/// that field of the list, so an import cannot store a figure that the
/// answers would later refuse. Fails with Errc::invalid_input naming `where`.
Result<void> check_servings_per_day(const pack::Pack& pack, double servings_per_day, const std::string& where);

/// Appends the entries of to_supplement_entries to answers[intake.list],
/// creating the list when the answers lack it, and returns the notes. A
/// product whose name is already in the list (compared without case) is not
/// added again: the person's own entry stands, and an "already_in_answers"
/// note says so. Answers that are not an object, or a list that is not an
/// array, are left as they are for check_answers to report. Call it on the
/// raw answers JSON, before check_answers, assess and make_plan.
std::vector<IntakeNote> merge_into_answers(boost::json::value& answers,
                                           const std::vector<model::ImportedProduct>& products, const pack::Pack& pack);

}  // namespace trialwise::labels
