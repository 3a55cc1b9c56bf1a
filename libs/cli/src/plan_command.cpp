// trialwise plan: the defined trial, or a refusal with its reasons.

#include <CLI/CLI.hpp>
#include <ostream>
#include <random>

#include "exit_codes.hpp"
#include "screening_commands.hpp"
#include "screening_input.hpp"
#include "running_trial.hpp"
#include "trialwise/assess/report.hpp"
#include "trialwise/service/service.hpp"

namespace trialwise::cli {

CLI::App* add_plan_options(CLI::App& app, const std::string& name, const std::string& description, PlanOptions& o) {
  auto* cmd = app.add_subcommand(name, description);
  cmd->add_option("--answers", o.answers, "The answers, a JSON object (- for standard input)")
      ->required()
      ->type_name("FILE|-");
  cmd->add_option("--start", o.start, "The first day of the baseline week")->required()->type_name("YYYY-MM-DD");
  cmd->add_option("--protocol", o.protocol, "A protocol id (default: the pack's for your problem)")->type_name("ID");
  cmd->add_option("--outcome", o.outcome, "The outcome to track (default: the first for your problem)")
      ->type_name("ID");
  auto* product = cmd->add_option("--product", o.product, "The one product you will use")->type_name("NAME");
  cmd->add_option("--g-per-serving", o.g_per_serving,
                  "Grams of the supplement in one serving of that product (from its label)")
      ->type_name("G")
      ->needs(product);
  cmd->add_option("--days", o.days, "Active days of the trial (default: the protocol's)")->type_name("N");
  auto* design = cmd->add_option("--design", o.design,
                                 "open: a baseline, then the supplement; blocks: after the baseline, on and off blocks "
                                 "in pairs, in a random order fixed now (stronger evidence)")
                     ->check(CLI::IsMember({"open", "blocks"}))
                     ->type_name("open|blocks");
  cmd->add_option("--block-days", o.block_days, "With --design blocks: days per block (default 7)")
      ->type_name("N")
      ->needs(design);
  cmd->add_option("--blocks", o.blocks, "With --design blocks: blocks, an even number (default 4)")
      ->type_name("N")
      ->needs(design);
  cmd->add_option("--seed", o.seed, "With --design blocks: the seed of the random order (default: drawn now and shown)")
      ->type_name("N")
      ->needs(design)
      ->each([&o](const std::string&) { o.seed_given = true; });
  cmd->add_flag("--keep-other-products", o.keep_other_products,
                "Keep taking your other products that contain the supplement during the trial (default: pause "
                "them; refused when their amount is unknown or the day would go above the protocol's most)");
  cmd->add_flag("--json", o.json, "Print the plan as JSON");
  add_pack_option(*cmd, o.pack_file);
  return cmd;
}

CLI::App* add_plan_command(CLI::App& app, PlanOptions& o) {
  auto* cmd =
      add_plan_options(app, "plan", "Make one defined trial: product, dose steps, outcome, baseline, review date", o);
  cmd->add_option("--db", o.db,
                  "Also count the products imported into this database (trialwise product import), "
                  "as start does")
      ->type_name("PATH")
      ->each([&o](const std::string&) { o.with_products = true; });
  cmd->footer(
      "Example: trialwise plan --answers examples/runner_in_heat.json --start 2026-12-07 \\\n"
      "           --product \"My Powder\" --g-per-serving 5\n"
      "Exit status: 0 plan made; 2 bad answers or choices; 3 refused for safety (reasons printed, no dose).");
  return cmd;
}

std::optional<PlannedTrial> plan_or_report(const PlanOptions& o, std::istream& in, std::ostream& out, std::ostream& err,
                                           int& status) {
  status = kExitBadInput;
  auto start = Date::parse(o.start, "--start");
  if (!start) {
    err << "trialwise: " << to_string(start.error()) << "\n";
    return std::nullopt;
  }
  if (o.design != "blocks" && (o.seed_given || o.blocks != 4 || o.block_days != 7)) {
    err << "trialwise: --design: --blocks, --block-days and --seed need --design blocks\n";
    return std::nullopt;
  }
  auto pack = load_pack_or_report(o.pack_file, in, err);
  if (!pack) return std::nullopt;
  // With products, the database's imported products count (reading creates nothing).
  std::unique_ptr<Workspace> workspace;
  if (o.with_products) {
    auto opened = Workspace::open(o.db, pack, Workspace::Products::yes, Workspace::Create::no);
    if (!opened) {
      status = report(err, opened.error());
      return std::nullopt;
    }
    workspace = std::move(*opened);
  }
  auto answers = read_answers_json_or_report(o.answers, in, err);
  if (!answers) return std::nullopt;
  assess::PlanChoices choices;
  choices.start = *start;
  if (!o.protocol.empty()) choices.protocol_id = o.protocol;
  if (!o.outcome.empty()) choices.outcome_id = o.outcome;
  if (!o.product.empty()) choices.product_name = o.product;
  if (o.g_per_serving != 0) choices.g_per_serving = o.g_per_serving;
  if (o.days != 0) choices.active_days = o.days;
  choices.pause_other_products = !o.keep_other_products;
  if (o.design == "blocks") {
    // Without a seed, draw one: the plan shows it, so the order can be checked later.
    const std::uint64_t seed =
        o.seed_given ? o.seed : (std::uint64_t{std::random_device{}()} << 32) | std::random_device{}();
    choices.blocks = assess::BlockChoices{.block_days = o.block_days, .blocks = o.blocks, .seed = seed};
  }
  const service::TrialPacks packs(pack);
  const service::Service stateless(packs, pack, nullptr, nullptr, model::kLocalProfile);
  const service::Service& service = workspace ? workspace->service() : stateless;
  auto planned = service.plan(std::move(*answers), choices);
  if (!planned) {
    const auto& no = planned.error();
    if (no.refused()) {
      const auto& s = *no.screening;
      if (o.json) {
        print_json(out, assess::refusal_to_json(*pack, s.answers, s.assessment, no.problems.front()));
      } else {
        out << assess::describe_refusal(*pack, s.assessment, no.problems.front()) << answers_line(o.answers);
      }
      status = kExitRefused;
    } else if (no.in_answers) {
      report_answer_problems(o.answers, no.problems, err);
      status = exit_code(no.problems.front().code);
    } else {
      status = report(err, with_flag(no.problems.front(), "plan"));
    }
    return std::nullopt;
  }
  status = kExitOk;
  return PlannedTrial{std::move(pack), std::move(*planned)};
}

void print_plan(const PlanOptions& o, const PlannedTrial& p, std::ostream& out) {
  const auto& pack = *p.pack;
  const auto& a = p.planned.screening.assessment;
  if (o.json) {
    print_json(out, assess::to_json(pack, p.planned.screening.answers, a, p.planned.plan));
    return;
  }
  out << "Decision: " << assess::decision_in_words(pack, a) << "\n";
  for (const auto& b : a.basics_to_fix) out << "  Basic to fix: " << b.label << ": " << b.advice << "\n";
  for (const auto& r : a.reasons) out << "  Note [" << to_string(r.level) << "]: " << r.text << "\n";
  out << "\n" << assess::describe(pack, p.planned.plan);
  out << "\nNot medical advice. " << pack.disclaimer.text << "\nPack: " << pack.id << " " << pack.version << "\n"
      << answers_line(o.answers);
}

int run_plan(const PlanOptions& o, std::istream& in, std::ostream& out, std::ostream& err) {
  int status = kExitOk;
  auto planned = plan_or_report(o, in, out, err, status);
  if (planned) print_plan(o, *planned, out);
  return status;
}

}  // namespace trialwise::cli
