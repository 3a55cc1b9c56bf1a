#include "trialwise/model/product_json.hpp"

#include <limits>

#include <boost/json/object.hpp>

#include "trialwise/json/fields.hpp"

namespace trialwise::model {
namespace {

using json::FieldReader;
using json::Need;

// Reads each object of the array `v` with `read`; the first problem is the error.
template <class T, class Read>
Result<std::vector<T>> read_array(const boost::json::value& v, const std::string& where, Read read) {
  FieldReader r(where, {.null_is_absent = true});  // an amount not given is written as null
  std::vector<T> out;
  r.each_item(v, "", [&](const boost::json::object& o, const std::string& p) { out.push_back(read(r, o, p)); });
  if (!r.ok()) return Unexpected{r.take_problems().front()};
  return out;
}

// Text that may be empty but must be there.
std::string text(FieldReader& r, const boost::json::object& o, const std::string& p, std::string_view key) {
  if (!o.contains(key)) r.fail(json::child(p, key), "missing " + FieldReader::quoted(key));
  return r.string(o, p, key, Need::optional).value_or("");
}

constexpr double kMax = std::numeric_limits<double>::max();

}  // namespace

boost::json::value number_or_null(const std::optional<double>& n) {
  return n ? boost::json::value(*n) : boost::json::value(nullptr);
}

boost::json::array rows_json(const std::vector<IngredientRow>& rows) {
  boost::json::array out;
  for (const auto& r : rows) {
    out.push_back(boost::json::object{{"name", r.name},
                                      {"where", r.where},
                                      {"form", r.form},
                                      {"amount", number_or_null(r.amount)},
                                      {"unit", r.unit},
                                      {"operator", r.op},
                                      {"fraction", r.fraction},
                                      {"amount_g", number_or_null(r.amount_g)}});
  }
  return out;
}

boost::json::array flags_json(const std::vector<LabelFlag>& flags) {
  boost::json::array out;
  for (const auto& f : flags)
    out.push_back(boost::json::object{{"id", f.id}, {"message", f.message}, {"where", f.where}});
  return out;
}

Result<std::vector<IngredientRow>> rows_from_json(const boost::json::value& v, const std::string& where) {
  return read_array<IngredientRow>(v, where, [](FieldReader& r, const boost::json::object& o, const std::string& p) {
    IngredientRow row;
    row.name = text(r, o, p, "name");
    row.where = text(r, o, p, "where");
    row.form = text(r, o, p, "form");
    row.amount = r.number(o, p, "amount", Need::optional, -kMax, kMax);
    row.unit = text(r, o, p, "unit");
    row.op = text(r, o, p, "operator");
    row.fraction = r.number(o, p, "fraction", Need::required, 0, 1).value_or(1);
    row.amount_g = r.number(o, p, "amount_g", Need::optional, 0, kMax);
    return row;
  });
}

Result<std::vector<LabelFlag>> flags_from_json(const boost::json::value& v, const std::string& where) {
  return read_array<LabelFlag>(v, where, [](FieldReader& r, const boost::json::object& o, const std::string& p) {
    return LabelFlag{text(r, o, p, "id"), text(r, o, p, "message"), text(r, o, p, "where")};
  });
}

}  // namespace trialwise::model
