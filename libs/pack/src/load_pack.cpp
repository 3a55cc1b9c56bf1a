// load_pack: the pack's JSON into a Pack, checking as it goes. Every check
// records a problem and carries on, so one run lists everything to fix.

#include <algorithm>
#include <map>
#include <set>

#include "reader.hpp"
#include "rule_reads.hpp"
#include "trialwise/pack/pack.hpp"
#include "trialwise/json/text.hpp"

namespace trialwise::pack {
namespace {

using boost::json::object;
using detail::child;
using detail::Need;
using detail::Reader;
using detail::RuleScope;

class PackLoader {
 public:
  PackLoader(const std::string& file, Pack& pack) : r_(file), p_(pack) {}

  Problems load(const boost::json::value& root) {
    const object* o = r_.object(root, "");
    if (!o) return r_.take_problems();
    r_.only_keys(*o, "", {"$schema",       "format",    "pack",          "questionnaire",       "evidence_strengths",
                          "evidence",      "groups",    "safety_levels", "safety_rules",        "basics",
                          "fit",           "decision",  "tolerance",     "protocols",           "timing",
                          "plan",          "outcomes",  "side_effects",  "side_effect_actions", "red_flags",
                          "review_policy", "ingredient"});
    if (r_.text(*o, "", "format") != "trialwise-pack/1") {
      if (o->contains("format")) r_.fail("/format", "this reader knows format \"trialwise-pack/1\" only");
    }
    if (const auto* v = r_.member(*o, "", "pack", Need::required)) read_meta(*v, "/pack");
    r_.each(*o, "", "questionnaire", Need::required,
            [&](const object& q, const std::string& ptr) { p_.questionnaire.push_back(read_question(q, ptr)); });
    build_answer_scope();
    // The answer-scope rules of the questionnaire are checked once every id is known.
    r_.each(*o, "", "questionnaire", Need::required, [&](const object& q, const std::string& ptr) {
      if (q.contains("applies_if")) {
        auto& question = *std::find_if(p_.questionnaire.begin(), p_.questionnaire.end(),
                                       [&](const Question& x) { return x.id == r_.text(q, ptr, "id"); });
        question.applies_if = rule(q, ptr, "applies_if", answers_);
        question.applies_if_source = q.at("applies_if");
      }
    });
    read_strengths(*o);
    read_groups(*o);
    read_evidence(*o);
    read_safety(*o);
    read_basics(*o);
    read_derived(*o);
    read_protocols(*o);
    if (const auto* t = r_.member(*o, "", "timing", Need::required)) {
      if (const object* to = r_.object(*t, "/timing")) p_.timing = note(*to, "/timing");
    }
    read_plan(*o);
    read_outcomes(*o);
    read_side_effects(*o);
    read_red_flags(*o);
    read_review(*o);
    read_ingredient(*o);
    cross_check();
    compile_answer_rules(*o);
    return r_.take_problems();
  }

 private:
  Note note(const object& o, const std::string& ptr) {
    r_.only_keys(o, ptr, {"text", "source", "reason", "quote"});
    return Note{r_.text(o, ptr, "text"), source(o, ptr)};
  }

  Source source(const object& o, const std::string& ptr) { return r_.source(o, ptr, p_.sections); }

  // A threshold note beside a rule: its figure needs a source like any other.
  void threshold(const object& o, const std::string& ptr) {
    if (const auto* t = r_.member(o, ptr, "threshold", Need::optional)) {
      const std::string tp = child(ptr, "threshold");
      if (const object* to = r_.object(*t, tp)) {
        r_.only_keys(*to, tp, {"value", "source", "reason", "quote"});
        r_.number(*to, tp, "value", Need::required, -1e9, 1e9);
        source(*to, tp);
      }
    }
  }

  std::optional<rules::Rule> rule(const object& o, const std::string& ptr, std::string_view key,
                                  const RuleScope& scope) {
    const auto* v = r_.member(o, ptr, key, Need::required);
    if (!v) return std::nullopt;
    const std::string rp = child(ptr, key);
    detail::check_reads(r_, *v, rp, scope);
    auto compiled = engine_.compile(*v);
    if (!compiled) {
      r_.fail(rp + compiled.error().where, "the rule does not compile: " + compiled.error().message,
              compiled.error().code);
      return std::nullopt;
    }
    return *compiled;
  }

