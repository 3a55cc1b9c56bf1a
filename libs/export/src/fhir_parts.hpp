#pragma once

// The pieces the FHIR bundle is built from, shared by its source files.

#include <optional>
#include <string>
#include <string_view>

#include <boost/json/array.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include "trialwise/core/text.hpp"
#include "trialwise/pack/pack.hpp"

namespace trialwise::interop::detail {

inline constexpr std::string_view kUcum = "http://unitsofmeasure.org";

boost::json::object coding(std::string_view system, std::string_view code, std::string_view display = {});
/// A CodeableConcept with one coding and, when not empty, text.
boost::json::object concept_of(std::string_view system, std::string_view code, std::string_view display,
                               std::string_view text = {});
boost::json::object reference(std::string_view urn, std::string_view display = {});
/// A Quantity in UCUM (`code`), shown as `unit`.
boost::json::object quantity(double value, std::string_view unit, std::string_view code);
/// A generated narrative: an XHTML div holding `xhtml` (already escaped).
boost::json::object narrative(std::string_view xhtml);
inline std::string xml_escape(std::string_view text) { return escape_xml(text); }
/// True when `text` is a FHIR dateTime (a date, or a date and time with zone).
bool is_fhir_datetime(std::string_view text);

/// The pack's code for an answer value ("answer.<question>.<value>").
std::string answer_code(std::string_view question, std::string_view value);

/// An item's applies_if as FHIR enableWhen: the conditions and, when more
/// than one, "all" or "any". Empty when the rule is not expressible exactly
/// (the caller then leaves enableWhen out and keeps the rule in an extension).
struct EnableWhen {
  boost::json::array conditions;
  std::string behavior;  // "", "all" or "any"
};

/// Maps a JsonLogic `rule` over the answers. Expressible: a comparison
/// (==, ===, !=, !==, <, <=, >, >=) of one item with a literal of its type;
/// an item alone, or under ! or !!, for boolean items; `in` of an item and a
/// list of literals; and an `and` or `or` of those. The item compared must be
/// a required, unconditional, non-list question, so that it is always
/// answered: FHIR treats an unanswered item as false where JsonLogic would
/// compare null.
std::optional<EnableWhen> to_enable_when(const boost::json::value& rule, const pack::Pack& pack,
                                         std::string_view pack_system);

/// The Questionnaire resource (without id; the caller sets it).
boost::json::object questionnaire_resource(const pack::Pack& pack, std::string_view pack_text,
                                           std::string_view pack_system);

/// The items of a QuestionnaireResponse for `answers`, in questionnaire order.
boost::json::array response_items(const pack::Pack& pack, const boost::json::object& answers,
                                  std::string_view pack_system);

/// The display of one of Trialwise's own codes ("" if unknown).
std::string trialwise_display(std::string_view code);

/// The two CodeSystem resources (without ids).
boost::json::object trialwise_code_system();
boost::json::object pack_code_system(const pack::Pack& pack);

}  // namespace trialwise::interop::detail
