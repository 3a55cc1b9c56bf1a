// The trial record's JSON form. Reading checks every field and names the
// first bad one by JSON pointer: a batch of thousands of exported trials is
// only useful if a damaged line says where it is damaged.

#include "trialwise/model/trial_json.hpp"

#include <cmath>
#include <limits>
#include <set>

#include <boost/json/array.hpp>

#include "trialwise/json/fields.hpp"

namespace trialwise::model {

namespace {

boost::json::value optional_number(const std::optional<double>& d) {
  return d ? boost::json::value(*d) : boost::json::value(nullptr);
}

// Every field is read with the shared field reader; reading goes on after a
// problem, and the record's error is the first one found (in document order),
// so a damaged line in a batch says where it is damaged.
using json::child;
using json::FieldReader;
using json::Need;

constexpr int kMaxInt = std::numeric_limits<int>::max();

std::string text_or_empty(FieldReader& r, const boost::json::object& o, std::string_view p, std::string_view key) {
  return r.string(o, p, key, Need::optional).value_or("");
}

// The steps array `v`, at pointer `p`.
std::vector<PlannedStep> read_steps(FieldReader& r, const boost::json::value& v, std::string_view p) {
  std::vector<PlannedStep> steps;
  r.each_item(v, p, [&](const boost::json::object& so, const std::string& sp) {
    PlannedStep step;
    step.number = r.integer(so, sp, "number", Need::required, 1, 100).value_or(1);
    step.start = r.date(so, sp, "start", Need::required).value_or(Date());
    step.dose_g = r.number(so, sp, "dose_g", Need::required, 0, 100).value_or(0);
    step.times_per_day = r.integer(so, sp, "times_per_day", Need::required, 1, 24).value_or(1);
    step.requires_tolerance = r.boolean(so, sp, "requires_tolerance", Need::optional).value_or(false);
    steps.push_back(step);
  });
  return steps;
}

Trial read_trial(FieldReader& r, const boost::json::object& o) {
  const std::string_view p = "/trial";
  Trial t;
  t.id = r.integer(o, p, "id", Need::required, 0, kMaxInt).value_or(0);
  t.pack_id = r.string(o, p, "pack_id", Need::required).value_or("");
  t.pack_version = r.string(o, p, "pack_version", Need::required).value_or("");
  t.product_name = text_or_empty(r, o, p, "product_name");
  t.g_per_serving = r.number(o, p, "g_per_serving", Need::optional, 0, 100);
  t.protocol_id = r.string(o, p, "protocol_id", Need::required).value_or("");
  t.outcome_id = r.string(o, p, "outcome_id", Need::required).value_or("");
  t.outcome_higher_is_better = r.boolean(o, p, "outcome_higher_is_better", Need::optional).value_or(false);
  const auto start = r.date(o, p, "start", Need::required);
  const auto active_start = r.date(o, p, "active_start", Need::required);
  const auto review_date = r.date(o, p, "review_date", Need::required);
  if (start && active_start && review_date) {
    t.start = *start;
    t.active_start = *active_start;
    t.review_date = *review_date;
    if (!(t.start <= t.active_start && t.active_start < t.review_date))
      r.fail("/trial/review_date", "the dates must run start <= active_start < review_date");
  }
  if (const auto* steps = r.member(o, p, "steps", Need::required)) {
    if (steps->is_array()) {
      t.steps = read_steps(r, *steps, "/trial/steps");
    } else {
      r.fail("/trial/steps", std::string("\"steps\" must be an array, not ") + json::type_name(*steps));
    }
  }
  if (const auto* design = o.if_contains("design")) {
    if (auto d = design_from_json(*design, r.location() + "/trial/design")) {
      t.blocks = std::move(*d);
    } else {
      r.add(std::move(d).error());
    }
  }
  if (const auto* plan = o.if_contains("plan")) t.plan = *plan;
  t.created_at = text_or_empty(r, o, p, "created_at");
  if (const auto* ended = o.if_contains("ended_on"); ended && !ended->is_null())
    t.ended_on = r.date(o, p, "ended_on", Need::required);
  t.end_reason = text_or_empty(r, o, p, "end_reason");
  return t;
}

DayEntry read_entry(FieldReader& r, const boost::json::object& o, const std::string& p) {
  DayEntry e;
  e.date = r.date(o, p, "date", Need::required).value_or(Date());
  e.outcome = r.number(o, p, "outcome", Need::required, -1e6, 1e6).value_or(0);  // the pack's scale is checked later
  if (const auto* d = o.if_contains("doses_taken"); d && !d->is_null())
    e.doses_taken = r.integer(o, p, "doses_taken", Need::required, 0, 24);
  if (const auto* d = o.if_contains("dose_g"); d && !d->is_null())
    e.dose_g = r.number(o, p, "dose_g", Need::required, 0, 100);
  e.side_effects = r.integers(o, p, "side_effects", Need::optional, 0, 10).value_or(std::map<std::string, int>{});
  e.red_flags = r.strings(o, p, "red_flags", Need::optional).value_or(std::vector<std::string>{});
  e.with_food = r.boolean(o, p, "with_food", Need::optional).value_or(false);
  e.other_product = r.boolean(o, p, "other_product", Need::optional).value_or(false);
  e.note = text_or_empty(r, o, p, "note");
  e.recorded_at = text_or_empty(r, o, p, "recorded_at");
  e.version = r.integer(o, p, "version", Need::optional, 1, kMaxInt).value_or(1);
  return e;
}

Amendment read_amendment(FieldReader& r, const boost::json::object& o, const std::string& p) {
  Amendment a;
  // An amendment may record a change from or to nothing: the values may be "".
  a.field = r.string(o, p, "field", Need::required).value_or("");
  a.old_value = r.string(o, p, "old", o.contains("old") ? Need::optional : Need::required).value_or("");
  a.new_value = r.string(o, p, "new", o.contains("new") ? Need::optional : Need::required).value_or("");
  a.reason = r.string(o, p, "reason", Need::required).value_or("");
  a.recorded_at = text_or_empty(r, o, p, "recorded_at");
  return a;
}

}  // namespace

boost::json::value design_to_json(const std::optional<BlockDesign>& design) {
  if (!design) return nullptr;
  boost::json::array on;
  for (bool b : design->on) on.emplace_back(b);
  // The seed as a string: JSON numbers past 2^53 do not survive every reader.
  return boost::json::object{{"kind", "blocks"},
                             {"block_days", design->block_days},
                             {"on", std::move(on)},
                             {"seed", std::to_string(design->seed)}};
}

Result<std::optional<BlockDesign>> design_from_json(const boost::json::value& v, const std::string& where) {
  if (v.is_null()) return std::optional<BlockDesign>();
  const auto* o = v.if_object();
  if (o == nullptr) return Unexpected{invalid_input(where, "expected a block design object or null")};
  const auto* kind = o->if_contains("kind");
  if (kind == nullptr || !kind->is_string() || kind->get_string() != "blocks")
    return Unexpected{invalid_input(where + "/kind", "expected \"blocks\"")};
  BlockDesign d;
  const auto* days = o->if_contains("block_days");
  if (days == nullptr || !days->is_int64() || days->get_int64() < 1 || days->get_int64() > 365)
    return Unexpected{invalid_input(where + "/block_days", "expected a whole number of days, 1 to 365")};
  d.block_days = static_cast<int>(days->get_int64());
  const auto* on = o->if_contains("on");
  if (on == nullptr || !on->is_array() || on->get_array().empty() || on->get_array().size() % 2 != 0 ||
      on->get_array().size() > 40)
    return Unexpected{invalid_input(where + "/on", "expected an even number of blocks, 2 to 40, each true or false")};
  for (const auto& b : on->get_array()) {
    if (!b.is_bool()) return Unexpected{invalid_input(where + "/on", "expected true or false for each block")};
    d.on.push_back(b.get_bool());
  }
  for (std::size_t i = 0; i < d.on.size(); i += 2)
    if (d.on[i] == d.on[i + 1])
      return Unexpected{
          invalid_input(where + "/on/" + std::to_string(i), "each pair of blocks must be one on, one off")};
  const auto* seed = o->if_contains("seed");
  if (seed == nullptr || !seed->is_string() || seed->get_string().empty() || seed->get_string().size() > 20 ||
      seed->get_string().find_first_not_of("0123456789") != boost::json::string::npos)
    return Unexpected{invalid_input(where + "/seed", "expected a whole number written as a string")};
  try {
    d.seed = std::stoull(std::string(seed->get_string()));
  } catch (const std::exception&) {
    return Unexpected{invalid_input(where + "/seed", "the seed is larger than 2^64 - 1")};
  }
  return std::optional<BlockDesign>(std::move(d));
}

boost::json::object entry_json(const DayEntry& e) {
  boost::json::object side;
  for (const auto& [id, score] : e.side_effects) side[id] = score;
  boost::json::array flags;
  for (const auto& f : e.red_flags) flags.emplace_back(f);
  boost::json::object out{
      {"date", e.date.to_string()},
      {"outcome", e.outcome},
      {"doses_taken", e.doses_taken ? boost::json::value(*e.doses_taken) : boost::json::value(nullptr)},
      {"dose_g", optional_number(e.dose_g)},
      {"side_effects", std::move(side)},
      {"red_flags", std::move(flags)},
      {"with_food", e.with_food},
      {"note", e.note},
      {"recorded_at", e.recorded_at},
      {"version", e.version}};
  // Only when true, so that records of days without it read as before.
  if (e.other_product) out["other_product"] = true;
  return out;
}

boost::json::array steps_json(const std::vector<PlannedStep>& steps) {
  boost::json::array out;
  for (const auto& s : steps)
    out.push_back(boost::json::object{{"number", s.number},
                                      {"start", s.start.to_string()},
                                      {"dose_g", s.dose_g},
                                      {"times_per_day", s.times_per_day},
                                      {"requires_tolerance", s.requires_tolerance}});
  return out;
}

Result<std::vector<PlannedStep>> steps_from_json(const boost::json::value& v, const std::string& where) {
  FieldReader r(where);
  auto steps = read_steps(r, v, "");
  if (!r.ok()) return Unexpected{r.take_problems().front()};
  return steps;
}

boost::json::object to_json(const TrialRecord& r) {
  const Trial& t = r.trial;
  boost::json::object trial{
      {"id", t.id},
      {"pack_id", t.pack_id},
      {"pack_version", t.pack_version},
      {"product_name", t.product_name},
      {"g_per_serving", optional_number(t.g_per_serving)},
      {"protocol_id", t.protocol_id},
      {"outcome_id", t.outcome_id},
      {"outcome_higher_is_better", t.outcome_higher_is_better},
      {"start", t.start.to_string()},
      {"active_start", t.active_start.to_string()},
      {"review_date", t.review_date.to_string()},
      {"steps", steps_json(t.steps)},
      {"design", design_to_json(t.blocks)},
      {"plan", t.plan},
      {"created_at", t.created_at},
      {"ended_on", t.ended_on ? boost::json::value(t.ended_on->to_string()) : boost::json::value(nullptr)},
      {"end_reason", t.end_reason}};
  boost::json::array entries, amendments;
  for (const auto& e : r.entries) entries.push_back(entry_json(e));
  for (const auto& a : r.amendments)
    amendments.push_back(boost::json::object{{"field", a.field},
                                             {"old", a.old_value},
                                             {"new", a.new_value},
                                             {"reason", a.reason},
                                             {"recorded_at", a.recorded_at}});
  return boost::json::object{{"format", kTrialFormat},
                             {"trial", std::move(trial)},
                             {"entries", std::move(entries)},
                             {"amendments", std::move(amendments)}};
}

Result<TrialRecord> trial_record_from_json(const boost::json::value& v, const std::string& where) {
  FieldReader r(where + "#", {.null_is_absent = true});  // optional values are written as null
  TrialRecord rec;
  const boost::json::object* o = r.object(v, "");
  if (o == nullptr) return Unexpected{r.take_problems().front()};
  const auto format = r.string(*o, "", "format", Need::required);
  if (format && *format != kTrialFormat)
    r.fail("/format", std::string("\"format\" must be \"") + kTrialFormat + "\", not \"" + *format + "\"");
  if (const auto* trial = r.member(*o, "", "trial", Need::required)) {
    if (const auto* to = r.object(*trial, "/trial")) rec.trial = read_trial(r, *to);
  }
  std::set<Date> days;
  r.each(*o, "", "entries", Need::required, [&](const boost::json::object& eo, const std::string& p) {
    const std::size_t before = r.problem_count();
    DayEntry e = read_entry(r, eo, p);
    if (r.problem_count() == before && !days.insert(e.date).second)
      r.fail(child(p, "date"), e.date.to_string() + " appears twice");
    rec.entries.push_back(std::move(e));
  });
  r.each(*o, "", "amendments", Need::optional, [&](const boost::json::object& ao, const std::string& p) {
    rec.amendments.push_back(read_amendment(r, ao, p));
  });
  if (!r.ok()) return Unexpected{r.take_problems().front()};
  return rec;
}

}  // namespace trialwise::model
