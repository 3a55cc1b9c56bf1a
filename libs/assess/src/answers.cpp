// Checking answers against a pack's questionnaire. Every problem is collected
// (a person fixes a file once, not once per error), each named by the item's
// JSON pointer and in words.

#include <algorithm>
#include <cmath>
#include <type_traits>

#include "trialwise/assess/answers.hpp"
#include "trialwise/json/text.hpp"

namespace trialwise::assess {
namespace {

using pack::Question;
using pack::QuestionType;

std::string range_text(const Question& q) {
  const std::string unit = q.unit.empty() ? "" : " " + q.unit;
  if (q.min && q.max) return "between " + json::number_text(*q.min) + " and " + json::number_text(*q.max) + unit;
  if (q.min) return "at least " + json::number_text(*q.min) + unit;
  return "at most " + json::number_text(*q.max) + unit;
}

std::string allowed_values(const Question& q) {
  std::string out;
  for (const auto& c : q.values) out += (out.empty() ? "" : ", ") + c.value;
  return out;
}

// Whether a list's field is asked, from the other fields of its element; a
// rule that cannot be evaluated asks (erring toward asking).
struct FieldApplies {
  bool operator()(const Question& q, const boost::json::object& element) const {
    if (!q.applies_if) return true;
    thread_local rules::Scratch scratch;
    auto r = q.applies_if->evaluate(rules::Value::from_json(element), scratch);
    return !r || rules::truthy(*r);
  }
};

class Checker {
 public:
  AnswerProblems problems;

  void bad(const std::string& pointer, const std::string& message) {
    problems.push_back(invalid_input(pointer, message));
  }

  // Checks one value against its question; fills defaults inside lists.
  void check(const Question& q, boost::json::value& v, const std::string& pointer) {
    // Messages (and the quoted name in them) are built only when something is wrong.
    auto name = [&q] { return "\"" + q.id + "\""; };
    switch (q.type) {
      case QuestionType::boolean:
        if (!v.is_bool()) bad(pointer, name() + " must be true or false");
        return;
      case QuestionType::string:
        if (!v.is_string()) {
          bad(pointer, name() + " must be text");
        } else if (q.required && v.get_string().empty()) {
          bad(pointer, name() + " must not be empty");
        } else if (q.max_length && v.get_string().size() > *q.max_length) {
          bad(pointer, name() + " is longer than " + std::to_string(*q.max_length) + " characters");
        }
        return;
      case QuestionType::enumeration:
        if (!v.is_string()) {
          bad(pointer, name() + " must be one of: " + allowed_values(q));
          return;
        }
        for (const auto& c : q.values)
          if (c.value == v.get_string()) return;
        bad(pointer, name() + " is \"" + std::string(v.get_string()) +
                         "\", which is not allowed; use one of: " + allowed_values(q));
        return;
      case QuestionType::integer:
      case QuestionType::number: {
        if (!v.is_number()) {
          bad(pointer, name() + " must be a number" + (q.unit.empty() ? "" : " (" + q.unit + ")"));
          return;
        }
        const double d = v.to_number<double>();
        if (q.type == QuestionType::integer && d != std::trunc(d)) {
          bad(pointer, name() + " must be a whole number, not " + json::number_text(d));
          return;
        }
        if ((q.min && d < *q.min) || (q.max && d > *q.max)) {
          bad(pointer, name() + " is " + json::number_text(d) + "; it must be " + range_text(q));
        }
        return;
      }
      case QuestionType::array: {
        if (!v.is_array()) {
          bad(pointer, name() + " must be a list (use [] for none)");
          return;
        }
        auto& items = v.get_array();
        if (q.max_items && items.size() > *q.max_items) {
          bad(pointer, name() + " lists " + std::to_string(items.size()) + " entries; at most " +
                           std::to_string(*q.max_items) + " are allowed");
        }
        for (std::size_t i = 0; i < items.size(); ++i) {
          const std::string item = pointer + "/" + std::to_string(i);
          if (!items[i].is_object()) {
            bad(item, "each entry of " + name() + " must be an object with " + field_names(q));
            continue;
          }
          check_object(q.fields, items[i].get_object(), item, field_applies_);
        }
        return;
      }
    }
  }

