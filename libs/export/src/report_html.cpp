// The clinician's report as one HTML page.

#include "trialwise/core/text.hpp"
#include "trialwise/export/report_html.hpp"

#include <algorithm>

#include "trial_view.hpp"
#include "trialwise/review/report.hpp"

namespace trialwise::interop {

namespace {

using namespace detail;

std::string esc(std::string_view text) { return escape_xml(text); }

std::string section_or_default(const std::string& s) { return s.empty() ? "pack default" : s; }

std::string percent(double fraction) { return rounded(fraction * 100, 0) + "%"; }

constexpr const char* kStyle = R"css(
@page { margin: 15mm 14mm; }
* { box-sizing: border-box; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, Helvetica, sans-serif; font-size: 10pt;
       line-height: 1.4; color: #111; margin: 0 auto; max-width: 182mm; padding: 10mm 4mm; }
h1 { font-size: 16pt; margin: 0 0 1mm; }
h2 { font-size: 12.5pt; margin: 6mm 0 2mm; padding-bottom: 0.5mm; border-bottom: 1px solid #90a4ae;
     break-after: avoid; page-break-after: avoid; }
h3 { font-size: 10.5pt; margin: 3mm 0 1mm; break-after: avoid; page-break-after: avoid; }
p, ul { margin: 1mm 0 2mm; }
ul { padding-left: 5mm; }
.sub { color: #455a64; margin: 0 0 3mm; }
table { border-collapse: collapse; width: 100%; margin: 1mm 0 3mm; break-inside: avoid; page-break-inside: avoid; }
table.long { break-inside: auto; page-break-inside: auto; }
thead { display: table-header-group; }
tr, td, th { break-inside: avoid; page-break-inside: avoid; }
.cited td:last-child, .cited th:last-child { width: 26%; }
td.date { white-space: nowrap; }
th, td { border: 1px solid #b0bec5; padding: 1mm 1.5mm; text-align: left; vertical-align: top; }
th { background: #eceff1; font-weight: 600; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.verdict { border: 2px solid #263238; border-radius: 2mm; padding: 2.5mm 3.5mm; margin: 2mm 0 3mm;
           break-inside: avoid; page-break-inside: avoid; background: #fafafa; }
.verdict .headline { font-size: 13pt; font-weight: 700; margin: 0 0 1mm; }
.level-avoid, .level-clinician_first { font-weight: 700; }
figure { margin: 1mm 0 3mm; break-inside: avoid; page-break-inside: avoid; }
figure svg { display: block; width: 100%; height: auto; max-height: 95mm; }
figcaption { font-size: 8.5pt; color: #455a64; }
.note { font-size: 8.5pt; color: #455a64; }
.disclaimer { border-top: 1px solid #90a4ae; margin-top: 6mm; padding-top: 2mm; font-size: 9pt;
              break-inside: avoid; page-break-inside: avoid; }
section { break-inside: auto; }
@media print { body { padding: 0; max-width: none; } }
)css";

class Report {
 public:
  Report(const pack::Pack& pack, const model::TrialRecord& record, const review::Review& review,
         const ReportOptions& options)
      : pack_(pack),
        record_(record),
        t_(record.trial),
        r_(review),
        options_(options),
        a_(stored_assessment(record.trial)),
        outcome_(outcome_of(pack, record.trial)) {}

  std::string write() {
    const std::string title = pack_.supplement + " trial: report for a clinician";
    out_ =
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
        "<meta name=\"generator\" content=\"Trialwise\">\n<title>" +
        esc(title) + "</title>\n<style>" + kStyle + "</style>\n</head>\n<body>\n";
    header(title);
    summary();
    who();
    screening();
    plan();
    amendments();
    outcome_chart();
    adherence();
    side_effects();
    verdict();
    sources();
    disclaimer();
    out_ += "</body>\n</html>\n";
    return out_;
  }

 private:
  void h2(std::string_view id, std::string_view text) {
    out_ += "<h2 id=\"" + std::string(id) + "\">" + esc(text) + "</h2>\n";
  }

  // A table cell: HTML (already escaped) and an optional class.
  struct Cell {
    Cell(std::string h) : html(std::move(h)) {}  // NOLINT(google-explicit-constructor): cells read as strings
    Cell(const char* h) : html(h) {}             // NOLINT(google-explicit-constructor)
    Cell(std::string h, const char* c) : html(std::move(h)), cls(c) {}
    std::string html;
    const char* cls = nullptr;
  };

  void table(const char* cls = nullptr) {
    out_ += cls != nullptr ? std::string("<table class=\"") + cls + "\">\n" : std::string("<table>\n");
  }

  // A header row, repeated on every printed page the table spans.
  void head(std::initializer_list<Cell> cells) {
    out_ += "<thead><tr>";
    for (const auto& c : cells)
      out_ += (c.cls != nullptr ? std::string("<th class=\"") + c.cls + "\">" : std::string("<th>")) + c.html + "</th>";
    out_ += "</tr></thead>\n";
  }

  void row(std::initializer_list<Cell> cells) {
    out_ += "<tr>";
    for (const auto& c : cells)
      out_ += (c.cls != nullptr ? std::string("<td class=\"") + c.cls + "\">" : std::string("<td>")) + c.html + "</td>";
    out_ += "</tr>\n";
  }

  std::string outcome_label() const { return outcome_ != nullptr ? outcome_->label : t_.outcome_id; }

  void header(const std::string& title) {
    out_ += "<header>\n<h1>" + esc(title) + "</h1>\n<p class=\"sub\">Trial " + std::to_string(t_.id) + ", " +
            t_.start.to_string() + " to " + t_.review_date.to_string() + "; reviewed as of " + r_.as_of.to_string();
    if (options_.made_on) out_ += "; report made " + options_.made_on->to_string();
    out_ += ". Made by Trialwise from the person's own log; pack " + esc(pack_.id) + " " + esc(pack_.version) +
            ".</p>\n</header>\n";
  }

  void summary() {
    out_ += "<section class=\"verdict\" id=\"summary\">\n<p class=\"headline\" data-verdict=\"" +
            std::string(review::to_string(r_.verdict)) + "\">Verdict: " + esc(verdict_headline(r_.verdict)) +
            "</p>\n<p>";
    if (r_.effect) {
      const auto& e = *r_.effect;
      out_ += "Improvement in " + esc(outcome_label()) + ": <b>" + rounded(e.estimate, 2) +
              "</b> points (95% interval " + rounded(e.ci_low, 2) + " to " + rounded(e.ci_high, 2) +
              "); probability of at least " + number(r_.smallest_meaningful_change) +
              " point: " + probability_text(e.p_meaningful) + ". ";
    } else {
      out_ += "The effect could not be estimated. ";
    }
    if (r_.adherence) out_ += "Adherence " + percent(*r_.adherence) + ". ";
    if (!r_.review_date_reached) out_ += "The review date (" + t_.review_date.to_string() + ") has not come yet. ";
    if (r_.next_review_date) out_ += "Next review: " + r_.next_review_date->to_string() + ". ";
    out_ += "</p>\n";
    for (const auto& id : r_.red_flags) {
      std::string text = id;
      for (const auto& f : pack_.red_flags)
        if (f.id == id) text = f.label + ". " + f.action;
      out_ += "<p><b>Red flag logged: " + esc(text) + "</b></p>\n";
    }
    out_ += "</section>\n";
  }

  void who() {
    h2("who", "Who the trial was for");
    const std::string band = age_band(a_.answers);
    const auto* group = pack_.find_group(a_.group);
    out_ += "<table>\n";
    row({"Age band", band.empty() ? "not recorded" : esc(band)});
    if (a_.answers != nullptr) {
      if (const auto* q = pack_.find_question("problem"); q != nullptr)
        if (const auto* v = a_.answers->if_contains("problem"); v != nullptr && v->is_string())
          row({"Problem named", esc(choice_label(*q, v->get_string()))});
    }
    if (group != nullptr)
      row({"Group", esc(group->label) + " <span class=\"note\">(" + esc(section_or_default(group->source.section)) +
                        ")</span>"});
    out_ +=
        "</table>\n<p class=\"note\">No name, contact details or exact age are included: an age band is all the "
        "report needs.</p>\n";
  }

  std::string answer_text(const pack::Question& q, const boost::json::value& v) const {
    switch (q.type) {
      case pack::QuestionType::boolean: return v.is_bool() ? (v.get_bool() ? "Yes" : "No") : "";
      case pack::QuestionType::enumeration: return v.is_string() ? esc(choice_label(q, v.get_string())) : "";
      case pack::QuestionType::integer:
      case pack::QuestionType::number:
        return v.is_number() ? number(v.to_number<double>()) + (q.unit.empty() ? "" : " " + esc(q.unit)) : "";
      case pack::QuestionType::string: return v.is_string() ? esc(v.get_string()) : "";
      case pack::QuestionType::array: {
        const auto* list = v.if_array();
        if (list == nullptr) return "";
        if (list->empty()) return "None";
        std::string s = "<ul>";
        for (const auto& element : *list) {
          const auto* o = element.if_object();
          if (o == nullptr) continue;
          std::string parts;
          for (const auto& f : q.fields)
            if (const auto* fv = o->if_contains(f.id)) {
              const std::string text = answer_text(f, *fv);
              if (!text.empty()) parts += (parts.empty() ? "" : "; ") + esc(f.question) + ": " + text;
            }
          s += "<li>" + parts + "</li>";
        }
        return s + "</ul>";
      }
    }
    return "";
  }

  void screening() {
    h2("screening", "Screening: answers and findings");
    if (a_.decision.empty()) {
      out_ += "<p>The stored plan holds no assessment (made by an older version).</p>\n";
      return;
    }
    out_ += "<table>\n";
    row({"Safety", "<span class=\"level-" + esc(a_.safety) + "\">" + esc(a_.safety) + "</span>"});
    row({"Decision", esc(a_.decision)});
    row({"Fit for the problem", esc(a_.fit)});
    out_ += "</table>\n<h3>Findings</h3>\n";
    if (a_.reasons.empty()) {
      out_ += "<p>No reason to avoid " + esc(pack_.supplement) + " was found.</p>\n";
    } else {
      table("cited");
      head({"Level", "Finding", "What to bring to a clinician", "Article section"});
      for (const auto& r : a_.reasons)
        row({"<span class=\"level-" + esc(r.level) + "\">" + esc(r.level) + "</span>", esc(r.text), esc(r.bring),
             esc(section_or_default(r.section))});
      out_ += "</table>\n";
    }
    if (!a_.basics.empty()) {
      out_ += "<h3>Basics to fix first</h3>\n";
      table("cited");
      head({"Basic", "Advice", "Article section"});
      for (const auto& b : a_.basics) row({esc(b.label), esc(b.advice), esc(section_or_default(b.section))});
      out_ += "</table>\n";
    }
    if (!a_.evidence.empty()) {
      out_ += "<h3>What the evidence says for this problem</h3>\n";
      table("cited");
      head({"Strength", "Claim", "Article section"});
      for (const auto& e : a_.evidence) row({esc(e.strength_label), esc(e.claim), esc(section_or_default(e.section))});
      out_ += "</table>\n";
    }
    if (a_.answers == nullptr) return;
    out_ += "<h3>Answers</h3>\n";
    table("long");
    head({"Question", "Answer"});
    for (const auto& q : pack_.questionnaire) {
      const auto* v = a_.answers->if_contains(q.id);
      if (v == nullptr) continue;
      // The age only as its band: no more personal data than needed.
      const std::string text = q.id == "age" ? esc(age_band(a_.answers)) : answer_text(q, *v);
      row({esc(q.question), text});
    }
    out_ += "</table>\n";
  }

  void plan() {
    h2("plan", "The plan");
    const auto* protocol = pack_.find_protocol(t_.protocol_id);
    out_ += "<table>\n";
    row({"Product",
         esc(t_.product_name.empty() ? std::string("not named") : t_.product_name) +
             (t_.g_per_serving ? ", " + number(*t_.g_per_serving) + " g " + esc(pack_.substance()) + " per serving"
                               : std::string())});
    if (protocol != nullptr)
      row({"Protocol", esc(protocol->label) + " <span class=\"note\">(" +
                           esc(section_or_default(protocol->source.section)) + ")</span>"});
    std::string outcome_text = esc(outcome_label());
    if (outcome_ != nullptr)
      outcome_text += ": \"" + esc(outcome_->question) + "\" (" + number(outcome_->scale_min) + " = " +
                      esc(outcome_->scale_low) + ", " + number(outcome_->scale_max) + " = " +
                      esc(outcome_->scale_high) + "; " + (outcome_->higher_is_better ? "higher" : "lower") +
                      " is better)";
    row({"Tracked outcome", outcome_text});
    row({"Baseline", t_.start.to_string() + " to " + baseline_end(t_).to_string() + " (" +
                         std::to_string(t_.active_start.days_since(t_.start)) + " days, no " + esc(pack_.supplement) +
                         ")"});
    row({"Active period", t_.active_start.to_string() + " to " + t_.review_date.plus_days(-1).to_string() + " (" +
                              std::to_string(t_.review_date.days_since(t_.active_start)) + " days)"});
    row({"Review date", t_.review_date.to_string()});
    if (t_.ended_on)
      row({"Ended", t_.ended_on->to_string() + (t_.end_reason.empty() ? "" : " (" + esc(t_.end_reason) + ")")});
    out_ += "</table>\n<h3>Dose steps" + std::string(t_.blocks ? " (on-block days only)" : "") + "</h3>\n<table>\n";
    head({"Step", "From", "Dose", "Times a day", "Grams a day", "Condition"});
    for (const auto& s : t_.steps)
      row({std::to_string(s.number),
           {s.start.to_string(), "date"},
           {number(s.dose_g) + " g", "num"},
           {std::to_string(s.times_per_day), "num"},
           {number(s.dose_g * s.times_per_day) + " g", "num"},
           s.requires_tolerance ? esc(tolerance_condition(pack_)) : std::string("")});
    out_ += "</table>\n";
    if (t_.blocks) {
      out_ += "<h3>Randomized blocks</h3>\n<p>Blocks of " + std::to_string(t_.blocks->block_days) +
              " days in pairs of one on and one off; order drawn from seed " + std::to_string(t_.blocks->seed) +
              " and fixed at the start.</p>\n<table>\n";
      head({"Block", "From", "To", ""});
      for (const auto& b : blocks_of(t_))
        row({std::to_string(b.index + 1),
             {b.first.to_string(), "date"},
             {b.last.to_string(), "date"},
             b.on ? "on: " + esc(pack_.supplement) : "off: nothing taken"});
      out_ += "</table>\n";
    }
    if (const auto* p = t_.plan.if_object())
      if (const auto* w = p->if_contains("warnings"); w != nullptr && w->is_array() && !w->get_array().empty()) {
        out_ += "<h3>Warnings given with the plan</h3>\n<ul>\n";
        for (const auto& item : w->get_array())
          if (const auto* o = item.if_object())
            out_ += "<li>" + esc(string_at(*o, "text")) + " <span class=\"note\">(" +
                    esc(section_or_default(string_at(*o, "section"))) + ")</span></li>\n";
        out_ += "</ul>\n";
      }
  }

  void amendments() {
    h2("amendments", "Amendments");
    if (record_.amendments.empty()) {
      out_ += "<p>None: the trial ran as pre-registered.</p>\n";
      return;
    }
    out_ += "<p>Changes made after the start, each with its reason; the plan above is as amended.</p>\n<table>\n";
    head({"Recorded", "Changed", "From", "To", "Reason"});
    for (const auto& a : record_.amendments)
      row({{esc(a.recorded_at), "date"}, esc(a.field), esc(a.old_value), esc(a.new_value), esc(a.reason)});
    out_ += "</table>\n";
  }

  void outcome_chart() {
    h2("outcome", "The outcome by phase");
    out_ += "<figure>\n" + review::chart_svg(r_, t_) + "<figcaption>" + esc(outcome_label()) +
            " scored by the person each day (" + number(r_.scale_min) + "-" + number(r_.scale_max) + "; " +
            (r_.higher_is_better ? "higher" : "lower") +
            " is better). Shaded: the phases.</figcaption>\n</figure>\n<table>\n";
    head({"Phase", "Days logged", "Days planned"});
    row({"Baseline", std::to_string(r_.days.baseline), std::to_string(r_.days.baseline_planned)});
    row({t_.blocks ? "On blocks" : "Active", std::to_string(r_.days.active), std::to_string(r_.days.active_planned)});
    if (r_.days.off_planned > 0) row({"Off blocks", std::to_string(r_.days.off), std::to_string(r_.days.off_planned)});
    out_ += "</table>\n";
  }

  void adherence() {
    h2("adherence", "Adherence");
    if (!r_.adherence) {
      out_ += "<p>No active days logged yet.</p>\n";
      return;
    }
    out_ += "<p><b>" + percent(*r_.adherence) +
            "</b> of the doses planned on active days were logged as taken (the pack "
            "asks for at least " +
            percent(pack_.review.adherence_threshold) + " for a verdict).</p>\n";
  }

  void side_effects() {
    h2("side-effects", "Side effects by dose step");
    if (r_.side_effects.empty()) {
      out_ += "<p>None logged on active days.</p>\n";
      return;
    }
    std::size_t steps = 0;
    for (const auto& s : r_.side_effects) steps = std::max(steps, s.mean_by_step.size());
    out_ += "<table>\n<tr><th>Side effect</th><th class=\"num\">Mean</th>";
    for (std::size_t i = 0; i < steps; ++i) out_ += "<th class=\"num\">Step " + std::to_string(i + 1) + "</th>";
    out_ +=
        "<th class=\"num\">Worst</th><th class=\"num\">Days &ge; step-down level</th><th>Rose with dose</th></tr>\n";
    for (const auto& s : r_.side_effects) {
      out_ += "<tr><td>" + esc(s.label) + "</td><td class=\"num\">" + rounded(s.mean, 2) + "</td>";
      for (std::size_t i = 0; i < steps; ++i)
        out_ += "<td class=\"num\">" + (i < s.mean_by_step.size() ? rounded(s.mean_by_step[i], 2) : std::string("-")) +
                "</td>";
      out_ += "<td class=\"num\">" + std::to_string(s.worst) + "</td><td class=\"num\">" +
              std::to_string(s.days_at_or_above_moderate) + "</td><td>" + (s.rose_with_dose ? "yes" : "no") +
              "</td></tr>\n";
    }
    out_ += "</table>\n<p class=\"note\">Scores 0 (none) to 10 (worst), means over active days logged. Pack actions: ";
    for (std::size_t i = 0; i < pack_.side_effect_actions.size(); ++i) {
      const auto& act = pack_.side_effect_actions[i];
      out_ += (i > 0 ? "; " : "") + std::string("at ") + number(act.at_least) + "/10, " + esc(act.text);
    }
    out_ += ".</p>\n";
    if (!r_.red_flags.empty()) {
      out_ += "<h3>Red flags logged</h3>\n<ul>\n";
      for (const auto& id : r_.red_flags) {
        std::string text = id;
        for (const auto& f : pack_.red_flags)
          if (f.id == id) text = f.label + ": " + f.action;
        out_ += "<li>" + esc(text) + "</li>\n";
      }
      out_ += "</ul>\n";
    }
  }

  void verdict() {
    h2("verdict", "The verdict");
    out_ += "<p><b>" + esc(verdict_headline(r_.verdict)) + "</b> (verdict <code>" +
            std::string(review::to_string(r_.verdict)) + "</code>, as of " + r_.as_of.to_string() + ").</p>\n";
    if (r_.effect) {
      const auto& e = *r_.effect;
      out_ += "<table>\n";
      head({"Figure", "Value"});
      row({"Improvement (active over control, in the better direction)", rounded(e.estimate, 2) + " points"});
      row({"95% interval (Newey-West, lag " + std::to_string(e.lag) + ")",
           rounded(e.ci_low, 2) + " to " + rounded(e.ci_high, 2)});
      row({"Standard error", rounded(e.se, 2)});
      row({"Probability of at least " + number(r_.smallest_meaningful_change) +
               " point (needed: " + percent(r_.certainty) + ")",
           probability_text(e.p_meaningful)});
      row({"Mean on control days / active days", rounded(e.control_mean, 2) + " / " + rounded(e.active_mean, 2)});
      row({"Days in the fit", std::to_string(e.n)});
      if (r_.trend)
        row({"Improvement allowing for a drift",
             rounded(r_.trend->estimate, 2) + " (drift " + rounded(r_.trend->trend_per_week, 2) + " a week" +
                 (r_.trend->explains_benefit ? "; a drift could explain the benefit" : "") + ")"});
      if (r_.randomization)
        row({"Randomization test (" + std::to_string(r_.randomization->orders) + " orders)",
             "p = " + rounded(r_.randomization->p_value, 3)});
      if (r_.next_review_date) row({"Next review date", r_.next_review_date->to_string()});
      out_ += "</table>\n";
    }
    auto list = [&](const char* heading, const std::vector<std::string>& items) {
      if (items.empty()) return;
      out_ += std::string("<h3>") + heading + "</h3>\n<ul>\n";
      for (const auto& s : items) out_ += "<li>" + esc(s) + "</li>\n";
      out_ += "</ul>\n";
    };
    list("Why", r_.reasons);
    list("What would make a verdict possible", r_.missing);
    list("What the design cannot rule out", r_.caveats);
  }

  void sources() {
    h2("sources", "Pack and sources");
    out_ += "<p>Knowledge pack <b>" + esc(pack_.id) + " " + esc(pack_.version) + "</b> (" + esc(pack_.title) +
            "), drawn from the article \"" + esc(pack_.article_title) + "\". The trial was made with pack version " +
            esc(t_.pack_version) + ".</p>\n<p>Article sections relied on:</p>\n<ul>\n";
    for (const auto& s : sections_relied_on(pack_, t_, a_)) {
      if (s == "pack default")
        out_ +=
            "<li><i>pack default</i>: figures the article does not give, set conservatively by the pack with a "
            "reason</li>\n";
      else
        out_ += "<li>" + esc(s) + "</li>\n";
    }
    out_ += "</ul>\n";
  }

  void disclaimer() {
    out_ += "<footer class=\"disclaimer\" id=\"disclaimer\">\n<p><b>Not medical advice.</b> " +
            esc(pack_.disclaimer.text) + " <span class=\"note\">(" +
            esc(section_or_default(pack_.disclaimer.source.section)) +
            ")</span></p>\n<p class=\"note\">The figures come from the person's own daily scores in a personal "
            "(N-of-1) trial; "
            "they are not a diagnosis.</p>\n</footer>\n";
  }

  const pack::Pack& pack_;
  const model::TrialRecord& record_;
  const model::Trial& t_;
  const review::Review& r_;
  const ReportOptions& options_;
  StoredAssessment a_;
  const pack::Outcome* outcome_;
  std::string out_;
};

}  // namespace

std::string clinician_report_html(const pack::Pack& pack, const model::TrialRecord& record,
                                  const review::Review& review, const ReportOptions& options) {
  return Report(pack, record, review, options).write();
}

}  // namespace trialwise::interop
