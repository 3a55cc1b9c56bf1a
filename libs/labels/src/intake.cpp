// Imported products as entries of the answers' list of products taken, with
// the notes a plan must carry when a label's figure is uncertain.

#include "trialwise/labels/intake.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>

#include <boost/json/object.hpp>

#include "numbers.hpp"

namespace trialwise::labels {
namespace {

constexpr const char* kThirdPartyTested = "third_party_tested";  // contract v1's field

std::string lower_trimmed(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  std::string out(s);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace

SupplementEntries to_supplement_entries(const std::vector<model::ImportedProduct>& products, const pack::Pack& pack) {
  const auto& intake = pack.plan.existing_intake;
  SupplementEntries out;
  for (const auto& item : products) {
    const model::Product& p = item.product;
    const double servings = item.servings_per_day.value_or(1.0);
    boost::json::object entry;
    entry[intake.name] = p.name;
    // The label's answer to "does it contain it?": an amount counted; listed
    // without one (never read as 0 g); only forms that may hold some, in an
    // amount no label gives (protein, for glutamine); or none.
    const bool counted = p.amount_g_per_serving && *p.amount_g_per_serving > 0;
    const bool only_protein =
        !p.rows.empty() && std::all_of(p.rows.begin(), p.rows.end(), [&](const model::IngredientRow& r) {
          const auto* form = pack.ingredient.find_form(r.form);
          return form != nullptr && form->counted == pack::Counted::not_counted;
        });
    const std::string& contains = counted                                      ? intake.contains_amount
                                  : only_protein                               ? intake.contains_unsure
                                  : !p.rows.empty() || !p.amount_g_per_serving ? intake.contains_no_amount
                                                                               : intake.contains_none;
    entry[intake.contains] = contains;
    if (counted) entry[intake.amount_per_serving] = *p.amount_g_per_serving;
    entry[intake.servings_per_day] = servings;
    entry[kThirdPartyTested] = item.third_party_tested;
    out.entries.push_back(std::move(entry));

    for (const auto& f : p.flags) {
      if (model::affects_daily_total(f.id))
        out.notes.push_back({f.id, p.name + ": " + f.message + ".", "pack default", item.id});
    }
    if (!item.servings_per_day) {
      out.notes.push_back(
          {"servings_per_day_not_given",
           p.name + ": servings a day were not given, so one serving a day" +
               (counted ? " (" + detail::format_number(*p.amount_g_per_serving) + " g of " + pack.ingredient.name + ")"
                        : std::string()) +
               " is counted; give the servings you take to count them exactly.",
           "pack default", item.id});
    }
  }
  return out;
}

Result<void> check_servings_per_day(const pack::Pack& pack, double servings_per_day, const std::string& where) {
  const auto& intake = pack.plan.existing_intake;
  double min = 0;
  std::optional<double> max;
  for (const auto& q : pack.questionnaire) {
    if (q.id != intake.list) continue;
    for (const auto& f : q.fields) {
      if (f.id != intake.servings_per_day) continue;
      min = f.min.value_or(0.0);
      max = f.max;
    }
  }
  if (!std::isfinite(servings_per_day) || servings_per_day < min || (max && servings_per_day > *max)) {
    return Unexpected{invalid_input(
        where, "servings a day must be a number from " + detail::format_number(min) +
                   (max ? " to " + detail::format_number(*max) : " up") + ", not " +
                   (std::isfinite(servings_per_day) ? detail::format_number(servings_per_day) : std::string("that")))};
  }
  return {};
}

std::vector<IntakeNote> merge_into_answers(boost::json::value& answers,
                                           const std::vector<model::ImportedProduct>& products,
                                           const pack::Pack& pack) {
  const auto& intake = pack.plan.existing_intake;
  if (!answers.is_object() || intake.list.empty()) return {};
  auto& o = answers.get_object();
  auto it = o.find(intake.list);
  if (it == o.end()) it = o.emplace(intake.list, boost::json::array()).first;
  if (!it->value().is_array()) return {};
  auto& list = it->value().get_array();

  // The names the person listed themselves: their entry stands.
  std::vector<std::string> listed;
  for (const auto& e : list) {
    if (!e.is_object()) continue;
    const auto name = e.get_object().find(intake.name);
    if (name != e.get_object().end() && name->value().is_string())
      listed.push_back(lower_trimmed(name->value().get_string()));
  }

  std::vector<model::ImportedProduct> to_add;
  std::vector<IntakeNote> notes;
  for (const auto& item : products) {
    if (std::find(listed.begin(), listed.end(), lower_trimmed(item.product.name)) != listed.end()) {
      notes.push_back({"already_in_answers",
                       item.product.name + ": already in your answers' list of products, so that entry is used and "
                                           "the imported label is not counted a second time.",
                       "pack default", item.id});
      continue;
    }
    to_add.push_back(item);
  }
  auto entries = to_supplement_entries(to_add, pack);
  for (auto& e : entries.entries) list.push_back(std::move(e));
  notes.insert(notes.end(), std::make_move_iterator(entries.notes.begin()),
               std::make_move_iterator(entries.notes.end()));
  return notes;
}

}  // namespace trialwise::labels
