#pragma once

// Reading a supplement label in the form of the NIH Dietary Supplement Label
// Database (DSLD) "label" JSON, and counting the glutamine in one serving.
// What is counted, the units and the flags are explained in docs/labels.md.

#include <string>
#include <string_view>

#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "trialwise/core/result.hpp"
#include "trialwise/model/product.hpp"

namespace trialwise::labels {

/// Glutamine's molar mass and those of the forms counted by mass ratio, in
/// g/mol (PubChem, computed from IUPAC standard atomic weights).
inline constexpr double kGlutamineMolarMass = 146.14;          // C5H10N2O3
inline constexpr double kAlanylGlutamineMolarMass = 217.22;    // C8H15N3O4
inline constexpr double kGlycylGlutamineMolarMass = 203.20;    // C7H13N3O4
inline constexpr double kGlutamineHclMolarMass = 182.60;       // C5H10N2O3 . HCl
inline constexpr double kAcetylGlutamineMolarMass = 188.18;    // C7H12N2O4

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
/// when nested deeper than 64 levels.
Result<model::Product> parse_label(std::string_view json_text, const std::string& file);

/// The same for an already parsed document.
Result<model::Product> read_label(const boost::json::value& label, const std::string& file);

/// The product as JSON: {name, brand, label_id, glutamine_g_per_serving (null
/// when unknown), serving, rows: [{name, where, form, amount, unit, operator,
/// fraction, amount_g}], flags: [{id, message, where}]}.
boost::json::object to_json(const model::Product& product);

/// An imported product as JSON: to_json(product) plus id, servings_per_day
/// (null when not given), third_party_tested, source and imported_at.
boost::json::object to_json(const model::ImportedProduct& imported);

/// A few lines for the terminal: the product, its glutamine per serving and
/// where it comes from, then each flag's message.
std::string describe(const model::Product& product);

}  // namespace trialwise::labels
