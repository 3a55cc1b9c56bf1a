#include "screening_input.hpp"

#include <CLI/CLI.hpp>
#include <ostream>

#include "exit_codes.hpp"
#include "input_text.hpp"
#include "trialwise/json/text.hpp"
#include "trialwise/service/screening.hpp"

namespace trialwise::cli {

void add_pack_option(CLI::App& command, std::string& pack_file) {
  command.add_option("--pack", pack_file, "A knowledge pack file (default: the built-in pack)")->type_name("FILE");
}

std::shared_ptr<const pack::Pack> load_pack_or_report(const std::string& pack_file, std::istream& in,
                                                      std::ostream& err) {
  std::string text;
  std::string name = pack::builtin_pack_name();
  if (pack_file.empty()) {
    text = std::string(pack::builtin_pack_text());
  } else {
    auto read = read_file(pack_file, in);
    if (!read) {
      err << "trialwise: --pack " << to_string(read.error()) << "\n";
      return nullptr;
    }
    text = std::move(*read);
    name = pack_file;
  }
  auto loaded = pack::load_pack(text, name);
  if (!loaded) {
    for (const auto& p : loaded.error()) err << "trialwise: " << to_string(p) << "\n";
    err << "trialwise: the pack has " << loaded.error().size() << " problem(s); see trialwise pack validate\n";
    return nullptr;
  }
  return std::make_shared<const pack::Pack>(std::move(*loaded));
}

namespace {

std::string answers_name(const std::string& file) { return file == "-" ? "(standard input)" : file; }

}  // namespace

std::optional<boost::json::value> read_answers_json_or_report(const std::string& file, std::istream& in,
                                                              std::ostream& err) {
  auto text = read_file(file, in);
  if (!text) {
    err << "trialwise: --answers " << to_string(text.error()) << "\n";
    return std::nullopt;
  }
  auto json = json::parse(*text);
  if (!json) {
    err << "trialwise: " << answers_name(file) << ": " << to_string(json.error()) << "\n";
    return std::nullopt;
  }
  return std::move(*json);
}

void report_answer_problems(const std::string& file, const std::vector<Error>& problems, std::ostream& err) {
  const std::string name = answers_name(file);
  for (const auto& p : problems) err << "trialwise: " << name << "#" << p.where << ": " << p.message << "\n";
  err << "trialwise: " << problems.size() << " answer(s) to fix in " << name << "\n";
}

std::optional<Screening> screen_or_report(const std::string& pack_file, const std::string& answers_file,
                                          std::istream& in, std::ostream& err, int& exit_status) {
  exit_status = kExitBadInput;
  auto pack = load_pack_or_report(pack_file, in, err);
  if (!pack) return std::nullopt;
  auto json = read_answers_json_or_report(answers_file, in, err);
  if (!json) return std::nullopt;
  auto s = service::screen(*pack, std::move(*json));
  if (!s) {
    const auto& problems = s.error();
    if (problems.front().code == Errc::invalid_input) {
      report_answer_problems(answers_file, problems, err);
    } else {  // the pack could not be evaluated
      err << "trialwise: " << to_string(problems.front()) << "\n";
      exit_status = exit_code(problems.front().code);
    }
    return std::nullopt;
  }
  exit_status = kExitOk;
  return Screening{std::move(pack), std::move(s->answers), std::move(s->assessment), {}};
}

std::string answers_line(const std::string& answers_file) {
  return "Answers: " + (answers_file == "-" ? std::string("standard input") : answers_file) + "\n";
}

void print_json(std::ostream& out, const boost::json::value& value) { out << json::to_pretty(value) << "\n"; }

}  // namespace trialwise::cli
