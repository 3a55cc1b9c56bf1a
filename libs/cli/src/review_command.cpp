// review: one trial in words (or JSON) with a chart, or many trials as JSON
// Lines. Reviewing reads only; --record saves the verdict.

#include "review_command.hpp"

#include <CLI/CLI.hpp>
#include <fstream>
#include <ostream>
#include <thread>

#include "exit_codes.hpp"
#include "private_file.hpp"
#include "line_batch.hpp"
#include "progress_bar.hpp"
#include "running_trial.hpp"
#include "screening_input.hpp"
#include "today.hpp"
#include "trialwise/review/report.hpp"
#include "trialwise/json/text.hpp"
#include "trialwise/service/review.hpp"
#include "trialwise/service/service.hpp"
#include "trialwise/model/trial_json.hpp"

namespace trialwise::cli {

using model::kLocalProfile;

CLI::App* add_review_command(CLI::App& app, ReviewOptions& o) {
  auto* cmd = app.add_subcommand("review",
                                 "The verdict on a trial at its review date: continue, stop, reduce the dose, "
                                 "or not enough to judge");
  cmd->add_option("--as-of", o.as_of,
                  "Review as on this day (default: today; with --batch or --all, each trial's "
                  "review date)")
      ->type_name("YYYY-MM-DD");
  auto* trial = cmd->add_option("--trial", o.trial_id,
                                "Review this trial (trialwise trials lists them; default: the "
                                "running one)")
                    ->type_name("ID")
                    ->check(CLI::PositiveNumber);
  cmd->add_flag("--json", o.json, "Print the review as JSON");
  auto* chart =
      cmd->add_option("--chart", o.chart, "Also write the outcome chart as an SVG file")->type_name("FILE.svg");
  auto* record = cmd->add_flag("--record", o.record,
                               "Save the verdict: a stop ends the trial; continue or reduce_dose sets the next review "
                               "date (as an amendment)");
  auto* batch = cmd->add_option("--batch", o.batch,
                                "Review every trial in a JSON Lines file of exported trials "
                                "(trialwise export --format json; - for standard input)")
                    ->type_name("FILE|-");
  auto* all = cmd->add_flag("--all", o.all, "Review every trial in the database, one JSON line each");
  cmd->add_option("--out", o.out, "With --batch or --all: write the reviews here")->type_name("FILE");
  batch->excludes(all)->excludes(trial)->excludes(chart)->excludes(record);
  all->excludes(trial)->excludes(chart)->excludes(record);
  add_db_option(*cmd, o.db);
  cmd->footer(
      "Exit status: 0 reviewed; 2 bad input (a bad batch line is reported in its place); 4 --record on an "
      "ended trial; 5 the database or a file failed.\nEducational only: the verdict is about your own "
      "trial's numbers, not medical advice.");
  return cmd;
}

namespace {

std::optional<Date> parse_as_of(const std::string& text, std::ostream& err, int& status) {
  if (text.empty()) return std::nullopt;
  auto d = Date::parse(text, "--as-of");
  if (!d) {
    status = report(err, d.error());
    return std::nullopt;
  }
  return *d;
}

int review_one(const ReviewOptions& o, std::istream& in, std::ostream& out, std::ostream& err) {
  auto as_of = date_or_today(o.as_of, "--as-of");
  if (!as_of) return report(err, as_of.error());
  int status = kExitOk;
  auto chosen = open_chosen(o.db, o.trial_id, in, err, status);
  if (!chosen) return status;
  const auto* t = &chosen->trial;
  auto& service = chosen->service();
  auto reviewed = service.review(*t, *as_of);
  if (!reviewed) return report(err, reviewed.error());
  const auto& r = reviewed->review;
  const auto& record = reviewed->record;
  if (!o.chart.empty()) {
    if (auto ok = write_private_file(o.chart, review::chart_svg(r, *t)); !ok) return report(err, ok.error());
  }
  std::string recorded;
  if (o.record) {
    auto saved = service.record(*reviewed);
    if (!saved)
      return report(err,
                    saved.error().code == Errc::conflict ? conflict("--record", saved.error().message) : saved.error());
    recorded = *saved;
  }
  if (o.json) {
    print_json(out, service::review_json(r, record));
  } else {
    out << "Trial " << t->id << ": " << t->product_name << (t->product_name.empty() ? "" : ", ") << t->protocol_id
        << (t->blocks ? ", randomized blocks" : "") << "\n\n";
    review::describe(r, out);
    out << "\n" << review::chart_text(r, *t);
    for (const auto& a : record.amendments)
      out << "Amended:  " << a.field << " " << a.old_value << " -> " << a.new_value << " (" << a.reason << ", "
          << a.recorded_at << ")\n";
    out << "\nNot medical advice: this judges your own trial's numbers. Pack " << t->pack_id << " " << t->pack_version
        << ".\n";
  }
  if (!recorded.empty()) (o.json ? err : out) << recorded << "\n";
  return kExitOk;
}

// One review as a batch output line.
void append_review(std::string& text, const review::Review& r, const model::Trial& t) {
  auto json = review::to_json(r);
  json["trial"] = t.id;
  json::append(text, json);
  text.push_back('\n');
}

std::size_t count_lines(const std::string& file) {
  std::ifstream f(file, std::ios::binary);
  std::size_t n = 0;
  char buffer[1 << 16];
  while (f.read(buffer, sizeof buffer) || f.gcount() > 0) {
    n += static_cast<std::size_t>(std::count(buffer, buffer + f.gcount(), '\n'));
    if (!f) break;
  }
  return n;
}

int review_file(const ReviewOptions& o, const pack::Pack& pack, std::optional<Date> as_of, std::istream& in,
                std::ostream& sink, std::ostream& err) {
  std::unique_ptr<std::ifstream> file;
  std::istream* source = &in;
  if (o.batch != "-") {
    file = std::make_unique<std::ifstream>(o.batch, std::ios::binary);
    if (!*file) return report(err, invalid_input("--batch", o.batch + ": cannot open the file"));
    source = file.get();
  }
  const bool draw = stderr_is_terminal();
  ProgressBar bar(err, draw && file ? count_lines(o.batch) : 0, draw);
  const unsigned threads = std::max(1u, std::thread::hardware_concurrency());
  const auto summary = process_lines(
      *source, sink, threads,
      [&pack, as_of]() -> LineHandler {
        // Per worker: a parser and memory recycled from line to line.
        auto parser = std::make_shared<json::Parser>();
        auto memory = std::make_shared<LineMemory>();
        return [&pack, as_of, parser, memory](std::string_view line, std::string& text) -> std::optional<Error> {
          memory->resource.release();
          auto json = parser->parse(line, boost::json::storage_ptr(&memory->resource));
          if (!json) return json.error();
          auto record = model::trial_record_from_json(*json, "");
          if (!record) return record.error();
          append_review(text, service::review_record(pack, *record, as_of), record->trial);
          return std::nullopt;
        };
      },
      [&bar](std::size_t done) { bar.update(done); });
  bar.finish();
  if (summary.read_failed) return report(err, io_error("--batch", o.batch + ": reading failed"));
  if (summary.bad_lines > 0) {
    err << "trialwise: " << summary.bad_lines << " of " << summary.lines << " lines could not be reviewed (first: line "
        << summary.first_bad << "); each has an error object in place of its review\n";
    return kExitBadInput;
  }
  return kExitOk;
}

// Each trial by the pack it was planned with.
int review_database(const ReviewOptions& o, const std::shared_ptr<const pack::Pack>& pack, std::optional<Date> as_of,
                    std::ostream& sink, std::ostream& err) {
  auto workspace = Workspace::open(o.db, pack);
  if (!workspace) return report(err, workspace.error());
  const auto& service = (*workspace)->service();
  auto trials = service.trials();
  if (!trials) return report(err, trials.error());
  ProgressBar bar(err, trials->size(), stderr_is_terminal());
  std::string text;
  for (std::size_t i = 0; i < trials->size(); ++i) {
    const auto& t = (*trials)[i];
    auto reviewed = service.review(t, as_of.value_or(t.review_date));
    if (!reviewed) return report(err, reviewed.error());
    text.clear();
    append_review(text, reviewed->review, t);
    sink << text;
    bar.update(i + 1);
  }
  return kExitOk;
}

int review_many(const ReviewOptions& o, std::istream& in, std::ostream& out, std::ostream& err) {
  int status = kExitOk;
  auto as_of = parse_as_of(o.as_of, err, status);
  if (status != kExitOk) return status;
  auto pack = load_pack_or_report("", in, err);
  if (!pack) return kExitBadInput;
  std::unique_ptr<PrivateFile> out_file;
  std::ostream* sink = &out;
  if (!o.out.empty()) {
    auto file = PrivateFile::create(o.out);
    if (!file) return report(err, file.error());
    out_file = std::move(*file);
    sink = &out_file->stream();
  }
  status = o.all ? review_database(o, pack, as_of, *sink, err) : review_file(o, *pack, as_of, in, *sink, err);
  sink->flush();
  if (!*sink)
    return report(err, io_error("--out", "writing the reviews failed" +
                                             (out_file ? "; any earlier " + o.out + " is unchanged" : std::string())));
  if (out_file)
    if (auto ok = out_file->commit(); !ok) return report(err, ok.error());
  return status;
}

}  // namespace

int run_review(const ReviewOptions& o, std::istream& in, std::ostream& out, std::ostream& err) {
  if (!o.batch.empty() || o.all) return review_many(o, in, out, err);
  if (!o.out.empty())
    return report(err, invalid_input("--out", "--out is for --batch or --all; use --chart FILE for a chart"));
  return review_one(o, in, out, err);
}

}  // namespace trialwise::cli
