#include "rule_eval_command.hpp"

#include <CLI/CLI.hpp>
#include <boost/json/monotonic_resource.hpp>
#include <fstream>
#include <istream>
#include <memory>
#include <ostream>
#include <vector>

#include "exit_codes.hpp"
#include "input_text.hpp"
#include "line_reader.hpp"
#include "trialwise/rules/engine.hpp"
#include "trialwise/rules/json_text.hpp"

namespace trialwise::cli {
namespace {

int report(std::ostream& err, const Error& e) {
  err << "trialwise: " << to_string(e) << "\n";
  return exit_code(e.code);
}

Error with_context(Error e, const std::string& context) {
  e.where = e.where.empty() ? context : context + " " + e.where;
  return e;
}

void append_line_error(std::string& out, std::size_t line_no, const Error& e) {
  // One JSON object in place of the line's results, so output lines still
  // match input lines one to one.
  boost::json::object error{{"code", to_string(e.code)}, {"message", e.message}, {"line", line_no}};
  if (!e.where.empty()) error["where"] = e.where;
  rules::append_json(out, boost::json::object{{"error", std::move(error)}});
  out.push_back('\n');
}

int run_single(const RuleEvalOptions& o, std::istream& in, std::ostream& out, std::ostream& err) {
  auto rule_text = read_inline_or_file(o.rule, "--rule", in);
  if (!rule_text) return report(err, rule_text.error());
  auto data_text = read_inline_or_file(o.data.empty() ? "{}" : o.data, "--data", in);
  if (!data_text) return report(err, data_text.error());

  rules::Engine engine;
  engine.set_log_sink([&err](std::string_view text) { err << text << "\n"; });
  auto rule = engine.compile_text(*rule_text);
  if (!rule) return report(err, with_context(rule.error(), "--rule"));
  auto data = rules::parse_json(*data_text);
  if (!data) return report(err, with_context(data.error(), "--data"));

  rules::Scratch scratch;
  auto result = rule->evaluate(*data, scratch);
  if (!result) return report(err, with_context(result.error(), "--rule"));
  std::string text = rules::to_json_text(*result);
  text.push_back('\n');
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
  return kExitOk;
}

// Parses one line at a time into memory that is recycled between lines, so
// that the hot loop does not allocate.
class LineParser {
 public:
  LineParser() : resource_(initial_.get(), kInitial) {}

  Result<boost::json::value> parse(std::string_view line) {
    resource_.release();
    // Non-owning storage pointer: resource_ outlives every value parsed here.
    auto value = parser_.parse(line, boost::json::storage_ptr(&resource_));
    if (!value) {
      Error e = std::move(value).error();
      if (e.where.rfind("line 1, ", 0) == 0) e.where.erase(0, 8);  // the line number is reported apart
      return Unexpected{std::move(e)};
    }
    return value;
  }

