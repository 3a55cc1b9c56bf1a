// The pack's questionnaire as a FHIR Questionnaire, its applies_if rules as
// enableWhen where that is exact, and the person's answers as the items of a
// QuestionnaireResponse.

#include <cmath>
#include <map>

#include "fhir_parts.hpp"
#include "trialwise/export/fhir.hpp"
#include "trialwise/json/text.hpp"

namespace trialwise::interop::detail {

using boost::json::array;
using boost::json::object;
using boost::json::value;

namespace {

const pack::Question* find_top_question(const pack::Pack& pack, std::string_view id) {
  for (const auto& q : pack.questionnaire)
    if (q.id == id) return &q;
  return nullptr;
}

// The question a `var` reads, when it is a plain read of a question that is
// always answered (required, unconditional, not a list). A default value
// inside `var` changes what a missing answer means, so it is refused too.
const pack::Question* read_question(const value& v, const pack::Pack& pack) {
  const auto* o = v.if_object();
  if (o == nullptr || o->size() != 1) return nullptr;
  const auto* var = o->if_contains("var");
  if (var == nullptr) return nullptr;
  const value* name = var;
  if (const auto* a = var->if_array()) {
    if (a->size() != 1) return nullptr;
    name = &(*a)[0];
  }
  if (!name->is_string()) return nullptr;
  const auto* q = find_top_question(pack, name->get_string());
  if (q == nullptr || !q->required || q->applies_if || q->type == pack::QuestionType::array) return nullptr;
  return q;
}

std::optional<object> condition(const pack::Question& q, std::string_view op, const value& literal,
                                std::string_view pack_system) {
  const bool equality = op == "=" || op == "!=";
  object c{{"question", q.id}, {"operator", op}};
  switch (q.type) {
    case pack::QuestionType::boolean:
      if (!equality || !literal.is_bool()) return std::nullopt;
      c["answerBoolean"] = literal.get_bool();
      return c;
    case pack::QuestionType::integer: {
      if (!literal.is_number()) return std::nullopt;
      const double d = literal.to_number<double>();
      if (d != std::floor(d) || std::fabs(d) > 2147483647.0) return std::nullopt;  // FHIR integer is 32 bits
      c["answerInteger"] = static_cast<std::int64_t>(d);
      return c;
    }
    case pack::QuestionType::number:
      if (!literal.is_number()) return std::nullopt;
      c["answerDecimal"] = literal;
      return c;
    case pack::QuestionType::enumeration:
      if (!equality || !literal.is_string()) return std::nullopt;
      for (const auto& v : q.values)
        if (v.value == literal.get_string()) {
          c["answerCoding"] = coding(pack_system, answer_code(q.id, v.value), v.label);
          return c;
        }
      return std::nullopt;
    case pack::QuestionType::string:
      if (!equality || !literal.is_string() || literal.get_string().empty()) return std::nullopt;
      c["answerString"] = literal;
      return c;
    case pack::QuestionType::array: return std::nullopt;
  }
  return std::nullopt;
}

// The operands of a unary operator: `{"!": x}` and `{"!": [x]}` alike.
const value* single_operand(const value& args) {
  if (const auto* a = args.if_array()) return a->size() == 1 ? &(*a)[0] : nullptr;
  return &args;
}

// One leaf condition, or several alternatives for `in` (behavior "any").
std::optional<EnableWhen> leaf(const value& rule, const pack::Pack& pack, std::string_view pack_system) {
  static const std::map<std::string, std::pair<std::string, std::string>, std::less<>> kOps{
      // JsonLogic operator -> (FHIR operator with the item on the left, with the item on the right)
      {"==", {"=", "="}}, {"===", {"=", "="}},  {"!=", {"!=", "!="}}, {"!==", {"!=", "!="}},
      {"<", {"<", ">"}},  {"<=", {"<=", ">="}}, {">", {">", "<"}},    {">=", {">=", "<="}}};
  EnableWhen out;
  // An item alone, or negated: boolean items only.
  if (const auto* q = read_question(rule, pack)) {
    if (q->type != pack::QuestionType::boolean) return std::nullopt;
    out.conditions.push_back(*condition(*q, "=", value(true), pack_system));
    return out;
  }
  const auto* o = rule.if_object();
  if (o == nullptr || o->size() != 1) return std::nullopt;
  const auto& [key, args] = *o->begin();
  if (key == "!" || key == "!!") {
    const value* x = single_operand(args);
    const pack::Question* q = x != nullptr ? read_question(*x, pack) : nullptr;
    if (q == nullptr || q->type != pack::QuestionType::boolean) return std::nullopt;
    out.conditions.push_back(*condition(*q, "=", value(key == "!!"), pack_system));
    return out;
  }
  const auto* list = args.if_array();
  if (list == nullptr || list->size() != 2) return std::nullopt;  // `<` with three operands is "between"
  if (key == "in") {
    const auto* q = read_question((*list)[0], pack);
    const auto* options = (*list)[1].if_array();
    if (q == nullptr || options == nullptr || options->empty()) return std::nullopt;
    // JsonLogic's `in` on a string haystack is substring search; only lists are equality.
    for (const auto& option : *options) {
      auto c = condition(*q, "=", option, pack_system);
      if (!c) return std::nullopt;
      out.conditions.push_back(std::move(*c));
    }
    if (out.conditions.size() > 1) out.behavior = "any";
    return out;
  }
  const auto op = kOps.find(key);
  if (op == kOps.end()) return std::nullopt;
  const auto* left = read_question((*list)[0], pack);
  const auto* right = read_question((*list)[1], pack);
  if ((left == nullptr) == (right == nullptr)) return std::nullopt;  // one item and one literal
  const value& literal = left != nullptr ? (*list)[1] : (*list)[0];
  if (literal.is_object() || literal.is_array() || literal.is_null()) return std::nullopt;
  auto c = condition(left != nullptr ? *left : *right, left != nullptr ? op->second.first : op->second.second, literal,
                     pack_system);
  if (!c) return std::nullopt;
  out.conditions.push_back(std::move(*c));
  return out;
}

}  // namespace

std::optional<EnableWhen> to_enable_when(const value& rule, const pack::Pack& pack, std::string_view pack_system) {
  const auto* o = rule.if_object();
  if (o != nullptr && o->size() == 1 && (o->contains("and") || o->contains("or"))) {
    const bool all = o->contains("and");
    const auto* parts = o->begin()->value().if_array();
    if (parts == nullptr || parts->empty()) return std::nullopt;
    EnableWhen out;
    for (const auto& part : *parts) {
      auto one = leaf(part, pack, pack_system);
      // A nested alternative inside an `and` (or the reverse) cannot be said with one enableBehavior.
      if (!one || (one->conditions.size() > 1 && all)) return std::nullopt;
      for (auto& c : one->conditions) out.conditions.push_back(std::move(c));
    }
    if (out.conditions.size() > 1) out.behavior = all ? "all" : "any";
    return out;
  }
  return leaf(rule, pack, pack_system);
}

namespace {

const char* item_type(pack::QuestionType t) {
  switch (t) {
    case pack::QuestionType::integer: return "integer";
    case pack::QuestionType::number: return "decimal";
    case pack::QuestionType::boolean: return "boolean";
    case pack::QuestionType::string: return "string";
    case pack::QuestionType::enumeration: return "choice";
    case pack::QuestionType::array: return "group";
  }
  return "string";
}

// UCUM codes for the units packs use; others are left out rather than guessed.
std::optional<std::string_view> ucum_unit(std::string_view unit) {
  if (unit == "years") return "a";
  if (unit == "hours") return "h";
  if (unit == "days") return "d";
  if (unit == "g") return "g";
  if (unit == "mg") return "mg";
  return std::nullopt;
}

object extension(std::string_view url, std::string_view key, value v) {
  return object{{"url", url}, {key, std::move(v)}};
}

object question_item(const pack::Question& q, const std::string& link_id, const value* applies_if,
                     const pack::Pack& pack, std::string_view pack_system) {
  object item{{"linkId", link_id}, {"text", q.question}, {"type", item_type(q.type)}};
  array extensions;
  const bool numeric = q.type == pack::QuestionType::integer || q.type == pack::QuestionType::number;
  auto bound = [&](const char* url, double b) {
    if (q.type == pack::QuestionType::integer) {
      extensions.push_back(extension(url, "valueInteger", static_cast<std::int64_t>(std::llround(b))));
    } else {
      extensions.push_back(extension(url, "valueDecimal", b));
    }
  };
  if (numeric && q.min) bound("http://hl7.org/fhir/StructureDefinition/minValue", *q.min);
  if (numeric && q.max) bound("http://hl7.org/fhir/StructureDefinition/maxValue", *q.max);
  if (const auto ucum = ucum_unit(q.unit); numeric && ucum)
    extensions.push_back(extension("http://hl7.org/fhir/StructureDefinition/questionnaire-unit", "valueCoding",
                                   coding(kUcum, *ucum, q.unit)));
  if (q.type == pack::QuestionType::array && q.max_items)
    extensions.push_back(extension("http://hl7.org/fhir/StructureDefinition/questionnaire-maxOccurs", "valueInteger",
                                   static_cast<std::int64_t>(*q.max_items)));
  if (q.applies_if) {
    extensions.push_back(
        extension(kAppliesIfExtension, "valueString",
                  applies_if != nullptr ? value(json::to_text(*applies_if)) : value("(condition not exported)")));
    if (applies_if != nullptr) {
      if (auto when = to_enable_when(*applies_if, pack, pack_system)) {
        item["enableWhen"] = std::move(when->conditions);
        if (!when->behavior.empty()) item["enableBehavior"] = when->behavior;
      }
    }
  }
  if (!extensions.empty()) item["extension"] = std::move(extensions);
  // A list may be empty ("Enter none if you take nothing"): as a FHIR group,
  // required would demand at least one element, so lists are never required.
  item["required"] = q.required && q.type != pack::QuestionType::array;
  if (q.type == pack::QuestionType::array) item["repeats"] = true;
  if (q.type == pack::QuestionType::string && q.max_length)
    item["maxLength"] = static_cast<std::int64_t>(*q.max_length);
  if (q.type == pack::QuestionType::enumeration) {
    array options;
    for (const auto& v : q.values)
      options.push_back(object{{"valueCoding", coding(pack_system, answer_code(q.id, v.value), v.label)}});
    item["answerOption"] = std::move(options);
  }
  array children;
  if (!q.help.empty())
    children.push_back(object{
        {"extension",
         array{extension("http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl", "valueCodeableConcept",
                         concept_of("http://hl7.org/fhir/questionnaire-item-control", "help", "Help-Button"))}},
        {"linkId", link_id + ".help"},
        {"text", q.help},
        {"type", "display"}});
  for (const auto& f : q.fields)
    children.push_back(question_item(
        f, link_id + "." + f.id, f.applies_if_source.is_null() ? nullptr : &f.applies_if_source, pack, pack_system));
  if (!children.empty()) item["item"] = std::move(children);
  return item;
}

// Each top-level item's applies_if as written in the pack's text.
std::map<std::string, value, std::less<>> applies_if_rules(const pack::Pack& pack, std::string_view pack_text) {
  std::map<std::string, value, std::less<>> out;
  if (pack_text.empty()) return out;
  auto doc = json::parse(pack_text);
  if (!doc || !doc->is_object()) return out;
  // Only this pack's text: a different pack's rules would be silently wrong.
  const auto* meta = doc->as_object().if_contains("pack");
  if (meta == nullptr || !meta->is_object()) return out;
  const auto* id = meta->as_object().if_contains("id");
  const auto* version = meta->as_object().if_contains("version");
  if (id == nullptr || !id->is_string() || id->get_string() != pack.id || version == nullptr || !version->is_string() ||
      version->get_string() != pack.version)
    return out;
  const auto* items = doc->as_object().if_contains("questionnaire");
  if (items == nullptr || !items->is_array()) return out;
  for (const auto& item : items->get_array()) {
    const auto* o = item.if_object();
    if (o == nullptr) continue;
    const auto* qid = o->if_contains("id");
    const auto* rule = o->if_contains("applies_if");
    if (qid != nullptr && qid->is_string() && rule != nullptr) out.emplace(std::string(qid->get_string()), *rule);
  }
  return out;
}

}  // namespace

object questionnaire_resource(const pack::Pack& pack, std::string_view pack_text, std::string_view pack_system) {
  const auto rules_by_item = applies_if_rules(pack, pack_text);
  array items;
  for (const auto& q : pack.questionnaire) {
    // The rule as the pack wrote it, kept by the loader; a pack's text, when
    // given, serves packs loaded before the loader kept it.
    const auto found = rules_by_item.find(q.id);
    const value* rule = !q.applies_if_source.is_null() ? &q.applies_if_source
                        : found != rules_by_item.end() ? &found->second
                                                       : nullptr;
    items.push_back(question_item(q, q.id, rule, pack, pack_system));
  }
  return object{{"resourceType", "Questionnaire"},
                {"url", questionnaire_url(pack)},
                {"version", pack.version},
                {"name", "TrialwiseScreening"},
                {"title", pack.title + ": screening questions"},
                {"status", "active"},
                {"experimental", false},
                {"subjectType", array{"Patient"}},
                {"publisher", "Trialwise"},
                {"description", "The screening questions of the Trialwise pack \"" + pack.id + "\" " + pack.version +
                                    " (" + pack.article_title +
                                    "). An item with the applies-if extension is asked "
                                    "only when its rule (JsonLogic) holds; enableWhen repeats it where FHIR can say "
                                    "it exactly."},
                {"item", std::move(items)}};
}

namespace {

std::optional<object> answer_of(const pack::Question& q, const value& v, std::string_view pack_system) {
  switch (q.type) {
    case pack::QuestionType::integer:
      if (v.is_int64()) return object{{"valueInteger", v.get_int64()}};
      if (v.is_uint64()) return object{{"valueInteger", static_cast<std::int64_t>(v.get_uint64())}};
      if (v.is_double() && v.get_double() == std::floor(v.get_double()))
        return object{{"valueInteger", static_cast<std::int64_t>(v.get_double())}};
      return std::nullopt;
    case pack::QuestionType::number:
      if (!v.is_number()) return std::nullopt;
      return object{{"valueDecimal", v}};
    case pack::QuestionType::boolean:
      if (!v.is_bool()) return std::nullopt;
      return object{{"valueBoolean", v.get_bool()}};
    case pack::QuestionType::string:
      if (!v.is_string() || v.get_string().empty()) return std::nullopt;  // FHIR strings are never empty
      return object{{"valueString", v}};
    case pack::QuestionType::enumeration:
      if (!v.is_string()) return std::nullopt;
      for (const auto& c : q.values)
        if (c.value == v.get_string())
          return object{{"valueCoding", coding(pack_system, answer_code(q.id, c.value), c.label)}};
      return std::nullopt;
    case pack::QuestionType::array: return std::nullopt;
  }
  return std::nullopt;
}

void add_answer(array& items, const pack::Question& q, const std::string& link_id, const value& v,
                std::string_view pack_system) {
  if (q.type == pack::QuestionType::array) {
    const auto* list = v.if_array();
    if (list == nullptr) return;
    // A repeating group: one item per element, each with the element's fields.
    for (const auto& element : *list) {
      const auto* fields = element.if_object();
      if (fields == nullptr) continue;
      array children;
      for (const auto& f : q.fields)
        if (const auto* fv = fields->if_contains(f.id)) add_answer(children, f, link_id + "." + f.id, *fv, pack_system);
      object group{{"linkId", link_id}, {"text", q.question}};
      if (!children.empty()) group["item"] = std::move(children);
      items.push_back(std::move(group));
    }
    return;
  }
  auto answer = answer_of(q, v, pack_system);
  if (!answer) return;
  items.push_back(object{{"linkId", link_id}, {"text", q.question}, {"answer", array{std::move(*answer)}}});
}

}  // namespace

array response_items(const pack::Pack& pack, const object& answers, std::string_view pack_system) {
  array items;
  for (const auto& q : pack.questionnaire)
    if (const auto* v = answers.if_contains(q.id)) add_answer(items, q, q.id, *v, pack_system);
  return items;
}

}  // namespace trialwise::interop::detail