  void read_meta(const boost::json::value& v, const std::string& ptr) {
    const object* o = r_.object(v, ptr);
    if (!o) return;
    r_.only_keys(*o, ptr, {"id", "version", "supplement", "title", "article", "sections", "disclaimer", "summary"});
    p_.id = r_.text(*o, ptr, "id");
    p_.version = r_.text(*o, ptr, "version");
    p_.supplement = r_.text(*o, ptr, "supplement");
    p_.title = r_.text(*o, ptr, "title");
    p_.sections = r_.texts(*o, ptr, "sections", true);
    if (const auto* a = r_.member(*o, ptr, "article", Need::required)) {
      if (const object* ao = r_.object(*a, child(ptr, "article"))) {
        r_.only_keys(*ao, child(ptr, "article"), {"title", "file"});
        p_.article_title = r_.text(*ao, child(ptr, "article"), "title");
        r_.text(*ao, child(ptr, "article"), "file", false);
      }
    }
    for (const char* key : {"disclaimer", "summary"}) {
      if (const auto* d = r_.member(*o, ptr, key, Need::required)) {
        if (const object* dobj = r_.object(*d, child(ptr, key))) {
          (std::string_view(key) == "disclaimer" ? p_.disclaimer : p_.summary) = note(*dobj, child(ptr, key));
        }
      }
    }
  }

  Question read_question(const object& o, const std::string& ptr) {
    r_.only_keys(o, ptr,
                 {"id", "type", "required", "question", "help", "unit", "min", "max", "max_items", "max_length",
                  "values", "fields", "applies_if", "default"});
    Question q;
    q.id = r_.text(o, ptr, "id");
    const std::string type = r_.text(o, ptr, "type");
    static const std::map<std::string, QuestionType> kTypes = {
        {"integer", QuestionType::integer}, {"number", QuestionType::number},    {"boolean", QuestionType::boolean},
        {"string", QuestionType::string},   {"enum", QuestionType::enumeration}, {"array", QuestionType::array}};
    if (const auto it = kTypes.find(type); it != kTypes.end()) {
      q.type = it->second;
    } else if (!type.empty()) {
      r_.fail(child(ptr, "type"), "unknown type \"" + type + "\" (integer, number, boolean, string, enum, array)");
    }
    q.required = r_.flag(o, ptr, "required", false);
    q.question = r_.text(o, ptr, "question");
    q.help = r_.text(o, ptr, "help");
    q.unit = r_.text(o, ptr, "unit", false);
    q.min = r_.number(o, ptr, "min", Need::optional, -1e12, 1e12);
    q.max = r_.number(o, ptr, "max", Need::optional, -1e12, 1e12);
    if (q.min && q.max && *q.min > *q.max) r_.fail(child(ptr, "min"), "min is greater than max");
    if (auto n = r_.integer(o, ptr, "max_items", Need::optional, 0, 100000)) q.max_items = static_cast<std::size_t>(*n);
    if (auto n = r_.integer(o, ptr, "max_length", Need::optional, 1, 100000))
      q.max_length = static_cast<std::size_t>(*n);
    if (const auto* d = r_.member(o, ptr, "default", Need::optional)) q.default_value = *d;
    if (q.type == QuestionType::enumeration) {
      r_.each(o, ptr, "values", Need::required, [&](const object& c, const std::string& cp) {
        r_.only_keys(c, cp, {"value", "label"});
        q.values.push_back({r_.text(c, cp, "value"), r_.text(c, cp, "label")});
      });
      if (q.values.empty()) r_.fail(child(ptr, "values"), "an enum needs at least one value");
    } else if (o.contains("values")) {
      r_.fail(child(ptr, "values"), "only an enum has values");
    }
    if (q.type == QuestionType::array) {
      r_.each(o, ptr, "fields", Need::required,
              [&](const object& f, const std::string& fp) { q.fields.push_back(read_question(f, fp)); });
    } else if (o.contains("fields")) {
      r_.fail(child(ptr, "fields"), "only an array has fields");
    }
    if (q.type == QuestionType::array) {
      // A field may be skipped by a rule over the other fields of its element.
      RuleScope element{{}, {}, "the fields of " + q.id};
      for (const auto& f : q.fields) element.names.insert(f.id);
      r_.each(o, ptr, "fields", Need::required, [&](const object& f, const std::string& fp) {
        if (!f.contains("applies_if")) return;
        auto& field = *std::find_if(q.fields.begin(), q.fields.end(),
                                    [&](const Question& x) { return x.id == r_.text(f, fp, "id"); });
        field.applies_if = rule(f, fp, "applies_if", element);
        field.applies_if_source = f.at("applies_if");
      });
    }
    return q;
  }

  void build_answer_scope() {
    answers_.what = "the questionnaire's ids";
    std::set<std::string> seen;
    for (std::size_t i = 0; i < p_.questionnaire.size(); ++i) {
      const auto& q = p_.questionnaire[i];
      if (!seen.insert(q.id).second) r_.fail(child(child("/questionnaire", i), "id"), "duplicate id \"" + q.id + "\"");
      answers_.names.insert(q.id);
      if (q.type == QuestionType::array) {
        auto& fields = answers_.element_names[q.id];
        for (const auto& f : q.fields) fields.insert(f.id);
      }
    }
  }

  template <class T>
  void unique_ids(const std::vector<T>& items, const std::string& list_ptr) {
    std::set<std::string> seen;
    for (std::size_t i = 0; i < items.size(); ++i) {
      if (!items[i].id.empty() && !seen.insert(items[i].id).second)
        r_.fail(child(child(list_ptr, i), "id"), "duplicate id \"" + items[i].id + "\"");
    }
  }

