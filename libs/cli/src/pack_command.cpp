// trialwise pack validate FILE: every problem of a pack, each with its pointer.

#include <CLI/CLI.hpp>
#include <ostream>

#include "exit_codes.hpp"
#include "input_text.hpp"
#include "screening_commands.hpp"
#include "trialwise/pack/pack.hpp"

namespace trialwise::cli {

CLI::App* add_pack_command(CLI::App& app, PackValidateOptions& o) {
  auto* pack = app.add_subcommand("pack", "Work with knowledge packs");
  pack->require_subcommand(1);
  auto* validate =
      pack->add_subcommand("validate", "Check a knowledge pack and list every problem with its JSON pointer");
  validate->add_option("FILE", o.file, "The pack to check (see docs/packs.md)")->required()->type_name("FILE");
  validate->footer("Exit status 0 when the pack is sound, 2 when it has problems.");
  return validate;
}

int run_pack_validate(const PackValidateOptions& o, std::istream& in, std::ostream& out, std::ostream& err) {
  auto text = read_file(o.file, in);
  if (!text) {
    err << "trialwise: " << to_string(text.error()) << "\n";
    return exit_code(text.error().code);
  }
  auto pack = pack::load_pack(*text, o.file);
  if (!pack) {
    for (const auto& p : pack.error()) err << to_string(p) << "\n";
    err << o.file << ": " << pack.error().size() << " problem(s)\n";
    return kExitBadInput;
  }
  out << o.file << ": pack " << pack->id << " " << pack->version << " is sound: " << pack->questionnaire.size()
      << " questions, " << pack->safety_rules.size() << " safety rules, " << pack->basics.size() << " basics, "
      << pack->protocols.size() << " protocols, " << pack->outcomes.size() << " outcomes\n";
  return kExitOk;
}

}  // namespace trialwise::cli
