// trialwise assess: answers in, the assessment out (one, or one per line).

#include <CLI/CLI.hpp>
#include <boost/json/monotonic_resource.hpp>
#include <fstream>
#include <memory>
#include <ostream>
#include <thread>

#include "exit_codes.hpp"
#include "private_file.hpp"
#include "line_batch.hpp"
#include "screening_commands.hpp"
#include "screening_input.hpp"
#include "trialwise/assess/report.hpp"
#include "trialwise/json/text.hpp"
#include "trialwise/service/screening.hpp"

namespace trialwise::cli {

CLI::App* add_assess_command(CLI::App& app, AssessOptions& o) {
  auto* cmd = app.add_subcommand("assess", "Assess questionnaire answers: decision, safety, reasons, basics, evidence");
  auto* answers =
      cmd->add_option("--answers", o.answers, "The answers, a JSON object (- for standard input)")->type_name("FILE|-");
  auto* batch = cmd->add_option("--batch", o.batch, "Assess every line of a JSON Lines file (- for standard input)")
                    ->type_name("FILE|-");
  cmd->add_option("--out", o.out,
                  "With --batch: write the assessments here, one JSON line each with contract v1's fields and the "
                  "answers (default standard output)")
      ->type_name("FILE")
      ->needs(batch);
  cmd->add_flag("--json", o.json, "Print contract v1's fields as JSON instead of plain words");
  answers->excludes(batch);
  add_pack_option(*cmd, o.pack_file);
  cmd->footer(
      "Examples:\n  trialwise assess --answers examples/runner_in_heat.json\n"
      "  trialwise assess --batch answers.jsonl --out assessments.jsonl\n"
      "Exit status: 0 assessed; 2 bad answers (each bad item is named) or bad lines in a batch.");
  return cmd;
}

namespace {

int assess_batch(const AssessOptions& o, const pack::Pack& pack, std::istream& in, std::ostream& out,
                 std::ostream& err) {
  std::unique_ptr<std::ifstream> file;
  std::istream* source = &in;
  if (o.batch != "-") {
    file = std::make_unique<std::ifstream>(o.batch, std::ios::binary);
    if (!*file) {
      err << "trialwise: --batch " << o.batch << ": cannot open the file\n";
      return kExitBadInput;
    }
    source = file.get();
  }
  std::unique_ptr<PrivateFile> out_file;
  std::ostream* sink = &out;
  if (!o.out.empty()) {
    auto created = PrivateFile::create(o.out);
    if (!created) {
      err << "trialwise: --out " << to_string(created.error()) << "\n";
      return kExitIo;
    }
    out_file = std::move(*created);
    sink = &out_file->stream();
  }
  const unsigned threads = std::max(1u, std::thread::hardware_concurrency());
  const auto summary = process_lines(*source, *sink, threads, [&pack]() -> LineHandler {
    // Per worker: a parser and memory recycled from line to line.
    auto parser = std::make_shared<json::Parser>();
    auto memory = std::make_shared<LineMemory>();
    return [&pack, parser, memory](std::string_view line, std::string& text) -> std::optional<Error> {
      memory->resource.release();
      auto json = parser->parse(line, boost::json::storage_ptr(&memory->resource));
      if (!json) {
        Error e = json.error();
        if (e.where.rfind("line 1, ", 0) == 0) e.where = e.where.substr(8);
        return e;
      }
      auto s = service::screen(pack, std::move(*json));
      if (!s) {
        const auto& problems = s.error();
        if (problems.front().code != Errc::invalid_input) return problems.front();
        // Every bad item, in one message: the line's error object names them all.
        std::string message;
        for (const auto& p : problems) message += (message.empty() ? "" : "; ") + p.where + ": " + p.message;
        return invalid_input(problems.front().where, message);
      }
      const boost::json::value json_out = assess::to_json(pack, s->answers, s->assessment, assess::Detail::contract,
                                                          boost::json::storage_ptr(&memory->resource));
      json::append(text, json_out);
      text.push_back('\n');
      return std::nullopt;
    };
  });
  if (summary.read_failed) {
    err << "trialwise: --batch " << o.batch << ": reading failed\n";
    return kExitIo;
  }
  sink->flush();
  if (!*sink) {
    err << "trialwise: writing the assessments failed" << (out_file ? "; any earlier " + o.out + " is unchanged" : "")
        << "\n";
    return kExitIo;
  }
  if (out_file) {
    if (auto ok = out_file->commit(); !ok) {
      err << "trialwise: --out " << to_string(ok.error()) << "\n";
      return kExitIo;
    }
  }
  if (summary.bad_lines > 0) {
    err << "trialwise: " << summary.bad_lines << " of " << summary.lines << " lines could not be assessed (first: line "
        << summary.first_bad << "); each has an error object in place of its assessment\n";
    return kExitBadInput;
  }
  return kExitOk;
}

}  // namespace

int run_assess(const AssessOptions& o, std::istream& in, std::ostream& out, std::ostream& err) {
  if (o.answers.empty() && o.batch.empty()) {
    err << "trialwise: assess needs --answers FILE or --batch FILE; see trialwise assess --help\n";
    return kExitBadInput;
  }
  if (!o.batch.empty()) {
    auto pack = load_pack_or_report(o.pack_file, in, err);
    return pack ? assess_batch(o, *pack, in, out, err) : kExitBadInput;
  }
  int status = kExitOk;
  auto s = screen_or_report(o.pack_file, o.answers, in, err, status);
  if (!s) return status;
  if (o.json) {
    print_json(out, assess::to_json(*s->pack, s->answers, s->assessment));
  } else {
    out << assess::describe(*s->pack, s->assessment) << answers_line(o.answers);
  }
  return kExitOk;
}

}  // namespace trialwise::cli