  void read_strengths(const object& o) {
    r_.each(o, "", "evidence_strengths", Need::required, [&](const object& s, const std::string& ptr) {
      r_.only_keys(s, ptr, {"id", "label", "meaning"});
      p_.strengths.push_back({r_.text(s, ptr, "id"), r_.text(s, ptr, "label"), r_.text(s, ptr, "meaning")});
    });
    unique_ids(p_.strengths, "/evidence_strengths");
  }

  void read_groups(const object& o) {
    r_.each(o, "", "groups", Need::required, [&](const object& g, const std::string& ptr) {
      r_.only_keys(
          g, ptr,
          {"id", "label", "problems", "summary", "source", "reason", "quote", "basics_block_plan", "trial_limit"});
      Group group;
      group.id = r_.text(g, ptr, "id");
      group.label = r_.text(g, ptr, "label");
      group.summary = r_.text(g, ptr, "summary");
      group.problems = r_.texts(g, ptr, "problems", true);
      group.source = source(g, ptr);
      group.basics_block_plan = r_.flag(g, ptr, "basics_block_plan", false);
      if (const auto* t = r_.member(g, ptr, "trial_limit", Need::optional)) {
        if (const object* to = r_.object(*t, child(ptr, "trial_limit"))) {
          Note n = note(*to, child(ptr, "trial_limit"));
          group.trial_limit = std::move(n.text);
          group.trial_limit_source = std::move(n.source);
        }
      }
      p_.groups.push_back(std::move(group));
    });
    unique_ids(p_.groups, "/groups");
  }

  void known(const std::vector<std::string>& ids, const std::string& ptr,
             bool (PackLoader::*exists)(const std::string&), const char* what) {
    for (std::size_t i = 0; i < ids.size(); ++i)
      if (!(this->*exists)(ids[i]))
        r_.fail(child(ptr, i), "no " + std::string(what) + " has the id \"" + ids[i] + "\"");
  }
  bool group_exists(const std::string& id) { return p_.find_group(id) != nullptr; }

  void read_evidence(const object& o) {
    r_.each(o, "", "evidence", Need::required, [&](const object& e, const std::string& ptr) {
      r_.only_keys(e, ptr, {"id", "groups", "strength", "claim", "source", "reason", "quote"});
      Evidence ev{r_.text(e, ptr, "id"), r_.texts(e, ptr, "groups", true), r_.text(e, ptr, "strength"),
                  r_.text(e, ptr, "claim"), source(e, ptr)};
      known(ev.groups, child(ptr, "groups"), &PackLoader::group_exists, "group");
      if (!ev.strength.empty() && !p_.find_strength(ev.strength))
        r_.fail(child(ptr, "strength"), "no evidence strength has the id \"" + ev.strength + "\"");
      p_.evidence.push_back(std::move(ev));
    });
    unique_ids(p_.evidence, "/evidence");
  }

  void read_safety(const object& o) {
    if (const auto* levels = r_.member(o, "", "safety_levels", Need::optional)) {
      const std::string lp = "/safety_levels";
      const boost::json::array expected{"ok", "caution", "clinician_first", "avoid"};
      if (*levels != boost::json::value(expected))
        r_.fail(lp, "must be [\"ok\", \"caution\", \"clinician_first\", \"avoid\"], least to most severe");
    }
    r_.each(o, "", "safety_rules", Need::required, [&](const object& s, const std::string& ptr) {
      r_.only_keys(s, ptr, {"id", "level", "when", "text", "bring", "source", "reason", "quote", "threshold"});
      SafetyRule rule_;
      rule_.id = r_.text(s, ptr, "id");
      const std::string level = r_.text(s, ptr, "level");
      if (auto l = parse_safety(level); l && *l != Safety::ok) {
        rule_.level = *l;
      } else if (!level.empty()) {
        r_.fail(child(ptr, "level"), "level must be caution, clinician_first or avoid, not \"" + level + "\"");
      }
      if (auto w = rule(s, ptr, "when", answers_)) rule_.when = *w;
      rule_.text = r_.text(s, ptr, "text");
      rule_.bring = r_.text(s, ptr, "bring");
      rule_.source = source(s, ptr);
      threshold(s, ptr);
      p_.safety_rules.push_back(std::move(rule_));
    });
    unique_ids(p_.safety_rules, "/safety_rules");
  }

  void read_basics(const object& o) {
    r_.each(o, "", "basics", Need::required, [&](const object& b, const std::string& ptr) {
      r_.only_keys(b, ptr, {"id", "label", "when", "advice", "source", "reason", "quote", "threshold"});
      Basic basic;
      basic.id = r_.text(b, ptr, "id");
      basic.label = r_.text(b, ptr, "label");
      basic.advice = r_.text(b, ptr, "advice");
      if (auto w = rule(b, ptr, "when", answers_)) basic.when = *w;
      basic.source = source(b, ptr);
      threshold(b, ptr);
      p_.basics.push_back(std::move(basic));
    });
    unique_ids(p_.basics, "/basics");
  }

