#include <boost/json/array.hpp>

#include "trialwise/review/report.hpp"

namespace trialwise::review {

namespace {

boost::json::array strings(const std::vector<std::string>& list) {
  boost::json::array out;
  for (const auto& s : list) out.emplace_back(s);
  return out;
}

std::string_view phase_name(Point::Phase p) {
  switch (p) {
    case Point::Phase::baseline: return "baseline";
    case Point::Phase::active: return "active";
    case Point::Phase::off: return "off";
  }
  return "baseline";
}

}  // namespace

boost::json::object to_json(const Review& r, bool with_series) {
  boost::json::object o{{"outcome", to_string(r.verdict)},
                        {"as_of", r.as_of.to_string()},
                        {"review_date", r.review_date.to_string()},
                        {"review_date_reached", r.review_date_reached}};
  if (r.effect) {
    const auto& e = *r.effect;
    o["effect"] = boost::json::object{{"estimate", e.estimate},
                                      {"se", e.se},
                                      {"ci_low", e.ci_low},
                                      {"ci_high", e.ci_high},
                                      {"p_meaningful", e.p_meaningful},
                                      {"control_mean", e.control_mean},
                                      {"active_mean", e.active_mean},
                                      {"n", e.n},
                                      {"lag", e.lag},
                                      {"smallest_meaningful_change", r.smallest_meaningful_change},
                                      {"certainty_needed", r.certainty},
                                      {"higher_is_better", r.higher_is_better}};
  } else {
    o["effect"] = nullptr;
  }
  o["trend"] = r.trend ? boost::json::value(boost::json::object{{"estimate", r.trend->estimate},
                                                                {"se", r.trend->se},
                                                                {"trend_per_week", r.trend->trend_per_week},
                                                                {"explains_benefit", r.trend->explains_benefit}})
                       : boost::json::value(nullptr);
  o["randomization"] = r.randomization ? boost::json::value(boost::json::object{{"observed", r.randomization->observed},
                                                                                {"p_value", r.randomization->p_value},
                                                                                {"orders", r.randomization->orders}})
                                       : boost::json::value(nullptr);
  o["adherence"] = r.adherence ? boost::json::value(*r.adherence) : boost::json::value(nullptr);
  boost::json::object days{{"baseline", r.days.baseline},
                           {"baseline_planned", r.days.baseline_planned},
                           {"active", r.days.active},
                           {"active_planned", r.days.active_planned}};
  if (r.days.off_planned > 0) {
    days["off"] = r.days.off;
    days["off_planned"] = r.days.off_planned;
  }
  if (r.days.other_product_active + r.days.other_product_control > 0) {
    days["other_product_active"] = r.days.other_product_active;
    days["other_product_control"] = r.days.other_product_control;
  }
  o["days"] = std::move(days);
  boost::json::array sides;
  for (const auto& s : r.side_effects) {
    boost::json::array by_step;
    for (double m : s.mean_by_step) by_step.emplace_back(m);
    sides.push_back(boost::json::object{{"id", s.id},
                                        {"label", s.label},
                                        {"mean", s.mean},
                                        {"days_at_or_above_moderate", s.days_at_or_above_moderate},
                                        {"worst", s.worst},
                                        {"mean_by_step", std::move(by_step)},
                                        {"rose_with_dose", s.rose_with_dose}});
  }
  o["side_effects"] = std::move(sides);
  o["red_flags"] = strings(r.red_flags);
  o["next_review_date"] =
      r.next_review_date ? boost::json::value(r.next_review_date->to_string()) : boost::json::value(nullptr);
  o["reasons"] = strings(r.reasons);
  o["missing"] = strings(r.missing);
  o["caveats"] = strings(r.caveats);
  if (with_series) {
    boost::json::array series;
    for (const auto& p : r.series)
      series.push_back(boost::json::object{
          {"date", p.date.to_string()}, {"outcome", p.outcome}, {"phase", phase_name(p.phase)}, {"step", p.step}});
    o["series"] = std::move(series);
  }
  return o;
}

}  // namespace trialwise::review
