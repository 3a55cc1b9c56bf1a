#include "trialwise/service/screening.hpp"

namespace trialwise::service {

Result<Screening, assess::AnswerProblems> screen(const pack::Pack& pack, boost::json::value answers) {
  auto checked = assess::check_answers(pack, std::move(answers));
  if (!checked) return Unexpected{std::move(checked).error()};
  auto a = assess::assess(pack, *checked);
  if (!a) return Unexpected{assess::AnswerProblems{a.error()}};
  return Screening{std::move(*checked), std::move(*a)};
}

}  // namespace trialwise::service
