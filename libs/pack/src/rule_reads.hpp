#pragma once

#include <map>
#include <set>
#include <string>

#include <boost/json/value.hpp>

#include "reader.hpp"

namespace trialwise::pack::detail {

/// The names a rule may read at the top of its data, and for arrays among
/// them, the names each element has.
struct RuleScope {
  std::set<std::string> names;
  std::map<std::string, std::set<std::string>> element_names;
  std::string what;  // for messages: "the answers", "{group, basics_count}"
};

/// Flags every `var` (and `missing` key) in `rule` whose first path step is
/// not a name in `scope`; inside map/filter/reduce/all/none/some over a
/// known array, element reads are checked against that array's fields.
void check_reads(Reader& reader, const boost::json::value& rule, const std::string& pointer, const RuleScope& scope);

}  // namespace trialwise::pack::detail