  void read_derived(const object& o) {
    const RuleScope fit_scope{{"group", "basics_count"}, {}, "{group, basics_count}"};
    const RuleScope decision_scope{
        {"safety", "group", "fit", "basics_count"}, {}, "{safety, group, fit, basics_count}"};
    for (const auto& [key, scope, target] :
         {std::tuple{"fit", &fit_scope, &p_.fit}, std::tuple{"decision", &decision_scope, &p_.decision}}) {
      const auto* v = r_.member(o, "", key, Need::required);
      if (!v) continue;
      const std::string ptr = child("", key);
      if (const object* d = r_.object(*v, ptr)) {
        r_.only_keys(*d, ptr, {"rule", "source", "reason", "quote", "threshold"});
        if (auto rl = rule(*d, ptr, "rule", *scope)) target->rule = *rl;
        target->source = source(*d, ptr);
        threshold(*d, ptr);
      }
    }
    if (const auto* v = r_.member(o, "", "tolerance", Need::required)) {
      if (const object* t = r_.object(*v, "/tolerance")) {
        r_.only_keys(*t, "/tolerance",
                     {"window_days", "rule", "text", "source", "reason", "quote", "threshold", "repeated_upset"});
        p_.tolerance.window_days = r_.integer(*t, "/tolerance", "window_days", Need::required, 1, 60).value_or(3);
        const RuleScope scope{{"worst_side_effect", "days_logged"}, {}, "{worst_side_effect, days_logged}"};
        if (auto rl = rule(*t, "/tolerance", "rule", scope)) p_.tolerance.rule = *rl;
        p_.tolerance.text = r_.text(*t, "/tolerance", "text");
        p_.tolerance.source = source(*t, "/tolerance");
        threshold(*t, "/tolerance");
        if (const auto* ru = r_.member(*t, "/tolerance", "repeated_upset", Need::optional)) read_repeated_upset(*ru);
      }
    }
  }

  void read_repeated_upset(const boost::json::value& v) {
    const std::string ptr = "/tolerance/repeated_upset";
    const object* o = r_.object(v, ptr);
    if (!o) return;
    r_.only_keys(*o, ptr, {"days", "window_days", "text", "source", "reason", "quote", "threshold"});
    RepeatedUpset ru;
    ru.window_days = r_.integer(*o, ptr, "window_days", Need::required, 1, 60).value_or(7);
    ru.days = r_.integer(*o, ptr, "days", Need::required, 1, 60).value_or(3);
    if (ru.days > ru.window_days) r_.fail(child(ptr, "days"), "cannot be more than window_days");
    ru.text = r_.text(*o, ptr, "text");
    ru.source = source(*o, ptr);
    threshold(*o, ptr);
    p_.tolerance.repeated_upset = std::move(ru);
  }

