#include "question_text.hpp"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <limits>

#include "trialwise/json/text.hpp"
#include "trialwise/core/text.hpp"

namespace trialwise::cli::questions {

using pack::Question;
using pack::QuestionType;

namespace {

constexpr std::size_t kWidth = 78;                       // where help text wraps
constexpr std::size_t kMaxEcho = 30;                     // bad answers longer than this are not repeated back
constexpr double kMaxExactInteger = 9007199254740992.0;  // 2^53

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
  const std::string id = ascii_lower(typed);
  for (const auto& c : q.values)
    if (ascii_lower(c.value) == id) return {boost::json::value(c.value), {}};
  return refuse(q, echo(typed) + " is not one of the choices.");
}

}  // namespace

std::string_view trim(std::string_view s) {
  const auto is_space = [](char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v';
  };
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  while (!s.empty() && is_space(s.back())) s.remove_suffix(1);
  return s;
}

std::string wrap(std::string_view text, std::size_t indent, std::optional<std::size_t> first_indent) {
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

std::string empty_line_text(const Question& q) {
  if (q.default_value) return " Press Enter for " + default_text(q, *q.default_value) + ".";
  if (!q.required) return " Press Enter to skip.";
  return "";
}

std::optional<bool> yes_or_no(std::string_view typed) {
  const std::string t = ascii_lower(typed);
  if (t == "y" || t == "yes" || t == "true") return true;
  if (t == "n" || t == "no" || t == "false") return false;
  return std::nullopt;
}

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

}  // namespace trialwise::cli::questions
