// The name and unit tables. Names are compared as lower-case words with
// punctuation and trademark signs removed, so "L-Glutamine", "l glutamine"
// and "L-Glutamine(R)" are one name.

#include "forms.hpp"

#include <algorithm>
#include <array>
#include <vector>

#include "trialwise/labels/label.hpp"

namespace trialwise::labels::detail {
namespace {

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

bool has(const std::vector<std::string>& ws, std::string_view w) {
  return std::find(ws.begin(), ws.end(), w) != ws.end();
}

bool has_any(const std::vector<std::string>& ws, std::initializer_list<std::string_view> candidates) {
  return std::any_of(candidates.begin(), candidates.end(), [&](std::string_view w) { return has(ws, w); });
}

Form classify_words(const std::vector<std::string>& ws) {
  const bool glutamine = has_any(ws, {"glutamine", "glutamin"});
  const bool glutamate = has_any(ws, {"glutamic", "glutamate", "glutamates"});
  // Single-word names of the dipeptides and of N-acetyl-glutamine.
  if (has_any(ws, {"alanylglutamine", "sustamine"})) return Form::alanyl_glutamine;
  if (has(ws, "glycylglutamine")) return Form::glycyl_glutamine;
  if (has(ws, "aceglutamide")) return Form::n_acetyl_glutamine;
  if (!glutamine) {
    // Protein holds glutamine bound in it, in an amount no label row states.
    if (!glutamate && has_any(ws, {"protein", "proteins", "whey", "casein", "caseinate", "caseinates"}))
      return Form::protein;
    return Form::none;
  }
  // "Glutamic acid and glutamine" (amino acid profiles of protein powders)
  // and "glutamine-rich protein": glutamine is there, its amount is not.
  if (glutamate || has_any(ws, {"protein", "proteins", "whey", "casein", "rich"})) return Form::protein;
  if (has(ws, "alanyl")) return Form::alanyl_glutamine;
  if (has(ws, "glycyl")) return Form::glycyl_glutamine;
  if (has(ws, "acetyl")) return Form::n_acetyl_glutamine;
  if (has_any(ws, {"peptide", "peptides"})) return Form::glutamine_peptides;
  if (has_any(ws, {"hcl", "hydrochloride"})) return Form::glutamine_hcl;
  return Form::l_glutamine;
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

std::string_view form_id(Form f) {
  switch (f) {
    case Form::none: return "";
    case Form::l_glutamine: return "l_glutamine";
    case Form::alanyl_glutamine: return "alanyl_glutamine";
    case Form::glycyl_glutamine: return "glycyl_glutamine";
    case Form::glutamine_hcl: return "glutamine_hcl";
    case Form::n_acetyl_glutamine: return "n_acetyl_glutamine";
    case Form::glutamine_peptides: return "glutamine_peptides";
    case Form::protein: return "protein";
  }
  return "";
}

double fraction(Form f) {
  switch (f) {
    case Form::l_glutamine:
    case Form::glutamine_peptides: return 1;
    case Form::alanyl_glutamine: return kGlutamineMolarMass / kAlanylGlutamineMolarMass;
    case Form::glycyl_glutamine: return kGlutamineMolarMass / kGlycylGlutamineMolarMass;
    case Form::glutamine_hcl: return kGlutamineMolarMass / kGlutamineHclMolarMass;
    case Form::n_acetyl_glutamine: return kGlutamineMolarMass / kAcetylGlutamineMolarMass;
    case Form::none:
    case Form::protein: return 0;
  }
  return 0;
}

Form classify(std::string_view name) {
  // "Glutamine (as L-Alanyl-L-Glutamine)": the amount is of the ingredient
  // named before the brackets, as with "Magnesium (as citrate) 100 mg".
  const auto open = name.find('(');
  if (open != std::string_view::npos && open > 0) {
    const Form head = classify_words(words(name.substr(0, open)));
    if (head != Form::none) return head;
  }
  return classify_words(words(name));
}

std::optional<double> units_per_gram(std::string_view unit) {
  const std::string u = lower_trimmed(unit);
  static constexpr std::array<std::string_view, 6> kGrams = {"g", "gram", "grams", "gram(s)", "gm", "gms"};
  static constexpr std::array<std::string_view, 4> kMilligrams = {"mg", "milligram", "milligrams", "milligram(s)"};
  // "µg" is written with the micro sign (U+00B5) or the Greek mu (U+03BC).
  static constexpr std::array<std::string_view, 7> kMicrograms = {
      "mcg", "ug", "\xc2\xb5g", "\xce\xbcg", "microgram", "micrograms", "microgram(s)"};
  auto in = [&](const auto& table) { return std::find(table.begin(), table.end(), u) != table.end(); };
  if (in(kGrams)) return 1.0;
  if (in(kMilligrams)) return 1e3;
  if (in(kMicrograms)) return 1e6;
  return std::nullopt;
}

bool is_not_provided(std::string_view unit) { return lower_trimmed(unit) == "np"; }

}  // namespace trialwise::labels::detail
