#include "trialwise/cli/cli.hpp"

#include <CLI/CLI.hpp>
#include <exception>
#include <ostream>

#include "rule_eval_command.hpp"

namespace trialwise::cli {

int run(int argc, const char* const* argv, std::istream& in, std::ostream& out, std::ostream& err) {
  try {
    CLI::App app{"Trialwise: decide whether a supplement fits you, then run one honest personal trial.",
                 "trialwise"};
    app.set_version_flag("--version", std::string("trialwise ") + TRIALWISE_VERSION);
    app.require_subcommand(1);
    app.footer("Educational only; not medical advice. See README.md.");

    auto* rule = app.add_subcommand("rule", "Work with JsonLogic rules");
    rule->require_subcommand(1);
    RuleEvalOptions eval_options;
    auto* eval = add_rule_eval_command(*rule, eval_options);

    try {
      app.parse(argc, argv);
    } catch (const CLI::ParseError& e) {
      const int code = app.exit(e, out, err);
      return code == 0 ? kExitOk : kExitBadInput;
    }
    if (eval->parsed()) return run_rule_eval(eval_options, in, out, err);
    err << "trialwise: no command given; see --help\n";
    return kExitBadInput;
  } catch (const std::exception& e) {
    err << "trialwise: internal error: " << e.what() << "\n";
    return kExitInternal;
  }
}

}  // namespace trialwise::cli
