// The code systems and the small builders every resource uses.

#include <regex>

#include "fhir_parts.hpp"
#include "trialwise/export/fhir.hpp"
#include "trialwise/export/ids.hpp"

namespace trialwise::interop {

std::string trialwise_code_system_url() { return std::string(kCanonicalBase) + "/CodeSystem/trialwise"; }

namespace {

// Pack ids are plain words in practice; anything else is percent-encoded so
// the URL stays a URL.
std::string url_segment(std::string_view s) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (char c : s) {
    const auto u = static_cast<unsigned char>(c);
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
        c == '.') {
      out.push_back(c);
    } else {
      out.push_back('%');
      out.push_back(kHex[u >> 4]);
      out.push_back(kHex[u & 0x0F]);
    }
  }
  return out;
}

}  // namespace

std::string pack_code_system_url(const pack::Pack& pack) {
  return std::string(kCanonicalBase) + "/CodeSystem/pack-" + url_segment(pack.id);
}

std::string questionnaire_url(const pack::Pack& pack) {
  return std::string(kCanonicalBase) + "/Questionnaire/" + url_segment(pack.id);
}

}  // namespace trialwise::interop

namespace trialwise::interop::detail {

using boost::json::array;
using boost::json::object;

object coding(std::string_view system, std::string_view code, std::string_view display) {
  object c{{"system", system}, {"code", code}};
  if (!display.empty()) c["display"] = display;
  return c;
}

object concept_of(std::string_view system, std::string_view code, std::string_view display, std::string_view text) {
  object c{{"coding", array{coding(system, code, display)}}};
  if (!text.empty()) c["text"] = text;
  return c;
}

object reference(std::string_view urn, std::string_view display) {
  object r{{"reference", urn}};
  if (!display.empty()) r["display"] = display;
  return r;
}

object quantity(double value, std::string_view unit, std::string_view code) {
  return object{{"value", value}, {"unit", unit}, {"system", kUcum}, {"code", code}};
}

object narrative(std::string_view xhtml) {
  return object{{"status", "generated"},
                {"div", "<div xmlns=\"http://www.w3.org/1999/xhtml\">" + std::string(xhtml) + "</div>"}};
}

bool is_fhir_datetime(std::string_view text) {
  // FHIR R4's dateTime pattern (http://hl7.org/fhir/R4/datatypes.html#dateTime).
  static const std::regex pattern(
      "([0-9]([0-9]([0-9][1-9]|[1-9]0)|[1-9]00)|[1-9]000)(-(0[1-9]|1[0-2])(-(0[1-9]|[1-2][0-9]|3[0-1])"
      "(T([01][0-9]|2[0-3]):[0-5][0-9]:([0-5][0-9]|60)(\\.[0-9]+)?(Z|(\\+|-)((0[0-9]|1[0-3]):[0-5][0-9]|14:00)))?)?)?");
  return std::regex_match(text.begin(), text.end(), pattern);
}

std::string answer_code(std::string_view question, std::string_view value) {
  std::string out = "answer.";
  out += question;
  out += '.';
  out += value;
  return out;
}

namespace {

struct Concept {
  const char* code;
  const char* display;
  const char* definition;
};

struct ConceptGroup {
  const char* code;
  const char* display;
  const char* definition;
  std::vector<Concept> children;
};

// Trialwise's own vocabulary. Codes never change meaning; new ones may be added.
const std::vector<ConceptGroup>& trialwise_concepts() {
  static const std::vector<ConceptGroup> groups{
      {"observation-kind",
       "Kinds of observation",
       "What a Trialwise observation records.",
       {{"daily-outcome", "Daily outcome score",
         "The person's score of the trial's tracked outcome for one day, on the outcome's scale (the pack's)."},
        {"side-effect-score", "Side-effect score",
         "The person's score of one side effect for one day, 0 (none) to 10 (worst)."},
        {"red-flag-noticed", "Red flag noticed", "A red flag from the pack that the person noticed on that day."},
        {"doses-taken", "Doses taken", "How many doses of the supplement the person took that day."},
        {"review-verdict", "Review verdict", "The N-of-1 review's verdict on the trial, with its figures."}}},
      {"safety-screen", "Safety screen", "The findings of the pack's screen for reasons to avoid the supplement.", {}},
      {"component",
       "Parts of observations",
       "Parts of a Trialwise observation.",
       {{"trial-phase", "Trial phase", "The phase of the trial on the day observed."},
        {"dose-step", "Dose step in force", "The planned dose step in force on the day (1 = the first)."},
        {"dose-per-intake", "Grams per dose taken", "Grams of the supplement in each dose taken that day."},
        {"with-food", "Taken with food", "Whether the doses were taken with food."},
        {"effect-estimate", "Improvement",
         "Mean improvement of the outcome on active days over control days, in its better direction (ordinary least "
         "squares)."},
        {"effect-interval", "95% interval of the improvement", "Newey-West 95% interval of the improvement."},
        {"effect-se", "Standard error of the improvement", "Newey-West standard error of the improvement."},
        {"p-meaningful", "Probability of a meaningful improvement",
         "Probability that the improvement is at least the pack's smallest change that matters (normal "
         "approximation)."},
        {"smallest-meaningful-change", "Smallest change that matters",
         "The pack's smallest change of the outcome that matters."},
        {"control-mean", "Control mean", "Mean outcome on control days (baseline, and off blocks)."},
        {"active-mean", "Active mean", "Mean outcome on active days."},
        {"days-in-fit", "Days in the fit", "Days logged that entered the effect estimate."},
        {"trend-adjusted-effect", "Improvement allowing for a drift",
         "The improvement estimated alongside a straight-line drift over the trial."},
        {"trend-per-week", "Drift per week", "The drift over the whole trial, as improvement per week."},
        {"randomization-p", "Randomization test p-value",
         "Exact one-sided randomization test over the admissible block orders."},
        {"adherence", "Adherence", "Doses logged as taken over doses planned on active days."},
        {"baseline-days-logged", "Baseline days logged", "Baseline days with an entry."},
        {"active-days-logged", "Active days logged", "Active days with an entry."},
        {"off-days-logged", "Off-block days logged", "Days of off blocks with an entry (block design)."},
        {"side-effect-mean", "Side-effect mean on active days",
         "Mean score of one side effect over the active days logged."},
        {"next-review-date", "Next review date", "When to review again (continue and reduce_dose only)."}}},
      {"phase",
       "Trial phases",
       "The phases of a trial.",
       {{"phase-baseline", "Baseline", "Days before the supplement starts: the outcome is tracked, nothing taken."},
        {"phase-active", "Active", "Days the supplement is taken as the dose steps say."},
        {"phase-off", "Off block", "Days of an off block of a randomized block design: nothing taken."}}},
      {"activity",
       "Care plan activities",
       "The parts of a trial plan.",
       {{"activity-baseline", "Baseline period", "Track the outcome every day; take nothing yet."},
        {"activity-dose-step", "Dose step", "Take the supplement at one step's dose."},
        {"activity-review", "Review", "Judge the trial: continue, stop, reduce the dose, or inconclusive."}}},
      {"verdict",
       "Review verdicts",
       "The review outcomes.",
       {{"verdict-continue", "Continue",
         "A clear benefit with tolerable side effects; review again on the next review date."},
        {"verdict-stop_no_clear_benefit", "Stop: no clear benefit",
         "The improvement is not clear enough to keep taking it."},
        {"verdict-stop_side_effects", "Stop: side effects",
         "A side effect reached the pack's stop level, or the step-down level even at the first step."},
        {"verdict-reduce_dose", "Reduce the dose", "A clear benefit, but side effects came with a higher step."},
        {"verdict-inconclusive", "Inconclusive", "Too few days, low adherence, or the review date not yet reached."},
        {"verdict-see_clinician", "See a clinician", "A red flag was logged."},
        {"verdict-stop_take_a_break", "Stop and take a break",
         "A clear benefit, but the trial reached the protocol's longest duration: stop, and start any later trial with "
         "a fresh baseline."}}},
      {"safety-level",
       "Safety levels",
       "Contract v1's safety levels, least to most severe.",
       {{"safety-ok", "OK", "No finding stands in the way of a self-directed trial."},
        {"safety-caution", "Caution", "A trial is possible with care."},
        {"safety-clinician_first", "Clinician first", "Talk to a clinician before any trial."},
        {"safety-avoid", "Avoid", "The article says not to self-prescribe."}}},
      {"decision",
       "Decisions",
       "Contract v1's decisions after the screen.",
       {{"decision-do_not_start", "Do not start", "Do not start the supplement."},
        {"decision-see_clinician", "See a clinician", "See a clinician before starting; no self-dosing plan."},
        {"decision-fix_basics_first", "Fix the basics first",
         "Sleep, meals, protein, hydration, rest or alcohol first."},
        {"decision-trial_ok", "Trial reasonable", "A defined trial is reasonable."}}},
  };
  return groups;
}

object concept_json(std::string_view code, std::string_view display, std::string_view definition) {
  object c{{"code", code}, {"display", display}};
  if (!definition.empty()) c["definition"] = definition;
  return c;
}

std::string humanize(std::string_view id) {
  std::string out(id);
  for (char& c : out)
    if (c == '_') c = ' ';
  if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') out[0] = static_cast<char>(out[0] - 'a' + 'A');
  return out;
}

}  // namespace

std::string trialwise_display(std::string_view code) {
  for (const auto& g : trialwise_concepts()) {
    if (code == g.code) return g.display;
    for (const auto& c : g.children)
      if (code == c.code) return c.display;
  }
  return "";
}

object trialwise_code_system() {
  array concepts;
  std::size_t count = 0;
  for (const auto& g : trialwise_concepts()) {
    object parent = concept_json(g.code, g.display, g.definition);
    ++count;
    if (!g.children.empty()) {
      array children;
      for (const auto& c : g.children) {
        children.push_back(concept_json(c.code, c.display, c.definition));
        ++count;
      }
      parent["concept"] = std::move(children);
    }
    concepts.push_back(std::move(parent));
  }
  return object{{"resourceType", "CodeSystem"},
                {"url", trialwise_code_system_url()},
                {"version", "1"},
                {"name", "TrialwiseCodes"},
                {"title", "Trialwise codes"},
                {"status", "active"},
                {"experimental", false},
                {"publisher", "Trialwise"},
                {"description",
                 "Trialwise's own codes for personal supplement trials: kinds of observation, their parts, phases, "
                 "plan activities, review verdicts, safety levels and decisions. Not a LOINC or SNOMED CT substitute."},
                {"caseSensitive", true},
                {"hierarchyMeaning", "grouped-by"},
                {"content", "complete"},
                {"count", count},
                {"concept", std::move(concepts)}};
}

object pack_code_system(const pack::Pack& pack) {
  array concepts;
  std::size_t count = 0;
  auto group = [&](const char* code, const char* display, array children) {
    count += 1 + children.size();
    object parent = concept_json(code, display, "");
    if (!children.empty()) parent["concept"] = std::move(children);
    concepts.push_back(std::move(parent));
  };
  array groups, protocols, outcomes, side_effects, red_flags, safety, basics, answers;
  for (const auto& g : pack.groups) groups.push_back(concept_json("group." + g.id, g.label, g.summary));
  for (const auto& p : pack.protocols) protocols.push_back(concept_json("protocol." + p.id, p.label, ""));
  for (const auto& o : pack.outcomes) outcomes.push_back(concept_json("outcome." + o.id, o.label, o.question));
  for (const auto& s : pack.side_effects) side_effects.push_back(concept_json("side-effect." + s.id, s.label, ""));
  for (const auto& f : pack.red_flags) red_flags.push_back(concept_json("red-flag." + f.id, f.label, f.action));
  for (const auto& r : pack.safety_rules) safety.push_back(concept_json("safety-rule." + r.id, humanize(r.id), r.text));
  for (const auto& b : pack.basics) basics.push_back(concept_json("basic." + b.id, b.label, b.advice));
  auto add_choices = [&](const pack::Question& q) {
    if (q.type != pack::QuestionType::enumeration) return;
    object item = concept_json("answer." + q.id, q.question, "");
    array values;
    for (const auto& v : q.values) values.push_back(concept_json(answer_code(q.id, v.value), v.label, ""));
    count += values.size();
    item["concept"] = std::move(values);
    answers.push_back(std::move(item));
  };
  // The choices of every item, and of the fields of list items.
  for (const auto& q : pack.questionnaire) {
    add_choices(q);
    for (const auto& f : q.fields) add_choices(f);
  }
  group("group", "Problem groups", std::move(groups));
  group("protocol", "Dose protocols", std::move(protocols));
  group("outcome", "Tracked outcomes", std::move(outcomes));
  group("side-effect", "Side effects", std::move(side_effects));
  group("red-flag", "Red flags", std::move(red_flags));
  group("safety-rule", "Safety findings", std::move(safety));
  group("basic", "Basics to fix first", std::move(basics));
  group("answer", "Questionnaire answers", std::move(answers));
  return object{{"resourceType", "CodeSystem"},
                {"url", pack_code_system_url(pack)},
                {"version", pack.version},
                {"name", "TrialwisePack"},
                {"title", "Trialwise pack " + pack.id + " (" + pack.title + ")"},
                {"status", "active"},
                {"experimental", false},
                {"publisher", "Trialwise"},
                {"description", "Codes of the Trialwise knowledge pack \"" + pack.id + "\" " + pack.version +
                                    ", drawn from the article \"" + pack.article_title + "\"."},
                {"caseSensitive", true},
                {"hierarchyMeaning", "grouped-by"},
                {"content", "complete"},
                {"count", count},
                {"concept", std::move(concepts)}};
}

}  // namespace trialwise::interop::detail
