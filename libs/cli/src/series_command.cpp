// series: read trial records, pool the ones of one protocol and outcome,
// print the words (or JSON) and optionally draw the forest plot.

#include "series_command.hpp"

#include <CLI/CLI.hpp>
#include <fstream>
#include <map>
#include <ostream>

#include "exit_codes.hpp"
#include "private_file.hpp"
#include "running_trial.hpp"
#include "screening_input.hpp"
#include "trialwise/json/text.hpp"
#include "trialwise/core/text.hpp"
#include "trialwise/service/series.hpp"

namespace trialwise::cli {

CLI::App* add_series_command(CLI::App& app, SeriesOptions& o) {
  auto* cmd = app.add_subcommand(
      "series", "What a practice learns across clients who ran the same trial: their effects pooled (random effects)");
  cmd->add_option("--trials", o.trials,
                  "Trial records, one per line (trialwise export --format json; - for standard input). A line may "
                  "name its client with a \"client\" field: one client counts once, by their latest reviewed trial")
      ->type_name("FILE|-")
      ->required();
  cmd->add_flag("--json", o.json, "Print the series as JSON");
  cmd->add_option("--forest", o.forest, "Also write the forest plot as an SVG file")->type_name("FILE.svg");
  cmd->add_option("--method", o.method, "How the spread between people is estimated (default: reml)")
      ->check(CLI::IsMember({"reml", "dl"}));
  cmd->add_flag("--knha", o.knha, "Knapp-Hartung: t-based intervals, wider and more honest with few clients");
  cmd->add_option("--protocol", o.protocol, "Pool trials of this protocol (default: the only one in the file)")
      ->type_name("ID");
  cmd->add_option("--outcome", o.outcome, "Pool trials of this outcome (default: the only one in the file)")
      ->type_name("ID");
  cmd->add_option("--as-of", o.as_of, "Judge each trial at its review date that has come by this day (default: today)")
      ->type_name("YYYY-MM-DD");
  cmd->footer(
      "Exit status: 0 pooled (or said why not); 2 bad input (the line and field are named); 5 a file failed.\n"
      "Educational only: this pools your clients' own open-label trials; it is not a clinical trial.");
  return cmd;
}

namespace {

// Reads every line's record and its optional "client" label. A bad line stops
// the command: a series with a silently missing person would mislead.
Result<std::vector<service::LabelledRecord>> read_records(std::istream& source, const std::string& name) {
  std::vector<service::LabelledRecord> records;
  json::Parser parser;
  std::string line;
  for (std::size_t number = 1; std::getline(source, line); ++number) {
    if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
    const std::string where = name + " line " + std::to_string(number);
    auto value = parser.parse(line);
    if (!value) return Unexpected{invalid_input(where + " " + value.error().where, value.error().message)};
    auto record = model::trial_record_from_json(*value, where);
    if (!record) return Unexpected{record.error()};
    std::string label;
    if (const auto* client = value->as_object().if_contains("client")) {
      if (!client->is_string() || client->as_string().empty())
        return Unexpected{invalid_input(where + "#/client", "\"client\" must be a non-empty string")};
      label = client->as_string();
    }
    records.push_back({std::move(label), std::move(*record)});
  }
  if (source.bad()) return Unexpected{io_error("--trials", name + ": reading failed")};
  return records;
}

// The protocol and outcome to pool: as given, or the only pair in the file.
Result<std::pair<std::string, std::string>> chosen_pair(const SeriesOptions& o,
                                                        const std::vector<service::LabelledRecord>& records) {
  std::map<std::pair<std::string, std::string>, int> pairs;
  for (const auto& r : records)
    if ((o.protocol.empty() || r.record.trial.protocol_id == o.protocol) &&
        (o.outcome.empty() || r.record.trial.outcome_id == o.outcome))
      ++pairs[{r.record.trial.protocol_id, r.record.trial.outcome_id}];
  if (pairs.size() == 1) return pairs.begin()->first;
  if (pairs.empty()) {
    if (!o.protocol.empty() && !o.outcome.empty()) return std::pair{o.protocol, o.outcome};
    return Unexpected{invalid_input(
        "--trials", "no trial to pool" +
                        std::string(records.empty() ? ": the file is empty" : " matches --protocol and --outcome"))};
  }
  std::string list;
  for (const auto& [pair, count] : pairs)
    list += (list.empty() ? "" : ", ") + pair.first + "/" + pair.second + " (" + std::to_string(count) + ")";
  return Unexpected{invalid_input(o.protocol.empty() ? "--protocol" : "--outcome",
                                  "the trials are of more than one protocol/outcome: " + list +
                                      "; name the one to pool with --protocol and --outcome")};
}

void print_words(const series::Series& s, std::ostream& out) {
  out << "Series: " << s.protocol_label << ", " << s.outcome_label << " (as of " << s.as_of.to_string() << ")\n\n";
  for (const auto& w : s.words) out << wrap(w, 0) << "\n";
  if (!s.people.empty()) {
    out << "\nClients pooled:\n";
    for (const auto& p : s.people) {
      char line[160];
      std::snprintf(line, sizeof line, "  %6.2f [%5.2f, %5.2f]", p.estimate, p.ci_low, p.ci_high);
      out << line;
      if (p.shrunken) {
        std::snprintf(line, sizeof line, "  shrunken %5.2f  weight %4.1f%%", p.shrunken->estimate, p.weight);
        out << line;
      }
      out << "  " << p.label << " (trial " << p.trial << ")\n";
    }
  }
  if (!s.apart.empty()) {
    out << "\nListed apart, not counted:\n";
    for (const auto& l : s.apart) {
      out << "  " << l.label << " (trial " << l.trial << "): " << series::to_string(l.why);
      for (const auto& d : l.detail) out << "; " << d;
      out << "\n";
    }
  }
  out << "\nCaveats:\n";
  for (const auto& c : s.caveats) out << wrap("  - " + c, 4) << "\n";
}

}  // namespace

int run_series(const SeriesOptions& o, std::istream& in, std::ostream& out, std::ostream& err) {
  auto as_of = date_or_today(o.as_of, "--as-of");
  if (!as_of) return report(err, as_of.error());
  auto pack = load_pack_or_report("", in, err);
  if (!pack) return kExitBadInput;

  std::ifstream file;
  std::istream* source = &in;
  if (o.trials != "-") {
    file.open(o.trials, std::ios::binary);
    if (!file) return report(err, invalid_input("--trials", o.trials + ": cannot open the file"));
    source = &file;
  }
  auto records = read_records(*source, o.trials == "-" ? "standard input" : o.trials);
  if (!records) return report(err, records.error());
  auto pair = chosen_pair(o, *records);
  if (!pair) return report(err, pair.error());

  const service::TrialPacks packs(pack);
  const service::SeriesQuery query{
      pair->first, pair->second, *as_of, {o.method == "dl" ? stats::Tau2Method::dl : stats::Tau2Method::reml, o.knha}};
  auto s = service::series_of_records(packs, *records, query);
  if (!s) {
    auto e = s.error();
    if (e.where == "protocol" || e.where == "outcome") e.where = "--" + e.where;
    return report(err, e);
  }
  if (!o.forest.empty())
    if (auto ok = write_private_file(o.forest, series::forest_svg(*s)); !ok) return report(err, ok.error());
  if (o.json) {
    print_json(out, series::to_json(*s));
  } else {
    print_words(*s, out);
  }
  return kExitOk;
}

}  // namespace trialwise::cli
