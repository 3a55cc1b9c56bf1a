#include "screening_input.hpp"

#include <CLI/CLI.hpp>
#include <ostream>

#include "exit_codes.hpp"
#include "input_text.hpp"
#include "trialwise/labels/intake.hpp"
#include "trialwise/json/text.hpp"

namespace trialwise::cli {

void add_pack_option(CLI::App& command, std::string& pack_file) {
  command.add_option("--pack", pack_file, "A knowledge pack file (default: the built-in glutamine pack)")
      ->type_name("FILE");
}

std::shared_ptr<const pack::Pack> load_pack_or_report(const std::string& pack_file, std::istream& in,
                                                      std::ostream& err) {
  std::string text;
  std::string name = pack::kBuiltinPackName;
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

std::optional<assess::Answers> read_answers_or_report(const pack::Pack& pack, const std::string& file,
                                                      std::istream& in, std::ostream& err,
                                                      const std::vector<model::ImportedProduct>* products,
                                                      std::vector<assess::PlanNote>* notes) {
  const std::string name = file == "-" ? "(standard input)" : file;
  auto text = read_file(file, in);
  if (!text) {
    err << "trialwise: --answers " << to_string(text.error()) << "\n";
    return std::nullopt;
  }
  auto json = json::parse(*text);
  if (!json) {
    err << "trialwise: " << name << ": " << to_string(json.error()) << "\n";
    return std::nullopt;
  }
  if (products != nullptr && !products->empty()) {
    for (auto& n : labels::merge_into_answers(*json, *products, pack.plan.existing_intake))
      if (notes != nullptr) notes->push_back({n.id, n.text, n.section});
  }
  auto answers = assess::check_answers(pack, *json);
  if (!answers) {
    for (const auto& p : answers.error()) err << "trialwise: " << name << "#" << p.where << ": " << p.message << "\n";
    err << "trialwise: " << answers.error().size() << " answer(s) to fix in " << name << "\n";
    return std::nullopt;
  }
  return std::move(*answers);
}

std::optional<Screening> screen_or_report(const std::string& pack_file, const std::string& answers_file,
                                          std::istream& in, std::ostream& err, int& exit_status,
                                          const std::vector<model::ImportedProduct>* products) {
  exit_status = kExitBadInput;
  auto pack = load_pack_or_report(pack_file, in, err);
  if (!pack) return std::nullopt;
  std::vector<assess::PlanNote> notes;
  auto answers = read_answers_or_report(*pack, answers_file, in, err, products, &notes);
  if (!answers) return std::nullopt;
  auto a = assess::assess(*pack, *answers);
  if (!a) {
    err << "trialwise: " << to_string(a.error()) << "\n";
    exit_status = exit_code(a.error().code);
    return std::nullopt;
  }
  exit_status = kExitOk;
  return Screening{std::move(pack), std::move(*answers), std::move(*a), std::move(notes)};
}

std::string answers_line(const std::string& answers_file) {
  return "Answers: " + (answers_file == "-" ? std::string("standard input") : answers_file) + "\n";
}

void print_json(std::ostream& out, const boost::json::value& value) { out << json::to_pretty(value) << "\n"; }

}  // namespace trialwise::cli