  // Checks the members of `o` against `questions`. `applies` decides whether
  // a question is asked at all (top level only).
  template <class Applies>
  void check_object(const std::vector<Question>& questions, boost::json::object& o, const std::string& pointer,
                    Applies applies) {
    std::size_t known = 0;  // members that are questions; any other member is unknown
    std::size_t next = 0;   // where the next question's answer is likely to be
    for (const auto& q : questions) {
      auto it = find_from(o, q.id, next);
      if (it != o.end()) ++known;
      const bool present = it != o.end() && !it->value().is_null();
      bool asked = true;
      if constexpr (!std::is_same_v<Applies, std::nullptr_t>) asked = applies(q, o);
      if constexpr (std::is_same_v<Applies, FieldApplies>) {
        // A value given where the entry's own answers say it does not apply
        // contradicts them; said once the entry's other answers are complete.
        if (present && !asked && !misses_required(questions, o)) {
          bad(pointer + "/" + q.id, "\"" + q.id + "\" does not apply to this entry: it is asked only when " +
                                        json::to_text(q.applies_if_source));
          continue;
        }
      }
      if (!present) {
        if (q.default_value) {
          o[q.id] = *q.default_value;
          if (it == o.end()) ++known;
        } else if (q.required && asked) {
          bad(pointer + "/" + q.id, "missing \"" + q.id + "\" (" + q.question + ")");
        } else if (it != o.end()) {
          o.erase(it);  // null for an optional item: as if not given
          --known;
        }
        continue;
      }
      check(q, it->value(), pointer + "/" + q.id);
    }
    if (known == o.size()) return;
    for (const auto& kv : o) {
      const bool is_question =
          std::any_of(questions.begin(), questions.end(), [&](const Question& q) { return q.id == kv.key(); });
      if (!is_question) bad(pointer + "/" + std::string(kv.key()), "unknown item \"" + std::string(kv.key()) + "\"");
    }
  }

  FieldApplies field_applies_;

  // o.find(key), trying first the member at `next`: forms send their answers
  // in the questionnaire's order, so this usually costs one comparison and
  // no hashing. `next` moves past whatever is found.
  static boost::json::object::iterator find_from(boost::json::object& o, std::string_view key, std::size_t& next) {
    auto it = next < o.size() && o.begin()[next].key() == key ? o.begin() + next : o.find(key);
    if (it != o.end()) next = static_cast<std::size_t>(it - o.begin()) + 1;
    return it;
  }

  static bool misses_required(const std::vector<Question>& questions, const boost::json::object& o) {
    return std::any_of(questions.begin(), questions.end(), [&](const Question& q) {
      const auto it = o.find(q.id);
      return q.required && !q.applies_if && (it == o.end() || it->value().is_null());
    });
  }

  static std::string field_names(const Question& q) {
    std::string out;
    for (const auto& f : q.fields) out += (out.empty() ? "" : ", ") + f.id;
    return out;
  }
};

}  // namespace

Result<Answers, AnswerProblems> check_answers(const pack::Pack& pack, const boost::json::value& answers) {
  return check_answers(pack, boost::json::value(answers));
}

Result<Answers, AnswerProblems> check_answers(const pack::Pack& pack, boost::json::value&& answers) {
  if (!answers.is_object()) {
    return Unexpected{AnswerProblems{invalid_input("", "the answers must be a JSON object of item ids and answers")}};
  }
  Answers out{std::move(answers)};
  Checker checker;
  thread_local rules::Scratch scratch;
  // An item is asked when its applies_if holds on the answers; if that rule
  // cannot be evaluated, it is asked (erring toward asking).
  auto applies = [&](const Question& q, const boost::json::object&) {
    if (!q.applies_if) return true;
    auto r = q.applies_if->evaluate(out.values, scratch);
    return !r || rules::truthy(*r);
  };
  checker.check_object(pack.questionnaire, out.values.get_object(), "", applies);
  if (!checker.problems.empty()) return Unexpected{std::move(checker.problems)};
  return out;
}

}  // namespace trialwise::assess
