// trialwise_store_crash_writer DB PROFILE [COUNT]   (DB: a file, or a postgresql:// URI)
//
// Opens the database, takes the profile's active trial (starting one if there
// is none) and logs entries for successive days after the last one logged,
// as fast as it can. Each date is printed, and stdout flushed, only after
// put_entry has returned success: a printed date is a promise that the entry
// is saved. COUNT entries, or until killed when COUNT is 0 or absent. The
// reliability tests kill it with SIGKILL and hold the database to its word.

#include <cstdio>
#include <cstdlib>
#include <string>

#include "trialwise/store/postgres.hpp"
#include "trialwise/store/sqlite.hpp"

using namespace trialwise;

namespace {

int fail(const char* what, const Error& e) {
  std::fprintf(stderr, "crash_writer: %s: %s\n", what, to_string(e).c_str());
  return 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s DB PROFILE [COUNT]\n", argv[0]);
    return 2;
  }
  const std::string profile = argv[2];
  const long count = argc > 3 ? std::strtol(argv[3], nullptr, 10) : 0;

  auto repo = store::is_postgres_uri(argv[1]) ? store::open_postgres(argv[1]) : store::open_sqlite(argv[1]);
  if (!repo) return fail("open", repo.error());
  auto active = (*repo)->active_trial(profile);
  if (!active) return fail("active_trial", active.error());
  model::Trial t;
  if (*active) {
    t = **active;
  } else {
    t.pack_id = "glutamine";
    t.product_name = "crash test";
    t.start = *Date::parse("2000-01-01", "start");
    t.active_start = t.start.plus_days(7);
    t.review_date = t.start.plus_days(28);
    auto id = (*repo)->create_trial(profile, t);
    if (!id) return fail("create_trial", id.error());
    t.id = *id;
  }
  auto logged = (*repo)->entries(profile, t.id, std::nullopt, std::nullopt);
  if (!logged) return fail("entries", logged.error());
  Date next = logged->empty() ? t.start : logged->back().date.plus_days(1);

  for (long i = 0; count == 0 || i < count; ++i, next = next.plus_days(1)) {
    model::DayEntry e;
    e.date = next;
    e.outcome = static_cast<double>(i % 11);
    e.doses_taken = 1;
    e.side_effects = {{"bloating", static_cast<int>(i % 4)}};
    auto saved = (*repo)->put_entry(profile, t.id, e);
    if (!saved) return fail("put_entry", saved.error());
    std::printf("%s\n", next.to_string().c_str());
    std::fflush(stdout);
  }
  return 0;
}
