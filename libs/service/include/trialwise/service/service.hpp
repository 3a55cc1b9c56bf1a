#pragma once

// The one entry point both front ends call: screening with the person's
// imported products counted, the plan (or its refusal), starting the trial,
// logging, status, amendments, the review with its recording, exports and
// imported products. The command line and the HTTP API only translate
// arguments and render what comes back, so they cannot disagree about a
// person's plan or trial.

#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <boost/json/value.hpp>

#include "trialwise/assess/plan.hpp"
#include "trialwise/core/date.hpp"
#include "trialwise/core/result.hpp"
#include "trialwise/model/trial_json.hpp"
#include "trialwise/review/review.hpp"
#include "trialwise/service/amend.hpp"
#include "trialwise/service/day_log.hpp"
#include "trialwise/service/exports.hpp"
#include "trialwise/service/screening.hpp"
#include "trialwise/service/status.hpp"
#include "trialwise/service/trial_pack.hpp"
#include "trialwise/store/products.hpp"
#include "trialwise/store/repository.hpp"

namespace trialwise::service {

/// A plan made from one person's answers.
struct Planned {
  Screening screening;
  assess::TrialPlan plan;
};

/// Why there is no plan: the answers' problems (each Errc::invalid_input at
/// its JSON pointer), one error from the choices or the pack, or a safety
/// refusal (one Errc::refused error), which comes with the screening so that
/// its reasons can be shown. Never a dose.
struct NoPlan {
  std::vector<Error> problems;
  std::optional<Screening> screening;  // set for a refusal
  bool in_answers = false;             // the problems are the answers' own (each at its pointer)
  bool refused() const { return problems.size() == 1 && problems.front().code == Errc::refused; }
};

/// A review as of a day, with the record it judged.
struct Reviewed {
  model::TrialRecord record;
  review::Review review;
};

/// What the service works on: one profile's data in the stores (either may
/// be absent: a stateless checker has neither), the pack new plans are made
/// with, and the packs trials were planned with. Borrows all of them.
class Service {
 public:
  Service(const TrialPacks& packs, std::shared_ptr<const pack::Pack> pack, store::TrialRepository* trials,
          store::ProductRepository* products, model::ProfileId profile);

  const pack::Pack& pack() const { return *pack_; }
  const model::ProfileId& profile() const { return profile_; }

  /// Checks and assesses `answers` after the profile's imported products
  /// join the answers' list of products taken; `intake_notes` says what
  /// those products leave uncertain. Errors as service::screen, or the
  /// product store's error (as one problem).
  Result<Screening, assess::AnswerProblems> screen(boost::json::value answers) const;

  /// Screens `answers` and makes the plan with `choices`; what the imported
  /// products leave uncertain joins the plan's warnings.
  Result<Planned, NoPlan> plan(boost::json::value answers, const assess::PlanChoices& choices) const;

  /// Saves a plan as the profile's pre-registered trial (one at a time).
  /// Errc::conflict when one is running; Errc::internal without a trial store.
  Result<model::Trial> start(const Planned& planned);

  /// The running trial; Errc::not_found ("no trial is running") when none.
  Result<model::Trial> running() const;

  /// One of the profile's trials, running or past; Errc::not_found for
  /// another profile's trial or none.
  Result<model::Trial> trial(model::TrialId id) const;

  /// Every trial of the profile, running and past, as the store lists them.
  Result<std::vector<model::Trial>> trials() const;

  /// The pack `trial` is judged by: the one it was planned with, or the
  /// built-in one for a trial from before packs were kept with trials.
  Result<std::shared_ptr<const pack::Pack>> pack_for(const model::Trial& trial) const;

  /// Logs one day of `trial` (see log_day), by its pack.
  Result<LoggedDay> log(const model::Trial& trial, const DayInput& day, Date today);

  /// Where `trial` stands on `today`, with its amendments.
  Result<TrialStatus> status(const model::Trial& trial, Date today) const;

  /// Amends the running `trial` from `today` on (see amend_trial).
  Result<std::vector<model::Amendment>> amend(const model::Trial& trial, const AmendInput& input, Date today);

  /// The current entries of `trial` between the dates given (both inclusive).
  Result<std::vector<model::DayEntry>> entries(const model::Trial& trial, std::optional<Date> from,
                                               std::optional<Date> to) const;

  /// Every saved version of one day of `trial`, oldest first.
  Result<std::vector<model::DayEntry>> day_versions(const model::Trial& trial, Date day) const;

  /// Reads days in the CSV export's columns and saves every one or none: a
  /// day must lie between the trial's start and `today` (or its end), each
  /// outcome on the trial's scale. Fails with every problem in the text, or
  /// with the store's error; returns how many days were saved.
  Result<std::size_t, std::vector<Error>> import_days(const model::Trial& trial, std::string_view csv, Date today);

  /// `trial` in one of the export formats, as of a day (see export_trial).
  Result<ExportFile> export_trial(const model::Trial& trial, ExportFormat format, Date as_of,
                                  std::chrono::sys_seconds now) const;

  /// One of the profile's trials with its current day entries and amendments.
  Result<model::TrialRecord> record_of(const model::Trial& trial) const;

  /// Reviews one of the profile's trials as of `as_of`, by the pack it was
  /// planned with, over its current entries and amendments.
  Result<Reviewed> review(const model::Trial& trial, Date as_of) const;

  /// Saves a review's verdict (see record_verdict): what was done, in words.
  Result<std::string> record(const Reviewed& reviewed);

  /// Reads a label (DSLD JSON) by the pack's label forms into a product to
  /// keep, saving nothing; `source` names the label in errors and in the
  /// record. `servings_per_day` is checked against the pack's range for that
  /// answer (errors at `servings_where`). Errors as labels::parse_label.
  Result<model::ImportedProduct> read_product(std::string_view label_text, const std::string& source,
                                              std::optional<double> servings_per_day, bool third_party_tested,
                                              const std::string& servings_where) const;

  /// Keeps a product read with read_product. Errc::conflict for a label
  /// imported before (it would count twice).
  Result<model::ImportedProduct> save_product(const model::ImportedProduct& product);

  /// The profile's imported products, oldest first (none without a store).
  Result<std::vector<model::ImportedProduct>> products() const;

  /// Forgets an imported product: plans no longer count it.
  Result<void> remove_product(store::ProductId id);

 private:
  Result<store::TrialRepository*> trial_store() const;
  Result<store::ProductRepository*> product_store() const;

  const TrialPacks* packs_;
  std::shared_ptr<const pack::Pack> pack_;
  store::TrialRepository* trials_;
  store::ProductRepository* products_;
  model::ProfileId profile_;
};

}  // namespace trialwise::service
