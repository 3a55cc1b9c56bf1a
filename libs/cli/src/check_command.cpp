// trialwise check: the pack's questionnaire asked on the terminal, one item at
// a time, saved as an answers file that assess and plan read.
//
// Every answer is checked as it is typed, with the same limits check_answers
// applies, so a person fixes a slip on the spot instead of after twenty
// questions; check_answers still runs on the whole before anything is saved.

#include <CLI/CLI.hpp>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <istream>
#include <limits>
#include <optional>
#include <ostream>
#include <system_error>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "exit_codes.hpp"
#include "private_file.hpp"
#include "screening_commands.hpp"
#include "screening_input.hpp"
#include "trialwise/assess/report.hpp"
#include "trialwise/service/screening.hpp"
#include "trialwise/rules/engine.hpp"
#include "trialwise/json/text.hpp"
#include "trialwise/rules/scratch.hpp"

namespace trialwise::cli {

CLI::App* add_check_command(CLI::App& app, CheckOptions& o) {
  auto* cmd =
      app.add_subcommand("check", "Answer the questionnaire here, one question at a time, and see the assessment");
  cmd->add_option("--out", o.out, "Where to save your answers")->type_name("FILE")->capture_default_str();
  cmd->add_flag("--force", o.force, "Replace --out if it already exists");
  add_pack_option(*cmd, o.pack_file);
  cmd->footer(
      "Reads one answer per line from standard input. End the input (Ctrl-D) to stop; nothing is saved\n"
      "until every question is answered.\n"
      "Example: trialwise check --out my_answers.json\n"
      "Exit status: 0 saved and assessed; 2 bad usage, --out exists (without --force) or input ended early;\n"
      "5 the answers file could not be written.");
  return cmd;
}

namespace {

namespace fs = std::filesystem;
using pack::Question;
using pack::QuestionType;

constexpr std::size_t kWidth = 78;                       // where help text wraps
constexpr std::size_t kMaxAnswerBytes = 4096;            // longer lines are refused, not held
constexpr std::size_t kMaxEcho = 30;                     // bad answers longer than this are not repeated back
constexpr double kMaxExactInteger = 9007199254740992.0;  // 2^53

std::string_view trim(std::string_view s) {
  const auto is_space = [](char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
  };
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

/// `text` wrapped at kWidth, every line starting with `indent` spaces (the
/// first with `first_indent`, when given).
std::string wrap(std::string_view text, std::size_t indent, std::optional<std::size_t> first_indent = std::nullopt) {
  std::string out, line(first_indent.value_or(indent), ' ');
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t end = text.find(' ', start);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view word = text.substr(start, end - start);
    start = end + 1;
    if (word.empty()) continue;
    const bool line_empty = line.find_first_not_of(' ') == std::string::npos;
    if (!line_empty && line.size() + 1 + word.size() > kWidth) {
      out += line + "\n";
      line.assign(indent, ' ');
    } else if (!line_empty) {
      line += ' ';
    }
    line += word;
  }
  if (line.find_first_not_of(' ') != std::string::npos) out += line + "\n";
  return out;
}

/// The answer as typed, quoted, to name it in a message; "That" when it is
/// too long or holds control characters.
std::string echo(std::string_view typed) {
  if (typed.size() > kMaxEcho) return "That";
  for (char c : typed)
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) return "That";
  return "\"" + std::string(typed) + "\"";
}

std::string range_text(const Question& q) {
  if (q.min && q.max) return " between " + json::number_text(*q.min) + " and " + json::number_text(*q.max);
  if (q.min) return " of at least " + json::number_text(*q.min);
  if (q.max) return " of at most " + json::number_text(*q.max);
  return "";
}

std::string unit_text(const Question& q) { return q.unit.empty() ? "" : " (" + q.unit + ")"; }

/// What is accepted, as a request: "Please enter a whole number between 0 and 120."
std::string requirement(const Question& q) {
  switch (q.type) {
    case QuestionType::integer: return "Please enter a whole number" + range_text(q) + ".";
    case QuestionType::number: return "Please enter a number" + range_text(q) + ".";
    case QuestionType::boolean: return "Please enter y or n.";
    case QuestionType::enumeration: return "Please enter a number from 1 to " + std::to_string(q.values.size()) + ".";
    case QuestionType::string:
      return q.max_length ? "Please enter at most " + std::to_string(*q.max_length) + " characters."
                          : "Please enter some text.";
    case QuestionType::array: return "Please enter y or n.";
  }
  return "";
}

/// A default value as a person would type it.
std::string default_text(const Question& q, const boost::json::value& v) {
  if (v.is_bool()) return v.get_bool() ? "y" : "n";
  if (v.is_number()) return json::number_text(v.to_number<double>());
  if (v.is_string()) {
    const std::string_view s = v.get_string();
    for (std::size_t i = 0; i < q.values.size(); ++i)
      if (q.values[i].value == s) return std::to_string(i + 1) + " (" + q.values[i].label + ")";
    return "\"" + std::string(s) + "\"";
  }
  return json::to_text(v);
}

/// What pressing Enter on an empty line does, if anything: " Press Enter for n."
std::string empty_line_text(const Question& q) {
  if (q.default_value) return " Press Enter for " + default_text(q, *q.default_value) + ".";
  if (!q.required) return " Press Enter to skip.";
  return "";
}

/// What one line of input means for a question: a value, nothing (skipped),
/// or a one-line reason it was not accepted.
struct Reading {
  std::optional<boost::json::value> value;
  std::string problem;  // empty when accepted
};

Reading refuse(const Question& q, const std::string& what) { return {std::nullopt, what + " " + requirement(q)}; }

Reading read_number(const Question& q, std::string_view typed) {
  double d = 0;
  const auto [end, ec] = std::from_chars(typed.data(), typed.data() + typed.size(), d);
  if (ec != std::errc{} || end != typed.data() + typed.size() || !std::isfinite(d))
    return refuse(q, echo(typed) + " is not a number.");
  if (q.min && d < *q.min)
    return refuse(q, echo(typed) + " is below the minimum of " + json::number_text(*q.min) + ".");
  if (q.max && d > *q.max)
    return refuse(q, echo(typed) + " is above the maximum of " + json::number_text(*q.max) + ".");
  if (q.type == QuestionType::number) return {boost::json::value(d), {}};
  if (d != std::trunc(d)) return refuse(q, echo(typed) + " is not a whole number.");
  if (std::fabs(d) > kMaxExactInteger) return refuse(q, echo(typed) + " is too large.");
  return {boost::json::value(static_cast<std::int64_t>(d)), {}};
}

Reading read_enum(const Question& q, std::string_view typed) {
  std::size_t n = 0;
  const auto [end, ec] = std::from_chars(typed.data(), typed.data() + typed.size(), n);
  if (ec == std::errc{} && end == typed.data() + typed.size() && n >= 1 && n <= q.values.size())
    return {boost::json::value(q.values[n - 1].value), {}};
  const std::string id = lower(typed);
  for (const auto& c : q.values)
    if (lower(c.value) == id) return {boost::json::value(c.value), {}};
  return refuse(q, echo(typed) + " is not one of the choices.");
}

/// y, yes, true / n, no, false, in any case; nothing otherwise.
std::optional<bool> yes_or_no(std::string_view typed) {
  const std::string t = lower(typed);
  if (t == "y" || t == "yes" || t == "true") return true;
  if (t == "n" || t == "no" || t == "false") return false;
  return std::nullopt;
}

/// Interprets one line (already trimmed) as an answer to `q` (not an array).
Reading interpret(const Question& q, std::string_view typed) {
  if (typed.empty()) {
    if (q.default_value) return {*q.default_value, {}};
    if (!q.required) return {std::nullopt, {}};
    return refuse(q, "An answer is needed.");
  }
  switch (q.type) {
    case QuestionType::integer:
    case QuestionType::number: return read_number(q, typed);
    case QuestionType::boolean:
      if (auto b = yes_or_no(typed)) return {boost::json::value(*b), {}};
      return refuse(q, echo(typed) + " is not yes or no.");
    case QuestionType::enumeration: return read_enum(q, typed);
    case QuestionType::string:
      // Bytes, as check_answers counts them.
      if (q.max_length && typed.size() > *q.max_length) return refuse(q, "That is too long.");
      return {boost::json::value(typed), {}};
    case QuestionType::array: break;  // asked by Interview::ask_list
  }
  return refuse(q, "That cannot be answered here.");
}

/// Asks the questionnaire on a pair of streams. Stops at the end of input.
class Interview {
 public:
  enum class Stop { none, ended, failed };

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
      if (none_means_no && lower(typed) == "none") {
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

/// `path` as one shell word, quoted only when it needs to be.
std::string shell_word(const std::string& path) {
  const bool plain = !path.empty() && path.find_first_not_of(
                                          "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
                                          "0123456789._-/+:@,=") == std::string::npos;
  if (plain) return path;
  std::string out = "'";
  for (char c : path) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

/// Whether the answers can be saved at `path`, checked before the first
/// question so that nobody answers everything for nothing. 0 when they can.
int check_destination(const std::string& path, bool force, std::ostream& err) {
  std::error_code ec;
  const fs::path p(path);
  const auto st = fs::symlink_status(p, ec);
  if (!ec && fs::exists(st)) {
    if (fs::is_directory(fs::status(p, ec))) {
      err << "trialwise: --out " << path << " is a folder; name a file to save the answers in\n";
      return kExitBadInput;
    }
    if (!force) {
      err << "trialwise: " << path
          << " already exists, so nothing was asked; choose another file with --out FILE, or replace it with --force\n";
      return kExitBadInput;
    }
  }
  const fs::path parent = p.parent_path().empty() ? fs::path(".") : p.parent_path();
  if (!fs::is_directory(parent, ec)) {
    err << "trialwise: cannot save to " << path << ": the folder " << parent.string() << " does not exist\n";
    return kExitIo;
  }
  return kExitOk;
}

}  // namespace

int run_check(const CheckOptions& o, std::istream& in, std::ostream& out, std::ostream& err) {
  if (o.pack_file == "-") {
    err << "trialwise: check reads your answers from standard input, so --pack cannot be -; name the pack file\n";
    return kExitBadInput;
  }
  if (o.out.empty() || o.out == "-") {
    err << "trialwise: --out needs a file name to save the answers in\n";
    return kExitBadInput;
  }
  auto pack = load_pack_or_report(o.pack_file, in, err);
  if (!pack) return kExitBadInput;
  if (const int code = check_destination(o.out, o.force, err); code != kExitOk) return code;

  out << pack->title << ": " << pack->questionnaire.size() << " questions, one at a time.\n"
      << wrap("Type your answer and press Enter. Your answers are saved to " + o.out +
                  " at the end; if you stop early (Ctrl-D), nothing is saved.",
              0);
  boost::json::value gathered(boost::json::object{});
  const auto stop = Interview(*pack, in, out).run(gathered);
  if (stop != Interview::Stop::none) {
    out << "\n" << std::flush;
    if (stop == Interview::Stop::failed) {
      err << "trialwise: reading standard input failed; nothing was saved.\n";
      return kExitIo;
    }
    err << "trialwise: Input ended before the questionnaire was finished; nothing was saved.\n";
    return kExitBadInput;
  }

  auto s = service::screen(*pack, gathered);
  if (!s && s.error().front().code == Errc::invalid_input) {
    err << "trialwise: the answers did not pass the final check; nothing was saved:\n";
    for (const auto& p : s.error()) err << "trialwise:   " << p.where << ": " << p.message << "\n";
    return kExitBadInput;
  }
  // Saved even when the pack cannot assess them: the person's typing is kept.
  if (auto saved = write_private_file(o.out, json::to_pretty(s ? s->answers.values : gathered) + "\n"); !saved) {
    err << "trialwise: " << to_string(saved.error()) << "\n";
    return kExitIo;
  }
  const std::string file = shell_word(o.out);
  // One line, unwrapped, so the commands can be copied whole.
  out << "\nSaved your answers to " << o.out << " (use them with: trialwise assess --answers " << file
      << ", trialwise plan --answers " << file << " --start YYYY-MM-DD).\n\n";
  if (!s) {
    err << "trialwise: " << to_string(s.error().front()) << "\n";
    return exit_code(s.error().front().code);
  }
  out << assess::describe(*pack, s->assessment);
  return kExitOk;
}

}  // namespace trialwise::cli