  void read_protocols(const object& o) {
    r_.each(o, "", "protocols", Need::required, [&](const object& po, const std::string& ptr) {
      r_.only_keys(
          po, ptr,
          {"id", "label", "groups", "issues_dose", "steps", "active_days", "source", "reason", "quote", "notes"});
      Protocol pr;
      pr.id = r_.text(po, ptr, "id");
      pr.label = r_.text(po, ptr, "label");
      pr.groups = r_.texts(po, ptr, "groups", true);
      known(pr.groups, child(ptr, "groups"), &PackLoader::group_exists, "group");
      if (!po.contains("issues_dose")) r_.fail(child(ptr, "issues_dose"), "missing \"issues_dose\"");
      pr.issues_dose = r_.flag(po, ptr, "issues_dose", true);
      r_.each(po, ptr, "steps", Need::required, [&](const object& s, const std::string& sp) {
        r_.only_keys(s, sp, {"start_day", "dose_g", "times_per_day", "requires"});
        Step step;
        step.start_day = r_.integer(s, sp, "start_day", Need::required, 1, 3650).value_or(1);
        step.dose_g = r_.number(s, sp, "dose_g", Need::required, 0.001, 1000).value_or(0);
        step.times_per_day = r_.integer(s, sp, "times_per_day", Need::required, 1, 24).value_or(1);
        const std::string requires_ = r_.text(s, sp, "requires", false);
        if (!requires_.empty() && requires_ != "tolerance")
          r_.fail(child(sp, "requires"), "the only condition a step can require is \"tolerance\"");
        step.requires_tolerance = requires_ == "tolerance";
        pr.steps.push_back(step);
      });
      const std::string steps_ptr = child(ptr, "steps");
      if (pr.issues_dose && pr.steps.empty() && po.contains("steps"))
        r_.fail(steps_ptr, "a protocol that issues a dose needs at least one step");
      if (!pr.issues_dose && !pr.steps.empty())
        r_.fail(steps_ptr, "a protocol that issues no dose (the treating team's) cannot list steps");
      for (std::size_t i = 0; i < pr.steps.size(); ++i) {
        if (i == 0 && pr.steps[0].start_day != 1)
          r_.fail(child(child(steps_ptr, 0), "start_day"), "the first step starts on day 1");
        if (i > 0 && pr.steps[i].start_day <= pr.steps[i - 1].start_day)
          r_.fail(child(child(steps_ptr, i), "start_day"), "steps must start on increasing days");
      }
      if (const auto* ad = r_.member(po, ptr, "active_days", Need::required)) {
        const std::string ap = child(ptr, "active_days");
        if (const object* a = r_.object(*ad, ap)) {
          r_.only_keys(*a, ap, {"default", "min", "max"});
          pr.active_days.default_days = r_.integer(*a, ap, "default", Need::required, 1, 365).value_or(28);
          pr.active_days.min_days = r_.integer(*a, ap, "min", Need::required, 1, 365).value_or(14);
          pr.active_days.max_days = r_.integer(*a, ap, "max", Need::required, 1, 365).value_or(56);
          if (!(pr.active_days.min_days <= pr.active_days.default_days &&
                pr.active_days.default_days <= pr.active_days.max_days))
            r_.fail(ap, "needs min <= default <= max");
          if (!pr.steps.empty() && pr.steps.back().start_day > pr.active_days.min_days)
            r_.fail(ap, "the last step starts after the shortest trial ends");
        }
      }
      pr.source = source(po, ptr);
      r_.each(po, ptr, "notes", Need::optional,
              [&](const object& n, const std::string& np) { pr.notes.push_back(note(n, np)); });
      p_.protocols.push_back(std::move(pr));
    });
    unique_ids(p_.protocols, "/protocols");
  }

  PlanCheck plan_check(const object& c, const std::string& ptr) {
    static const RuleScope scope{
        {"existing_g_per_day", "max_daily_g", "total_max_daily_g", "other_products_paused", "unknown_amount_products"},
        {},
        "{existing_g_per_day, max_daily_g, total_max_daily_g, "
        "other_products_paused, unknown_amount_products}"};
    r_.only_keys(c, ptr, {"id", "when", "text", "source", "reason", "quote"});
    PlanCheck pc;
    pc.id = r_.text(c, ptr, "id");
    if (auto w = rule(c, ptr, "when", scope)) pc.when = *w;
    pc.text = r_.text(c, ptr, "text");
    pc.source = source(c, ptr);
    return pc;
  }

  void read_plan(const object& o) {
    const auto* v = r_.member(o, "", "plan", Need::required);
    if (!v) return;
    const object* po = r_.object(*v, "/plan");
    if (!po) return;
    r_.only_keys(*po, "/plan",
                 {"baseline_days", "source", "reason", "quote", "checks", "warnings", "existing_intake", "pause"});
    if (const auto* ei = r_.member(*po, "/plan", "existing_intake", Need::optional))
      read_existing_intake(*ei, "/plan/existing_intake");
    p_.plan.baseline_days = r_.integer(*po, "/plan", "baseline_days", Need::required, 0, 60).value_or(7);
    p_.plan.source = source(*po, "/plan");
    r_.each(*po, "/plan", "checks", Need::optional,
            [&](const object& c, const std::string& ptr) { p_.plan.checks.push_back(plan_check(c, ptr)); });
    r_.each(*po, "/plan", "warnings", Need::optional,
            [&](const object& c, const std::string& ptr) { p_.plan.warnings.push_back(plan_check(c, ptr)); });
    if (const auto* pv =
            r_.member(*po, "/plan", "pause", p_.plan.existing_intake.list.empty() ? Need::optional : Need::required)) {
      if (const object* pause = r_.object(*pv, "/plan/pause")) {
        Note n = note(*pause, "/plan/pause");
        p_.plan.pause_text = std::move(n.text);
        p_.plan.pause_source = std::move(n.source);
      }
    }
  }

