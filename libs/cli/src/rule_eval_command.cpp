#include "rule_eval_command.hpp"

#include <CLI/CLI.hpp>
#include <fstream>
#include <istream>
#include <algorithm>
#include <memory>
#include <mutex>
#include <thread>
#include <ostream>
#include <vector>

#include "exit_codes.hpp"
#include "input_text.hpp"
#include "batch_eval.hpp"
#include "trialwise/rules/engine.hpp"
#include "trialwise/json/text.hpp"
#include "trialwise/rules/value_json.hpp"

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

int run_single(const RuleEvalOptions& o, std::istream& in, std::ostream& out, std::ostream& err) {
  auto rule_text = read_inline_or_file(o.rule, "--rule", in);
  if (!rule_text) return report(err, rule_text.error());
  auto data_text = read_inline_or_file(o.data.empty() ? "{}" : o.data, "--data", in);
  if (!data_text) return report(err, data_text.error());

  rules::Engine engine;
  engine.set_log_sink([&err](std::string_view text) { err << text << "\n"; });
  auto rule = engine.compile_text(*rule_text);
  if (!rule) return report(err, with_context(rule.error(), "--rule"));
  // Data is read as JSON.parse reads it (a repeated member keeps its last
  // value), as --data-lines is: this command answers as json-logic-js does.
  auto data = json::Parser(json::kMaxDepth, json::Duplicates::keep_last).parse(*data_text);
  if (!data) return report(err, with_context(data.error(), "--data"));

  rules::Scratch scratch;
  auto result = rule->evaluate(*data, scratch);
  if (!result) return report(err, with_context(result.error(), "--rule"));
  std::string text = rules::to_json_text(*result);
  text.push_back('\n');
  out.write(text.data(), static_cast<std::streamsize>(text.size()));
  return kExitOk;
}

int run_batch(const RuleEvalOptions& o, std::istream& in, std::ostream& out, std::ostream& err) {
  auto rules_text = read_file(o.rules_file, in);
  if (!rules_text) return report(err, with_context(rules_text.error(), "--rules"));
  auto rules_json = json::parse(*rules_text);
  if (!rules_json) return report(err, with_context(rules_json.error(), o.rules_file));
  rules::Engine engine;
  std::mutex log_mutex;  // workers may log concurrently
  engine.set_log_sink([&err, &log_mutex](std::string_view text) {
    std::lock_guard lock(log_mutex);
    err << text << "\n";
  });
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

  const unsigned threads = o.threads > 0 ? o.threads : std::max(1u, std::thread::hardware_concurrency());
  const BatchSummary summary = evaluate_lines(*set, *source, out, threads);
  if (summary.read_failed) return report(err, io_error("--data-lines " + o.data_lines, "reading failed"));
  if (!out) return report(err, io_error("output", "writing the results failed"));
  if (summary.bad_lines > 0) {
    err << "trialwise: " << summary.bad_lines << " of " << summary.lines
        << " lines could not be evaluated (first: line " << summary.first_bad
        << "); each has an error object in place of its results\n";
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
  auto* rule = eval->add_option("--rule", o.rule, "One rule: JSON text, or @FILE (@- for standard input)")
                   ->type_name("JSON|@FILE");
  auto* data = eval->add_option("--data", o.data, "The data for --rule: JSON text or @FILE (default {})")
                   ->type_name("JSON|@FILE");
  auto* rules = eval->add_option("--rules", o.rules_file, "A file holding a JSON array of rules")->type_name("FILE");
  auto* lines = eval->add_option("--data-lines", o.data_lines, "A JSON Lines file of data, or - for standard input")
                    ->type_name("FILE|-");
  eval->add_option("--threads", o.threads, "Worker threads for --data-lines (default: one per core)")
      ->type_name("N")
      ->check(CLI::Range(1u, 256u))
      ->needs(lines);
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
