#include "trialwise/pack/pack.hpp"

#include <algorithm>

namespace trialwise::pack {
namespace {

template <class T>
const T* by_id(const std::vector<T>& items, std::string_view id) {
  const auto it = std::find_if(items.begin(), items.end(), [&](const T& x) { return x.id == id; });
  return it == items.end() ? nullptr : &*it;
}

}  // namespace

const Question* Pack::find_question(std::string_view wanted) const { return by_id(questionnaire, wanted); }
const Group* Pack::find_group(std::string_view wanted) const { return by_id(groups, wanted); }
const Protocol* Pack::find_protocol(std::string_view wanted) const { return by_id(protocols, wanted); }
const Outcome* Pack::find_outcome(std::string_view wanted) const { return by_id(outcomes, wanted); }
const Strength* Pack::find_strength(std::string_view wanted) const { return by_id(strengths, wanted); }

const LabelForm* Ingredient::find_form(std::string_view wanted) const { return by_id(forms, wanted); }

const Group* Pack::group_for_problem(std::string_view problem) const {
  for (const auto& g : groups)
    if (std::find(g.problems.begin(), g.problems.end(), problem) != g.problems.end()) return &g;
  return nullptr;
}

}  // namespace trialwise::pack
