// Fuzz target: importing days from CSV (trialwise import, the export's
// columns) into a running trial. Whatever the bytes, every day is saved or
// none, with every problem named: never a crash, a hang or a sanitizer report.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "trialwise/service/service.hpp"
#include "trialwise/store/repository.hpp"
#include "trialwise/test_support/trial_maker.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
  using namespace trialwise;
  static const model::Trial planned = test_support::gut_trial();
  static const service::TrialPacks packs(test_support::shared_shipped());
  const std::string_view csv(reinterpret_cast<const char*>(bytes), size);
  // A fresh store each time: what one input saved never shapes the next.
  auto repo = store::make_memory_repository();
  const auto id = repo->create_trial("local", planned);
  if (!id) std::abort();
  auto trial = *repo->get_trial("local", *id);
  service::Service service(packs, test_support::shared_shipped(), repo.get(), nullptr, "local");
  const auto before = repo->entries("local", *id, std::nullopt, std::nullopt)->size();
  auto imported = service.import_days(trial, csv, test_support::day("2027-01-20"));
  const auto after = repo->entries("local", *id, std::nullopt, std::nullopt)->size();
  if (!imported && after != before) std::abort();           // all or nothing
  if (!imported && imported.error().empty()) std::abort();  // a refusal names its problems
  return 0;
}
