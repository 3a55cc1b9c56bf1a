#include "trialwise/trial/csv.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <set>

#include "trialwise/json/text.hpp"

namespace trialwise::trial {
namespace {

void append_field(std::string& out, std::string_view field) {
  if (field.find_first_of(",\"\n\r") == std::string_view::npos) {
    out += field;
    return;
  }
  out.push_back('"');
  for (char c : field) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

// A spreadsheet runs a cell that begins with = + - @ (or a tab or carriage
// return before one) as a formula: OWASP's "CSV injection". Such a cell is
// written with a leading apostrophe, which spreadsheets show as text; so is a
// cell that already begins with one, so that reading strips exactly one and
// the round trip gives back what the person typed.
bool needs_neutralising(std::string_view text) {
  return !text.empty() && std::string_view("=+-@\t\r'").find(text.front()) != std::string_view::npos;
}

std::string neutralised(std::string_view text) {
  return needs_neutralising(text) ? "'" + std::string(text) : std::string(text);
}

std::string as_typed(const std::string& cell) { return !cell.empty() && cell.front() == '\'' ? cell.substr(1) : cell; }

struct Row {
  std::size_t line = 0;  // where the row starts
  std::vector<std::string> fields;
};

// RFC 4180 records; quoted fields may hold commas, quotes and newlines.
Result<std::vector<Row>, CsvProblems> split_records(std::string_view text) {
  std::vector<Row> rows;
  std::size_t line = 1, i = 0;
  while (i < text.size()) {
    Row row;
    row.line = line;
    std::string field;
    bool in_quotes = false, quoted = false;
    for (;;) {
      if (i >= text.size()) {
        if (in_quotes) {
          return Unexpected{CsvProblems{
              invalid_input("line " + std::to_string(row.line) + ", column " + std::to_string(row.fields.size() + 1),
                            "a quoted field is never closed")}};
        }
        row.fields.push_back(std::move(field));
        break;
      }
      const char c = text[i++];
      if (in_quotes) {
        if (c == '"') {
          if (i < text.size() && text[i] == '"') {
            field.push_back('"');
            ++i;
          } else {
            in_quotes = false;
          }
        } else {
          if (c == '\n') ++line;
          field.push_back(c);
        }
      } else if (c == '"' && field.empty() && !quoted) {
        in_quotes = quoted = true;
      } else if (c == ',') {
        row.fields.push_back(std::move(field));
        field.clear();
        quoted = false;
      } else if (c == '\n' || c == '\r') {
        if (c == '\r' && i < text.size() && text[i] == '\n') ++i;
        ++line;
        row.fields.push_back(std::move(field));
        break;
      } else {
        field.push_back(c);
      }
    }
    const bool blank = row.fields.size() == 1 && row.fields[0].empty();
    if (!blank) rows.push_back(std::move(row));
  }
  return rows;
}

template <class T>
bool parse_number(const std::string& s, T& out) {
  const auto r = std::from_chars(s.data(), s.data() + s.size(), out);
  return r.ec == std::errc() && r.ptr == s.data() + s.size();
}

}  // namespace

std::vector<std::string> csv_columns(const pack::Pack& pack) {
  std::vector<std::string> cols{"date", "outcome", "doses_taken", "dose_g"};
  for (const auto& s : pack.side_effects) cols.push_back(s.id);
  cols.insert(cols.end(), {"with_food", "note", "red_flags", "other_product"});
  return cols;
}

std::string to_csv(const pack::Pack& pack, std::vector<model::DayEntry> entries) {
  std::sort(entries.begin(), entries.end(),
            [](const model::DayEntry& a, const model::DayEntry& b) { return a.date < b.date; });
  std::string out;
  const auto cols = csv_columns(pack);
  for (std::size_t i = 0; i < cols.size(); ++i) out += (i ? "," : "") + cols[i];
  out.push_back('\n');
  for (const auto& e : entries) {
    out += e.date.to_string() + "," + json::number_text(e.outcome) + ",";
    if (e.doses_taken) out += std::to_string(*e.doses_taken);
    out.push_back(',');
    if (e.dose_g) out += json::number_text(*e.dose_g);
    for (const auto& s : pack.side_effects) {
      out.push_back(',');
      if (const auto it = e.side_effects.find(s.id); it != e.side_effects.end()) out += std::to_string(it->second);
    }
    out += e.with_food ? ",true," : ",false,";
    append_field(out, neutralised(e.note));
    out.push_back(',');
    std::string flags;
    for (const auto& f : e.red_flags) flags += (flags.empty() ? "" : ";") + f;
    append_field(out, flags);
    out += e.other_product ? ",true" : ",false";
    out.push_back('\n');
  }
  return out;
}

Result<std::vector<model::DayEntry>, CsvProblems> from_csv(const pack::Pack& pack, const pack::Outcome& outcome,
                                                           std::string_view text, std::optional<Date> earliest,
                                                           std::optional<Date> latest) {
  auto rows = split_records(text);
  if (!rows) return Unexpected{std::move(rows).error()};
  CsvProblems problems;
  auto bad = [&](std::size_t line, std::size_t column, const std::string& message) {
    problems.push_back(invalid_input("line " + std::to_string(line) + ", column " + std::to_string(column), message));
  };
  auto cols = csv_columns(pack);
  if (rows->empty())
    return Unexpected{CsvProblems{invalid_input("line 1, column 1", "the file is empty; expected a header row")}};
  const auto& header = rows->front();
  // Files written before the other_product column read as they were.
  if (header.fields.size() + 1 == cols.size() && header.fields.back() == cols[cols.size() - 2]) cols.pop_back();
  const bool has_other = cols.back() == "other_product";
  for (std::size_t c = 0; c < std::max(cols.size(), header.fields.size()); ++c) {
    const std::string got = c < header.fields.size() ? header.fields[c] : "(nothing)";
    const std::string want = c < cols.size() ? cols[c] : "(no more columns)";
    if (got != want) {
      bad(header.line, c + 1, "the header has \"" + got + "\" where \"" + want + "\" belongs");
      return Unexpected{std::move(problems)};
    }
  }

  std::vector<model::DayEntry> entries;
  std::set<Date> seen;
  const std::size_t n_side = pack.side_effects.size();
  for (std::size_t r = 1; r < rows->size(); ++r) {
    const auto& row = (*rows)[r];
    if (row.fields.size() != cols.size()) {
      bad(row.line, std::min(row.fields.size(), cols.size()) + 1,
          "expected " + std::to_string(cols.size()) + " fields, found " + std::to_string(row.fields.size()));
      continue;
    }
    const auto& f = row.fields;
    model::DayEntry e;
    auto date = Date::parse(f[0], "");
    if (!date) {
      bad(row.line, 1, date.error().message);
    } else if (!seen.insert(*date).second) {
      bad(row.line, 1, "the date " + f[0] + " appears twice");
    } else if (earliest && *date < *earliest) {
      bad(row.line, 1, f[0] + " is before the trial began (" + earliest->to_string() + ")");
    } else if (latest && *date > *latest) {
      bad(row.line, 1, f[0] + " is after " + latest->to_string() + " (today, or the end of the trial)");
    } else {
      e.date = *date;
    }
    if (!parse_number(f[1], e.outcome) || !(e.outcome >= outcome.scale_min && e.outcome <= outcome.scale_max))
      bad(row.line, 2,
          "outcome must be a number from " + json::number_text(outcome.scale_min) + " to " +
              json::number_text(outcome.scale_max) + " (" + outcome.label + "), not \"" + f[1] + "\"");
    if (!f[2].empty()) {
      int doses = 0;
      if (!parse_number(f[2], doses) || doses < 0 || doses > 24)
        bad(row.line, 3, "doses_taken must be a whole number from 0 to 24, not \"" + f[2] + "\"");
      e.doses_taken = doses;
    }
    if (!f[3].empty()) {
      double g = 0;
      if (!parse_number(f[3], g) || !(g >= 0 && g <= 100))
        bad(row.line, 4, "dose_g must be grams from 0 to 100, not \"" + f[3] + "\"");
      e.dose_g = g;
    }
    for (std::size_t s = 0; s < n_side; ++s) {
      const std::string& v = f[4 + s];
      if (v.empty()) continue;
      int score = 0;
      if (!parse_number(v, score) || score < 0 || score > 10) {
        bad(row.line, 5 + s, pack.side_effects[s].id + " must be a whole number from 0 to 10, not \"" + v + "\"");
      }
      e.side_effects[pack.side_effects[s].id] = score;
    }
    const std::string& food = f[4 + n_side];
    if (food == "true") {
      e.with_food = true;
    } else if (food != "false" && !food.empty()) {
      bad(row.line, 5 + n_side, "with_food must be true or false, not \"" + food + "\"");
    }
    e.note = as_typed(f[5 + n_side]);
    const std::string& flags = f[6 + n_side];
    for (std::size_t start = 0; start < flags.size();) {
      const std::size_t end = std::min(flags.find(';', start), flags.size());
      const std::string id = flags.substr(start, end - start);
      const bool known =
          std::any_of(pack.red_flags.begin(), pack.red_flags.end(), [&](const pack::RedFlag& x) { return x.id == id; });
      if (!known) bad(row.line, 7 + n_side, "\"" + id + "\" is not a red flag this pack knows");
      e.red_flags.push_back(id);
      start = end + 1;
    }
    if (has_other) {
      const std::string& other = f[7 + n_side];
      if (other == "true") {
        e.other_product = true;
      } else if (other != "false" && !other.empty()) {
        bad(row.line, 8 + n_side, "other_product must be true or false, not \"" + other + "\"");
      }
    }
    entries.push_back(std::move(e));
  }
  if (!problems.empty()) return Unexpected{std::move(problems)};
  return entries;
}

}  // namespace trialwise::trial
