#pragma once

// Reading a supplement label in the form of the NIH Dietary Supplement Label
// Database (DSLD) "label" JSON, and counting the pack's ingredient in one
// serving by the pack's label forms. What is counted, the units and the flags
// are explained in docs/labels.md.

#include <string>
#include <string_view>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "trialwise/core/result.hpp"
#include "trialwise/model/product.hpp"
#include "trialwise/pack/pack.hpp"

namespace trialwise::labels {

/// Reads one label. `file` names the input in errors (a path, or
/// "(standard input)"). The label is an object with a non-empty string
/// `fullName`, an optional string `brandName`, an array `ingredientRows`
/// (each an object with a string `name`, optional `quantity` array of
/// {quantity, unit, operator, servingSizeOrder}, optional `nestedRows` of the
/// same shape) and an optional `servingSizes` array of {order, minQuantity,
/// maxQuantity, unit, notes}. Every other member (the DSLD has dozens) is
/// ignored; a null where an optional member could be is taken as absent, and
/// a leading UTF-8 byte-order mark is skipped.
///
/// Fails with Errc::invalid_input when the text is not JSON (`where` =
/// "FILE:line L, column C") or the label is malformed: not an object, no
/// fullName, a member of the wrong type, an amount that is not a number or is
/// negative (`where` = "FILE#" + the JSON pointer, e.g.
/// "capsules.json#/ingredientRows/0/quantity/0/quantity"); with Errc::limit
/// when nested deeper than 64 levels; with Errc::invalid_input naming `file`
/// when the pack has no label forms.
Result<model::Product> parse_label(const pack::Ingredient& ingredient, std::string_view json_text,
                                   const std::string& file);

/// The same for an already parsed document.
Result<model::Product> read_label(const pack::Ingredient& ingredient, const boost::json::value& label,
                                  const std::string& file);

/// The product as JSON: {name, brand, label_id, glutamine_g_per_serving (null
/// when unknown), serving, rows: [{name, where, form, amount, unit, operator,
/// fraction, amount_g}], flags: [{id, message, where}]}.
boost::json::object to_json(const model::Product& product);

/// An imported product as JSON: to_json(product) plus id, servings_per_day
/// (null when not given), third_party_tested, source and imported_at.
boost::json::object to_json(const model::ImportedProduct& imported);

/// A few lines for the terminal: the product, its glutamine per serving and
/// where it comes from, then each flag's message.
std::string describe(const pack::Ingredient& ingredient, const model::Product& product);

}  // namespace trialwise::labels