  // The list question and its fields must exist, with the right types.
  void read_existing_intake(const boost::json::value& v, const std::string& ptr) {
    const object* o = r_.object(v, ptr);
    if (!o) return;
    r_.only_keys(*o, ptr, {"list", "name", "contains", "contains_values", "amount_per_serving", "servings_per_day"});
    auto& e = p_.plan.existing_intake;
    e.list = r_.text(*o, ptr, "list");
    e.name = r_.text(*o, ptr, "name");
    e.contains = r_.text(*o, ptr, "contains");
    const std::string vp = child(ptr, "contains_values");
    std::vector<std::pair<const char*, std::string*>> values{{"none", &e.contains_none},
                                                             {"amount", &e.contains_amount},
                                                             {"no_amount", &e.contains_no_amount},
                                                             {"unsure", &e.contains_unsure}};
    if (const auto* cv = r_.member(*o, ptr, "contains_values", Need::required)) {
      if (const object* co = r_.object(*cv, vp)) {
        r_.only_keys(*co, vp, {"none", "amount", "no_amount", "unsure"});
        for (auto& [key, target] : values) *target = r_.text(*co, vp, key);
      }
    }
    e.amount_per_serving = r_.text(*o, ptr, "amount_per_serving");
    e.servings_per_day = r_.text(*o, ptr, "servings_per_day");
    const Question* list = p_.find_question(e.list);
    if (!list || list->type != QuestionType::array) {
      if (!e.list.empty()) r_.fail(child(ptr, "list"), "\"" + e.list + "\" is not an array question");
      return;
    }
    auto find = [&](const std::string& id) {
      const auto it =
          std::find_if(list->fields.begin(), list->fields.end(), [&](const Question& f) { return f.id == id; });
      return it == list->fields.end() ? nullptr : &*it;
    };
    auto field = [&](const std::string& id, const char* key, QuestionType type, const char* what) {
      const Question* f = find(id);
      const bool ok =
          f && f->required && (f->type == type || (type == QuestionType::number && f->type == QuestionType::integer));
      if (!ok && !id.empty())
        r_.fail(child(ptr, key), "\"" + id + "\" must be a required " + what + " field of " + e.list);
    };
    field(e.name, "name", QuestionType::string, "text");
    field(e.contains, "contains", QuestionType::enumeration, "enum");
    field(e.amount_per_serving, "amount_per_serving", QuestionType::number, "number");
    field(e.servings_per_day, "servings_per_day", QuestionType::number, "number");
    if (const Question* c = find(e.contains); c && c->type == QuestionType::enumeration) {
      for (const auto& [key, target] : values) {
        const std::string& value = *target;
        const bool known = std::any_of(c->values.begin(), c->values.end(),
                                       [&](const Choice& choice) { return choice.value == value; });
        if (!known && !value.empty()) r_.fail(child(vp, key), "\"" + value + "\" is not a value of " + e.contains);
      }
    }
    // The amount is asked only when the product contains the supplement: it
    // may be skipped, but never for a product that says it has none.
    if (const Question* a = find(e.amount_per_serving); a && a->applies_if) {
      thread_local rules::Scratch scratch;
      const boost::json::value none = boost::json::object{{e.contains, e.contains_none}};
      auto asked = a->applies_if->evaluate(none, scratch);
      if (asked && rules::truthy(*asked))
        r_.fail(child(ptr, "amount_per_serving"), "asked even when the product contains none: the rule is backwards");
    }
  }

  void read_outcomes(const object& o) {
    r_.each(o, "", "outcomes", Need::required, [&](const object& oc, const std::string& ptr) {
      r_.only_keys(oc, ptr, {"id", "label", "question", "scale", "better", "groups", "source", "reason", "quote"});
      Outcome out;
      out.id = r_.text(oc, ptr, "id");
      out.label = r_.text(oc, ptr, "label");
      out.question = r_.text(oc, ptr, "question");
      const std::string better = r_.text(oc, ptr, "better");
      if (better != "lower" && better != "higher" && !better.empty())
        r_.fail(child(ptr, "better"), "must be \"lower\" or \"higher\"");
      out.higher_is_better = better == "higher";
      out.groups = r_.texts(oc, ptr, "groups", true);
      known(out.groups, child(ptr, "groups"), &PackLoader::group_exists, "group");
      if (const auto* sv = r_.member(oc, ptr, "scale", Need::required)) {
        const std::string sp = child(ptr, "scale");
        if (const object* s = r_.object(*sv, sp)) {
          r_.only_keys(*s, sp, {"min", "max", "low", "high"});
          out.scale_min = r_.number(*s, sp, "min", Need::required, -1e6, 1e6).value_or(0);
          out.scale_max = r_.number(*s, sp, "max", Need::required, -1e6, 1e6).value_or(10);
          if (out.scale_min >= out.scale_max) r_.fail(sp, "min must be below max");
          out.scale_low = r_.text(*s, sp, "low");
          out.scale_high = r_.text(*s, sp, "high");
        }
      }
      out.source = source(oc, ptr);
      p_.outcomes.push_back(std::move(out));
    });
    unique_ids(p_.outcomes, "/outcomes");
  }

