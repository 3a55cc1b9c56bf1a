#pragma once

// A product's counted rows and flags as JSON: what `product import --json`
// prints and what the store keeps in its JSON columns. Header-only, since
// the store (below the labels library) writes them too.

#include <optional>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "trialwise/model/product.hpp"

namespace trialwise::model {

inline boost::json::value number_or_null(const std::optional<double>& n) {
  return n ? boost::json::value(*n) : boost::json::value(nullptr);
}

inline boost::json::array rows_json(const std::vector<GlutamineRow>& rows) {
  boost::json::array out;
  for (const auto& r : rows) {
    out.push_back(boost::json::object{{"name", r.name},
                                      {"where", r.where},
                                      {"form", r.form},
                                      {"amount", number_or_null(r.amount)},
                                      {"unit", r.unit},
                                      {"operator", r.op},
                                      {"glutamine_fraction", r.glutamine_fraction},
                                      {"glutamine_g", number_or_null(r.glutamine_g)}});
  }
  return out;
}

inline boost::json::array flags_json(const std::vector<LabelFlag>& flags) {
  boost::json::array out;
  for (const auto& f : flags) out.push_back(boost::json::object{{"id", f.id}, {"message", f.message}, {"where", f.where}});
  return out;
}

}  // namespace trialwise::model
