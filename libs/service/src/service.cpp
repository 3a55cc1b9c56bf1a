#include "trialwise/service/service.hpp"

#include <algorithm>

#include "trialwise/labels/intake.hpp"
#include "trialwise/labels/label.hpp"
#include "trialwise/service/records.hpp"
#include "trialwise/service/review.hpp"
#include "trialwise/service/running.hpp"
#include "trialwise/service/start.hpp"
#include "trialwise/trial/csv.hpp"

namespace trialwise::service {

Service::Service(const TrialPacks& packs, std::shared_ptr<const pack::Pack> pack, store::TrialRepository* trials,
                 store::ProductRepository* products, model::ProfileId profile)
    : packs_(&packs), pack_(std::move(pack)), trials_(trials), products_(products), profile_(std::move(profile)) {}

Result<store::TrialRepository*> Service::trial_store() const {
  if (trials_ == nullptr) return Unexpected{internal_error("", "this server keeps no trials")};
  return trials_;
}

Result<store::ProductRepository*> Service::product_store() const {
  if (products_ == nullptr) return Unexpected{internal_error("", "this server keeps no products")};
  return products_;
}

Result<model::ImportedProduct> Service::read_product(std::string_view label_text, const std::string& source,
                                                     std::optional<double> servings_per_day, bool third_party_tested,
                                                     const std::string& servings_where) const {
  auto product = labels::parse_label(pack_->ingredient, label_text, source);
  if (!product) return Unexpected{product.error()};
  if (servings_per_day) {
    if (auto ok = labels::check_servings_per_day(*pack_, *servings_per_day, servings_where); !ok)
      return Unexpected{ok.error()};
  }
  model::ImportedProduct item;
  item.product = std::move(*product);
  item.servings_per_day = servings_per_day;
  item.third_party_tested = third_party_tested;
  item.source = source;
  return item;
}

Result<model::ImportedProduct> Service::save_product(const model::ImportedProduct& product) {
  auto repo = product_store();
  if (!repo) return Unexpected{repo.error()};
  return (*repo)->save_product(profile_, product);
}

Result<std::vector<model::ImportedProduct>> Service::products() const {
  if (products_ == nullptr) return std::vector<model::ImportedProduct>{};
  return products_->list_products(profile_);
}

Result<void> Service::remove_product(store::ProductId id) {
  auto repo = product_store();
  if (!repo) return Unexpected{repo.error()};
  return (*repo)->remove_product(profile_, id);
}

Result<Screening, assess::AnswerProblems> Service::screen(boost::json::value answers) const {
  std::vector<assess::PlanNote> notes;
  if (products_ != nullptr) {
    auto products = products_->list_products(profile_);
    if (!products) return Unexpected{assess::AnswerProblems{products.error()}};
    for (auto& n : labels::merge_into_answers(answers, *products, *pack_)) notes.push_back({n.id, n.text, n.section});
  }
  auto s = service::screen(*pack_, std::move(answers));
  if (!s) return s;
  s->intake_notes = std::move(notes);
  return s;
}

Result<Planned, NoPlan> Service::plan(boost::json::value answers, const assess::PlanChoices& choices) const {
  auto s = screen(std::move(answers));
  if (!s) {
    NoPlan no{std::move(s).error(), std::nullopt};
    no.in_answers = std::all_of(no.problems.begin(), no.problems.end(),
                                [](const Error& e) { return e.code == Errc::invalid_input; });
    return Unexpected{std::move(no)};
  }
  auto plan = assess::make_plan(*pack_, s->answers, s->assessment, choices);
  if (!plan) {
    NoPlan no{{plan.error()}, std::nullopt};
    if (plan.error().code == Errc::refused) no.screening = std::move(*s);
    return Unexpected{std::move(no)};
  }
  for (const auto& note : s->intake_notes) plan->warnings.push_back(note);
  return Planned{std::move(*s), std::move(*plan)};
}

Result<model::Trial> Service::start(const Planned& planned) {
  auto repo = trial_store();
  if (!repo) return Unexpected{repo.error()};
  return start_trial(**repo, profile_, *pack_, planned.screening, planned.plan);
}

Result<model::TrialRecord> Service::record_of(const model::Trial& trial) const {
  auto repo = trial_store();
  if (!repo) return Unexpected{repo.error()};
  return trial_record(**repo, profile_, trial);
}

Result<Reviewed> Service::review(const model::Trial& trial, Date as_of) const {
  auto pack = packs_->for_trial(trial);
  if (!pack) return Unexpected{pack.error()};
  auto rec = record_of(trial);
  if (!rec) return Unexpected{rec.error()};
  auto verdict = review::review_trial(**pack, trial, rec->entries, as_of);
  return Reviewed{std::move(*rec), std::move(verdict)};
}

Result<std::string> Service::record(const Reviewed& reviewed) {
  auto repo = trial_store();
  if (!repo) return Unexpected{repo.error()};
  return record_verdict(**repo, profile_, reviewed.record.trial, reviewed.review);
}

Result<model::Trial> Service::running() const {
  auto repo = trial_store();
  if (!repo) return Unexpected{repo.error()};
  return running_trial(**repo, profile_);
}

Result<model::Trial> Service::trial(model::TrialId id) const {
  auto repo = trial_store();
  if (!repo) return Unexpected{repo.error()};
  return (*repo)->get_trial(profile_, id);
}

Result<std::vector<model::Trial>> Service::trials() const {
  auto repo = trial_store();
  if (!repo) return Unexpected{repo.error()};
  return (*repo)->list_trials(profile_);
}

Result<std::shared_ptr<const pack::Pack>> Service::pack_for(const model::Trial& trial) const {
  return packs_->for_trial(trial);
}

Result<LoggedDay> Service::log(const model::Trial& trial, const DayInput& day, Date today) {
  auto repo = trial_store();
  if (!repo) return Unexpected{repo.error()};
  auto pack = pack_for(trial);
  if (!pack) return Unexpected{pack.error()};
  return log_day(**repo, profile_, **pack, trial, day, today);
}

Result<TrialStatus> Service::status(const model::Trial& trial, Date today) const {
  auto repo = trial_store();
  if (!repo) return Unexpected{repo.error()};
  auto pack = pack_for(trial);
  if (!pack) return Unexpected{pack.error()};
  return trial_status(**repo, profile_, **pack, trial, today);
}

Result<std::vector<model::Amendment>> Service::amend(const model::Trial& trial, const AmendInput& input, Date today) {
  auto repo = trial_store();
  if (!repo) return Unexpected{repo.error()};
  auto pack = pack_for(trial);
  if (!pack) return Unexpected{pack.error()};
  return amend_trial(**repo, profile_, **pack, trial, input, today);
}

Result<std::vector<model::DayEntry>> Service::entries(const model::Trial& trial, std::optional<Date> from,
                                                      std::optional<Date> to) const {
  auto repo = trial_store();
  if (!repo) return Unexpected{repo.error()};
  return (*repo)->entries(profile_, trial.id, from, to);
}

Result<std::vector<model::DayEntry>> Service::day_versions(const model::Trial& trial, Date day) const {
  auto repo = trial_store();
  if (!repo) return Unexpected{repo.error()};
  return (*repo)->entry_history(profile_, trial.id, day);
}

Result<std::size_t, std::vector<Error>> Service::import_days(const model::Trial& trial, std::string_view csv,
                                                             Date today) {
  auto repo = trial_store();
  if (!repo) return Unexpected{std::vector<Error>{repo.error()}};
  auto pack = pack_for(trial);
  if (!pack) return Unexpected{std::vector<Error>{pack.error()}};
  auto outcome = trial_outcome(**pack, trial);
  if (!outcome) return Unexpected{std::vector<Error>{outcome.error()}};
  const Date latest = trial.ended_on ? std::min(*trial.ended_on, today) : today;
  auto days = trial::from_csv(**pack, **outcome, csv, trial.start, latest);
  if (!days) return Unexpected{std::move(days).error()};
  if (auto ok = (*repo)->put_entries(profile_, trial.id, *days); !ok) return Unexpected{std::vector<Error>{ok.error()}};
  return days->size();
}

Result<ExportFile> Service::export_trial(const model::Trial& trial, ExportFormat format, Date as_of,
                                         std::chrono::sys_seconds now) const {
  auto repo = trial_store();
  if (!repo) return Unexpected{repo.error()};
  auto pack = pack_for(trial);
  if (!pack) return Unexpected{pack.error()};
  return service::export_trial(**repo, profile_, **pack, trial, format, as_of, now);
}

}  // namespace trialwise::service
