#pragma once

// A small trial and a day entry, for the tests of one store's own behaviour
// (SQLite's file, PostgreSQL's server).

#include <boost/json/object.hpp>

#include "trialwise/core/date.hpp"
#include "trialwise/model/trial.hpp"

namespace trialwise::store::testing {

inline Date day(const char* text) { return *Date::parse(text, "test"); }

inline model::Trial a_trial() {
  model::Trial t;
  t.pack_id = "glutamine";
  t.product_name = "powder";
  t.start = day("2026-03-01");
  t.active_start = day("2026-03-08");
  t.review_date = day("2026-04-05");
  t.plan = boost::json::object{{"dose_g", 5}};
  return t;
}

inline model::DayEntry an_entry(Date d, double outcome = 5) {
  model::DayEntry e;
  e.date = d;
  e.outcome = outcome;
  e.doses_taken = 1;
  return e;
}

}  // namespace trialwise::store::testing