  // What labels are read for: optional; without it, product import refuses.
  void read_ingredient(const object& o) {
    const auto* v = r_.member(o, "", "ingredient", Need::optional);
    if (!v) return;
    const object* io = r_.object(*v, "/ingredient");
    if (!io) return;
    r_.only_keys(*io, "/ingredient", {"name", "label_forms", "label_rules"});
    auto& ing = p_.ingredient;
    ing.name = r_.text(*io, "/ingredient", "name");
    static const std::map<std::string, Counted> kCounted = {{"by_fraction", Counted::by_fraction},
                                                            {"upper_bound", Counted::upper_bound},
                                                            {"not_counted", Counted::not_counted}};
    r_.each(*io, "/ingredient", "label_forms", Need::required, [&](const object& f, const std::string& ptr) {
      r_.only_keys(f, ptr, {"id", "name", "fraction", "counted", "note", "source", "reason", "quote"});
      LabelForm form;
      form.id = r_.text(f, ptr, "id");
      form.name = r_.text(f, ptr, "name");
      form.fraction = r_.number(f, ptr, "fraction", Need::required, 0, 1).value_or(1);
      const std::string counted = r_.text(f, ptr, "counted");
      if (const auto it = kCounted.find(counted); it != kCounted.end()) {
        form.counted = it->second;
      } else if (!counted.empty()) {
        r_.fail(child(ptr, "counted"), "\"counted\" must be \"by_fraction\", \"upper_bound\" or \"not_counted\"");
      }
      form.note = r_.text(f, ptr, "note", form.counted == Counted::not_counted);
      form.source = source(f, ptr);
      ing.forms.push_back(std::move(form));
    });
    unique_ids(ing.forms, "/ingredient/label_forms");
    r_.each(*io, "/ingredient", "label_rules", Need::required, [&](const object& lr, const std::string& ptr) {
      r_.only_keys(lr, ptr, {"form", "words", "without"});
      LabelRule rule;
      rule.form = r_.text(lr, ptr, "form");
      if (!rule.form.empty() && !ing.find_form(rule.form))
        r_.fail(child(ptr, "form"), "\"" + rule.form + "\" is not one of /ingredient/label_forms");
      if (const auto* words = r_.member(lr, ptr, "words", Need::required)) {
        const std::string wp = child(ptr, "words");
        if (const auto* groups = words->if_array(); groups && !groups->empty()) {
          for (std::size_t i = 0; i < groups->size(); ++i) {
            const std::string gp = child(wp, i);
            const auto* any = (*groups)[i].if_array();
            if (!any || any->empty()) {
              r_.fail(gp, "each entry of \"words\" must be a non-empty array of words, one of which must appear");
              continue;
            }
            std::vector<std::string> alternatives;
            for (std::size_t j = 0; j < any->size(); ++j) {
              if (const auto* w = (*any)[j].if_string()) {
                alternatives.emplace_back(*w);
              } else {
                r_.fail(child(gp, j), "a label word must be a string");
              }
            }
            rule.words.push_back(label_words(std::move(alternatives), gp));
          }
        } else {
          r_.fail(wp, "\"words\" must be a non-empty array of arrays of words");
        }
      }
      rule.without = label_words(r_.texts(lr, ptr, "without", false), child(ptr, "without"));
      ing.label_rules.push_back(std::move(rule));
    });
  }

  // Label words are compared with a row's name as lower-case ASCII words.
  std::vector<std::string> label_words(std::vector<std::string> words, const std::string& ptr) {
    for (std::size_t i = 0; i < words.size(); ++i) {
      if (words[i].find_first_not_of("abcdefghijklmnopqrstuvwxyz0123456789") != std::string::npos)
        r_.fail(child(ptr, i), "a label word is lower-case letters and digits only, not \"" + words[i] + "\"");
    }
    return words;
  }

  void read_side_effects(const object& o) {
    r_.each(o, "", "side_effects", Need::required, [&](const object& s, const std::string& ptr) {
      r_.only_keys(s, ptr, {"id", "label", "source", "reason", "quote"});
      p_.side_effects.push_back({r_.text(s, ptr, "id"), r_.text(s, ptr, "label"), source(s, ptr)});
    });
    unique_ids(p_.side_effects, "/side_effects");
    r_.each(o, "", "side_effect_actions", Need::required, [&](const object& a, const std::string& ptr) {
      r_.only_keys(a, ptr, {"id", "at_least", "text", "source", "reason", "quote", "threshold"});
      SideEffectAction act;
      act.id = r_.text(a, ptr, "id");
      act.at_least = r_.number(a, ptr, "at_least", Need::required, 0, 10).value_or(10);
      act.text = r_.text(a, ptr, "text");
      act.source = source(a, ptr);
      threshold(a, ptr);
      p_.side_effect_actions.push_back(std::move(act));
    });
    unique_ids(p_.side_effect_actions, "/side_effect_actions");
    for (std::size_t i = 1; i < p_.side_effect_actions.size(); ++i) {
      if (p_.side_effect_actions[i].at_least <= p_.side_effect_actions[i - 1].at_least)
        r_.fail(child(child("/side_effect_actions", i), "at_least"),
                "actions must be listed from mildest to most severe");
    }
  }

  void read_red_flags(const object& o) {
    r_.each(o, "", "red_flags", Need::required, [&](const object& f, const std::string& ptr) {
      r_.only_keys(f, ptr, {"id", "label", "action", "source", "reason", "quote"});
      p_.red_flags.push_back(
          {r_.text(f, ptr, "id"), r_.text(f, ptr, "label"), r_.text(f, ptr, "action"), source(f, ptr)});
    });
    unique_ids(p_.red_flags, "/red_flags");
  }

