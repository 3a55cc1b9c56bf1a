#include "trialwise/service/service.hpp"

#include <algorithm>

#include "trialwise/labels/intake.hpp"
#include "trialwise/labels/label.hpp"
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