 private:
  static constexpr std::size_t kInitial = 64 * 1024;
  std::unique_ptr<unsigned char[]> initial_ = std::make_unique<unsigned char[]>(kInitial);
  boost::json::monotonic_resource resource_;
  rules::JsonParser parser_;
};

int run_batch(const RuleEvalOptions& o, std::istream& in, std::ostream& out, std::ostream& err) {
  auto rules_text = read_file(o.rules_file, in);
  if (!rules_text) return report(err, with_context(rules_text.error(), "--rules"));
  auto rules_json = rules::parse_json(*rules_text);
  if (!rules_json) return report(err, with_context(rules_json.error(), o.rules_file));
  rules::Engine engine;
  engine.set_log_sink([&err](std::string_view text) { err << text << "\n"; });
  auto set = engine.compile_set(*rules_json);
  if (!set) {
    Error e = set.error();
    e.where = o.rules_file + "#" + e.where;
    return report(err, e);
  }

  std::unique_ptr<std::istream> file;
  std::istream* source = &in;
  if (o.data_lines != "-") {
    file = std::make_unique<std::ifstream>(o.data_lines, std::ios::binary);
    if (!*file) return report(err, not_found("--data-lines " + o.data_lines, "cannot open the file"));
    source = file.get();
  }

  LineReader reader(*source);
  LineParser parser;
  rules::Scratch scratch;
  std::vector<rules::Value> results;
  std::string buffer;
  buffer.reserve(1 << 20);
  std::size_t line_no = 0, bad_lines = 0, first_bad = 0;
  auto note_bad = [&](const Error& e) {
    append_line_error(buffer, line_no, e);
    if (bad_lines++ == 0) first_bad = line_no;
  };

  std::string_view line;
  for (LineReader::Status status; (status = reader.next(line)) != LineReader::Status::end;) {
    ++line_no;
    if (status == LineReader::Status::too_long) {
      note_bad(limit_reached("", "the line is longer than 16 MiB"));
    } else if (line.find_first_not_of(" \t") == std::string_view::npos) {
      note_bad(invalid_input("", "the line is empty; expected one JSON value"));
    } else if (auto data = parser.parse(line); !data) {
      note_bad(data.error());
    } else if (auto ok = set->evaluate_all(*data, scratch, results); !ok) {
      note_bad(ok.error());
    } else {
      buffer.push_back('[');
      for (std::size_t i = 0; i < results.size(); ++i) {
        if (i) buffer.push_back(',');
        rules::append_json(buffer, results[i]);
      }
      buffer += "]\n";
    }
    if (buffer.size() >= (1u << 20)) {
      out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
      buffer.clear();
    }
  }
  out.write(buffer.data(), static_cast<std::streamsize>(buffer.size()));
  out.flush();
  if (reader.failed()) return report(err, io_error("--data-lines " + o.data_lines, "reading failed"));
  if (!out) return report(err, io_error("output", "writing the results failed"));
  if (bad_lines > 0) {
    err << "trialwise: " << bad_lines << " of " << line_no << " lines could not be evaluated (first: line "
        << first_bad << "); each has an error object in place of its results\n";
    return kExitBadInput;
  }
  return kExitOk;
}

}  // namespace

CLI::App* add_rule_eval_command(CLI::App& rule_command, RuleEvalOptions& o) {
  auto* eval = rule_command.add_subcommand("eval", "Evaluate JsonLogic rules and print the results as JSON");
  eval->footer(
      "One rule:   trialwise rule eval --rule '{\">=\":[{\"var\":\"age\"},18]}' --data '{\"age\":40}'\n"
      "Many rules: trialwise rule eval --rules rules.json --data-lines answers.jsonl\n"
      "            prints one JSON array of results per input line, in order; a bad line\n"
      "            gets {\"error\":{...}} instead, and the batch goes on (exit status 2 at the end).");
  auto* rule = eval->add_option("--rule", o.rule, "One rule: JSON text, or @FILE (@- for standard input)");
  auto* data = eval->add_option("--data", o.data, "The data for --rule: JSON text or @FILE (default {})");
  auto* rules = eval->add_option("--rules", o.rules_file, "A file holding a JSON array of rules");
  auto* lines = eval->add_option("--data-lines", o.data_lines, "A JSON Lines file of data, or - for standard input");
  rule->excludes(rules)->excludes(lines);
  data->excludes(rules)->excludes(lines)->needs(rule);
  rules->needs(lines);
  lines->needs(rules);
  return eval;
}

int run_rule_eval(const RuleEvalOptions& o, std::istream& in, std::ostream& out, std::ostream& err) {
  if (!o.rules_file.empty()) return run_batch(o, in, out, err);
  if (!o.rule.empty()) return run_single(o, in, out, err);
  err << "trialwise: rule eval needs --rule (with --data) or --rules with --data-lines; see --help\n";
  return kExitBadInput;
}

}  // namespace trialwise::cli
