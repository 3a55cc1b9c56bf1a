#include "trialwise/service/service.hpp"

#include <algorithm>

#include "trialwise/labels/intake.hpp"
#include "trialwise/service/review.hpp"
#include "trialwise/service/start.hpp"

namespace trialwise::service {

Service::Service(const TrialPacks& packs, std::shared_ptr<const pack::Pack> pack, store::TrialRepository* trials,
                 store::ProductRepository* products, model::ProfileId profile)
    : packs_(&packs), pack_(std::move(pack)), trials_(trials), products_(products), profile_(std::move(profile)) {}

Result<store::TrialRepository*> Service::trials() const {
  if (trials_ == nullptr) return Unexpected{internal_error("", "this server keeps no trials")};
  return trials_;
}

Result<Screening, assess::AnswerProblems> Service::screen(boost::json::value answers) const {
  std::vector<assess::PlanNote> notes;
  if (products_ != nullptr) {
    auto products = products_->list_products(profile_);
    if (!products) return Unexpected{assess::AnswerProblems{products.error()}};
    for (auto& n : labels::merge_into_answers(answers, *products, pack_->plan.existing_intake))
      notes.push_back({n.id, n.text, n.section});
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
  auto repo = trials();
  if (!repo) return Unexpected{repo.error()};
  return start_trial(**repo, profile_, *pack_, planned.screening, planned.plan);
}

Result<Reviewed> Service::review(const model::Trial& trial, Date as_of) const {
  auto repo = trials();
  if (!repo) return Unexpected{repo.error()};
  auto pack = packs_->for_trial(trial);
  if (!pack) return Unexpected{pack.error()};
  auto rec = trial_record(**repo, profile_, trial);
  if (!rec) return Unexpected{rec.error()};
  auto verdict = review::review_trial(**pack, trial, rec->entries, as_of);
  return Reviewed{std::move(*rec), std::move(verdict)};
}

Result<std::string> Service::record(const Reviewed& reviewed) {
  auto repo = trials();
  if (!repo) return Unexpected{repo.error()};
  return record_verdict(**repo, profile_, reviewed.record.trial, reviewed.review);
}

}  // namespace trialwise::service
