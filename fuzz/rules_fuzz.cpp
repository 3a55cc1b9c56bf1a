// Fuzz target: the first line of the input is a rule, the rest is data.
// Whatever the bytes, compiling and evaluating must return a value or an
// error; never crash, hang or trip a sanitizer.

#include <cstddef>
#include <cstdint>
#include <string_view>

#include "trialwise/rules/engine.hpp"
#include "trialwise/rules/json_text.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
  using namespace trialwise::rules;
  const std::string_view input(reinterpret_cast<const char*>(bytes), size);
  const std::size_t nl = input.find('\n');
  const std::string_view rule_text = input.substr(0, nl);
  const std::string_view data_text = nl == std::string_view::npos ? std::string_view("null") : input.substr(nl + 1);

  static const Engine engine;
  auto rule = engine.compile_text(rule_text);
  if (!rule) return 0;
  auto data = parse_json(data_text);
  if (!data) return 0;
  Scratch scratch(std::size_t{1} << 20);
  auto result = rule->evaluate(*data, scratch);
  if (result) (void)to_json_text(*result);
  return 0;
}
