// trialwise check: the pack's questionnaire asked on the terminal, one item at
// a time, saved as an answers file that assess and plan read.
//
// Every answer is checked as it is typed, with the same limits check_answers
// applies, so a person fixes a slip on the spot instead of after twenty
// questions; check_answers still runs on the whole before anything is saved.

#include <CLI/CLI.hpp>
#include <filesystem>
#include <fstream>
#include <optional>
#include <ostream>
#include <system_error>

#include <boost/json/object.hpp>

#include "exit_codes.hpp"
#include "interview.hpp"
#include "question_text.hpp"
#include "private_file.hpp"
#include "screening_commands.hpp"
#include "screening_input.hpp"
#include "trialwise/assess/report.hpp"
#include "trialwise/service/screening.hpp"
#include "trialwise/json/text.hpp"

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
      << questions::wrap("Type your answer and press Enter. Your answers are saved to " + o.out +
                             " at the end; if you stop early (Ctrl-D), nothing is saved.",
                         0);
  boost::json::value gathered(boost::json::object{});
  const auto stop = interview(*pack, in, out, gathered);
  if (stop != InterviewStop::none) {
    out << "\n" << std::flush;
    if (stop == InterviewStop::failed) {
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
