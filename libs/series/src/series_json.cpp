// The series as JSON, format "trialwise-series/1".

#include <cmath>
#include <cstdint>

#include <boost/json/array.hpp>

#include "trialwise/series/series.hpp"

namespace trialwise::series {
namespace {

boost::json::array strings(const std::vector<std::string>& v) {
  boost::json::array a;
  for (const auto& s : v) a.emplace_back(s);
  return a;
}

boost::json::value blup_json(const std::optional<stats::Blup>& b) {
  if (!b) return nullptr;
  return boost::json::object{{"estimate", b->estimate}, {"se", b->se}, {"low", b->low}, {"high", b->high}};
}

boost::json::object person_json(const Person& p) {
  return {{"label", p.label},
          {"trial", p.trial},
          {"reviewed_on", p.reviewed_on.to_string()},
          {"estimate", p.estimate},
          {"se", p.se},
          {"ci_low", p.ci_low},
          {"ci_high", p.ci_high},
          {"baseline_mean", p.baseline_mean},
          {"days", p.days},
          {"weight", p.weight},
          {"shrunken", blup_json(p.shrunken)}};
}

boost::json::object left_json(const Left& l) {
  boost::json::value verdict = nullptr;
  if (l.verdict) verdict = std::string(review::to_string(*l.verdict));
  return {{"label", l.label},
          {"trial", l.trial},
          {"reason", std::string(to_string(l.why))},
          {"verdict", std::move(verdict)},
          {"detail", strings(l.detail)}};
}

// A coefficient's figures: estimate, se, interval, test.
boost::json::object coefficient_json(const stats::MetaAnalysis& fit, std::size_t j) {
  return {{"estimate", fit.coef[j]},       {"se", fit.se[j]},
          {"ci_low", fit.ci_low[j]},       {"ci_high", fit.ci_high[j]},
          {"statistic", fit.statistic[j]}, {"p_value", fit.p_value[j]}};
}

boost::json::object heterogeneity_json(const stats::MetaAnalysis& fit) {
  return {{"tau2", fit.tau2},
          {"tau", std::sqrt(fit.tau2)},
          {"i2", fit.i2},
          {"h2", fit.h2},
          {"q", fit.q},
          {"q_df", static_cast<std::int64_t>(fit.q_df)},
          {"q_p_value", fit.q_p_value},
          {"iterations", fit.iterations}};
}

boost::json::value pooled_json(const std::optional<Pooled>& p) {
  if (!p) return nullptr;
  auto o = coefficient_json(p->fit, 0);
  o["k"] = static_cast<std::int64_t>(p->fit.k);
  o["df"] = p->fit.df == 0 ? boost::json::value(nullptr) : boost::json::value(static_cast<std::int64_t>(p->fit.df));
  o["heterogeneity"] = heterogeneity_json(p->fit);
  o["pi_low"] = p->prediction.pi_low;
  o["pi_high"] = p->prediction.pi_high;
  o["p_new_meaningful"] = p->p_new_meaningful;
  return o;
}

boost::json::value moderator_json(const std::optional<Moderator>& m) {
  if (!m) return nullptr;
  return boost::json::object{{"name", "baseline_mean"},
                             {"intercept", coefficient_json(m->fit, 0)},
                             {"slope", coefficient_json(m->fit, 1)},
                             {"heterogeneity", heterogeneity_json(m->fit)},
                             {"r2", m->fit.r2}};
}

}  // namespace

boost::json::object to_json(const Series& s) {
  boost::json::array people, apart;
  for (const auto& p : s.people) people.push_back(person_json(p));
  for (const auto& l : s.apart) apart.push_back(left_json(l));
  return {
      {"format", kSeriesFormat},
      {"as_of", s.as_of.to_string()},
      {"protocol", boost::json::object{{"id", s.protocol_id}, {"label", s.protocol_label}}},
      {"outcome", boost::json::object{{"id", s.outcome_id},
                                      {"label", s.outcome_label},
                                      {"scale_min", s.scale_min},
                                      {"scale_max", s.scale_max},
                                      {"higher_is_better", s.higher_is_better}}},
      {"smallest_meaningful_change", s.smallest_meaningful_change},
      {"method", s.options.method == stats::Tau2Method::reml ? "reml" : "dl"},
      {"test", s.options.knapp_hartung ? "knha" : "z"},
      {"words", strings(s.words)},
      {"pooled", pooled_json(s.pooled)},
      {"moderator", moderator_json(s.moderator)},
      {"moderator_note", s.moderator_note.empty() ? boost::json::value(nullptr) : boost::json::value(s.moderator_note)},
      {"people", std::move(people)},
      {"apart", std::move(apart)},
      {"caveats", strings(s.caveats)}};
}

}  // namespace trialwise::series
