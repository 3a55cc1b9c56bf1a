#include "interview.hpp"

#include <istream>
#include <ostream>
#include <string>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "question_text.hpp"
#include "trialwise/json/text.hpp"
#include "trialwise/rules/engine.hpp"
#include "trialwise/rules/scratch.hpp"
#include "trialwise/core/text.hpp"

namespace trialwise::cli {
namespace {

using namespace questions;
using pack::Question;
using pack::QuestionType;

constexpr std::size_t kMaxAnswerBytes = 4096;  // longer lines are refused, not held

/// Asks the questionnaire on a pair of streams. Stops at the end of input.
class Interview {
 public:
  using Stop = InterviewStop;

  Interview(const pack::Pack& pack, std::istream& in, std::ostream& out) : pack_(pack), in_(in), out_(out) {}

  /// Asks every item that applies, in pack order, into `answers` (an object).
  Stop run(boost::json::value& answers) {
    const std::size_t total = pack_.questionnaire.size();
    for (std::size_t i = 0; i < total; ++i) {
      const Question& q = pack_.questionnaire[i];
      if (!applies(q, answers)) continue;
      const std::string number = "(" + std::to_string(i + 1) + " of " + std::to_string(total) + ")";
      Stop stop = Stop::none;
      if (q.type == QuestionType::array) {
        boost::json::array items;
        stop = ask_list(q, number, items);
        if (stop == Stop::none) answers.get_object()[q.id] = std::move(items);
      } else {
        std::optional<boost::json::value> value;
        stop = ask_item(q, number, value);
        if (stop == Stop::none && value) answers.get_object()[q.id] = std::move(*value);
      }
      if (stop != Stop::none) return stop;
    }
    return Stop::none;
  }

 private:
  // An item is asked when its applies_if holds on the answers so far; when
  // the rule cannot be evaluated it is asked, as check_answers errs toward
  // asking too.
  bool applies(const Question& q, const boost::json::value& answers) {
    if (!q.applies_if) return true;
    auto r = q.applies_if->evaluate(answers, scratch_);
    return !r || rules::truthy(*r);
  }

  /// Prints "> ", then reads one line (without its newline). Lines longer
  /// than kMaxAnswerBytes are cut there and `too_long` is set.
  Stop read_line(std::string& line, bool& too_long) {
    out_ << "> " << std::flush;
    line.clear();
    too_long = false;
    bool any = false;
    for (;;) {
      const auto ch = in_.get();
      if (ch == std::istream::traits_type::eof()) break;
      any = true;
      if (ch == '\n') break;
      if (line.size() < kMaxAnswerBytes) {
        line.push_back(static_cast<char>(ch));
      } else {
        too_long = true;
      }
    }
    if (in_.bad()) return Stop::failed;
    return any ? Stop::none : Stop::ended;  // a last line without "\n" still counts
  }

  /// Reads lines until `accept` takes one; prints its reason for each it refuses.
  template <class Accept>
  Stop read_until(Accept accept) {
    std::string line;
    bool too_long = false;
    for (;;) {
      if (const Stop s = read_line(line, too_long); s != Stop::none) return s;
      const std::string problem =
          too_long ? "That answer is too long (over " + std::to_string(kMaxAnswerBytes) + " characters)."
                   : accept(trim(line));
      if (problem.empty()) return Stop::none;
      out_ << problem << "\n";
    }
  }

  void show(const Question& q, const std::string& heading) {
    // Continuation lines of a long question hang under its first word.
    out_ << "\n"
         << wrap(heading + " " + q.question + (q.type == QuestionType::boolean ? " (y/n)" : ""), heading.size() + 1, 0);
    if (!q.help.empty()) out_ << wrap(q.help, 2);
    const std::string on_empty = empty_line_text(q);
    switch (q.type) {
      case QuestionType::integer:
        out_ << wrap("Enter a whole number" + range_text(q) + unit_text(q) + "." + on_empty, 2);
        break;
      case QuestionType::number:
        out_ << wrap("Enter a number" + range_text(q) + unit_text(q) + "." + on_empty, 2);
        break;
      case QuestionType::boolean:
        if (!on_empty.empty()) out_ << wrap(on_empty.substr(1), 2);
        break;
      case QuestionType::enumeration:
        for (std::size_t i = 0; i < q.values.size(); ++i) {
          const std::string n = std::to_string(i + 1) + ".";
          out_ << wrap(n + " " + q.values[i].label, 4 + n.size() + 1, 4);
        }
        out_ << wrap("Enter the number of your answer." + on_empty, 2);
        break;
      case QuestionType::string:
        out_ << wrap(
            (q.max_length ? "Up to " + std::to_string(*q.max_length) + " characters." : std::string("Any text.")) +
                on_empty,
            2);
        break;
      case QuestionType::array: break;
    }
  }

