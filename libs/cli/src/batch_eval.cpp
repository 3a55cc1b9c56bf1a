// The handler behind `rule eval --data-lines`: each line read into a
// Document, every rule evaluated, the results written as one JSON array.

#include "batch_eval.hpp"

#include <memory>
#include <vector>

#include "line_batch.hpp"
#include "trialwise/rules/document.hpp"
#include "trialwise/rules/engine.hpp"
#include "trialwise/json/text.hpp"
#include "trialwise/rules/value_json.hpp"

namespace trialwise::cli {
namespace {

// Reads one line at a time into a Document whose memory is recycled
// between lines, so that the hot loop does not allocate.
class LineParser {
 public:
  Result<rules::Value> parse(std::string_view line) {
    if (auto ok = parser_.parse(line, doc_); !ok) {
      Error e = ok.error();
      if (e.where.rfind("line 1, ", 0) == 0) e.where = e.where.substr(8);  // the line number is reported apart
      return Unexpected{std::move(e)};
    }
    return doc_.root();
  }

 private:
  rules::DocumentParser parser_;
  rules::Document doc_;
};

}  // namespace

BatchSummary evaluate_lines(const rules::RuleSet& set, std::istream& in, std::ostream& out, unsigned threads) {
  return process_lines(in, out, threads, [&set]() -> LineHandler {
    // Per worker: its own parser, document and scratch, reused for every line.
    auto parser = std::make_shared<LineParser>();
    auto scratch = std::make_shared<rules::Scratch>();
    auto results = std::make_shared<std::vector<rules::Value>>();
    return [&set, parser, scratch, results](std::string_view line, std::string& text) -> std::optional<Error> {
      auto data = parser->parse(line);
      if (!data) return data.error();
      if (auto ok = set.evaluate_all(*data, *scratch, *results); !ok) return ok.error();
      text.push_back('[');
      for (std::size_t i = 0; i < results->size(); ++i) {
        if (i) text.push_back(',');
        rules::append_json(text, (*results)[i]);
      }
      text += "]\n";
      return std::nullopt;
    };
  });
}

}  // namespace trialwise::cli
