// The trial record's JSON form. Reading checks every field and names the
// first bad one by JSON pointer: a batch of thousands of exported trials is
// only useful if a damaged line says where it is damaged.

#include "trialwise/model/trial_json.hpp"

#include <cmath>
#include <limits>
#include <set>

#include <boost/json/array.hpp>

#include "trialwise/core/json_pointer.hpp"
#include "trialwise/model/design_json.hpp"

namespace trialwise::model {

namespace json = boost::json;

namespace {

json::value optional_number(const std::optional<double>& d) { return d ? json::value(*d) : json::value(nullptr); }

json::object entry_json(const DayEntry& e) {
  json::object side;
  for (const auto& [id, score] : e.side_effects) side[id] = score;
  json::array flags;
  for (const auto& f : e.red_flags) flags.emplace_back(f);
  json::object out{{"date", e.date.to_string()},
                   {"outcome", e.outcome},
                   {"doses_taken", e.doses_taken ? json::value(*e.doses_taken) : json::value(nullptr)},
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

// Field readers: each returns the value or an error naming where + pointer.
class Fields {
 public:
  Fields(const json::object& o, std::string where, std::string pointer)
      : o_(o), where_(std::move(where)), pointer_(std::move(pointer)) {}

  Error bad(std::string_view key, const std::string& expected) const {
    std::string p = pointer_;
    append_pointer_token(p, key);
    return invalid_input(where_ + "#" + p, "expected " + expected);
  }
  std::string pointer(std::string_view key) const {
    std::string p = pointer_;
    append_pointer_token(p, key);
    return p;
  }
  const json::value* find(std::string_view key) const { return o_.if_contains(key); }

  Result<std::string> text(std::string_view key, bool required = true) const {
    const auto* v = find(key);
    if (v == nullptr && !required) return std::string();
    if (v == nullptr || !v->is_string()) return Unexpected{bad(key, "a string")};
    return std::string(v->get_string());
  }
  Result<double> number(std::string_view key, double min, double max) const {
    const auto* v = find(key);
    if (v == nullptr || !v->is_number()) return Unexpected{bad(key, "a number")};
    const double d = v->to_number<double>();
    if (!(d >= min && d <= max)) return Unexpected{bad(key, "a number from " + show(min) + " to " + show(max))};
    return d;
  }
  Result<std::optional<double>> optional_number(std::string_view key, double min, double max) const {
    const auto* v = find(key);
    if (v == nullptr || v->is_null()) return std::optional<double>();
    auto d = number(key, min, max);
    if (!d) return Unexpected{d.error()};
    return std::optional<double>(*d);
  }
  Result<int> integer(std::string_view key, int min, int max) const {
    const auto* v = find(key);
    if (v == nullptr || !v->is_int64() || v->get_int64() < min || v->get_int64() > max)
      return Unexpected{bad(key, "a whole number from " + std::to_string(min) + " to " + std::to_string(max))};
    return static_cast<int>(v->get_int64());
  }
  Result<bool> boolean(std::string_view key, bool fallback) const {
    const auto* v = find(key);
    if (v == nullptr) return fallback;
    if (!v->is_bool()) return Unexpected{bad(key, "true or false")};
    return v->get_bool();
  }
  Result<Date> date(std::string_view key) const {
    const auto* v = find(key);
    if (v == nullptr || !v->is_string()) return Unexpected{bad(key, "a date, YYYY-MM-DD")};
    auto d = Date::parse(v->get_string(), where_ + "#" + pointer(key));
    if (!d) return Unexpected{d.error()};
    return *d;
  }
  Result<std::optional<Date>> optional_date(std::string_view key) const {
    const auto* v = find(key);
    if (v == nullptr || v->is_null()) return std::optional<Date>();
    auto d = date(key);
    if (!d) return Unexpected{d.error()};
    return std::optional<Date>(*d);
  }
  Result<const json::array*> array(std::string_view key) const {
    const auto* v = find(key);
    if (v == nullptr || !v->is_array()) return Unexpected{bad(key, "an array")};
    return &v->get_array();
  }
  const std::string& where() const { return where_; }

 private:
  static std::string show(double d) {
    std::string s = std::to_string(d);
    s.erase(s.find_last_not_of('0') + 1);
    if (!s.empty() && s.back() == '.') s.pop_back();
    return s;
  }
  const json::object& o_;
  std::string where_, pointer_;
};

// Unwraps a Result into `out`, or returns its error from the caller.
#define TW_READ(out, expr)                          \
  do {                                              \
    auto read_ = (expr);                            \
    if (!read_) return Unexpected{read_.error()};   \
    out = std::move(*read_);                        \
  } while (false)

Result<const json::object*> object_at(const json::value& v, const std::string& where, const std::string& pointer) {
  if (!v.is_object()) return Unexpected{invalid_input(where + "#" + pointer, "expected an object")};
  return &v.get_object();
}

std::string index_pointer(const std::string& base, std::size_t i) { return base + "/" + std::to_string(i); }

Result<Trial> read_trial(const json::object& o, const std::string& where) {
  const Fields f(o, where, "/trial");
  Trial t;
  TW_READ(t.id, f.integer("id", 0, std::numeric_limits<int>::max()));
  TW_READ(t.pack_id, f.text("pack_id"));
  TW_READ(t.pack_version, f.text("pack_version"));
  TW_READ(t.product_name, f.text("product_name", false));
  TW_READ(t.g_per_serving, f.optional_number("g_per_serving", 0, 100));
  TW_READ(t.protocol_id, f.text("protocol_id"));
  TW_READ(t.outcome_id, f.text("outcome_id"));
  TW_READ(t.outcome_higher_is_better, f.boolean("outcome_higher_is_better", false));
  TW_READ(t.start, f.date("start"));
  TW_READ(t.active_start, f.date("active_start"));
  TW_READ(t.review_date, f.date("review_date"));
  if (!(t.start <= t.active_start && t.active_start < t.review_date))
    return Unexpected{f.bad("review_date", "start <= active_start < review_date")};
  const json::array* steps = nullptr;
  TW_READ(steps, f.array("steps"));
  for (std::size_t i = 0; i < steps->size(); ++i) {
    const std::string p = index_pointer("/trial/steps", i);
    const json::object* so = nullptr;
    TW_READ(so, object_at((*steps)[i], where, p));
    const Fields s(*so, where, p);
    PlannedStep step;
    TW_READ(step.number, s.integer("number", 1, 100));
    TW_READ(step.start, s.date("start"));
    TW_READ(step.dose_g, s.number("dose_g", 0, 100));
    TW_READ(step.times_per_day, s.integer("times_per_day", 1, 24));
    TW_READ(step.requires_tolerance, s.boolean("requires_tolerance", false));
    t.steps.push_back(step);
  }
  if (const auto* design = f.find("design")) TW_READ(t.blocks, design_from_json(*design, where + "#/trial/design"));
  if (const auto* plan = f.find("plan")) t.plan = *plan;
  TW_READ(t.created_at, f.text("created_at", false));
  TW_READ(t.ended_on, f.optional_date("ended_on"));
  TW_READ(t.end_reason, f.text("end_reason", false));
  return t;
}

Result<DayEntry> read_entry(const json::value& v, const std::string& where, const std::string& pointer) {
  const json::object* o = nullptr;
  TW_READ(o, object_at(v, where, pointer));
  const Fields f(*o, where, pointer);
  DayEntry e;
  TW_READ(e.date, f.date("date"));
  TW_READ(e.outcome, f.number("outcome", -1e6, 1e6));  // the outcome's own scale is the pack's
  if (const auto* d = f.find("doses_taken"); d != nullptr && !d->is_null()) {
    int doses = 0;
    TW_READ(doses, f.integer("doses_taken", 0, 24));
    e.doses_taken = doses;
  }
  TW_READ(e.dose_g, f.optional_number("dose_g", 0, 100));
  if (const auto* side = f.find("side_effects")) {
    if (!side->is_object()) return Unexpected{f.bad("side_effects", "an object of side effect scores")};
    const Fields s(side->get_object(), where, f.pointer("side_effects"));
    for (const auto& kv : side->get_object()) TW_READ(e.side_effects[std::string(kv.key())], s.integer(kv.key(), 0, 10));
  }
  if (f.find("red_flags")) {
    const json::array* flags = nullptr;
    TW_READ(flags, f.array("red_flags"));
    for (std::size_t i = 0; i < flags->size(); ++i) {
      if (!(*flags)[i].is_string())
        return Unexpected{invalid_input(where + "#" + index_pointer(f.pointer("red_flags"), i), "expected a string")};
      e.red_flags.emplace_back((*flags)[i].get_string());
    }
  }
  TW_READ(e.with_food, f.boolean("with_food", false));
  TW_READ(e.other_product, f.boolean("other_product", false));
  TW_READ(e.note, f.text("note", false));
  TW_READ(e.recorded_at, f.text("recorded_at", false));
  if (f.find("version")) TW_READ(e.version, f.integer("version", 1, std::numeric_limits<int>::max()));
  return e;
}

Result<Amendment> read_amendment(const json::value& v, const std::string& where, const std::string& pointer) {
  const json::object* o = nullptr;
  TW_READ(o, object_at(v, where, pointer));
  const Fields f(*o, where, pointer);
  Amendment a;
  TW_READ(a.field, f.text("field"));
  TW_READ(a.old_value, f.text("old"));
  TW_READ(a.new_value, f.text("new"));
  TW_READ(a.reason, f.text("reason"));
  TW_READ(a.recorded_at, f.text("recorded_at", false));
  return a;
}

}  // namespace

json::object to_json(const TrialRecord& r) {
  const Trial& t = r.trial;
  json::array steps;
  for (const auto& s : t.steps)
    steps.push_back(json::object{{"number", s.number},
                                 {"start", s.start.to_string()},
                                 {"dose_g", s.dose_g},
                                 {"times_per_day", s.times_per_day},
                                 {"requires_tolerance", s.requires_tolerance}});
  json::object trial{{"id", t.id},
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
                     {"steps", std::move(steps)},
                     {"design", design_to_json(t.blocks)},
                     {"plan", t.plan},
                     {"created_at", t.created_at},
                     {"ended_on", t.ended_on ? json::value(t.ended_on->to_string()) : json::value(nullptr)},
                     {"end_reason", t.end_reason}};
  json::array entries, amendments;
  for (const auto& e : r.entries) entries.push_back(entry_json(e));
  for (const auto& a : r.amendments)
    amendments.push_back(json::object{{"field", a.field},
                                      {"old", a.old_value},
                                      {"new", a.new_value},
                                      {"reason", a.reason},
                                      {"recorded_at", a.recorded_at}});
  return json::object{{"format", kTrialFormat},
                      {"trial", std::move(trial)},
                      {"entries", std::move(entries)},
                      {"amendments", std::move(amendments)}};
}

Result<TrialRecord> trial_record_from_json(const json::value& v, const std::string& where) {
  const json::object* o = nullptr;
  TW_READ(o, object_at(v, where, ""));
  const Fields f(*o, where, "");
  std::string format;
  TW_READ(format, f.text("format"));
  if (format != kTrialFormat) return Unexpected{f.bad("format", std::string("\"") + kTrialFormat + "\"")};
  TrialRecord r;
  const auto* trial = f.find("trial");
  if (trial == nullptr) return Unexpected{f.bad("trial", "the trial object")};
  const json::object* to = nullptr;
  TW_READ(to, object_at(*trial, where, "/trial"));
  TW_READ(r.trial, read_trial(*to, where));
  const json::array* entries = nullptr;
  TW_READ(entries, f.array("entries"));
  std::set<Date> days;
  for (std::size_t i = 0; i < entries->size(); ++i) {
    DayEntry e;
    TW_READ(e, read_entry((*entries)[i], where, index_pointer("/entries", i)));
    if (!days.insert(e.date).second)
      return Unexpected{invalid_input(where + "#" + index_pointer("/entries", i) + "/date",
                                      e.date.to_string() + " appears twice")};
    r.entries.push_back(std::move(e));
  }
  if (f.find("amendments")) {
    const json::array* amendments = nullptr;
    TW_READ(amendments, f.array("amendments"));
    for (std::size_t i = 0; i < amendments->size(); ++i) {
      Amendment a;
      TW_READ(a, read_amendment((*amendments)[i], where, index_pointer("/amendments", i)));
      r.amendments.push_back(std::move(a));
    }
  }
  return r;
}

#undef TW_READ

}  // namespace trialwise::model