  Stop ask_item(const Question& q, const std::string& heading, std::optional<boost::json::value>& value) {
    show(q, heading);
    return read_until([&](std::string_view typed) {
      Reading r = interpret(q, typed);
      if (r.problem.empty()) value = std::move(r.value);
      return r.problem;
    });
  }

  /// A y/n question; `none_means_no` also takes "none" (the list's help may
  /// say "enter none").
  Stop ask_yes_no(const std::string& prompt, bool none_means_no, bool& yes) {
    out_ << "\n" << prompt << " (y/n)\n";
    return read_until([&](std::string_view typed) -> std::string {
      if (none_means_no && ascii_lower(typed) == "none") {
        yes = false;
        return {};
      }
      if (auto b = yes_or_no(typed)) {
        yes = *b;
        return {};
      }
      return (typed.empty() ? std::string("An answer is needed.") : echo(typed) + " is not yes or no.") +
             " Please enter y or n.";
    });
  }

  // A list item: whether there is anything to list, then each entry's
  // fields, then whether to add another, up to max_items.
  Stop ask_list(const Question& q, const std::string& number, boost::json::array& items) {
    const std::size_t most = q.max_items.value_or(std::numeric_limits<std::size_t>::max());
    out_ << "\n" << wrap(number + " " + q.question, number.size() + 1, 0);
    if (!q.help.empty()) out_ << wrap(q.help, 2);
    if (most == 0) return Stop::none;
    // The pack's question was just shown; the follow-ups stay generic so that
    // any pack's list reads right.
    bool more = false;
    if (const Stop s = ask_yes_no("Anything to list?", true, more); s != Stop::none) return s;
    while (more) {
      boost::json::object entry;
      const std::size_t n = items.size() + 1;
      for (std::size_t f = 0; f < q.fields.size(); ++f) {
        const Question& field = q.fields[f];
        const std::string heading = number + " Entry " + std::to_string(n) + ", " + std::to_string(f + 1) + " of " +
                                    std::to_string(q.fields.size()) + ":";
        if (field.type == QuestionType::array) {
          boost::json::array nested;
          if (const Stop s = ask_list(field, heading, nested); s != Stop::none) return s;
          entry[field.id] = std::move(nested);
          continue;
        }
        // A field asked only on some entries (e.g. the amount, when the
        // label gives one): decided by the entry's answers so far.
        if (field.applies_if) {
          const boost::json::value so_far = entry;
          auto asked = field.applies_if->evaluate(so_far, scratch_);
          if (asked && !rules::truthy(*asked)) continue;
        }
        std::optional<boost::json::value> value;
        if (const Stop s = ask_item(field, heading, value); s != Stop::none) return s;
        if (value) entry[field.id] = std::move(*value);
      }
      items.push_back(std::move(entry));
      if (items.size() >= most) {
        out_ << "\nThat is the most this list holds (" << most << ").\n";
        break;
      }
      if (const Stop s = ask_yes_no("Add another?", false, more); s != Stop::none) return s;
    }
    return Stop::none;
  }

  const pack::Pack& pack_;
  std::istream& in_;
  std::ostream& out_;
  rules::Scratch scratch_;
};

}  // namespace

InterviewStop interview(const pack::Pack& pack, std::istream& in, std::ostream& out, boost::json::value& answers) {
  return Interview(pack, in, out).run(answers);
}

}  // namespace trialwise::cli
