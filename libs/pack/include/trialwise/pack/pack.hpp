#pragma once

// A knowledge pack: everything Trialwise knows about one supplement, loaded
// from JSON (packs/*.json; format in docs/packs.md) and checked. The C++ here
// knows the shape of a pack, never its medical content.

#include <optional>
#include <string>
#include <vector>

#include <boost/json/value.hpp>

#include "trialwise/core/result.hpp"
#include "trialwise/core/screening.hpp"
#include "trialwise/rules/engine.hpp"

namespace trialwise::pack {

/// Where a claim, dose, warning or threshold comes from: a section of the
/// pack's article, or the pack's own conservative default with its reason.
struct Source {
  std::string section;  // an article section, or "pack default"
  std::string reason;   // why, for a pack default
  std::string quote;    // optional words from the article
  bool is_pack_default() const { return section == "pack default"; }
};

enum class QuestionType { integer, number, boolean, string, enumeration, array };

struct Choice {
  std::string value;
  std::string label;
};

/// One questionnaire item (or one field of an array item's elements).
struct Question {
  std::string id;
  QuestionType type = QuestionType::string;
  bool required = false;
  std::string question;
  std::string help;
  std::string unit;
  std::optional<double> min, max;
  std::optional<std::size_t> max_items;   // arrays
  std::optional<std::size_t> max_length;  // strings
  std::vector<Choice> values;             // enumerations
  std::vector<Question> fields;           // arrays: each element's fields
  std::optional<rules::Rule> applies_if;  // asked only when this holds on the answers so far (a list's
                                          // field: on the other fields of its element)
  boost::json::value applies_if_source;   // that rule as written in the pack (null when none), for exports
  std::optional<boost::json::value> default_value;
};

struct Strength {
  std::string id, label, meaning;
};

struct Evidence {
  std::string id;
  std::vector<std::string> groups;
  std::string strength;
  std::string claim;
  Source source;
};

struct Group {
  std::string id, label, summary;
  std::vector<std::string> problems;  // values of the `problem` question
  Source source;
  /// A decision of fix_basics_first refuses the plan for this group (the
  /// article puts the basics before the supplement); otherwise it is a warning.
  bool basics_block_plan = false;
  /// What a trial cannot show for this group, said with every result; empty
  /// text when there is nothing to say.
  std::string trial_limit;
  Source trial_limit_source;
};

/// A finding of the safety screen, holding when `when` is truthy on the answers.
struct SafetyRule {
  std::string id;
  Safety level = Safety::ok;
  rules::Rule when;
  std::string text;   // the reason, in plain words
  std::string bring;  // what to bring to a clinician
  Source source;
};

/// A basic to fix first, holding when `when` is truthy on the answers.
struct Basic {
  std::string id, label, advice;
  rules::Rule when;
  Source source;
};

/// A rule over values derived during assessment or planning.
struct DerivedRule {
  rules::Rule rule;
  Source source;
};

/// A plan-level check or warning, over the plan's figures.
struct PlanCheck {
  std::string id, text;
  rules::Rule when;
  Source source;
};

struct Step {
  int start_day = 1;  // 1 = the first active day, after the baseline
  double dose_g = 0;
  int times_per_day = 1;
  bool requires_tolerance = false;  // moves on only if the tolerance rule holds
};

/// Active days a trial may be planned for. `max_days` is also the longest
/// the trial may run in all, re-reviews included: a review that finds a clear
/// benefit never schedules the next one past it.
struct DayRange {
  int default_days = 28, min_days = 14, max_days = 56;
};

struct Note {
  std::string text;
  Source source;
};

struct Protocol {
  std::string id, label;
  std::vector<std::string> groups;
  bool issues_dose = true;  // false: the treating team's protocol; no dose given
  std::vector<Step> steps;
  DayRange active_days;
  Source source;
  std::vector<Note> notes;
};

struct Outcome {
  std::string id, label, question;
  double scale_min = 0, scale_max = 10;
  std::string scale_low, scale_high;
  bool higher_is_better = false;
  std::vector<std::string> groups;
  Source source;
};

struct SideEffect {
  std::string id, label;
  Source source;
};

/// What to do when a side effect scores at least `at_least`.
struct SideEffectAction {
  std::string id, text;
  double at_least = 0;
  Source source;
};

struct RedFlag {
  std::string id, label, action;
  Source source;
};

/// Side effects at the step-down level on `days` of the last `window_days`
/// days at the lowest dose step stop the trial (the article: a supplement
/// that repeatedly upsets the stomach is not something to push through).
struct RepeatedUpset {
  int days = 3;
  int window_days = 7;
  std::string text;
  Source source;
};

/// Evidence of tolerance, needed before a step that requires it: every one of
/// the last `window_days` days at the current dose logged (days not logged are
/// not evidence), and the pack's rule holding over them.
struct Tolerance {
  int window_days = 3;
  rules::Rule rule;  // over {worst_side_effect, days_logged}
  std::string text;
  Source source;
  std::optional<RepeatedUpset> repeated_upset;
};

struct ReviewPolicy {
  int min_baseline_days = 5;
  int min_active_days = 14;
  double adherence_threshold = 0.8;
  double smallest_meaningful_change = 1.0;
  double clear_benefit_probability = 0.8;
  int next_review_days = 28;
  Source source;
};

/// Where the answers list products already taken, and which of their fields
/// hold the name, whether the product contains the supplement, the amount
/// per serving (asked only when an amount is given) and the servings a day.
/// The `contains` field's values: none, with an amount, listed without one,
/// or unsure (may contain); any answer but none counts as containing it.
/// Empty when the pack does not ask (nothing is then counted).
struct ExistingIntake {
  std::string list, name, contains, amount_per_serving, servings_per_day;
  std::string contains_none, contains_amount, contains_no_amount, contains_unsure;
};

struct PlanPolicy {
  int baseline_days = 7;
  ExistingIntake existing_intake;
  Source source;
  std::vector<PlanCheck> checks;    // refuse the plan when one holds
  std::vector<PlanCheck> warnings;  // shown with the plan when one holds
  /// Why the plan asks to pause every other product that contains the
  /// supplement, from the first baseline day to the review.
  std::string pause_text;
  Source pause_source;
};

/// A loaded, checked pack. Immutable after loading; safe to share.
/// How a label row of a form counts toward the ingredient.
enum class Counted {
  by_fraction,  ///< the row's mass times the form's fraction
  upper_bound,  ///< the whole mass, the most it could hold (flagged)
  not_counted,  ///< holds the ingredient in an amount no label gives (flagged)
};

/// A form the ingredient takes on labels (the ingredient itself, a salt, a
/// dipeptide, a food that holds it).
struct LabelForm {
  std::string id;       // stored with each counted row, e.g. "alanyl_glutamine"
  std::string name;     // for people
  double fraction = 1;  // the share of the form's mass that is the ingredient
  Counted counted = Counted::by_fraction;
  std::string note;  // not_counted: why, after the row's name, e.g. "holds ... bound in protein; ..."
  Source source;
};

/// Which label rows are a form: the row's name, as lower-case words, has at
/// least one word of each of `words` and none of `without`. The first rule
/// that matches decides.
struct LabelRule {
  std::string form;
  std::vector<std::vector<std::string>> words;
  std::vector<std::string> without;
};

/// What a label is read for: the ingredient's name, its forms and the rules
/// that recognise them. Empty when the pack does not read labels.
struct Ingredient {
  std::string name;  // as in a sentence: "an amount of glutamine"
  std::vector<LabelForm> forms;
  std::vector<LabelRule> label_rules;

