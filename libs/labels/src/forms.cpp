// Names against the pack's label rules, and the unit table. Names are
// compared as lower-case words with punctuation and trademark signs removed,
// so "L-Glutamine", "l glutamine" and "L-Glutamine(R)" are one name.

#include "forms.hpp"

#include <algorithm>
#include <array>
#include <vector>

namespace trialwise::labels::detail {

// Lower-case words of ASCII letters and digits; every other ASCII character
// separates words. Bytes above 0x7f (UTF-8) separate words too, which drops
// "®" and "™" without a table of them.
std::vector<std::string> words(std::string_view text) {
  std::vector<std::string> out;
  std::string word;
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    const bool alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (alnum) {
      word.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c));
    } else if (!word.empty()) {
      out.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) out.push_back(std::move(word));
  // "(R)" and "(TM)" written out in ASCII are trademark signs, not words.
  std::erase_if(out, [](const std::string& w) { return w == "r" || w == "tm"; });
  return out;
}

namespace {

bool has(const std::vector<std::string>& ws, std::string_view w) {
  return std::find(ws.begin(), ws.end(), w) != ws.end();
}

bool has_any(const std::vector<std::string>& ws, const std::vector<std::string>& candidates) {
  return std::any_of(candidates.begin(), candidates.end(), [&](const std::string& w) { return has(ws, w); });
}

const pack::LabelForm* classify_words(const pack::Ingredient& ingredient, const std::vector<std::string>& ws) {
  for (const auto& rule : ingredient.label_rules) {
    const bool all = std::all_of(rule.words.begin(), rule.words.end(),
                                 [&](const std::vector<std::string>& any) { return has_any(ws, any); });
    if (all && !has_any(ws, rule.without)) return ingredient.find_form(rule.form);
  }
  return nullptr;
}

std::string lower_trimmed(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

}  // namespace

const pack::LabelForm* classify(const pack::Ingredient& ingredient, std::string_view name) {
  // "Glutamine (as L-Alanyl-L-Glutamine)": the amount is of the ingredient
  // named before the brackets, as with "Magnesium (as citrate) 100 mg".
  const auto open = name.find('(');
  if (open != std::string_view::npos && open > 0) {
    if (const auto* head = classify_words(ingredient, words(name.substr(0, open)))) return head;
  }
  return classify_words(ingredient, words(name));
}

std::optional<double> units_per_gram(std::string_view unit) {
  const std::string u = lower_trimmed(unit);
  static constexpr std::array<std::string_view, 6> kGrams = {"g", "gram", "grams", "gram(s)", "gm", "gms"};
  static constexpr std::array<std::string_view, 4> kMilligrams = {"mg", "milligram", "milligrams", "milligram(s)"};
  // "µg" is written with the micro sign (U+00B5) or the Greek mu (U+03BC).
  static constexpr std::array<std::string_view, 7> kMicrograms = {"mcg",       "ug",         "\xc2\xb5g",   "\xce\xbcg",
                                                                  "microgram", "micrograms", "microgram(s)"};
  auto in = [&](const auto& table) { return std::find(table.begin(), table.end(), u) != table.end(); };
  if (in(kGrams)) return 1.0;
  if (in(kMilligrams)) return 1e3;
  if (in(kMicrograms)) return 1e6;
  return std::nullopt;
}

bool is_not_provided(std::string_view unit) { return lower_trimmed(unit) == "np"; }

}  // namespace trialwise::labels::detail