  void read_review(const object& o) {
    const auto* v = r_.member(o, "", "review_policy", Need::required);
    if (!v) return;
    const std::string ptr = "/review_policy";
    const object* rv = r_.object(*v, ptr);
    if (!rv) return;
    r_.only_keys(*rv, ptr,
                 {"min_baseline_days", "min_active_days", "adherence_threshold", "smallest_meaningful_change",
                  "clear_benefit_probability", "next_review_days", "source", "reason", "quote", "notes"});
    auto& rp = p_.review;
    rp.min_baseline_days = r_.integer(*rv, ptr, "min_baseline_days", Need::required, 1, 365).value_or(5);
    rp.min_active_days = r_.integer(*rv, ptr, "min_active_days", Need::required, 1, 365).value_or(14);
    rp.adherence_threshold = r_.number(*rv, ptr, "adherence_threshold", Need::required, 0, 1).value_or(0.8);
    rp.smallest_meaningful_change =
        r_.number(*rv, ptr, "smallest_meaningful_change", Need::required, 0, 1e6).value_or(1);
    rp.clear_benefit_probability =
        r_.number(*rv, ptr, "clear_benefit_probability", Need::required, 0.5, 1).value_or(0.8);
    rp.next_review_days = r_.integer(*rv, ptr, "next_review_days", Need::required, 1, 365).value_or(28);
    rp.source = source(*rv, ptr);
    r_.each(*rv, ptr, "notes", Need::optional, [&](const object& n, const std::string& np) { note(n, np); });
  }

  void compile_answer_rules(const object& o) {
    if (!r_.ok()) return;  // each rule's own problems are already reported
    boost::json::array all;
    for (const char* list : {"safety_rules", "basics"})
      for (const auto& item : o.at(list).as_array()) all.push_back(item.as_object().at("when"));
    auto set = engine_.compile_set(all);
    if (set) p_.answer_rules = *set;
  }

  // Checks across sections, once everything is read.
  void cross_check() {
    const Question* problem = p_.find_question("problem");
    if (!problem || problem->type != QuestionType::enumeration) {
      r_.fail("/questionnaire", "needs an enum question \"problem\": groups are chosen from its answer");
    } else {
      for (const auto& choice : problem->values) {
        const auto& v = choice.value;
        int groups = 0;
        for (const auto& g : p_.groups) groups += static_cast<int>(std::count(g.problems.begin(), g.problems.end(), v));
        if (groups != 1)
          r_.fail("/groups",
                  "the problem \"" + v + "\" must belong to exactly one group, not " + std::to_string(groups));
      }
      for (std::size_t gi = 0; gi < p_.groups.size(); ++gi) {
        for (std::size_t k = 0; k < p_.groups[gi].problems.size(); ++k) {
          const auto& v = p_.groups[gi].problems[k];
          const bool exists = std::any_of(problem->values.begin(), problem->values.end(),
                                          [&](const Choice& c) { return c.value == v; });
          if (!exists)
            r_.fail(child(child(child("/groups", gi), "problems"), k),
                    "\"" + v + "\" is not a value of the problem question");
        }
      }
    }
    for (std::size_t gi = 0; gi < p_.groups.size(); ++gi) {
      const auto& g = p_.groups[gi];
      auto serves = [&](const auto& list) {
        return std::any_of(list.begin(), list.end(), [&](const auto& x) {
          return std::find(x.groups.begin(), x.groups.end(), g.id) != x.groups.end();
        });
      };
      if (!serves(p_.protocols)) r_.fail(child("/groups", gi), "no protocol serves the group \"" + g.id + "\"");
      if (!serves(p_.outcomes)) r_.fail(child("/groups", gi), "no outcome serves the group \"" + g.id + "\"");
      if (!serves(p_.evidence)) r_.fail(child("/groups", gi), "no evidence speaks to the group \"" + g.id + "\"");
    }
    if (p_.review.min_baseline_days > p_.plan.baseline_days)
      r_.fail("/review_policy/min_baseline_days", "is more than the plan's baseline_days");
  }

  Reader r_;
  Pack& p_;
  rules::Engine engine_;
  RuleScope answers_;
};

}  // namespace

Result<Pack, Problems> load_pack(std::string_view json_text, const std::string& file) {
  auto json = json::parse(json_text);
  if (!json) {
    Error e = json.error();
    e.where = file + ":" + e.where;
    return Unexpected{Problems{std::move(e)}};
  }
  Pack pack;
  pack.file = file;
  pack.text = std::string(json_text);
  Problems problems = PackLoader(file, pack).load(*json);
  if (!problems.empty()) return Unexpected{std::move(problems)};
  return pack;
}

}  // namespace trialwise::pack