  bool reads_labels() const { return !forms.empty(); }
  const LabelForm* find_form(std::string_view id) const;
};

struct Pack {
  std::string file;  // where it was loaded from, for messages
  std::string text;  // the JSON it was loaded from: a trial keeps it, to be judged by the pack it was planned with
  std::string id, version, supplement, title;
  std::string article_title;
  std::vector<std::string> sections;
  Note disclaimer, summary;
  std::vector<Question> questionnaire;
  std::vector<Strength> strengths;
  std::vector<Evidence> evidence;
  std::vector<Group> groups;
  std::vector<SafetyRule> safety_rules;
  std::vector<Basic> basics;
  DerivedRule fit;       // over {group, basics_count}
  DerivedRule decision;  // over {safety, group, fit, basics_count}
  Tolerance tolerance;
  std::vector<Protocol> protocols;
  Note timing;
  PlanPolicy plan;
  std::vector<Outcome> outcomes;
  std::vector<SideEffect> side_effects;
  std::vector<SideEffectAction> side_effect_actions;
  std::vector<RedFlag> red_flags;
  ReviewPolicy review;
  Ingredient ingredient;

  /// Every safety rule's `when`, then every basic's, compiled as one set so
  /// that an assessment reads each answer once: entry i < safety_rules.size()
  /// is safety rule i, the rest are the basics in order.
  rules::RuleSet answer_rules;

  /// The supplement as in a sentence ("no glutamine yet"): the ingredient's
  /// name, or the pack's supplement when it reads no labels.
  const std::string& substance() const { return ingredient.name.empty() ? supplement : ingredient.name; }

  const Question* find_question(std::string_view id) const;
  const Group* find_group(std::string_view id) const;
  const Protocol* find_protocol(std::string_view id) const;
  const Outcome* find_outcome(std::string_view id) const;
  const Strength* find_strength(std::string_view id) const;
  /// The group a `problem` answer maps to, or nullptr.
  const Group* group_for_problem(std::string_view problem) const;
};

/// Every problem found in a pack; each Error's `where` is
/// "<file>#<JSON pointer>" and its code Errc::invalid_input (Errc::limit for
/// rules nested too deep).
using Problems = std::vector<Error>;

/// Parses and checks a pack. Reports every problem it finds, not just the
/// first: unknown keys, wrong types, missing or empty required fields, rules
/// that do not compile, rules reading answers nobody is asked, sources that
/// are neither an article section nor a pack default with a reason, dangling
/// references between sections, and inconsistent numbers.
Result<Pack, Problems> load_pack(std::string_view json_text, const std::string& file);

/// The pack shipped inside the binary (CMake's TRIALWISE_BUILTIN_PACK at
/// build time: packs/glutamine.json unless configured otherwise), and its
/// file name relative to the source tree, for messages.
std::string_view builtin_pack_text();
const char* builtin_pack_name();

}  // namespace trialwise::pack
