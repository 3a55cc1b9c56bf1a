// Fuzz target: reading a supplement label (a DSLD JSON file someone
// downloaded, trialwise product import) by the pack's label forms. Whatever
// the bytes, a product or an error naming where: never a crash, a hang or a
// sanitizer report.

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "trialwise/service/service.hpp"
#include "trialwise/test_support/answers.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
  using namespace trialwise;
  static const service::TrialPacks packs(test_support::shared_shipped());
  static const service::Service service(packs, test_support::shared_shipped(), nullptr, nullptr, "local");
  const std::string_view text(reinterpret_cast<const char*>(bytes), size);
  auto product = service.read_product(text, "label.json", std::nullopt, false, "--servings-per-day");
  if (!product && product.error().where.empty()) std::abort();  // every refusal says where
  return 0;
}
