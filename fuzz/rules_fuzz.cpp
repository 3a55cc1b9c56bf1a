// Fuzz target: the first line of the input is a rule, the rest is data.
// Whatever the bytes, compiling and evaluating must return a value or an
// error: never crash, hang or trip a sanitizer. The data is read both as a
// boost::json value and as a Document, and the two evaluations must agree.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>

#include "trialwise/rules/document.hpp"
#include "trialwise/rules/engine.hpp"
#include "trialwise/json/text.hpp"
#include "trialwise/rules/value_json.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* bytes, std::size_t size) {
  using namespace trialwise::rules;
  const std::string_view input(reinterpret_cast<const char*>(bytes), size);
  const std::size_t nl = input.find('\n');
  const std::string_view rule_text = input.substr(0, nl);
  const std::string_view data_text = nl == std::string_view::npos ? std::string_view("null") : input.substr(nl + 1);

  static const Engine engine;
  auto rule = engine.compile_text(rule_text);
  if (!rule) return 0;
  // Document keeps the last of a repeated member, as JSON.parse does; so must
  // the reader it is compared with.
  static trialwise::json::Parser json_parser(trialwise::json::kMaxDepth, trialwise::json::Duplicates::keep_last);
  auto data = json_parser.parse(data_text);
  static DocumentParser document_parser;
  static Document document;
  const bool as_document = document_parser.parse(data_text, document).has_value();
  if (!data) {
    if (as_document) std::abort();  // the two readers must accept the same texts
    return 0;
  }
  if (!as_document) std::abort();

  Scratch scratch(std::size_t{1} << 20);
  auto result = rule->evaluate(*data, scratch);
  const std::string from_json = result ? to_json_text(*result) : "error";
  Scratch scratch2(std::size_t{1} << 20);
  auto result2 = rule->evaluate(document.root(), scratch2);
  const std::string from_document = result2 ? to_json_text(*result2) : "error";
  if (from_json != from_document) {
    std::fprintf(stderr, "boost::json gave %s, Document gave %s\n", from_json.c_str(), from_document.c_str());
    std::abort();
  }
  return 0;
}
