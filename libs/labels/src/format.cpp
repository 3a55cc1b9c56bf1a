// Products as JSON (for --json output and the HTTP API) and as text.

#include <cmath>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>

#include "numbers.hpp"
#include "trialwise/labels/label.hpp"
#include "trialwise/model/product_json.hpp"

namespace trialwise::labels {

boost::json::object to_json(const model::Product& p) {
  return boost::json::object{{"name", p.name},
                             {"brand", p.brand},
                             {"label_id", p.label_id},
                             {"amount_g_per_serving", model::number_or_null(p.amount_g_per_serving)},
                             {"serving", p.serving},
                             {"rows", model::rows_json(p.rows)},
                             {"flags", model::flags_json(p.flags)}};
}

boost::json::object to_json(const model::ImportedProduct& imported) {
  boost::json::object o = to_json(imported.product);
  o["id"] = imported.id;
  o["servings_per_day"] = model::number_or_null(imported.servings_per_day);
  o["third_party_tested"] = imported.third_party_tested;
  o["source"] = imported.source;
  o["imported_at"] = imported.imported_at;
  return o;
}

std::string describe(const pack::Ingredient& ingredient, const model::Product& p) {
  using detail::format_number;
  std::string out = p.name;
  if (!p.brand.empty()) out += " (" + p.brand + ")";
  std::string heading = ingredient.name;
  if (!heading.empty() && heading[0] >= 'a' && heading[0] <= 'z')
    heading[0] = static_cast<char>(heading[0] - 'a' + 'A');
  out += "\n  " + heading + ": ";
  if (p.amount_g_per_serving) {
    out += format_number(*p.amount_g_per_serving) + " g per serving of " + p.serving + "\n";
  } else {
    out += "listed, but no amount can be counted (per serving of " + p.serving + ")\n";
  }
  for (const auto& r : p.rows) {
    out += "    from \"" + r.name + "\"";
    if (r.amount && *r.amount > 0) {
      out += ", " + format_number(*r.amount) + (r.unit.empty() ? "" : " " + r.unit);
    } else {
      out += ", no amount given";
    }
    if (r.amount_g && r.fraction != 1) {
      out += " x " + format_number(std::round(r.fraction * 1e4) / 100) + "% " + ingredient.name + " by mass";
    }
    out += r.amount_g ? ": " + format_number(*r.amount_g) + " g counted" : ": not counted";
    out += " (" + r.where + ")\n";
  }
  for (const auto& f : p.flags) out += "  Note [" + f.id + "]: " + f.message + ".\n";
  return out;
}

}  // namespace trialwise::labels
