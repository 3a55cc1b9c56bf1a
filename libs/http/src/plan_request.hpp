#pragma once

// A plan asked for in a request body, as POST /plan and POST /trial take it:
// {"answers": {...}, "start": "YYYY-MM-DD", "protocol"?, "outcome"?,
// "product"?, "g_per_serving"?, "days"?, "keep_other_products"?, "design"?}.

#include "context.hpp"
#include "trialwise/assess/plan.hpp"
#include "trialwise/core/result.hpp"
#include "trialwise/service/service.hpp"

namespace trialwise::http {

using PlannedTrial = service::Planned;

/// Reads the body, screens the answers and makes the plan. The failure is
/// the response to send: 400 naming each bad field (answers as
/// "/answers/age"), or 422 for a refusal, with the reasons, what to bring to
/// a clinician, and no dose.
Result<PlannedTrial, Response> plan_from_body(const Context& ctx);

/// Screening problems as a 400, their pointers under `base` ("/answers").
Response answer_problems(const std::vector<Error>& problems, std::string_view base);

}  // namespace trialwise::http
